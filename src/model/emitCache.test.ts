// The worker's YAML memory (issue 12): the text must be byte for byte what emitYaml writes, and a
// toggle must write only the objects it changed (the rest come through the objects patch unchanged).
import * as fc from 'fast-check';
import { Document, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../design/allowRules.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { decodeObjects, encodeObjects } from '../workers/objectsPatch.ts';
import { splitDocuments } from '../workers/findings.ts';
import { emitOne, emitYaml } from './emit.ts';
import { parseManifests } from './parse.ts';
import { yamlCache } from './emitCache.ts';
import type { KubeObject } from './types.ts';

describe('yamlCache', () => {
  it('writes what emitYaml writes, and after a toggle only the changed objects', () => {
    const cache = yamlCache();
    const settings = DEFAULT_SETTINGS;
    let page = baseCluster();
    // The worker holds copies, patched as the page sends them (identity kept for unchanged objects).
    let worker: KubeObject[] = structuredClone(page);
    expect(cache.emit(worker)).toBe(emitYaml(worker));
    expect(cache.written()).toBe(worker.length);
    const steps: ((o: KubeObject[]) => KubeObject[])[] = [
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, true, settings),
      (o) => setAllowRule(o, 'sameNamespace', { namespace: 'other' }, true, settings),
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, false, settings),
      (o) => o.filter((_, i) => i !== 1),
    ];
    for (const step of steps) {
      const next = step(page);
      const encoded = encodeObjects(next, page)!;
      worker = decodeObjects(encoded.patch, structuredClone(encoded.middle), worker)!;
      page = next;
      expect(cache.emit(worker)).toBe(emitYaml(worker));
      expect(cache.written()).toBe(encoded.middle.length);
    }
    expect(cache.emit([])).toBe(emitYaml([]));
  });

  it('writes each object as emitYaml does, quoting and order included', () => {
    const odd: KubeObject = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { namespace: 'x', name: 'odd', labels: { a: 'on', b: '<<', c: '1.0' } },
      data: { empty: '', list: [] as unknown as string, nested: { no: 'no' } as unknown as string },
    } as KubeObject;
    const cache = yamlCache();
    const list = [odd, baseCluster()[0]!, odd];
    expect(cache.emit(list)).toBe(emitYaml(list));
    // The same object twice is written once.
    expect(cache.written()).toBe(2);
  });
});

// Seeded from the parsed text (sourceText.ts): after an import, a toggle keeps the documents of the
// objects it did not change as they were written, and the text still reads back as the design.
describe('yamlCache seeded from parsed text', () => {
  const parse = (text: string) => {
    const parsed = parseManifests([{ name: 'design.yaml', text }]);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return parsed.manifests.map((m) => m.object);
  };
  // Key order is part of the design (the writer keeps it): compared as JSON, not as deep equality.
  const same = (a: readonly KubeObject[], b: readonly KubeObject[]) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

  const name = fc.constantFrom('web', 'api', 'db', 'on', 'no', '1.0', 'x-y');
  const labels = fc.dictionary(fc.constantFrom('app', 'team', 'tier', 'yes'), name, { maxKeys: 3 });
  const object = fc.record({ kind: fc.constantFrom('ConfigMap', 'Pod', 'Service'), name, namespace: fc.constantFrom('shop', 'other'), labels, note: fc.option(fc.constantFrom('a\nb\n', '# not a comment', '---', 'x: y'), { nil: undefined }) })
    .map(({ kind, name: n, namespace, labels: l, note }): KubeObject => ({
      apiVersion: 'v1', kind, metadata: { name: n, namespace, labels: l }, ...(note !== undefined ? { data: { note, copy: l } } : {}),
    }) as unknown as KubeObject);
  /** One object's document as people write it: yaml's own layouts, comments, shared values as anchors. */
  const writing = fc.record({ indentSeq: fc.boolean(), anchors: fc.boolean(), flow: fc.boolean(), before: fc.option(fc.constant('# before\n'), { nil: '' }), after: fc.option(fc.constant('# after\n'), { nil: '' }) });
  const documentOf = (o: KubeObject, w: { indentSeq: boolean; anchors: boolean; flow: boolean; before: string; after: string }) => {
    const doc = new Document(o, { version: '1.1', aliasDuplicateObjects: w.anchors });
    if (w.flow) visit(doc, { Map: (_k, node) => void (node !== doc.contents && (node.flow = true)) });
    return `${w.before}${doc.toString({ indentSeq: w.indentSeq, lineWidth: 0 })}${w.after}`;
  };
  type Edit = { at: number; kind: 'keep' | 'change' | 'remove' | 'add' };
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom<Edit['kind']>('keep', 'keep', 'change', 'remove', 'add') });

  it('reads back as the edited design, and the documents of unchanged objects are kept as written', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(object, writing), { minLength: 1, maxLength: 8 }), fc.array(edit, { maxLength: 4 }), object, (written, edits, extra) => {
        const text = written.map(([o, w]) => documentOf(o, w)).join('---\n');
        const parsed = parse(text);
        same(parsed, written.map(([o]) => o));
        const design: KubeObject[] = [...parsed];
        for (const e of edits) {
          const i = e.at % (design.length + 1);
          if (e.kind === 'add') design.splice(i, 0, structuredClone(extra));
          else if (i < design.length && e.kind === 'remove') design.splice(i, 1);
          else if (i < design.length && e.kind === 'change') design[i] = { ...design[i]!, metadata: { ...design[i]!.metadata, labels: { changed: 'yes' } } };
        }
        const cache = yamlCache();
        const out = cache.emit(design);
        same(parse(out), design);
        // New and changed objects are written, unless one of the same content was parsed (found by content).
        expect(cache.written()).toBeLessThanOrEqual(design.filter((o) => !parsed.includes(o)).length);
        // The documents of the parsed objects kept as they were written.
        const docs = splitDocuments(out);
        expect(docs.length).toBe(design.length);
        design.forEach((o, i) => {
          const k = parsed.indexOf(o);
          // The comments before the first document are the file's (a header), not its object's.
          if (k >= 0) expect(docs[i]!.text).toBe(k === 0 ? documentOf(written[0]![0], { ...written[0]![1], before: '' }) : documentOf(...written[k]!));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a document whose aliases are its own, and writes the items of a List that share an anchor', () => {
    const text = [
      '# the web policy: people read this\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\n  labels: &web\n    app: web\nspec:\n  podSelector:\n    matchLabels: *web\n',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    labels: &shared {app: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n    labels: *shared\n',
      // One item: the document is a List, not the item's own text.
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
    ].join('---\n');
    const parsed = parse(text);
    expect(parsed.length).toBe(5);
    const [policy, a, b, c, namespace] = parsed as [KubeObject, KubeObject, KubeObject, KubeObject, KubeObject];
    const changed = { ...namespace, metadata: { ...namespace.metadata, labels: { env: 'prod' } } } as KubeObject;
    const cache = yamlCache();
    const out = cache.emit([policy, a, b, c, changed]);
    same(parse(out), [policy, a, b, c, changed]);
    expect(cache.written()).toBe(4);
    expect(out.startsWith(`${text.split('---\n')[0]!.replace('# the web policy: people read this\n', '')}---\n`)).toBe(true);
    // Alone, b's alias would point at nothing: each item is written out.
    expect(splitDocuments(out)[2]!.text).toBe(emitOne(b));
  });

  it('leaves out the comments before the first document: the writer of a header adds it again', () => {
    const header = '# netpol-designer: imported big.yaml\n# Below: the policies.\n';
    const body = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a  # kept\n---\n# b\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n';
    const parsed = parse(`${header}${body}`);
    const cache = yamlCache();
    expect(`${header}${cache.emit(parsed)}`).toBe(`${header}${body}`);
    expect(cache.written()).toBe(0);
  });

  it('finds the document of a copy of a parsed object by its content', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: copied, namespace: shop}  # flow\ndata:\n  zero: 0\n---\n# second\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: copied2\n  namespace: shop\ndata:\n  a: one\n  b: two\n';
    const parsed = parse(text);
    // The page's copies (a structured clone each way), as the worker gets them when most objects changed.
    const copies = structuredClone(parsed);
    const cache = yamlCache();
    expect(cache.emit(copies)).toBe(text);
    expect(cache.written()).toBe(0);
    // Not the same content: the string '0' is not the number, and key order is the writer's too.
    const zero = { ...copies[0]!, data: { zero: '0' } } as unknown as KubeObject;
    const reordered = { ...copies[1]!, data: { b: 'two', a: 'one' } } as unknown as KubeObject;
    const out = cache.emit([zero, reordered]);
    same(parse(out), [zero, reordered]);
    expect(cache.written()).toBe(2);
  });

  it('writes the objects of a text it cannot split into documents of their own', () => {
    for (const text of [
      '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "unsplit-1"}}',
      '%YAML 1.1\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-2\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-3\n...\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-b\n',
      '--- # a\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-4\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-5',
      '---\n{apiVersion: v1, kind: Namespace, metadata: {name: unsplit-6}}\n',
      // Read with a warning: kubectl would take `on` for a boolean, the writer quotes it.
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsplit-7\n  labels:\n    enabled: on\n',
    ]) {
      const objects = parse(text);
      const cache = yamlCache();
      expect(cache.emit(objects), text).toBe(emitYaml(objects));
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { listItem, type Json } from '../../bench/dump/yaml.ts';
import { SAMPLES } from '../design/samples.ts';
import { parseManifestsByItem, splitDocuments, splitKubectlList } from '../model/listItems.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { parseManifests } from '../model/parse.ts';
import { rememberedText } from '../model/sourceText.ts';
import { stripServerFields } from '../model/strip.ts';
import type { SourceFile } from '../model/types.ts';
import { readKubectlYaml } from './fastYaml.ts';
import { parseKubectlManifests } from './manifests.ts';

/** The fast reading must give exactly what the full parser gives: objects, sources, positions, diagnostics. */
function expectSame(files: SourceFile[]): void {
  const fast = parseKubectlManifests(files);
  const full = parseManifestsByItem(files);
  expect(fast.diagnostics).toEqual(full.diagnostics);
  expect(fast.manifests.length).toBe(full.manifests.length);
  fast.manifests.forEach((m, i) => {
    const want = full.manifests[i]!;
    expect(m.source, `item ${i}`).toEqual(want.source);
    expect(m.object, `item ${i}`).toEqual(want.object);
    // Same paths in the same places (toEqual ignores missing keys on one side only for undefined values).
    expect(Object.keys(m.positions).sort(), `item ${i}`).toEqual(Object.keys(want.positions).sort());
    expect({ ...m.positions }, `item ${i}`).toEqual({ ...want.positions });
  });
  // The writer's memo (sourceText.ts) holds the same document texts: a toggle after either reading
  // rewrites the same documents (a List's items are not documents: no text is kept for them).
  if (files.every((f) => splitKubectlList(f.text) === undefined)) expect(fast.manifests.map((m) => rememberedText(m.object))).toEqual(full.manifests.map((m) => rememberedText(m.object)));
}

/** Share of a List's items the fast reader reads (so a test cannot pass by always falling back). */
function fastShare(text: string): number {
  const items = splitKubectlList(text) ?? [];
  const read = items.filter((item) => readKubectlYaml(item.text, undefined, Object.create(null), item.line) !== undefined);
  return items.length === 0 ? 0 : read.length / items.length;
}

const list = (items: readonly { readonly [key: string]: Json }[]) => `apiVersion: v1\nitems:\n${items.map(listItem).join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;

describe('parseKubectlManifests', () => {
  it('reads generated kubectl dumps (full and slim, both generators) as the full parser does', () => {
    for (const text of [generateDump({ pods: 60, seed: 5 }).text, generateDump({ pods: 50, seed: 9, slim: true }).text, kubectlDump({ pods: 50, seed: 3 }).text]) {
      const stripped = stripServerFields(text).text;
      expect(fastShare(stripped)).toBeGreaterThan(0.95);
      expectSame([{ name: 'dump.yaml', text: stripped }]);
    }
    // Unstripped too (managedFields and status read, not dropped).
    const raw = kubectlDump({ pods: 12, seed: 4 }).text;
    expect(fastShare(raw)).toBeGreaterThan(0.95);
    expectSame([{ name: 'raw.yaml', text: raw }]);
  }, 60_000);

  it('reads the samples, written as a kubectl List, as the full parser does', () => {
    for (const sample of SAMPLES) {
      const objects = parseManifests([{ name: sample.id, text: sample.yaml }]).manifests.map((m) => m.object as unknown as { [key: string]: Json });
      const text = list(objects);
      expect(fastShare(text), sample.id).toBeGreaterThan(0.9);
      expectSame([{ name: `${sample.id}.yaml`, text }]);
    }
  });

  it('keeps the full parser for what it must judge, with the same diagnostics and places', () => {
    const item = (body: string) => `apiVersion: v1\nitems:\n${body}kind: List\n`;
    const cases = [
      // quoted keys, block scalars, flow empties, comments, nulls, nested sequences, extra spaces after a dash
      item(`- apiVersion: v1\n  kind: Pod\n  metadata:\n    annotations:\n      "a/b": |\n        line one\n        line two\n      c: |-\n        x\n      'd.e': ""\n    labels:\n      app.kubernetes.io/name: web # a comment\n      tier: ~\n    name: web\n    namespace: shop\n    uid: 07e19cfc-affa-44a8-a4ae-39f7302edd9f\n  spec:\n    cpu: 500m\n    memory: 512Mi\n    version: 1.2.3\n    containers:\n    -   image: nginx\n        name: web\n        ports: []\n        env:\n        - name: A\n          value: "1"\n        args:\n        - --flag\n        - -x\n    nodeSelector: {}\n    hostNetwork: false\n    priority: 7\n    extra:\n`),
      // a boolean where a string belongs: the full parser warns, so the whole List is read by it
      item(`- apiVersion: v1\n  kind: Namespace\n  metadata:\n    labels:\n      enabled: yes\n    name: a\n`),
      // missing name, a nested List, a float, an anchor
      item(`- apiVersion: v1\n  kind: Namespace\n  metadata:\n    labels: {}\n`),
      item(`- apiVersion: v1\n  kind: PodList\n  items: []\n  metadata:\n    name: x\n`),
      item(`- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n  spec:\n    ratio: 1.5\n`),
      // numbers in YAML 1.1's other forms: exponent, octal, hex, base 60, a date
      ...['1e3', '0777', '0x1F', '12:30', '1_000', '2026-01-02', '.5', '+1'].map((v) => item(`- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n  spec:\n    v: ${v}\n`)),
      item(`- apiVersion: v1\n  kind: ConfigMap\n  metadata: &m\n    name: c\n  data:\n    other: *m\n`),
      // a second item after a broken one, duplicate keys
      item(`- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: a\n    name: b\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: c\n`),
    ];
    for (const text of cases) expectSame([{ name: 'case.yaml', text }]);
    // The first case is read fast (so the places of its fields are the fast reader's).
    expect(fastShare(cases[0]!)).toBe(1);
  });

  it('reads streams of documents one by one, fast, as the full parser reads the stream', () => {
    const streams = [...SAMPLES.map((sample) => sample.yaml), clusterYaml(syntheticCluster(120)), tenantDesignYaml({ namespaces: 12 })];
    for (const text of streams) {
      const docs = splitDocuments(text)!;
      expect(docs.length).toBeGreaterThan(1);
      const fast = docs.filter((d) => readKubectlYaml(d.text, undefined, Object.create(null), d.line) !== undefined).length;
      expect(fast / docs.length).toBeGreaterThan(0.5);
      expectSame([{ name: 'stream.yaml', text }]);
    }
  }, 60_000);

  it('keeps the full parser for streams it must judge, with the same diagnostics and places', () => {
    const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
    const cases = [
      // comments before and between, empty documents, a separator with a comment
      `# a design\n---\n${ns('a')}---\n---  # next\n${ns('b')}\n# trailing\n`,
      // a broken document among good ones: the whole stream's diagnostics
      `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: [\n---\n${ns('c')}`,
      // a document without a name, a boolean where a string belongs, duplicate keys
      `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata: {}\n`,
      `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    on: yes\n  name: b\n`,
      `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  name: c\n`,
      // anchors in one document, a List among documents, block scalars, flow style
      `${ns('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: c\ndata:\n  x: *m\n  y: |\n    ---\n    z\n`,
      `${ns('a')}---\napiVersion: v1\nkind: List\nitems:\n- ${ns('b').replace(/\n(?=.)/g, '\n  ')}`,
      `${ns('a')}---\n{apiVersion: v1, kind: Namespace, metadata: {name: b}}\n`,
      // what only the full parser reads: directives, document ends, content on the separator, CRLF, tabs
      `%YAML 1.2\n---\n${ns('a')}`,
      `${ns('a')}...\n---\n${ns('b')}`,
      `${ns('a')}--- !!map\n${ns('b')}`,
      `${ns('a')}---\r\n${ns('b')}`.replace(/\n/g, '\r\n'),
      `${ns('a')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n\tname: b\n`,
    ];
    for (const text of cases) expectSame([{ name: 'case.yaml', text }]);
    expect(splitDocuments(cases[0]!)!.map((d) => d.line)).toEqual([1, 3, 9]);
    for (const text of cases.slice(-5)) expect(splitDocuments(text)).toBeUndefined();
  });

  it('reads files that are not a plain List (documents, JSON) whole, as before', () => {
    expectSame([
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n' },
      { name: 'b.json', text: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"c"}}' },
    ]);
  });
});

describe('parseKubectlManifests on streams as people write them', () => {
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  // Documents the fast reader takes, some it leaves (flow style, a List, a name yaml warns about),
  // with comments and blank lines around them, between separators of every plain kind.
  const body = fc.constantFrom(ns('a'), `# own\n${ns('b')}`, `${ns('c')}# after\n\n`, `\n${ns('d')}`, '{apiVersion: v1, kind: Namespace, metadata: {name: e}}\n', `apiVersion: v1\nkind: List\nitems:\n- ${ns('f').replace(/\n(?=.)/g, '\n  ')}`, ns('on'), '# only a comment\n', '');
  const separator = fc.constantFrom('---\n', '---\n', '--- \n', '--- # next\n');
  it('keeps the same objects, places and document texts as the full parser', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom('# a design\n', '---\n', '\n# x\n---\n'), { nil: '' }), fc.array(fc.tuple(body, separator), { minLength: 1, maxLength: 6 }), fc.boolean(), (head, docs, newlineAtEnd) => {
        let text = head + docs.map(([b, sep], i) => (i === 0 ? b : `${sep}${b}`)).join('');
        if (!newlineAtEnd) text = text.replace(/\n$/, '');
        expectSame([{ name: 's.yaml', text }]);
      }),
      { numRuns: 400 },
    );
  });
});

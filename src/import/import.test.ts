import { describe, expect, it } from 'vitest';
import { parseManifests } from '../model/parse.ts';
import { emitYaml } from '../model/emit.ts';
import { buildCluster } from '../model/cluster.ts';
import { kindStatus } from '../model/kinds.ts';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { readKubectlYaml } from './fastYaml.ts';
import { importLarge, importLargeParallel, readPieces, slimObject, splitStream, summaryHeader, type ReadElsewhere } from './index.ts';
import { keepForModel } from './keep.ts';

/** What the full parser makes of a text, slimmed: the reference the fast path must equal. */
function reference(text: string) {
  const parsed = parseManifests([{ name: 'dump.yaml', text }]);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return parsed.manifests.filter((m) => kindStatus(m.object) === 'evaluated').map((m) => ({ object: slimObject(m.object), line: m.source.line }));
}

describe('importLarge', () => {
  it('reads a kubectl dump exactly as the full parser does, slimmed, with the lines of the file', () => {
    const dump = kubectlDump({ pods: 120, seed: 7 });
    const r = importLarge(dump.text, 'dump.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
    const ref = reference(dump.text);
    const policies = ref.filter((m) => m.object.kind === 'NetworkPolicy');
    const held = ref.filter((m) => m.object.kind !== 'NetworkPolicy');
    expect(r.design.held).toEqual(held.map((m) => m.object));
    expect(r.design.heldLines).toEqual(held.map((m) => m.line));
    expect(r.design.shown).toEqual(policies.map((m) => m.object));
    expect(r.design.kept.Pod).toBe(dump.pods);
    // The editor text is the header and the policies; it parses back to the same policies.
    const back = parseManifests([{ name: 'editor.yaml', text: r.design.text }]);
    expect(back.diagnostics).toEqual([]);
    expect(back.manifests.map((m) => m.object)).toEqual(r.design.shown);
    expect(r.design.text.length).toBeLessThan(dump.text.length / 5);
  });

  it('drops managedFields, status (but pod IPs), last-applied copies and container detail', () => {
    const dump = kubectlDump({ pods: 10, seed: 3 });
    const r = importLarge(dump.text, 'dump.yaml');
    if (!r.ok) throw new Error('import failed');
    const pod = r.design.held.find((o) => o.kind === 'Pod')!;
    const json = JSON.stringify(r.design.held);
    expect(json).not.toContain('managedFields');
    expect(json).not.toContain('last-applied-configuration');
    expect(json).not.toContain('resourceVersion');
    expect(json).not.toContain('containerStatuses');
    expect(Object.keys(pod.status as object).sort()).toEqual(['hostIP', 'podIP', 'podIPs']);
    expect(Object.keys((pod.spec as { containers: object[] }).containers[0]!).sort()).toEqual(['image', 'name', 'ports']);
  });

  it('counts kinds it does not evaluate instead of keeping them', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
    namespace: x
- apiVersion: v1
  kind: Namespace
  metadata:
    name: x
`;
    const r = importLarge(text, 'f.yaml');
    if (!r.ok) throw new Error('import failed');
    expect(r.design.ignored).toEqual({ ConfigMap: 1 });
    expect(r.design.held.map((o) => o.kind)).toEqual(['Namespace']);
    expect(r.design.text).toContain('# Not imported (kinds the designer does not evaluate):\n#   1 ConfigMap.\n');
  });

  it('reports broken YAML and invalid objects at their lines in the file', () => {
    const dump = kubectlDump({ pods: 20, seed: 1 }).text.split('\n');
    const at = dump.findIndex((l, i) => i > 300 && l.includes('containerPort:'));
    dump[at] = dump[at]!.replace(/containerPort: \d+/, 'containerPort: 70000');
    const bad = dump.findIndex((l, i) => i > 600 && /^ {4}name: /.test(l));
    dump[bad] = `${dump[bad]}: oops`;
    const r = importLarge(dump.join('\n'), 'cluster.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const port = r.diagnostics.find((d) => d.code === 'invalid-port');
    expect(port).toMatchObject({ file: 'cluster.yaml', line: at + 1 });
    const syntax = r.diagnostics.find((d) => d.code === 'yaml-syntax');
    expect(syntax).toMatchObject({ file: 'cluster.yaml', line: bad + 1 });
  });

  it('reads several documents and an alias across List items (the whole text, slower)', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: b
    labels: &shared
      team: x
- apiVersion: v1
  kind: Namespace
  metadata:
    name: c
    labels: *shared
`;
    const r = importLarge(text, 'f.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.design.held.map((o) => [o.metadata.name, o.metadata.labels])).toEqual([['a', undefined], ['b', { team: 'x' }], ['c', { team: 'x' }]]);
    expect(r.design.heldLines).toEqual([1, 9, 15]);
  });

  it('reports progress up to the whole text', () => {
    const text = kubectlDump({ pods: 30 }).text;
    const seen: number[] = [];
    importLarge(text, 'f.yaml', (p) => seen.push(p.done / p.total));
    expect(seen.at(-1)).toBe(1);
  });
});

describe('importLargeParallel', () => {
  // The second half read "elsewhere": here, through a copy, as the helper worker's answer is.
  const elsewhere = (calls: number[]): ReadElsewhere => (pieces, file, stopOnAlias, emitShown) => {
    calls.push(pieces.length);
    return Promise.resolve(structuredClone(readPieces(structuredClone(pieces), file, { stopOnAlias, emitShown })));
  };

  it('gives the same outcome as importLarge, with half the pieces read elsewhere', async () => {
    const text = kubectlDump({ pods: 500, seed: 4 }).text;
    const calls: number[] = [];
    const seen: number[] = [];
    const parallel = await importLargeParallel(text, 'dump.yaml', elsewhere(calls), (p) => seen.push(p.done / p.total));
    expect(calls.length).toBe(1);
    const pieces = splitStream(text).length;
    expect(calls[0]).toBeGreaterThan(pieces / 4);
    expect(calls[0]).toBeLessThan((pieces * 3) / 4);
    // The editor text written by the two readers, document by document, is emitYaml's.
    const whole = importLarge(text, 'dump.yaml');
    expect(parallel).toEqual(whole);
    if (!whole.ok) throw new Error('import failed');
    expect(whole.design.shown.length).toBeGreaterThan(50);
    expect(whole.design.text).toBe(`${whole.design.header}${emitYaml(whole.design.shown)}`);
    expect(seen.at(-1)).toBe(1);
  });

  it('checks what it read with the diagnostics of the full cluster build', () => {
    const read = readPieces(splitStream(kubectlDump({ pods: 60, seed: 6 }).text), 'f.yaml', { stopOnAlias: false }).manifests;
    const evaluated = read.filter((m) => kindStatus(m.object) === 'evaluated');
    // A second copy of an object: a duplicate, an error of the build (not of validation).
    const manifests = [...evaluated, { ...evaluated[3]!, source: { file: 'f.yaml', line: 99999, col: 1 } }];
    const full = buildCluster(manifests);
    expect(full.diagnostics.some((d) => d.code === 'duplicate-object')).toBe(true);
    const only = buildCluster(manifests, undefined, undefined, true);
    expect(only.diagnostics).toEqual(full.diagnostics);
    expect(only.cluster.workloads).toEqual([]);
  });

  it('writes each shown object where it is read, and nothing for the held ones', () => {
    const pieces = splitStream(kubectlDump({ pods: 40, seed: 3 }).text);
    const read = readPieces(pieces, 'f.yaml', { stopOnAlias: false, emitShown: true });
    expect(read.emitted?.length).toBe(read.manifests.length);
    read.manifests.forEach((m, i) => {
      if (m.object.kind === 'NetworkPolicy') expect(read.emitted?.[i]).toBe(emitYaml([slimObject(m.object)]));
      else expect(read.emitted?.[i]).toBeNull();
    });
  });

  it('gives the same errors, at the same lines, wherever they are read', async () => {
    const dump = kubectlDump({ pods: 500, seed: 2 }).text.split('\n');
    const late = dump.findIndex((l, i) => i > dump.length * 0.8 && l.includes('containerPort:'));
    dump[late] = dump[late]!.replace(/containerPort: \d+/, 'containerPort: 70000');
    const text = dump.join('\n');
    const parallel = await importLargeParallel(text, 'cluster.yaml', elsewhere([]));
    expect(parallel.ok).toBe(false);
    expect(parallel).toEqual(importLarge(text, 'cluster.yaml'));
    if (!parallel.ok) expect(parallel.diagnostics.find((d) => d.code === 'invalid-port')).toMatchObject({ line: late + 1 });
  });

  it('reads a small file in one place', async () => {
    const calls: number[] = [];
    const text = kubectlDump({ pods: 20, seed: 1 }).text;
    expect(await importLargeParallel(text, 'f.yaml', elsewhere(calls))).toEqual(importLarge(text, 'f.yaml'));
    expect(calls).toEqual([]);
  });
});

describe('splitStream', () => {
  it('cuts a List into items at their lines and keeps columns (the dash becomes a space)', () => {
    const text = 'apiVersion: v1\nitems:\n- kind: A\n  x: 1\n# c\n- kind: B\nkind: List\n---\nkind: C\n';
    const pieces = splitStream(text);
    expect(pieces.map((p) => [p.line, p.text])).toEqual([[3, '  kind: A\n  x: 1\n# c\n'], [6, '  kind: B\n'], [8, '---\nkind: C\n']]);
  });

  it('leaves a List it cannot follow whole', () => {
    const text = 'kind: List\nitems: []\n';
    expect(splitStream(text)).toEqual([{ text, line: 1, end: text.length }]);
  });
});

describe('readKubectlYaml', () => {
  const same = (text: string) => {
    const full = parseManifests([{ name: 'x', text }]).manifests[0]?.object;
    expect(readKubectlYaml(text)).toEqual(full);
  };

  it('equals the full parser on what kubectl prints', () => {
    same('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    "x.io/y": "1"\n    b: \'it\'\'s\'\nspec:\n  m: 3\n  ip: 10.1.2.3\n  cidr: 10.0.0.0/8\n  t: true\n  l:\n  - a\n  - k: v\n    j: {}\n  e: []\n  s: |\n    one\n\n    two\n  z: |-\n    x\n  c: value # comment\n  q: "\\u00e9\\n"\n  d: --flag\n');
  });

  it('reads keys at any indentation as the full parser does (quoted, with a colon or a hash inside, dotted, signed)', () => {
    same('kind: Pod\nspec:\n  "a:b": 1\n  \'c d\': x\n  e#f: g\n  h: i # j\n  k.l/m: n\n  -o: p\n  .q: r\n  +s: t\n  10: u\n  deep:\n    deeper:\n      "x": y\n      z: \n');
    same('kind: Pod\nlist:\n- a: 1\n  "b": 2\n- \'c\': 3\n');
  });

  it('gives up on what it leaves to the full parser', () => {
    for (const text of [
      'kind: Pod\nmetadata:\n  name: &a x\n', // anchors
      'kind: Pod\nspec: {a: 1}\n', // flow mappings
      'kind: Pod\nx: 1.0\n', // YAML 1.1 floats
      'kind: Pod\nx: 0755\n', // octal
      'kind: Pod\nx: 2024-01-01\n', // timestamps
      'kind: Pod\nx: 1:30\n', // sexagesimal
      'kind: Pod\nx: a\n  b\n', // multi-line plain scalars
      'kind: Pod\nx: 1\nx: 2\n', // duplicate keys
      'kind: Pod\nspec:\n  n: 1\n', // `n` is a boolean key in YAML 1.1
      'kind: Pod\nspec:\n  FALSE: 1\n', // so is FALSE
      'kind: Pod\nspec:\n  1.5: x\n', // a float key
      'kind: Pod\nspec:\n  a :b\n', // no key
      'kind: Pod\nx: >\n  folded\n', // folded scalars
      'kind: Pod\nx: "\\x41"\n', // YAML-only escapes
      'kind: Pod\nmetadata:\n  labels:\n    a: yes\n', // a boolean where a string belongs: the full parser warns
      'kind: Pod\nx: !!str 1\n', // tags
      'a: 1\n---\nb: 2\n', // two documents
    ]) expect(readKubectlYaml(text), text).toBeUndefined();
  });

  it('skips what the model does not read, unparsed', () => {
    const text = 'kind: Pod\nmetadata:\n  name: a\n  managedFields:\n  - {not: parsed\n  uid: x\nstatus:\n  podIP: 10.0.0.1\n  phase: Running\n  conditions:\n  - type: Ready\n';
    expect(readKubectlYaml(text, keepForModel)).toEqual({ kind: 'Pod', metadata: { name: 'a' }, status: { podIP: '10.0.0.1' } });
  });
});

describe('summaryHeader', () => {
  it('says what is held apart, what was not imported and where the policies are', () => {
    const header = summaryHeader({ file: 'c.yaml', chars: 3 * 1024 * 1024, kept: { Pod: 2, NetworkPolicy: 1 }, ignored: { Secret: 2 }, held: 2, shown: 1 });
    expect(header.split('\n').every((l) => l === '' || (l.startsWith('#') && l.length <= 100))).toBe(true);
    expect(header).toContain('c.yaml (3.0 MB)');
    expect(header).toContain('2 Pods');
    expect(header).toContain('2 Secrets');
    expect(header).toContain('the 1 policy');
  });
});

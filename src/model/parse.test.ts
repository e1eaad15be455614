import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseManifests } from './parse.ts';
import type { ParseResult } from './types.ts';

const parse = (text: string, name = 'test.yaml'): ParseResult => parseManifests([{ name, text }]);
const errors = (r: ParseResult) => r.diagnostics.filter((d) => d.severity === 'error');
/** 1-based line of the line containing `marker`. */
const lineOf = (text: string, marker: string): number => text.split('\n').findIndex((l) => l.includes(marker)) + 1;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: frontend
    - ipBlock:
        cidr: 10.0.0.0/16
        except:
        - 10.0.1.0/24
    ports:
    - port: 80
  egress:
  -
`;

describe('parseManifests: documents and positions', () => {
  it('reads a multi-document stream with positions for every field', () => {
    const text = `${POLICY}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n`;
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests).toHaveLength(2);
    const [policy, ns] = r.manifests;
    expect(policy?.source).toEqual({ file: 'test.yaml', line: 1, col: 1 });
    expect(ns?.source).toEqual({ file: 'test.yaml', line: lineOf(text, 'kind: Namespace') - 1, col: 1 });
    const p = policy?.positions ?? {};
    expect(p['metadata.name']).toEqual({ line: 4, col: 9 });
    expect(p['spec.podSelector.matchLabels.app']).toEqual({ line: 9, col: 12 });
    expect(p['spec.ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]']).toEqual({ line: 14, col: 40 });
    expect(p['spec.ingress[0].from[1].ipBlock.except[0]']).toEqual({ line: 18, col: 11 });
    expect(p['spec.ingress[0].ports[0].port']).toEqual({ line: 20, col: 13 });
    // `-` with nothing after it: the item's own position
    expect(p['spec.egress[0]']).toBeDefined();
  });

  it('points at the key when a field has no value', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n');
    expect(r.manifests[0]?.positions.data).toEqual({ line: 5, col: 1 });
    expect(r.manifests[0]?.object.data).toBeNull();
  });

  it('skips empty documents silently', () => {
    expect(parse('')).toEqual({ manifests: [], diagnostics: [] });
    expect(parse('---\n# only a comment\n---\n...\n')).toEqual({ manifests: [], diagnostics: [] });
    expect(parse('---\n~\n')).toEqual({ manifests: [], diagnostics: [] });
  });

  it('keeps every field, unknown ones included, as plain structured-clone-safe data', () => {
    const r = parse(`${POLICY}x-custom:\n  nested: [1, two, {three: 3}]\nstatus: {}\n`);
    const object = r.manifests[0]?.object;
    expect(object?.['x-custom']).toEqual({ nested: [1, 'two', { three: 3 }] });
    expect(object?.status).toEqual({});
    expect(structuredClone(r.manifests)).toEqual(r.manifests);
    expect(JSON.parse(JSON.stringify(object))).toEqual(object);
  });

  it('keeps a __proto__ key as a field', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  __proto__: {polluted: yes}\n');
    const data = r.manifests[0]?.object.data as Record<string, unknown>;
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseManifests: YAML 1.1 as Kubernetes reads it', () => {
  it('reads quoted "on" as a string and 1.1 booleans/octals like go-yaml v2', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    mode: "on"\ndata:\n  flag: on\n  mode: 0755\n  when: 2024-01-01\n');
    const object = r.manifests[0]?.object;
    expect(object?.metadata.labels).toEqual({ mode: 'on' });
    expect(object?.data).toEqual({ flag: true, mode: 493, when: '2024-01-01' });
  });

  it('keeps unquoted y/on/1.0 in names and labels as text, with a warning (kubectl would send a boolean)', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: y\n  labels:\n    enabled: on\n    version: 1.0\n';
    const r = parse(text);
    expect(r.manifests[0]?.object.metadata).toEqual({ name: 'y', labels: { enabled: 'on', version: '1.0' } });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'unquoted-string', 4],
      ['warning', 'unquoted-string', 6],
      ['warning', 'unquoted-string', 7],
    ]);
    expect(r.diagnostics[0]?.message).toContain('quote it: "y"');
  });

  it('supports merge keys and aliases', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbase: &b {x: 1, y2: 2}\ndata:\n  <<: *b\n  x: 3\n');
    expect(r.manifests[0]?.object.data).toEqual({ x: 3, y2: 2 });
  });

  it('reports yaml warnings without dropping the document', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !custom value\n');
    expect(r.manifests).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'yaml-warning', line: 4 });
  });
});

describe('parseManifests: lists', () => {
  it('flattens kind: List into its items with their own positions', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: a
- apiVersion: v1
  kind: Namespace
  metadata:
    name: b
`;
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests.map((m) => m.object.metadata.name)).toEqual(['a', 'b']);
    expect(r.manifests[1]?.source).toEqual({ file: 'test.yaml', line: 8, col: 3 });
    expect(r.manifests[1]?.positions['metadata.name']).toEqual({ line: 11, col: 11 });
  });

  it('flattens typed lists (NetworkPolicyList) and fills in missing apiVersion/kind', () => {
    const r = parse('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nmetadata: {}\nitems:\n- metadata: {name: a, namespace: x}\n  spec: {podSelector: {}}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests[0]?.object).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'a', namespace: 'x' },
      spec: { podSelector: {} },
    });
  });

  it('reports a bad list item with its own position and keeps the others', () => {
    const r = parse('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- 42\n');
    expect(r.manifests).toHaveLength(1);
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'not-an-object', line: 7, col: 3 })]);
    expect(errors(r)[0]?.message).toContain('items[1] is the number 42');
  });
});

describe('parseManifests: broken input gives diagnostics, never throws', () => {
  it('reports a syntax error with its line and still reads the other documents', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n    bad: indent\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n';
    const r = parse(text);
    expect(r.manifests.map((m) => m.object.metadata.name)).toEqual(['a', 'c']);
    expect(errors(r).length).toBeGreaterThan(0);
    expect(errors(r)[0]).toMatchObject({ code: 'yaml-syntax', file: 'test.yaml', line: lineOf(text, 'name: b') });
  });

  it('rejects duplicate keys as kubectl does', () => {
    const r = parse('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n');
    expect(r.manifests).toEqual([]);
    expect(errors(r)[0]).toMatchObject({ code: 'yaml-syntax', line: 5 });
  });

  it('explains documents that are not objects', () => {
    expect(errors(parse('just a string'))[0]?.message).toContain('document is the string "just a string"');
    expect(errors(parse('- a\n- b\n'))[0]?.message).toContain('document is a list');
  });

  it('requires apiVersion, kind and metadata.name', () => {
    const noApi = parse('kind: Namespace\nmetadata: {name: a}\n');
    expect(errors(noApi)).toEqual([expect.objectContaining({ code: 'missing-field', path: 'apiVersion', line: 1 })]);
    const noKind = parse('apiVersion: v1\nmetadata: {name: a}\n');
    expect(errors(noKind)[0]).toMatchObject({ code: 'missing-field', path: 'kind' });
    const noName = parse('apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {a: b}\n');
    // On the line of `metadata:`, the field that lacks it.
    expect(errors(noName)[0]).toMatchObject({ code: 'missing-field', path: 'metadata.name', line: 3 });
    const generated = parse('apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n');
    expect(errors(generated)[0]?.message).toContain('generateName is not supported');
    const numberName = parse('apiVersion: v1\nkind: Pod\nmetadata: {name: [a]}\n');
    expect(errors(numberName)[0]).toMatchObject({ code: 'invalid-type', path: 'metadata.name' });
    expect(noApi.manifests.length + noKind.manifests.length + noName.manifests.length).toBe(0);
  });

  it('refuses binary files', () => {
    const r = parse('apiVersion: v1\0\0\x01\x02');
    expect(r.manifests).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'binary-file', line: 1, col: 15 })]);
  });

  it('survives random bytes without NULs, with a bounded number of diagnostics', () => {
    let seed = 7;
    const bytes = new Uint8Array(100_000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed % 255) + 1;
    });
    const r = parse(new TextDecoder().decode(bytes));
    expect(r.manifests).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.length).toBeLessThanOrEqual(25);
  });

  it('stops alias bombs', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = parse(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n${levels.join('\n')}\n`);
    expect(r.manifests).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'yaml-alias' })]);
  });

  it('refuses circular aliases', () => {
    const r = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d [*d]\n');
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'yaml-alias' })]);
  });

  it('refuses documents nested deeper than the cap, keeping the others', () => {
    const ok = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n';
    const deepFlow = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepDash = `${'- '.repeat(50_000)}x`;
    // Block nesting beyond what yaml's parser can take: the whole file is refused before parsing.
    const dash = parse(`${ok}---\n${deepDash}\n---\n${ok}`);
    expect(dash.manifests).toEqual([]);
    expect(errors(dash)).toEqual([expect.objectContaining({ code: 'too-deep', line: 5 })]);
    // Deep but parseable: only that document is refused.
    for (const deep of [deepFlow, `${'- '.repeat(300)}x`]) {
      const r = parse(`${ok}---\n${deep}\n---\n${ok}`);
      expect(r.manifests).toHaveLength(2);
      expect(errors(r)).toEqual([expect.objectContaining({ code: 'too-deep', line: 5 })]);
    }
    const justUnder = `${ok}data: ${'{a: '.repeat(MAX_DEPTH - 2)}1${'}'.repeat(MAX_DEPTH - 2)}\n`;
    expect(parse(justUnder).manifests).toHaveLength(1);
    const justOver = `${ok}data: ${'{a: '.repeat(MAX_DEPTH)}1${'}'.repeat(MAX_DEPTH)}\n`;
    expect(errors(parse(justOver))[0]?.code).toBe('too-deep');
  });

  it('reads a 10 MB stream in one pass', { timeout: 180_000 }, () => {
    const doc = (i: number) => POLICY.replace('name: web', `name: web-${i}`);
    const parts: string[] = [];
    let size = 0;
    while (size < 10_000_000) {
      const part = doc(parts.length);
      parts.push(part);
      size += part.length + 4;
    }
    const r = parse(parts.join('---\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests).toHaveLength(parts.length);
    expect(r.manifests.at(-1)?.object.metadata.name).toBe(`web-${parts.length - 1}`);
  });
});

describe('parseManifests: JSON', () => {
  const json = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "a",
    "labels": {"app": "web"}
  },
  "spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80}]}]}
}
`;

  it('reads JSON with positions', () => {
    const r = parse(json, 'pod.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests[0]?.object.metadata).toEqual({ name: 'a', labels: { app: 'web' } });
    const lines = json.split('\n');
    expect(r.manifests[0]?.positions['metadata.labels.app']).toEqual({ line: 6, col: (lines[5] ?? '').indexOf('"web"') + 1 });
    expect(r.manifests[0]?.positions['spec.containers[0].ports[0].containerPort']).toEqual({ line: 8, col: (lines[7] ?? '').indexOf('80') + 1 });
  });

  it('gives JSON syntax errors a precise line', () => {
    const broken = json.replace('"name": "a",', '"name": "a"');
    const r = parse(broken, 'pod.json');
    expect(r.manifests).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 6 })]);
    expect(r.diagnostics[0]?.message).toMatch(/^invalid JSON/);
    const trailing = parse('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"},}\n');
    expect(trailing.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 1 });
    // A bad token (Node's message names no position for it): found by scanning, with what was expected.
    const token = parse('{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": x}\n}\n', 'ns.json');
    expect(token.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 4, col: 24 })]);
    expect(token.diagnostics[0]?.message).toContain('expected a value');
  });

  it('reads a JSON List', () => {
    const r = parse('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}]}');
    expect(r.manifests.map((m) => m.object.kind)).toEqual(['Namespace']);
  });

  it('does not turn JSON booleans into strings (they are explicit there)', () => {
    const r = parse('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","labels":{"on":true}}}');
    expect(r.diagnostics).toEqual([]);
    expect(r.manifests[0]?.object.metadata.labels).toEqual({ on: true });
  });
});

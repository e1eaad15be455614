import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitJson, emitYaml } from './emit.ts';
import { parseManifests } from './parse.ts';
import type { KubeObject } from './types.ts';

const reparse = (text: string, name = 'out.yaml'): KubeObject[] => {
  const r = parseManifests([{ name, text }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.manifests.map((m) => m.object);
};

describe('emitYaml', () => {
  const object: KubeObject = {
    status: { x: 1 },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
    zeta: true,
    metadata: { uid: 'u', annotations: { note: 'n' }, labels: { app: 'web' }, namespace: 'prod', name: 'p' },
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    alpha: [1, 2],
  };

  it('orders fields kubectl-style and keeps the rest in their order', () => {
    expect(emitYaml([object])).toBe(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: prod
  labels:
    app: web
  annotations:
    note: "n"
  uid: u
spec:
  podSelector: {}
  policyTypes:
  - Ingress
status:
  x: 1
zeta: true
alpha:
- 1
- 2
`);
  });

  it('separates documents with --- and is deterministic', () => {
    const text = emitYaml([object, { ...object, metadata: { name: 'q' } }]);
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(emitYaml([object, { ...object, metadata: { name: 'q' } }])).toBe(text);
    expect(emitYaml([])).toBe('');
  });

  it('quotes what YAML 1.1 would read as something else', () => {
    const tricky = ['on', 'off', 'yes', 'no', 'y', 'n', 'true', '1.0', '0755', '1_000', '190:20:30', '2024-01-01', '~', 'null', '', '<<', '0x1F', '.inf', '+1'];
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { mode: 'on' } }, data: Object.fromEntries(tricky.map((v, i) => [`k${i}`, v])), '<<': 'merge?' };
    const text = emitYaml([cm]);
    expect(text).toContain('mode: "on"');
    expect(reparse(text)).toEqual([cm]);
  });

  it('never writes anchors for shared sub-objects', () => {
    const selector = { matchLabels: { app: 'web' } };
    const np: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: selector, ingress: [{ from: [{ podSelector: selector }] }] } };
    const text = emitYaml([np]);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(reparse(text)).toEqual([np]);
  });

  it('keeps unknown fields through parse -> emit -> parse', () => {
    const source = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  x-owner: team
spec:
  podSelector: {}
  futureField:
    nested: [1, {a: "yes"}]
extra: 7
`;
    const first = reparse(source);
    expect(first[0]?.spec).toMatchObject({ futureField: { nested: [1, { a: 'yes' }] } });
    expect(reparse(emitYaml(first))).toEqual(first);
  });
});

describe('emitJson', () => {
  it('prints one object, or several as a List, and reads back the same', () => {
    const a: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
    const b: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', labels: { on: 'yes' } } };
    expect(JSON.parse(emitJson([a]))).toEqual(a);
    expect(JSON.parse(emitJson([a, b])).kind).toBe('List');
    expect(reparse(emitJson([a, b]), 'out.json')).toEqual([a, b]);
  });
});

// --- property: parse(emit(x)) === x for generated NetworkPolicies with arbitrary extra fields

const tricky = fc.constantFrom('on', 'off', 'yes', 'no', 'y', 'N', 'true', 'null', '~', '1.0', '0755', '2024-01-01', '<<', '', ' ', '- x', '#', 'a: b', '"', "'", '\\', '\n', 'é', '💥');
const text = fc.oneof(tricky, fc.string(), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }));
const key = fc.oneof(fc.constantFrom('app', 'kubernetes.io/metadata.name', 'on', 'y', '<<', '1', '__proto__', 'a.b/c'), fc.string({ maxLength: 10 }));
const labels = fc.dictionary(key, text, { maxKeys: 3 });
const selector = fc.record(
  {
    matchLabels: labels,
    matchExpressions: fc.array(
      fc.record({ key, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.array(text, { maxLength: 3 }) }, { requiredKeys: ['key', 'operator'] }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const cidr = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, p]) => `${ip}/${p}`),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector, namespaceSelector: selector }, { requiredKeys: [] }),
  fc.record({ ipBlock: fc.record({ cidr, except: fc.array(cidr, { maxLength: 2 }) }, { requiredKeys: ['cidr'] }) }),
);
const port = fc.record(
  {
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('http', 'dns-tcp', 'on', '8080')),
    endPort: fc.integer({ min: 1, max: 65535 }),
  },
  { requiredKeys: [] },
);
// JSON data as it would come out of a parser: no -0, no undefined.
const extra = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const extras = fc.dictionary(key, extra, { maxKeys: 2 });
const rule = (peers: 'from' | 'to') =>
  fc.tuple(fc.record({ [peers]: fc.array(peer, { maxLength: 3 }), ports: fc.array(port, { maxLength: 3 }) }, { requiredKeys: [] }), extras).map(([r, e]) => ({ ...e, ...r }));

const networkPolicy: fc.Arbitrary<KubeObject> = fc
  .tuple(
    fc.record({ name: text, namespace: text, labels, annotations: labels }, { requiredKeys: ['name'] }),
    fc.record(
      {
        podSelector: selector,
        policyTypes: fc.subarray(['Ingress', 'Egress']),
        ingress: fc.array(rule('from'), { maxLength: 2 }),
        egress: fc.array(rule('to'), { maxLength: 2 }),
      },
      { requiredKeys: ['podSelector'] },
    ),
    extras,
    extras,
  )
  .filter(([metadata]) => metadata.name !== '')
  .map(([metadata, spec, top, inSpec]) => ({ ...top, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { ...inSpec, ...spec } }));

describe('property: parse(emit(x)) deep-equals x', () => {
  it('for YAML', () => {
    fc.assert(
      fc.property(fc.array(networkPolicy, { minLength: 1, maxLength: 3 }), (objects) => {
        const back = parseManifests([{ name: 'p.yaml', text: emitYaml(objects) }]);
        expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(back.manifests.map((m) => m.object)).toEqual(objects);
      }),
      { numRuns: 300 },
    );
  });

  it('for JSON', () => {
    fc.assert(
      fc.property(fc.array(networkPolicy, { minLength: 1, maxLength: 3 }), (objects) => {
        const back = parseManifests([{ name: 'p.json', text: emitJson(objects) }]);
        expect(back.manifests.map((m) => m.object)).toEqual(objects);
      }),
      { numRuns: 100 },
    );
  });
});

// The reader of emitted documents (locateEmitted.ts) against the YAML parser's positions
// (src/model/parse.ts), document by document, on designs as the page emits them: the samples, a
// synthetic cluster, tenants, a kubectl dump, and objects with awkward keys and text. Where it
// answers, it answers as the parser does; it answers for every document of the common designs.
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { SAMPLES } from '../design/samples.ts';
import { emitYaml, loadDesign, parseManifests } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { splitDocuments } from './findings.ts';
import { locateEmitted } from './locateEmitted.ts';

const objectsOf = (text: string) => loadDesign([{ name: 'in.yaml', text }]).manifests.map((m) => m.object);

function compare(objects: KubeObject[]): { answered: number; documents: number } {
  const docs = splitDocuments(emitYaml(objects));
  let answered = 0;
  for (const doc of docs) {
    const fast = locateEmitted(doc.text);
    if (!fast) continue;
    answered++;
    const parsed = parseManifests([{ name: 'd.yaml', text: doc.text }]).manifests[0]!;
    expect({ start: { line: fast.start.line, col: fast.start.col }, positions: { ...fast.positions } })
      .toEqual({ start: { line: parsed.source.line, col: parsed.source.col }, positions: { ...parsed.positions } });
  }
  return { answered, documents: docs.length };
}

const awkward: KubeObject[] = [
  {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'text', namespace: 'a', annotations: { note: 'line one\nline two\n\nline four', 'yes': 'on', '80': 'n', 'a b': 'c: d', 'x': '# not a comment', empty: '', nothing: null } },
    data: { list: ['- a', 'b: c', { k: 'v', nested: { deep: [] } }, [], {}, 'last'], quoted: "it's", dq: '"q"', colon: 'http://x:80/' },
  } as unknown as KubeObject,
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'a', labels: { 'app.kubernetes.io/name': 'web', 'k8s-app': 'true' } },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 'dns-tcp' }] }] },
  } as unknown as KubeObject,
];

describe('locateEmitted', () => {
  it('answers as the parser for every document of the samples, and for most', () => {
    for (const s of SAMPLES) {
      const { answered, documents } = compare(objectsOf(s.yaml));
      expect(answered).toBeGreaterThan(documents / 2);
    }
  });

  it('answers as the parser for every document of a synthetic cluster and tenants, most of a kubectl dump', () => {
    for (const text of [clusterYaml(syntheticCluster(60)), tenantDesignYaml({ namespaces: 4 })]) {
      const { answered, documents } = compare(objectsOf(text));
      expect(answered).toBe(documents);
    }
    // managedFields keys such as `.` and `k:{"name":"coredns"}` go to the parser.
    const { answered, documents } = compare(objectsOf(generateDump({ pods: 30, seed: 2 }).text));
    expect(answered).toBeGreaterThan(documents / 2);
  });

  it('answers as the parser, or leaves it to the parser, for awkward keys and text', () => {
    const { answered } = compare(awkward);
    // The policy is plain; the ConfigMap's keys read as booleans and numbers go to the parser.
    expect(answered).toBeGreaterThanOrEqual(1);
  });

  it('leaves what it does not read to the parser', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {b: 1}\n', '- a\n', '  a: 1\n', 'a: 1 # note\n', '"a": 1\n', 'a:\n- - 1\n', 'a: |\n  x\n\n  y\nb: 1\n\n\n']) {
      const fast = locateEmitted(text);
      if (fast) {
        const parsed = parseManifests([{ name: 'd.yaml', text: `apiVersion: v1\nkind: X\nmetadata:\n  name: n\n${text}` }]);
        expect(parsed.manifests.length).toBeLessThanOrEqual(1);
      }
      expect(text === 'a: |\n  x\n\n  y\nb: 1\n\n\n' || fast === undefined).toBe(true);
    }
  });

  // A toggle keeps the user's own text of the objects it did not change (src/model/emitCache.ts
  // seeds it), so the reader also meets documents the writer never wrote.
  it('answers as the parser, or leaves it to the parser, for documents as people write them', () => {
    const head = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: a\n';
    const bodies = [
      '# why this policy exists\nspec:\n  podSelector: {}\n',
      'spec:\n  # all pods\n  podSelector:\n    matchLabels:\n      app: web\n',
      'spec:\n    podSelector:\n        matchLabels:\n            app: web\n    policyTypes:\n    - Ingress\n',
      'spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n    ports:\n      - port: 80\n',
      'spec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [10.0.0.0/8]\n',
      "spec:\n  podSelector:\n    matchLabels:\n      'app': \"web\"\n  policyTypes: [Ingress]\n",
      'spec:\n  podSelector: {}\n\n  ingress:\n\n  - {}\n',
      'spec:\n  podSelector: {}  # every pod\n',
      'spec:\n  podSelector:\n    matchLabels: &sel\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: *sel\n',
      'spec:\n  podSelector: {}\n  ingress:\n  -   from:\n      -   namespaceSelector: {}\n',
    ];
    let answered = 0;
    for (const body of bodies) {
      for (const text of [head + body, `# leading comment\n${head}${body}`, head.replace('metadata:', 'metadata: # meta') + body]) {
        const fast = locateEmitted(text);
        const parsed = parseManifests([{ name: 'd.yaml', text }]).manifests[0]!;
        if (!fast) continue;
        answered++;
        expect({ start: { line: fast.start.line, col: fast.start.col }, positions: { ...fast.positions } }, text)
          .toEqual({ start: { line: parsed.source.line, col: parsed.source.col }, positions: { ...parsed.positions } });
      }
    }
    // The plain block-style ones are read without the parser.
    expect(answered).toBeGreaterThanOrEqual(2);
  });
});

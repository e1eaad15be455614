import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { SAMPLES } from '../design/index.ts';
import { buildClusterFromObjects, emitYaml, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { applyFindingFix, reviewDesign } from '../review/findings/index.ts';
import type { Finding } from '../review/types.ts';
import { analyzeText } from './analysis.ts';
import { yamlCache } from '../model/emitCache.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { analyzeTextForReview, emittedDesign, reviewEmitted, reviewText, splitDocuments } from './findings.ts';

const LOCKDOWN = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
---
# Egress locked down to the namespace's own pods: DNS is forgotten.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: lockdown
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {}
---
# Only egress rules and no policyTypes: Kubernetes infers Ingress and denies all ingress.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-only
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  egress:
  - to:
    - podSelector: {}
`;

const objectsOf = (text: string): KubeObject[] => loadDesign([{ name: 'x.yaml', text }]).manifests.map((m) => m.object);
const where = (findings: Finding[]) => findings.map((f) => ({ id: f.id, line: f.location?.line, col: f.location?.col }));

/** The findings of objects as the worker gives them after writing their YAML. */
function afterEmit(objects: KubeObject[]): { text: string; findings: Finding[] } {
  const text = emitYaml(objects);
  return { text, findings: reviewEmitted(objects, text, 'design.yaml', DEFAULT_SETTINGS, buildClusterFromObjects(objects)) };
}

describe('analyzeTextForReview', () => {
  it('answers what analyzeText answers, and keeps the parsed design for the review', () => {
    for (const text of [LOCKDOWN, ...SAMPLES.map((s) => s.yaml), 'kind: [unclosed']) {
      const { result, design } = analyzeTextForReview(text, 'x.yaml', DEFAULT_SETTINGS);
      const { graph: graphA, ...restA } = result.ok ? result.analysis : { graph: undefined };
      const expected = analyzeText(text, 'x.yaml', DEFAULT_SETTINGS);
      const { graph: graphB, ...restB } = expected.ok ? expected.analysis : { graph: undefined };
      expect(result.ok).toBe(expected.ok);
      expect(restA).toEqual(restB);
      // Timings differ between runs; everything else must not.
      expect(graphA && { ...graphA, ms: 0 }).toEqual(graphB && { ...graphB, ms: 0 });
      if (!result.ok) expect(result.diagnostics).toEqual(!expected.ok && expected.diagnostics);
      expect(design !== undefined).toBe(result.ok);
    }
  });
});

describe('a toggle after a text is analyzed', () => {
  it('writes only the object it changed; every other document keeps its text, comments included', () => {
    // Documents the fast reader takes (most), some with comments of their own, and some it leaves
    // to the full parser (anchors, a flow mapping).
    const docs = tenantDesignYaml({ namespaces: 3 }).split('---\n').map((d, i) => (i % 3 === 1 ? `# note ${i}\n${d}` : d));
    docs.push('apiVersion: v1\nkind: Namespace\nmetadata: {name: flow}\n');
    const text = docs.join('---\n');
    const { result } = analyzeTextForReview(text, 'editor.yaml', DEFAULT_SETTINGS);
    if (!result.ok) throw new Error('not analyzed');
    const objects = [...result.analysis.objects];
    const at = objects.findIndex((o) => o.kind === 'NetworkPolicy');
    objects[at] = { ...objects[at]!, metadata: { ...objects[at]!.metadata, labels: { changed: 'yes' } } };
    const cache = yamlCache();
    const out = splitDocuments(cache.emit(objects)).map((d) => d.text);
    expect(cache.written()).toBe(1);
    expect(out).toHaveLength(docs.length);
    out.forEach((d, i) => {
      if (i !== at) expect(d).toBe(docs[i]);
    });
  });
});

describe('splitDocuments', () => {
  it('finds one document per object of emitted YAML, with the line each starts on', () => {
    const objects = objectsOf(LOCKDOWN);
    const text = emitYaml(objects);
    const docs = splitDocuments(text);
    expect(docs).toHaveLength(objects.length);
    const lines = text.split('\n');
    docs.forEach((d, i) => {
      expect(lines[d.line - 1]).toBe(d.text.split('\n')[0]);
      expect(d.text).toContain(`name: ${objects[i]!.metadata.name}`);
    });
    expect(docs.map((d) => d.text).join('---\n')).toBe(text);
  });

  it('is empty for no text and keeps "---" inside block scalars', () => {
    expect(splitDocuments('')).toEqual([]);
    const text = emitYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: 'one\n---\ntwo' } } as KubeObject]);
    expect(splitDocuments(text)).toHaveLength(1);
  });
});

describe('reviewEmitted', () => {
  it('locates findings in the written YAML exactly as a full parse of it would', () => {
    for (const text of [LOCKDOWN, ...SAMPLES.map((s) => s.yaml)]) {
      const { text: emitted, findings } = afterEmit(objectsOf(text));
      const parsed = reviewDesign(loadDesign([{ name: 'design.yaml', text: emitted }]), DEFAULT_SETTINGS);
      expect(findings.length).toBeGreaterThan(0);
      expect(where(findings)).toEqual(where(parsed));
      expect(findings).toEqual(parsed);
    }
  });

  it('points at the field of the written YAML, not of the text the objects came from', () => {
    const { text, findings } = afterEmit(objectsOf(LOCKDOWN));
    const dns = findings.find((f) => f.rule === 'egress-blocks-dns')!;
    const implicit = findings.find((f) => f.rule === 'policy-types-implicit-ingress')!;
    expect(dns.object?.name).toBe('lockdown');
    const lines = text.split('\n');
    expect(lines[dns.location!.line - 1]).toMatch(/egress:|- to:/);
    // The emitted YAML has no comments, so the lines differ from the imported text's.
    expect(dns.location!.line).not.toBe(reviewText(LOCKDOWN, 'x.yaml', DEFAULT_SETTINGS)!.find((f) => f.id === dns.id)!.location!.line);
    // The egress-only policy's document starts where the finding points (or one of its fields).
    const start = lines.findIndex((l, i) => l === 'kind: NetworkPolicy' && lines[i + 2] === '  name: egress-only');
    expect(implicit.location!.line).toBeGreaterThanOrEqual(start);
  });

  it('follows a fix: the fixed finding is gone and the others moved with the new lines', () => {
    const objects = objectsOf(LOCKDOWN);
    const before = afterEmit(objects);
    const dns = before.findings.find((f) => f.rule === 'egress-blocks-dns')!;
    expect(dns.fixes.length).toBeGreaterThan(0);
    const fixed = applyFindingFix(objects, dns.fixes[0]!);
    const after = afterEmit(fixed);
    expect(after.findings.some((f) => f.id === dns.id)).toBe(false);
    const parsed = reviewDesign(loadDesign([{ name: 'design.yaml', text: after.text }]), DEFAULT_SETTINGS);
    expect(where(after.findings)).toEqual(where(parsed));
  });

  it('parses only the documents findings point at', () => {
    const objects = objectsOf(LOCKDOWN);
    const text = emitYaml(objects);
    const design = emittedDesign(objects, text, 'design.yaml', buildClusterFromObjects(objects).cluster, [])!;
    const reads = new Set<number>();
    const counted = {
      ...design,
      manifests: design.manifests.map((m, i) => ({
        object: m.object,
        get source() {
          reads.add(i);
          return m.source;
        },
        get positions() {
          reads.add(i);
          return m.positions;
        },
      })),
    };
    const findings = reviewDesign(counted, DEFAULT_SETTINGS);
    const named = new Set(findings.flatMap((f) => (f.object ? [f.object.manifest] : [])));
    expect(named.size).toBeGreaterThan(0);
    // The Deployment (manifest 1) is named by no finding: its document is never read.
    expect(named.has(1)).toBe(false);
    expect([...reads].sort()).toEqual([...named].sort());
  });

  it('falls back to a full parse when the text does not split into one document per object', () => {
    const objects = objectsOf(LOCKDOWN);
    const text = `# written elsewhere\n---\n${emitYaml(objects)}`;
    expect(emittedDesign(objects, text, 'd.yaml', buildClusterFromObjects(objects).cluster, [])).toBeUndefined();
    const findings = reviewEmitted(objects, text, 'd.yaml', DEFAULT_SETTINGS, buildClusterFromObjects(objects));
    expect(where(findings)).toEqual(where(reviewDesign(loadDesign([{ name: 'd.yaml', text }]), DEFAULT_SETTINGS)));
  });
});

describe('reviewText', () => {
  it('reviews a text with its own lines, and gives nothing for a text that does not parse', () => {
    const findings = reviewText(LOCKDOWN, 'x.yaml', DEFAULT_SETTINGS)!;
    const dns = findings.find((f) => f.rule === 'egress-blocks-dns')!;
    expect(LOCKDOWN.split('\n')[dns.location!.line - 1]).toMatch(/egress:|- to:/);
    expect(reviewText('kind: [unclosed', 'x.yaml', DEFAULT_SETTINGS)).toBeUndefined();
  });
});

// Test support for the findings engine: designs from YAML text (so locations are real), fixes applied
// the way the UI applies them (changes -> objects -> YAML -> reload), verdicts from the engine.
import { compile, evaluate } from '../../engine/index.ts';
import { coreDns, deployment, namespace, pod } from '../../design/kube.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { emitYaml, loadDesign, type Design, type KubeObject, type Protocol } from '../../model/index.ts';
import type { Finding, FindingFix } from '../types.ts';
import { applyFindingFix, reviewDesign } from './index.ts';

export const SETTINGS: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };

/** shop (web: Deployment app=web port http 8080; api: Pod app=api ports http 9090, metrics 9100), other (client), kube-system (coredns). */
export function clusterObjects(): KubeObject[] {
  return [
    namespace('shop'),
    namespace('other'),
    namespace('kube-system'),
    ...coreDns(),
    deployment('shop', 'web', { labels: { app: 'web' }, image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }),
    pod('shop', 'api', { labels: { app: 'api' }, image: 'example/api:1', ports: [{ name: 'http', containerPort: 9090 }, { name: 'metrics', containerPort: 9100 }] }),
    deployment('other', 'client', { labels: { app: 'client' }, image: 'curl', ports: [{ name: 'http', containerPort: 8080 }] }),
  ];
}

export const CLUSTER_YAML = emitYaml(clusterObjects());

/** A design from YAML documents appended to the base cluster (or alone with `base: false`). */
export function design(yaml: string, options: { base?: boolean } = {}): Design {
  const text = options.base === false ? yaml : `${CLUSTER_YAML}---\n${yaml}`;
  const loaded = loadDesign([{ name: 't.yaml', text }]);
  return loaded;
}

export function review(yaml: string, settings: DesignSettings = SETTINGS, options: { base?: boolean } = {}): { design: Design; findings: Finding[] } {
  const d = design(yaml, options);
  return { design: d, findings: reviewDesign(d, settings) };
}

export const ofRule = (findings: readonly Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);

export function only(findings: readonly Finding[], rule: string): Finding {
  const hits = ofRule(findings, rule);
  if (hits.length !== 1) throw new Error(`expected one ${rule} finding, got ${hits.length}: ${hits.map((h) => h.id).join(', ')}`);
  return hits[0]!;
}

/** The design after a fix, through YAML, as the app would reload it. */
export function applyFix(d: Design, fix: FindingFix): Design {
  const objects = applyFindingFix(d.manifests.map((m) => m.object), fix);
  return loadDesign([{ name: 'fixed.yaml', text: emitYaml(objects) }]);
}

export function fixAndReview(d: Design, fix: FindingFix, settings: DesignSettings = SETTINGS): { design: Design; findings: Finding[] } {
  const fixed = applyFix(d, fix);
  const errors = fixed.diagnostics.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new Error(`fixed design has errors: ${errors.map((e) => e.message).join('; ')}`);
  return { design: fixed, findings: reviewDesign(fixed, settings) };
}

/** `ns/name` or `ip:ADDR` -> allowed? */
export function allowed(d: Design, from: string, to: string, port: number | string, protocol: Protocol = 'TCP'): boolean {
  const ep = (t: string) => (t.startsWith('ip:') ? { kind: 'ip' as const, ip: t.slice(3) } : { kind: 'workload' as const, id: t });
  return evaluate(compile(d.cluster), { from: ep(from), to: ep(to), port, protocol }).allowed;
}

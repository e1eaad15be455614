// Everything in the design that refers to a workload or a namespace, so a rename or a delete can
// show what it touches before it happens. NetworkPolicies refer to pods by label selectors, never by
// name (https://kubernetes.io/docs/concepts/services-networking/network-policies/), so "refers to"
// means: a policy that selects the pods, a rule peer that matches them, a Service whose selector
// matches them, a drawn flow or a switch that names them.
import { matchesSelector } from '../../engine/index.ts';
import type { KubeObject, LabelSelector } from '../../model/types.ts';
import { listFlows } from '../flows.ts';
import { annotationOf, findWorkload, isRecord, namespaceOf, NAMESPACE_NAME_LABEL } from '../objects.ts';
import { ANNOTATION_FLOW, ANNOTATION_RULE, ANNOTATION_TARGET, type FlowEnd } from '../types.ts';
import type { WorkloadRef } from './objects.ts';

export type Reference =
  | { kind: 'flow'; flowId: string; text: string }
  | { kind: 'rule'; namespace: string; name: string; text: string }
  | { kind: 'policy'; namespace: string; name: string; text: string }
  | { kind: 'service'; namespace: string; name: string; text: string }
  | { kind: 'object'; namespace: string; name: string; text: string };

export type CanvasTarget = { kind: 'workload'; namespace: string; name: string } | { kind: 'namespace'; name: string };

const asSelector = (v: unknown): LabelSelector | undefined => (isRecord(v) ? (v as LabelSelector) : undefined);

/** The labels a namespace has, with the one the API server always sets. */
export function namespaceLabels(objects: readonly KubeObject[], name: string): Record<string, string> {
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
  return { ...(ns?.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

const endNames = (end: FlowEnd, t: CanvasTarget): boolean =>
  t.kind === 'workload' ? end.kind === 'workload' && end.namespace === t.namespace && end.name === t.name : (end.kind === 'namespace' || end.kind === 'workload') && end.namespace === t.name;

/** The flows whose drawn ends name the target (for a namespace: it or a workload in it). */
export function flowsNaming(objects: readonly KubeObject[], t: CanvasTarget): string[] {
  return listFlows(objects).filter((f) => endNames(f.from, t) || endNames(f.to, t)).map((f) => f.id);
}

const targetOf = (t: CanvasTarget) => (t.kind === 'workload' ? `${t.namespace}/${t.name}` : t.name);

/** Switch (allow rule) objects aimed at the target. */
export function rulesAimedAt(objects: readonly KubeObject[], t: CanvasTarget): KubeObject[] {
  return objects.filter((o) => {
    if (annotationOf(o, ANNOTATION_RULE) === undefined) return false;
    const key = annotationOf(o, ANNOTATION_TARGET);
    return key === targetOf(t) || (t.kind === 'namespace' && key?.startsWith(`${t.name}/`) === true);
  });
}

/** Pod-level peers of a NetworkPolicy's rules that match pods with `labels` in namespace `ns`. */
function peerMatches(policy: KubeObject, ns: string, labels: Record<string, string>, nsLabels: Record<string, string>): string[] {
  const spec = isRecord(policy['spec']) ? policy['spec'] : {};
  const out: string[] = [];
  for (const [dir, key] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = Array.isArray(spec[dir]) ? spec[dir] : [];
    rules.forEach((rule, i) => {
      const peers = isRecord(rule) && Array.isArray(rule[key]) ? rule[key] : [];
      for (const peer of peers) {
        if (!isRecord(peer)) continue;
        const pods = asSelector(peer['podSelector']);
        const nss = asSelector(peer['namespaceSelector']);
        if (!pods) continue;
        const nsOk = nss ? matchesSelector(nss, nsLabels) : namespaceOf(policy) === ns;
        if (nsOk && matchesSelector(pods, labels)) {
          out.push(`${dir} rule ${i + 1}`);
          break;
        }
      }
    });
  }
  return out;
}

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

/** The namespaceSelectors of a NetworkPolicy's rule peers. */
function namespacePeers(policy: KubeObject): LabelSelector[] {
  const spec = isRecord(policy['spec']) ? policy['spec'] : {};
  const out: LabelSelector[] = [];
  for (const [dir, key] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of Array.isArray(spec[dir]) ? spec[dir] : []) {
      for (const peer of isRecord(rule) && Array.isArray(rule[key]) ? rule[key] : []) {
        const sel = isRecord(peer) ? asSelector(peer['namespaceSelector']) : undefined;
        if (sel) out.push(sel);
      }
    }
  }
  return out;
}

export function referencesOf(objects: readonly KubeObject[], t: CanvasTarget): Reference[] {
  const refs: Reference[] = [];
  const flows = new Set(flowsNaming(objects, t));
  for (const f of listFlows(objects)) if (flows.has(f.id)) refs.push({ kind: 'flow', flowId: f.id, text: `drawn flow ${f.id}` });
  for (const o of rulesAimedAt(objects, t)) {
    refs.push({ kind: 'rule', namespace: namespaceOf(o), name: o.metadata.name, text: `switch ${annotationOf(o, ANNOTATION_RULE)} (${namespaceOf(o)}/${o.metadata.name})` });
  }
  const generated = (o: KubeObject) => annotationOf(o, ANNOTATION_FLOW) !== undefined || annotationOf(o, ANNOTATION_RULE) !== undefined;
  if (t.kind === 'workload') {
    const w = findWorkload(objects, t.namespace, t.name);
    if (!w) return refs;
    const nsLabels = namespaceLabels(objects, t.namespace);
    for (const o of objects) {
      if (o.kind === 'NetworkPolicy' && !generated(o)) {
        const spec = isRecord(o['spec']) ? o['spec'] : {};
        const sel = asSelector(spec['podSelector']);
        const why: string[] = [];
        if (namespaceOf(o) === t.namespace && sel && matchesSelector(sel, w.labels)) why.push('selects its pods');
        why.push(...peerMatches(o, t.namespace, w.labels, nsLabels).map((r) => `names its pods in ${r}`));
        if (why.length > 0) refs.push({ kind: 'policy', namespace: namespaceOf(o), name: o.metadata.name, text: `NetworkPolicy ${namespaceOf(o)}/${o.metadata.name}: ${why.join(', ')}` });
      } else if (o.kind === 'Service' && namespaceOf(o) === t.namespace) {
        const spec = isRecord(o['spec']) ? o['spec'] : {};
        const sel = isRecord(spec['selector']) ? (spec['selector'] as Record<string, string>) : undefined;
        if (sel && Object.keys(sel).length > 0 && matchesSelector({ matchLabels: sel }, w.labels)) {
          refs.push({ kind: 'service', namespace: t.namespace, name: o.metadata.name, text: `Service ${t.namespace}/${o.metadata.name} sends traffic to its pods` });
        }
      }
    }
    return refs;
  }
  const nsLabels = namespaceLabels(objects, t.name);
  for (const o of objects) {
    if (o.kind === 'Namespace') continue;
    if (!CLUSTER_SCOPED.has(o.kind) && namespaceOf(o) === t.name) {
      if (!generated(o)) refs.push({ kind: 'object', namespace: t.name, name: o.metadata.name, text: `${o.kind} ${t.name}/${o.metadata.name} lives in it` });
      continue;
    }
    if (o.kind !== 'NetworkPolicy' || generated(o)) continue;
    // Peers that select this namespace by its labels.
    const selectsIt = namespacePeers(o).some((sel) => Object.keys(sel).length > 0 && matchesSelector(sel, nsLabels));
    if (selectsIt) refs.push({ kind: 'policy', namespace: namespaceOf(o), name: o.metadata.name, text: `NetworkPolicy ${namespaceOf(o)}/${o.metadata.name} selects it by its labels` });
  }
  return refs;
}

export type { WorkloadRef };

// Rename, delete and duplicate from the canvas. A rename carries every reference the design keeps by
// name (flow ends, switch targets, and for a namespace its kubernetes.io/metadata.name selectors); a
// delete takes what would dangle with it (flows and switches naming the target); label-selected
// policies and Services stay, and `referencesOf` lists them first so nothing goes unseen.
import type { KubeObject } from '../../model/types.ts';
import { listFlows, removeFlow } from '../flows.ts';
import { annotationOf, DesignError, findWorkload, isRecord, namespaceOf, NAMESPACE_NAME_LABEL } from '../objects.ts';
import { ANNOTATION_FLOW_SPEC, ANNOTATION_RULE, ANNOTATION_TARGET, type FlowEnd, type FlowSpec } from '../types.ts';
import { nameProblems } from './fields.ts';
import { addWorkload, CREATABLE_KINDS, workloadFields, type CreatableKind, type WorkloadRef } from './objects.ts';
import { flowsNaming, rulesAimedAt, type CanvasTarget } from './references.ts';

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

/** Rewrites flow specs and switch targets stored in annotations. */
function rewriteAnnotations(o: KubeObject, mapEnd: (e: FlowEnd) => FlowEnd, mapTarget: (key: string) => string): void {
  const ann = o.metadata.annotations;
  if (!ann) return;
  const specText = annotationOf(o, ANNOTATION_FLOW_SPEC);
  if (specText !== undefined) {
    try {
      const spec = JSON.parse(specText) as FlowSpec;
      ann[ANNOTATION_FLOW_SPEC] = JSON.stringify({ ...spec, from: mapEnd(spec.from), to: mapEnd(spec.to) });
    } catch {
      // An annotation that is not JSON was never read as a flow: nothing to carry.
    }
  }
  const target = annotationOf(o, ANNOTATION_TARGET);
  if (target !== undefined && annotationOf(o, ANNOTATION_RULE) !== undefined) ann[ANNOTATION_TARGET] = mapTarget(target);
}

export function renameWorkload(objects: readonly KubeObject[], w: WorkloadRef, to: string): KubeObject[] {
  const found = findWorkload(objects, w.namespace, w.name);
  if (!found) throw new DesignError(`${w.namespace}/${w.name} is not in the design.`);
  const problems = nameProblems(to, 'workload');
  if (problems.length > 0) throw new DesignError(problems.join(' '));
  if (to === w.name) return [...objects];
  if (findWorkload(objects, w.namespace, to)) throw new DesignError(`A workload ${w.namespace}/${to} already exists.`);
  const mapEnd = (e: FlowEnd): FlowEnd => (e.kind === 'workload' && e.namespace === w.namespace && e.name === w.name ? { ...e, name: to } : e);
  const mapTarget = (key: string) => (key === `${w.namespace}/${w.name}` ? `${w.namespace}/${to}` : key);
  return objects.map((o) => {
    const copy = structuredClone(o);
    if (o === found.object) copy.metadata.name = to;
    rewriteAnnotations(copy, mapEnd, mapTarget);
    return copy;
  });
}

/** Replaces old by new in every selector on kubernetes.io/metadata.name, anywhere in an object. */
function renameNamespaceSelectors(value: unknown, from: string, to: string): void {
  if (Array.isArray(value)) {
    for (const v of value) renameNamespaceSelectors(v, from, to);
    return;
  }
  if (!isRecord(value)) return;
  const labels = value['matchLabels'];
  if (isRecord(labels) && labels[NAMESPACE_NAME_LABEL] === from) labels[NAMESPACE_NAME_LABEL] = to;
  if (value['key'] === NAMESPACE_NAME_LABEL && Array.isArray(value['values'])) {
    value['values'] = value['values'].map((v: unknown) => (v === from ? to : v));
  }
  for (const v of Object.values(value)) renameNamespaceSelectors(v, from, to);
}

export function renameNamespace(objects: readonly KubeObject[], from: string, to: string): KubeObject[] {
  const problems = nameProblems(to, 'namespace');
  if (problems.length > 0) throw new DesignError(problems.join(' '));
  if (to === from) return [...objects];
  const exists = (n: string) => objects.some((o) => (o.kind === 'Namespace' && o.metadata.name === n) || (!CLUSTER_SCOPED.has(o.kind) && namespaceOf(o) === n));
  if (!exists(from)) throw new DesignError(`Namespace ${from} is not in the design.`);
  if (exists(to)) throw new DesignError(`Namespace ${to} already exists.`);
  const mapEnd = (e: FlowEnd): FlowEnd => ((e.kind === 'workload' || e.kind === 'namespace') && e.namespace === from ? { ...e, namespace: to } : e);
  const mapTarget = (key: string) => (key === from ? to : key.startsWith(`${from}/`) ? `${to}${key.slice(from.length)}` : key);
  return objects.map((o) => {
    const copy = structuredClone(o);
    if (o.kind === 'Namespace' && o.metadata.name === from) {
      copy.metadata.name = to;
      if (copy.metadata.labels?.[NAMESPACE_NAME_LABEL] !== undefined) copy.metadata.labels[NAMESPACE_NAME_LABEL] = to;
    } else if (!CLUSTER_SCOPED.has(o.kind) && namespaceOf(o) === from) {
      copy.metadata.namespace = to;
    }
    if (o.kind !== 'Namespace') {
      for (const [k, v] of Object.entries(copy)) if (k !== 'metadata' && k !== 'kind' && k !== 'apiVersion') renameNamespaceSelectors(v, from, to);
    }
    rewriteAnnotations(copy, mapEnd, mapTarget);
    return copy;
  });
}

/** Removes the target, and the flows and switches that name it (they would name nothing). */
export function deleteTarget(objects: readonly KubeObject[], t: CanvasTarget): KubeObject[] {
  let out = [...objects];
  for (const id of flowsNaming(objects, t)) out = removeFlow(out, id);
  const rules = new Set(rulesAimedAt(out, t));
  out = out.filter((o) => !rules.has(o));
  if (t.kind === 'workload') {
    const found = findWorkload(out, t.namespace, t.name);
    if (!found) throw new DesignError(`${t.namespace}/${t.name} is not in the design.`);
    return out.filter((o) => o !== found.object);
  }
  return out.filter((o) => !(o.kind === 'Namespace' && o.metadata.name === t.name) && (CLUSTER_SCOPED.has(o.kind) || namespaceOf(o) !== t.name));
}

export function deleteService(objects: readonly KubeObject[], namespace: string, name: string): KubeObject[] {
  return objects.filter((o) => !(o.kind === 'Service' && namespaceOf(o) === namespace && o.metadata.name === name));
}

/** `base-copy`, `base-copy-2`, ... free in the namespace. */
function freeName(objects: readonly KubeObject[], namespace: string, base: string): string {
  const stem = base.slice(0, 63 - '-copy-99'.length);
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${stem}-copy` : `${stem}-copy-${i}`;
    if (!findWorkload(objects, namespace, name)) return name;
  }
}

/**
 * A new workload like `w`: same kind, ports and replicas, a free name. Its labels are the
 * original's with every value equal to the old name changed to the new one (app=web becomes
 * app=web-copy); when none is, it gets app.kubernetes.io/instance=<new name>. So its selector never
 * selects the original's pods: controllers with overlapping selectors fight over pods
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates).
 * Label-selected policies follow the labels; flows are not copied.
 */
export function duplicateWorkload(objects: readonly KubeObject[], w: WorkloadRef): { objects: KubeObject[]; name: string } {
  const fields = workloadFields(objects, w);
  if (!fields) throw new DesignError(`${w.namespace}/${w.name} is not in the design.`);
  const kind = CREATABLE_KINDS.find((k) => k === fields.kind) ?? ('Deployment' satisfies CreatableKind);
  const name = freeName(objects, w.namespace, w.name);
  const renamed = Object.fromEntries(Object.entries(fields.labels).map(([k, v]) => [k, v === w.name ? name : v]));
  const changed = Object.entries(renamed).some(([k, v]) => fields.labels[k] !== v);
  const labels = changed ? renamed : { ...renamed, 'app.kubernetes.io/instance': name };
  const next = addWorkload(objects, { namespace: w.namespace, name, kind, labels, ports: fields.ports, ...(fields.replicas !== undefined ? { replicas: fields.replicas } : {}) });
  return { objects: next, name };
}

/** Flows left after a change, for tests and the page's confirmations. */
export const flowCount = (objects: readonly KubeObject[]): number => listFlows(objects).length;

// Pods the design does not model but the real cluster may have. A design is rarely the whole
// cluster: a selector naming labels or namespaces the YAML does not declare may match real pods.
// For "this policy is redundant" to hold on the cluster, it must hold for those pods too, so the
// redundancy check adds one witness per selector: a pod with the fewest labels that still match it
// (in a namespace that matches the namespaceSelector). A claim that survives the witnesses holds for
// any pod a selector of the design could match, not only the modelled ones.
import { compile, type CompileOptions, type CompiledCluster } from '../../engine/compile.ts';
import { matchesSelector } from '../../engine/selectors.ts';
import type { ClusterModel, LabelSelector, NamespaceModel, Workload } from '../../model/types.ts';

const NAME_LABEL = 'kubernetes.io/metadata.name';
/** Not a valid object name on purpose: a witness can never collide with a real pod or namespace. */
const WITNESS_PREFIX = '~witness-';

export const isWitness = (w: Workload): boolean => w.name.startsWith(WITNESS_PREFIX);

/** The fewest labels that satisfy the selector, or undefined when no label set can (e.g. In [] or a conflict). */
export function minimalLabels(selector: LabelSelector): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(selector.matchLabels ?? {}) };
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In' && labels[e.key] === undefined) {
      const value = e.values?.[0];
      if (value === undefined) return undefined;
      labels[e.key] = value;
    } else if (e.operator === 'Exists' && labels[e.key] === undefined) labels[e.key] = 'witness';
  }
  return matchesSelector(selector, labels) ? labels : undefined;
}

interface Builder {
  namespaces: Map<string, NamespaceModel>;
  /** Namespaces the design knows, by name: their labels are known when declared. */
  known: ReadonlyMap<string, NamespaceModel>;
  workloads: Workload[];
  seen: Set<string>;
  /** Witness namespaces by their labels (JSON). */
  byLabels: Map<string, string>;
}

/** The namespace a witness lives in for a namespaceSelector, or undefined when no namespace can match. */
function witnessNamespace(b: Builder, selector: LabelSelector): string | undefined {
  const labels = minimalLabels(selector);
  if (!labels) return undefined;
  const named = labels[NAME_LABEL];
  if (named !== undefined) {
    const existing = b.known.get(named) ?? b.namespaces.get(named);
    // A namespace the design declares has the labels it declares; an unknown one may carry these.
    if (existing) return matchesSelector(selector, existing.labels) ? named : undefined;
    b.namespaces.set(named, { name: named, labels, declared: false });
    return named;
  }
  const key = JSON.stringify(labels);
  let name = b.byLabels.get(key);
  if (name === undefined) {
    name = `${WITNESS_PREFIX}ns-${b.byLabels.size}`;
    b.byLabels.set(key, name);
    b.namespaces.set(name, { name, labels: { ...labels, [NAME_LABEL]: name }, declared: false });
  }
  return name;
}

function addWitness(b: Builder, namespace: string, podSelector: LabelSelector | undefined): void {
  const labels = minimalLabels(podSelector ?? {});
  if (!labels) return;
  const key = `${namespace}\u0000${JSON.stringify(labels)}`;
  if (b.seen.has(key)) return;
  b.seen.add(key);
  const name = `${WITNESS_PREFIX}${b.workloads.length}`;
  // `owned`: a witness stands for the pods a controller runs, which every network plugin enforces
  // policies on. A bare Pod is never isolated under the AWS VPC CNI (Amazon EKS User Guide,
  // Kubernetes network policies: Considerations), so a bare witness would let any policy look
  // redundant there; pods the plugin exempts are affected by no policy and can settle no claim.
  b.workloads.push({
    id: `${namespace}/${name}`, namespace, name, kind: 'Pod', labels, ports: [], ips: [], owned: true,
    ref: { kind: 'Pod', name, namespace, manifest: -1 },
  });
}

/**
 * The model plus one witness pod per policy subject and per selector peer. Policies are unchanged
 * (same order), so policy indices of the result are those of `cluster`.
 */
export function withWitnesses(cluster: ClusterModel): ClusterModel {
  const known = new Map(cluster.namespaces.map((n) => [n.name, n]));
  const b: Builder = { namespaces: new Map(), known, workloads: [], seen: new Set(), byLabels: new Map() };
  for (const policy of cluster.policies) {
    addWitness(b, policy.namespace, policy.podSelector);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.ipBlock) continue;
        if (!peer.namespaceSelector) {
          addWitness(b, policy.namespace, peer.podSelector);
          continue;
        }
        const ns = witnessNamespace(b, peer.namespaceSelector);
        if (ns !== undefined) addWitness(b, ns, peer.podSelector);
      }
    }
  }
  if (b.workloads.length === 0) return cluster;
  return { ...cluster, namespaces: [...cluster.namespaces, ...b.namespaces.values()], workloads: [...cluster.workloads, ...b.workloads] };
}

/**
 * The compiled model with witnesses (the modelled workloads keep their indices; witnesses follow),
 * under the review's network-plugin profile: which pods a peer matches and which a policy isolates
 * depend on it (an ipBlock never matches a pod under Cilium, a bare Pod is never isolated under the
 * AWS VPC CNI), so a claim judged under another profile may not hold on the cluster.
 */
export function compileWithWitnesses(
  cluster: ClusterModel, options: CompileOptions = {}, compileWith: (model: ClusterModel, options: CompileOptions) => CompiledCluster = compile,
): { cluster: ClusterModel; compiled: CompiledCluster } {
  const model = withWitnesses(cluster);
  return { cluster: model, compiled: compileWith(model, options) };
}

// Small constructors for normalized models, so engine tests do not depend on the YAML parser.
import type {
  ClusterModel, ContainerPort, LabelSelector, NetworkPolicy, NetworkPolicyRule, PolicyType, Workload,
} from '../model/types.ts';

export function workload(id: string, labels: Record<string, string>, ports: ContainerPort[] = [], ips: string[] = []): Workload {
  const [namespace = '', name = ''] = id.split('/');
  return { id, namespace, name, kind: 'Pod', labels, ports, ips, ref: { kind: 'Pod', name, namespace, manifest: -1 } };
}

let nextManifest = 1000;

export function netpol(
  id: string,
  podSelector: LabelSelector,
  rules: { ingress?: NetworkPolicyRule[]; egress?: NetworkPolicyRule[]; policyTypes?: PolicyType[] },
): NetworkPolicy {
  const manifest = nextManifest++;
  const [namespace = '', name = ''] = id.split('/');
  const ingress = rules.ingress ?? [];
  const egress = rules.egress ?? [];
  const policyTypes = rules.policyTypes ?? (['Ingress', ...(egress.length > 0 ? ['Egress'] : [])] as PolicyType[]);
  return {
    ref: { kind: 'NetworkPolicy', name, namespace, manifest },
    namespace, name, podSelector, policyTypes, policyTypesInferred: rules.policyTypes === undefined, ingress, egress,
  };
}

export function cluster(workloads: Workload[], policies: NetworkPolicy[], namespaceLabels: Record<string, Record<string, string>> = {}): ClusterModel {
  const names = [...new Set([...workloads.map((w) => w.namespace), ...Object.keys(namespaceLabels)])];
  return {
    namespaces: names.map((name) => ({ name, labels: { ...namespaceLabels[name], 'kubernetes.io/metadata.name': name }, declared: true })),
    workloads,
    services: [],
    policies,
    unevaluated: [],
    adminPolicies: [],
    nodes: [],
  };
}

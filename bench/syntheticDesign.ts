// bench/synthetic.ts's clusters turned back into manifests, so reviews, fixes, locations and the
// story are computed as in the app.
import { buildCluster, type Design, type KubeObject, type Manifest, type NetworkPolicy, type NetworkPolicyRule } from '../src/model/index.ts';
import { syntheticCluster } from './synthetic.ts';

function rules(list: readonly NetworkPolicyRule[], peersField: 'from' | 'to'): unknown[] {
  return list.map((r) => ({
    ...(r.peers ? { [peersField]: r.peers.map((p) => (p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length ? { except: p.ipBlock.except } : {}) } } : p)) } : {}),
    ...(r.ports ? { ports: r.ports } : {}),
  }));
}

function policyObject(p: NetworkPolicy): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace },
    spec: {
      podSelector: p.podSelector,
      ...(p.policyTypesInferred ? {} : { policyTypes: p.policyTypes }),
      ...(p.ingress.length ? { ingress: rules(p.ingress, 'from') } : {}),
      ...(p.egress.length ? { egress: rules(p.egress, 'to') } : {}),
    },
  };
}

export function syntheticDesign(pods: number): Design {
  const model = syntheticCluster(pods);
  const objects: KubeObject[] = [
    ...model.namespaces.map((ns): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels: { ...ns.labels } } })),
    ...model.workloads.map((w): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: w.name, namespace: w.namespace, labels: { ...w.labels } },
      spec: { containers: [{ name: 'main', image: 'example/app:1', ports: w.ports.map((p) => ({ ...p })) }] },
      status: { podIP: w.ips[0] },
    })),
    // Policy names repeat per namespace in the generator; keep them unique as the API server would.
    ...model.policies.map((p, i) => policyObject({ ...p, name: `${p.name}-${i}` })),
  ];
  const manifests = objects.map((object, i): Manifest => ({ object, source: { file: 'synthetic.yaml', line: i + 1, col: 1 }, positions: {} }));
  const built = buildCluster(manifests);
  return { manifests, cluster: built.cluster, diagnostics: built.diagnostics };
}

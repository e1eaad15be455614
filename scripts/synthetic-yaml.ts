// bench/synthetic.ts's clusters written out as manifests, for the page measurements.
import { stringify } from 'yaml';
import type { ClusterModel, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule } from '../src/model/types.ts';

const selector = (s: LabelSelector) => ({
  ...(s.matchLabels && Object.keys(s.matchLabels).length > 0 ? { matchLabels: s.matchLabels } : {}),
  ...(s.matchExpressions && s.matchExpressions.length > 0 ? { matchExpressions: s.matchExpressions } : {}),
});
const peer = (p: NetworkPolicyPeer) => ({
  ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
  ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
  ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length ? { except: p.ipBlock.except } : {}) } } : {}),
});
const port = (p: NetworkPolicyPort) => ({ protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) });
const rule = (r: NetworkPolicyRule, key: 'from' | 'to') => ({
  ...(r.peers?.length ? { [key]: r.peers.map(peer) } : {}),
  ...(r.ports?.length ? { ports: r.ports.map(port) } : {}),
});

export function clusterYaml(c: ClusterModel): string {
  const docs: unknown[] = [];
  for (const ns of c.namespaces) {
    const labels = Object.fromEntries(Object.entries(ns.labels).filter(([k]) => k !== 'kubernetes.io/metadata.name'));
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels } });
  }
  for (const w of c.workloads) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: w.name, namespace: w.namespace, labels: w.labels },
      spec: { containers: [{ name: 'main', image: 'example/app', ports: w.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) }] },
    });
  }
  const seen = new Set<string>();
  for (const p of c.policies) {
    const id = `${p.namespace}/${p.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: p.name, namespace: p.namespace },
      spec: {
        podSelector: selector(p.podSelector),
        policyTypes: p.policyTypes,
        ...(p.ingress.length ? { ingress: p.ingress.map((r) => rule(r, 'from')) } : {}),
        ...(p.egress.length ? { egress: p.egress.map((r) => rule(r, 'to')) } : {}),
      },
    });
  }
  return docs.map((d) => stringify(d, { version: '1.1', indentSeq: false, lineWidth: 0 })).join('---\n');
}


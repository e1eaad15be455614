// A synthetic cluster shaped like real ones: namespaces of ~20 pods owned by teams, each with a
// default deny, app-to-app allows, cross-team allows by namespace label, DNS and internet egress.
import { netpol, workload, cluster } from '../src/testing/builders.ts';
import type { ClusterModel, NetworkPolicy, Workload } from '../src/model/types.ts';

export function syntheticCluster(pods: number, policiesPerThousandPods = 300): ClusterModel {
  const namespaceCount = Math.max(1, Math.round(pods / 20));
  const nsName = (i: number) => `ns-${i}`;
  const workloads: Workload[] = [];
  for (let i = 0; i < pods; i++) {
    const ns = nsName(i % namespaceCount);
    workloads.push(
      workload(`${ns}/pod-${i}`, { app: `app-${i % 8}`, tier: i % 3 === 0 ? 'front' : 'back' }, [
        { name: 'http', containerPort: 80 + (i % 2) * 8000, protocol: 'TCP' },
        { name: 'https', containerPort: 443, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      ], [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`]),
    );
  }
  const namespaceLabels: Record<string, Record<string, string>> = {};
  for (let n = 0; n < namespaceCount; n++) namespaceLabels[nsName(n)] = { team: `team-${n % 10}`, env: n % 2 ? 'prod' : 'dev' };

  const target = Math.round((pods * policiesPerThousandPods) / 1000);
  const policies: NetworkPolicy[] = [];
  const kinds = 6;
  for (let k = 0; policies.length < target; k++) {
    const ns = nsName(Math.floor(k / kinds) % namespaceCount);
    const app = `app-${k % 8}`;
    switch (k % kinds) {
      case 0: policies.push(netpol(`${ns}/default-deny`, {}, { policyTypes: ['Ingress', 'Egress'] })); break;
      case 1: policies.push(netpol(`${ns}/allow-same-app`, { matchLabels: { app } }, { ingress: [{ peers: [{ podSelector: { matchLabels: { app } } }], ports: [{ protocol: 'TCP', port: 'http' }] }] })); break;
      case 2: policies.push(netpol(`${ns}/allow-team`, { matchLabels: { tier: 'front' } }, { ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: `team-${k % 10}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 8000, endPort: 8100 }] }] })); break;
      case 3: policies.push(netpol(`${ns}/allow-dns`, {}, { egress: [{ peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsName(0) } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }], policyTypes: ['Egress'] })); break;
      case 4: policies.push(netpol(`${ns}/allow-internet`, { matchLabels: { app } }, { egress: [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] }], policyTypes: ['Egress'] })); break;
      default: policies.push(netpol(`${ns}/allow-prod-egress`, { matchLabels: { tier: 'back' } }, { egress: [{ peers: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }], ports: [{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 9100 }] }] })); break;
    }
  }
  return cluster(workloads, policies, namespaceLabels);
}

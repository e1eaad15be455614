// node --import tsx bench/findings.bench.ts [pods...]: time of reviewDesign on synthetic clusters
// (the matrix bench's), turned back into manifests so fixes and locations are computed as in the app.
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildCluster, type Design, type KubeObject, type Manifest, type NetworkPolicy, type NetworkPolicyRule } from '../src/model/index.ts';
import { reviewDesign } from '../src/review/findings/index.ts';
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

function syntheticDesign(pods: number): Design {
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

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

console.log('pods   policies  findings  fixes   review ms (median)   by rule');
for (const pods of sizes.length ? sizes : [100, 1000]) {
  const design = syntheticDesign(pods);
  const times: number[] = [];
  let findings = reviewDesign(design, DEFAULT_SETTINGS);
  for (let r = 0; r < (pods >= 5000 ? 3 : 7); r++) {
    const t0 = performance.now();
    findings = reviewDesign(design, DEFAULT_SETTINGS);
    times.push(performance.now() - t0);
  }
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const fixes = findings.reduce((n, f) => n + f.fixes.length, 0);
  console.log([String(pods).padEnd(6), String(design.cluster.policies.length).padEnd(9), String(findings.length).padEnd(9), String(fixes).padEnd(7),
    median(times).toFixed(1).padEnd(20), [...byRule].map(([rule, n]) => `${rule}=${n}`).join(' ')].join(' '));
}

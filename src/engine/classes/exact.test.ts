// The class key leaves out a pod's address, node, owner and replica count (classes.ts classKeys):
// the class matrix must still answer every pair as the plain matrix does, under every profile, on
// designs where those fields vary and Nodes are modelled, and on kubectl dumps (issue 12).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../../bench/dump/index.ts';
import { kubectlDump } from '../../../scripts/kubectl-dump.ts';
import { inCluster } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { parseKubectlManifests } from '../../import/manifests.ts';
import { loadDesign } from '../../model/index.ts';
import type { ClusterModel, Workload } from '../../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../../testing/arbitraries.ts';
import { cluster, netpol, workload } from '../../testing/builders.ts';
import { compile } from '../compile.ts';
import { endpointLabel } from '../endpoints.ts';
import { computeMatrix } from '../matrix.ts';
import { PROFILE_IDS, type NetworkProfileId } from '../profiles/index.ts';
import type { Endpoint, PortProbe } from '../types.ts';
import { classPortMatrix, placedClasses, workloadClasses } from './index.ts';

const NODES: ClusterModel['nodes'] = [
  { name: 'n1', labels: { role: 'a' }, addresses: ['192.168.0.1'], ref: { kind: 'Node', name: 'n1', manifest: 3000 } },
  { name: 'n2', labels: { role: 'b' }, addresses: ['192.168.0.2', 'fd00::2'], ref: { kind: 'Node', name: 'n2', manifest: 3001 } },
];

/** Node addresses (modelled, and one no Node has), a pod's address and the internet. */
const OUTSIDE: Endpoint[] = ['192.168.0.1', '192.168.0.2', 'fd00::2', '192.168.9.9', '10.0.1.5', '8.8.8.8'].map((ip) => ({ kind: 'ip', ip }));

const placementArb = fc.record({
  kind: fc.constantFrom<Workload['kind']>('Pod', 'Deployment', 'DaemonSet'),
  owned: fc.constantFrom(true, undefined),
  hostNetwork: fc.constantFrom(true, undefined),
  replicas: fc.constantFrom(1, 2, undefined),
  nodeName: fc.constantFrom('n1', 'n2', 'gone', undefined),
  hostIp: fc.constantFrom('192.168.0.1', '192.168.0.2', '192.168.9.9', undefined),
  ip: fc.constantFrom('10.0.1.6', '10.0.9.9', '192.168.0.1', ''),
});

/** Copies of each workload that differ in what the class key no longer holds as it is. */
const withPlacements = fc
  .record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }), fields: fc.array(placementArb, { minLength: 24, maxLength: 24 }), nodes: fc.boolean() })
  .map(({ base, copies, fields, nodes }): ClusterModel => {
    let f = 0;
    const vary = (w: Workload, id: string): Workload => {
      const { kind, owned, hostNetwork, replicas, nodeName, hostIp, ip } = fields[f++ % fields.length]!;
      return {
        ...w, id, name: id.split('/')[1]!, kind, ips: ip ? [ip] : [],
        ...(owned ? { owned } : {}), ...(hostNetwork ? { hostNetwork } : {}), ...(replicas !== undefined ? { replicas } : {}),
        ...(nodeName ? { nodeName } : {}), ...(hostIp ? { hostIp } : {}),
      };
    };
    const workloads = base.workloads.flatMap((w, i) => [w, ...Array.from({ length: copies[i % 8]! }, (_, k) => vary(w, `${w.id}-r${k}`))]);
    return { ...base, workloads, nodes: nodes ? NODES : [] };
  });

/** The class matrix against the plain one, pair by pair (a pod and its own address included). */
function expectSameAsPlain(model: ClusterModel, profile: NetworkProfileId, ports: readonly PortProbe[], outside: readonly Endpoint[]): void {
  const c = compile(model, { profile });
  const classes = workloadClasses(c);
  const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...outside];
  const size = endpoints.length;
  const plain = computeMatrix(c, { endpoints, ports: [...ports] }).allowed;
  ports.forEach((port, p) => {
    const viaClasses = classPortMatrix(c, classes, port, outside);
    const table = plain[p]!;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const want = table[i * size + j] === 1;
        // One expect per mismatch only: a million passing expects would cost more than the matrices.
        if (viaClasses.allowed(i, j) !== want) expect(viaClasses.allowed(i, j), `${profile} ${endpointLabel(endpoints[i]!)} -> ${endpointLabel(endpoints[j]!)} ${port.protocol}/${port.port}`).toBe(want);
      }
    }
  });
}

describe('workload classes without addresses, nodes and owners in the key', () => {
  it('answer as the plain matrix under every profile when those fields vary and Nodes are modelled', () => {
    fc.assert(
      fc.property(withPlacements, fc.constantFrom(...PROFILE_IDS), fc.array(portProbeArb, { minLength: 1, maxLength: 2 }), (model, profile, ports) =>
        expectSameAsPlain(model, profile, ports, OUTSIDE)),
      { numRuns: 150 },
    );
  }, 120_000);

  it('keep apart a bare Pod and a Deployment alike but for the Pod being exempt (AWS VPC CNI)', () => {
    const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }];
    const bare = { ...workload('shop/debug', { app: 'web' }, ports, ['10.0.0.1']), replicas: 1 };
    const deployment: Workload = { ...workload('shop/web', { app: 'web' }, ports), kind: 'Deployment', replicas: 1 };
    const model = cluster([bare, deployment, workload('shop/client', { app: 'client' })], [netpol('shop/deny', {}, {})]);
    const c = compile(model, { profile: 'aws-vpc-cni' });
    expect(c.exempt.get(0)).toBe('standalone-pods');
    expect(workloadClasses(c).classOf[0]).not.toBe(workloadClasses(c).classOf[1]);
    expectSameAsPlain(model, 'aws-vpc-cni', [{ port: 80, protocol: 'TCP' }], OUTSIDE);
    // Under the spec both are isolated alike: one class.
    const spec = workloadClasses(compile(model));
    expect(spec.classOf[0]).toBe(spec.classOf[1]);
  });

  it('leave placement out of the key, and split by node (placedClasses) only when Nodes are modelled, by what mayRunOn can tell', () => {
    const on = (id: string, placement: Partial<Workload>): Workload => ({ ...workload(id, { app: 'web' }), kind: 'Pod', owned: true, replicas: 1, ...placement });
    const workloads = [
      on('shop/a', { nodeName: 'n1' }), on('shop/b', { hostIp: '192.168.0.1' }), // both on n1
      on('shop/c', { nodeName: 'n2' }),
      on('shop/d', { nodeName: 'gone' }), on('shop/e', { hostIp: '192.168.9.9' }), // on no modelled node
      on('shop/f', {}), // anywhere
    ];
    const plain = compile(cluster(workloads, []));
    expect(placedClasses(plain, workloadClasses(plain)).members).toEqual([[0, 1, 2, 3, 4, 5]]);
    const model = { ...cluster(workloads, []), nodes: NODES };
    const c = compile(model);
    expect(workloadClasses(c).members).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(placedClasses(c, workloadClasses(c)).members).toEqual([[0, 1], [2], [3, 4], [5]]);
    expectSameAsPlain(model, 'spec', [{ port: 80, protocol: 'TCP' }], OUTSIDE);
  });
});

/** A dump loaded as the CLI loads it (with the assumed cluster services). */
const fromDump = (text: string): ClusterModel => inCluster(loadDesign([{ name: 'dump.yaml', text }], parseKubectlManifests), DEFAULT_SETTINGS).cluster;

/** Its Nodes, as a dump with `kubectl get nodes` would add them: each pod's node at its host address. */
function withNodes(model: ClusterModel): ClusterModel {
  const nodes = new Map<string, string>();
  for (const w of model.workloads) if (w.nodeName !== undefined && w.hostIp !== undefined) nodes.set(w.nodeName, w.hostIp);
  return { ...model, nodes: [...nodes].map(([name, address], k) => ({ name, labels: {}, addresses: [address], ref: { kind: 'Node', name, manifest: 5000 + k } })) };
}

const DUMP_PORTS: PortProbe[] = [{ port: 80, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }];

describe('workload classes on kubectl dumps', () => {
  const dumps = [
    { name: 'gen:dump 200', model: () => fromDump(generateDump({ pods: 200, seed: 1 }).text) },
    { name: 'kubectl-dump 200', model: () => fromDump(kubectlDump({ pods: 200 }).text) },
    { name: 'gen:dump 1k', model: () => fromDump(generateDump({ pods: 1000, seed: 1 }).text) },
    { name: 'kubectl-dump 1k', model: () => fromDump(kubectlDump({ pods: 1000 }).text) },
  ];
  for (const dump of dumps) {
    it(`${dump.name}: few classes, and the class matrix equals the plain one under every profile`, () => {
      const model = dump.model();
      const pods = model.workloads.filter((w) => w.kind === 'Pod');
      const outside: Endpoint[] = [
        { kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: pods[3]!.ips[0]! }, { kind: 'ip', ip: model.services[0]!.clusterIPs[0]! }, { kind: 'ip', ip: pods[5]!.hostIp! },
      ];
      // Replicas no policy tells apart share a class, where every pod had a class of its own; and a
      // Deployment's or StatefulSet's template shares its pods' class (one pod or several: loopsBack).
      // The nodes assumed from pod placement (src/cluster/assumed/nodes.ts) do not split the pods by
      // node: placement is out of the key (placedClasses splits only tables with a node's address).
      expect(model.nodes.some((n) => n.assumed)).toBe(true);
      const { classOf, members } = workloadClasses(compile(model));
      expect(members.length).toBeLessThan(model.workloads.length / 3);
      expect(members.length).toBe(workloadClasses(compile({ ...model, nodes: model.nodes.filter((n) => !n.assumed) })).members.length);
      const index = new Map(model.workloads.map((w, i) => [w, i]));
      const templates = model.workloads.filter((w) => (w.kind === 'Deployment' || w.kind === 'StatefulSet') && w.assumed === undefined);
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) expect(pods.some((p) => classOf[index.get(p)!] === classOf[index.get(t)!]), t.id).toBe(true);
      for (const profile of PROFILE_IDS) expectSameAsPlain(model, profile, DUMP_PORTS, outside);
      // With its Nodes modelled, a pod's node tells it apart from the node's address.
      expectSameAsPlain(withNodes(model), 'spec', DUMP_PORTS, outside);
    }, 120_000);
  }
});

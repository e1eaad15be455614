// A hostNetwork pod's IP is its node's, shared by every hostNetwork pod on that node: `ip:<node
// address>` is the node (compile.ts addressOwners), not whichever of those pods came last. So adding
// hostNetwork pods at a node's address must not change any answer about that address, under every
// profile; and evaluate, computeMatrix, the class table (classPortMatrix) and the batch answers
// (answerProbes, the CLI probe) must agree on every pair, the node and pod addresses included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdminPolicy, AdminRule, ClusterModel, Workload } from '../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../testing/arbitraries.ts';
import { cluster, netpol, workload } from '../testing/builders.ts';
import { impliedNodes } from '../cluster/assumed/nodes.ts';
import { answerProbes, classPortMatrix, workloadClasses } from './classes/index.ts';
import { compile } from './compile.ts';
import { endpointLabel } from './endpoints.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import { PROFILE_IDS, type NetworkProfileId } from './profiles/index.ts';
import type { Endpoint, PortProbe } from './types.ts';

/** Addresses the arbitraries' ipBlocks and admin networks cover (10.0.2.3/32 is also an `except`). */
const NODES: ClusterModel['nodes'] = [
  { name: 'n1', labels: { role: 'a' }, addresses: ['10.0.2.3'], ref: { kind: 'Node', name: 'n1', manifest: 3000 } },
  { name: 'n2', labels: { role: 'b' }, addresses: ['192.168.1.1'], ref: { kind: 'Node', name: 'n2', manifest: 3001 } },
];
/** A node no Node object models, whose hostNetwork pods share its address. */
const UNMODELLED = '10.0.1.200';
const HOST_ADDRESSES = ['10.0.2.3', '192.168.1.1', UNMODELLED];
const NODE_OF: Record<string, string> = { '10.0.2.3': 'n1', '192.168.1.1': 'n2', [UNMODELLED]: 'gone' };

const hostPodArb = fc.record({
  of: fc.nat(20),
  address: fc.constantFrom(...HOST_ADDRESSES),
  kind: fc.constantFrom<Workload['kind']>('Pod', 'DaemonSet'),
  replicas: fc.constantFrom(1, undefined),
  placed: fc.boolean(),
});

/** Random designs plus hostNetwork copies of their workloads at node addresses, with and without Nodes. */
const designArb = fc
  .record({
    base: clusterWithAdminArb, hosts: fc.array(hostPodArb, { minLength: 1, maxLength: 5 }),
    // `implied`: no Node objects, the nodes the pods' nodeName and hostIP imply (an app-only dump).
    nodes: fc.constantFrom<'declared' | 'none' | 'implied'>('declared', 'declared', 'none', 'implied', 'implied'),
    // Pods placed on a node: elsewhere, the own-node exception does not hide what the policies say of the node.
    placements: fc.array(fc.constantFrom('n1', 'n2', undefined), { minLength: 8, maxLength: 8 }),
    nodesPeer: fc.option(fc.record({ action: fc.constantFrom<AdminRule['action']>('Allow', 'Deny', 'Pass'), role: fc.constantFrom('a', 'b') }), { nil: undefined }),
  })
  .map(({ base, hosts, nodes, nodesPeer, placements }): ClusterModel => {
    const onNodes = base.workloads.map((w, i): Workload => {
      const nodeName = placements[i % 8];
      if (nodeName === undefined) return w;
      return nodes === 'implied' ? { ...w, nodeName, hostIp: NODES.find((n) => n.name === nodeName)!.addresses[0]! } : { ...w, nodeName };
    });
    const copies = hosts.map(({ of, address, kind, replicas, placed }, k): Workload => {
      const w = onNodes[of % onNodes.length]!;
      const id = `${w.id}-host${k}`;
      return {
        ...w, id, name: id.split('/')[1]!, kind, owned: true, hostNetwork: true, ips: [address],
        ...(replicas !== undefined ? { replicas } : {}), ...(placed ? { nodeName: NODE_OF[address]!, hostIp: address } : {}),
      };
    });
    // An admin `nodes` peer (egress only, as the API has it): the node's address is in its networks.
    const nodeRule = (): AdminRule[] => (nodesPeer ? [{ name: 'nodes', action: nodesPeer.action, actionWord: nodesPeer.action, peers: [{ nodes: { matchLabels: { role: nodesPeer.role } } }] }] : []);
    const admin: AdminPolicy[] = nodesPeer
      ? [{ kind: 'AdminNetworkPolicy', tier: 'Admin', priority: 0, name: 'to-nodes', ref: { kind: 'AdminNetworkPolicy', name: 'to-nodes', manifest: 2100 }, subject: { namespaces: {} }, ingress: [], egress: nodeRule() }]
      : [];
    const model: ClusterModel = { ...base, workloads: [...onNodes, ...copies], nodes: nodes === 'declared' ? NODES : [], adminPolicies: [...admin, ...base.adminPolicies] };
    return nodes === 'implied' ? { ...model, nodes: impliedNodes(model) } : model;
  });

/** The design without the hostNetwork pods' addresses: what a node's address is answered by, were no pod to hold it. */
const withoutHostAddresses = (model: ClusterModel): ClusterModel => ({
  ...model, workloads: model.workloads.map((w) => (w.hostNetwork ? { ...w, ips: [] } : w)),
});

function outsideOf(model: ClusterModel): Endpoint[] {
  const ips = [...new Set([...model.workloads.flatMap((w) => w.ips), ...HOST_ADDRESSES, '8.8.8.8'])];
  return ips.map((ip): Endpoint => ({ kind: 'ip', ip }));
}

function expectAgree(model: ClusterModel, profile: NetworkProfileId, ports: readonly PortProbe[]): void {
  const c = compile(model, { profile });
  const bare = compile(withoutHostAddresses(model), { profile });
  const outside = outsideOf(model);
  const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...outside];
  const size = endpoints.length;
  const nodeAddress = (e: Endpoint) => e.kind === 'ip' && model.nodes.some((n) => n.addresses.includes(e.ip));
  // The other end must mean the same in both designs: not an address only hostNetwork pods give it.
  const onHost = new Set(model.workloads.flatMap((w) => (w.hostNetwork ? w.ips : [])));
  const same = (e: Endpoint) => e.kind === 'workload' || nodeAddress(e) || !onHost.has(e.ip);
  const m = computeMatrix(c, { endpoints, ports: [...ports] });
  const classes = workloadClasses(c);
  ports.forEach((port, p) => {
    const table = m.allowed[p]!;
    const viaClasses = classPortMatrix(c, classes, port, outside);
    const batch = answerProbes(c, endpoints.flatMap((from) => endpoints.map((to) => ({ from, to, ...port }))));
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const from = endpoints[i]!;
        const to = endpoints[j]!;
        const want = evaluate(c, { from, to, ...port }).allowed;
        const at = `${profile}: ${endpointLabel(from)} -> ${endpointLabel(to)} ${port.protocol}/${port.port}`;
        // One expect per mismatch: thousands of passing expects cost more than the answers.
        if ((table[i * size + j] === 1) !== want) expect(table[i * size + j] === 1, `matrix ${at}`).toBe(want);
        if (viaClasses.allowed(i, j) !== want) expect(viaClasses.allowed(i, j), `classes ${at}`).toBe(want);
        if (batch[i * size + j] !== want) expect(batch[i * size + j], `answerProbes ${at}`).toBe(want);
        if ((nodeAddress(from) || nodeAddress(to)) && same(from) && same(to)) {
          const node = evaluate(bare, { from, to, ...port }).allowed;
          if (node !== want) expect(want, `node address ${at}`).toBe(node);
        }
      }
    }
  });
}

describe('hostNetwork pods at their node address', () => {
  const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }];
  const onN1 = (id: string, labels: Record<string, string>): Workload => ({
    ...workload(id, labels, ports, ['192.168.1.10']), kind: 'DaemonSet', owned: true, hostNetwork: true, nodeName: 'n1', hostIp: '192.168.1.10',
  });
  const model: ClusterModel = {
    ...cluster(
      [
        onN1('kube-system/kube-proxy', { app: 'proxy' }), onN1('monitoring/node-exporter', { app: 'exporter' }),
        { ...workload('shop/web', { app: 'web' }, ports, ['10.0.1.5']), replicas: 1, nodeName: 'n1' },
        { ...workload('shop/client', { app: 'client' }, ports, ['10.0.1.6']), replicas: 1, nodeName: 'n2' },
      ],
      [
        netpol('shop/web-deny', { matchLabels: { app: 'web' } }, { policyTypes: ['Ingress'] }),
        netpol('monitoring/exporter-deny', {}, { policyTypes: ['Ingress'] }),
      ],
    ),
    nodes: [
      { name: 'n1', labels: {}, addresses: ['192.168.1.10'], ref: { kind: 'Node', name: 'n1', manifest: 3000 } },
      { name: 'n2', labels: {}, addresses: ['192.168.1.11'], ref: { kind: 'Node', name: 'n2', manifest: 3001 } },
    ],
  };
  const node: Endpoint = { kind: 'ip', ip: '192.168.1.10' };
  const http = { port: 80, protocol: 'TCP' as const };

  it('the shared address is the node: its own-node exception, and no hostNetwork pod\'s policies', () => {
    const c = compile(model);
    // From the node to a pod on it: kubelet probes, whatever web-deny says (not node-exporter's egress).
    const fromNode = evaluate(c, { from: node, to: { kind: 'workload', id: 'shop/web' }, ...http });
    expect(fromNode.exception).toBe('own-node');
    expect(fromNode.allowed).toBe(true);
    // To the node: no NetworkPolicy isolates a node (exporter-deny isolates node-exporter, by name).
    expect(evaluate(c, { from: { kind: 'workload', id: 'shop/client' }, to: node, ...http }).allowed).toBe(true);
    expect(evaluate(c, { from: { kind: 'workload', id: 'shop/client' }, to: { kind: 'workload', id: 'monitoring/node-exporter' }, ...http }).allowed).toBe(false);
    expect(answerProbes(c, [{ from: { kind: 'workload', id: 'shop/client' }, to: node, ...http }, { from: node, to: { kind: 'workload', id: 'shop/web' }, ...http }])).toEqual([true, true]);
    for (const profile of PROFILE_IDS) expectAgree(model, profile, [http]);
  });

  it('on random designs with Nodes (declared, or implied by pod placement), hostNetwork pods and ipBlocks, under every profile', () => {
    fc.assert(
      fc.property(designArb, fc.array(portProbeArb, { minLength: 1, maxLength: 2 }), (design, probes) => {
        for (const profile of PROFILE_IDS) expectAgree(design, profile, probes);
      }),
      { numRuns: 150 },
    );
  }, 240_000);
});

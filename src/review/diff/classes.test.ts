// The diff on endpoint classes must list exactly what a table over every endpoint pair lists.
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../../bench/dump/index.ts';
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { classesOf } from '../../engine/classes/index.ts';
import { compile, type CompiledCluster } from '../../engine/index.ts';
import { portIntervals } from '../../engine/intervals.ts';
import { loadDesign, type Design } from '../../model/index.ts';
import { jointClasses } from './classes.ts';
import { diffConnections, unionEndpoints, type AddressNode } from './connections.ts';
import { connectionSetOf, hasBit, pairTable } from './connectivity.ts';
import { SHOP_POLICIES_CHANGED, shopDesign } from './testFixtures.ts';

/** The plain reference: one table over every endpoint pair, every differing pair in order. */
function plainDiff(a: CompiledCluster, b: CompiledCluster, settings: DesignSettings, addresses: readonly AddressNode[] = []) {
  const union = unionEndpoints(a, b, settings, addresses);
  const intervals = portIntervals([a.cluster, b.cluster]);
  const before = pairTable(a, union.map((u) => u.baseline), intervals);
  const after = pairTable(b, union.map((u) => u.current), intervals);
  const size = union.length;
  const changes = [];
  for (let bit = 0; bit < size * size; bit++) {
    const was = (k: number) => hasBit(before.bits[k]!, bit);
    const is = (k: number) => hasBit(after.bits[k]!, bit);
    if (!intervals.some((_, k) => was(k) !== is(k))) continue;
    const from = union[Math.floor(bit / size)]!;
    const to = union[bit % size]!;
    if (from.info.kind === 'external' && to.info.kind === 'external') continue;
    changes.push({ from: from.info, to: to.info, before: connectionSetOf(intervals, was), after: connectionSetOf(intervals, is), opened: connectionSetOf(intervals, (k) => is(k) && !was(k)), closed: connectionSetOf(intervals, (k) => was(k) && !is(k)) });
  }
  return changes;
}

function expectSameAsPlain(x: Design, y: Design, addresses: readonly AddressNode[] = [], settings = DEFAULT_SETTINGS): number {
  const a = compile(withAssumedServices(x.cluster, settings));
  const b = compile(withAssumedServices(y.cluster, settings));
  const got = diffConnections(a, b, settings, undefined, addresses);
  const want = plainDiff(a, b, settings, addresses);
  expect(got.changes).toEqual(want);
  expect(got.pairs).toBe(want.length);
  expect(got.opened).toBe(want.filter((c) => !c.opened.all && Object.values(c.opened.byProtocol).some((r) => r.length > 0)).length + want.filter((c) => c.opened.all).length);
  return want.length;
}

const dump = (text: string) => loadDesign([{ name: 'd.yaml', text }]);

describe('diff on endpoint classes', () => {
  it('lists the same changes as a table over every pair (the shop fixtures)', () => {
    expect(expectSameAsPlain(shopDesign(), shopDesign(SHOP_POLICIES_CHANGED))).toBeGreaterThan(0);
  });

  it('lists the same changes on a dump with replicas, a removed policy and a removed workload', () => {
    const text = generateDump({ pods: 60, seed: 21, slim: true }).text;
    const before = dump(text);
    const policyless = text.replace(/^- apiVersion: networking\.k8s\.io\/v1\n[\s\S]*?(?=^- )/m, '');
    const after = dump(policyless.replace(/^- apiVersion: v1\n  kind: Pod\n[\s\S]*?(?=^- )/m, ''));
    expect(after.cluster.policies.length).toBe(before.cluster.policies.length - 1);
    expect(after.cluster.workloads.length).toBe(before.cluster.workloads.length - 1);
    const a = compile(before.cluster);
    // Classes must have several members here, or the test proves nothing.
    const union = unionEndpoints(a, compile(after.cluster), DEFAULT_SETTINGS);
    expect(jointClasses(a, compile(after.cluster), union).members.some((m) => m.length > 2)).toBe(true);
    expect(expectSameAsPlain(before, after)).toBeGreaterThan(0);
  }, 60_000);

  it('lists the same changes where a Deployment and its pods share a workload class (a pod always reaches itself, its replicas not)', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec: {replicas: 2, selector: {matchLabels: {app: x}}, template: {metadata: {labels: {app: x}}, spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}}}\n---\n';
    const pods = [1, 2].map((i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web-${i}, namespace: a, labels: {app: x}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: u, controller: true}]}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\nstatus: {podIP: 10.1.0.${i}}\n---\n`).join('');
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n';
    const before = dump(deployment + pods);
    const a = compile(withAssumedServices(before.cluster, DEFAULT_SETTINGS));
    const index = (id: string) => a.workloadIndex.get(id)!;
    expect(classesOf(a).classOf[index('a/web')]).toBe(classesOf(a).classOf[index('a/web-1')]);
    expect(expectSameAsPlain(before, dump(deployment + pods + deny))).toBeGreaterThan(0);
  });

  it('lists the same changes with an address node that is a pod address', () => {
    const pods = [1, 2].map((i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\nstatus: {podIP: 10.1.0.${i}}\n---\n`).join('');
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n';
    // Without the policy both pods reach p1's address.
    const changes = expectSameAsPlain(dump(pods + deny), dump(pods), [{ key: 'addr:p1', label: 'p1 address', ip: '10.1.0.1' }]);
    expect(changes).toBeGreaterThan(0);
  });

  it('lists the same changes with a node address node: the own-node exception answers each pod by where it runs', () => {
    // p1 and p2 are one workload class (placement is out of the key); only p1 runs on n1.
    const pods = [1, 2].map((i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: a, labels: {app: x}}\nspec: {nodeName: n${i}, containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\nstatus: {podIP: 10.1.0.${i}, hostIP: 192.168.5.${i}}\n---\n`).join('');
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n';
    const nodes: Design['cluster']['nodes'] = [1, 2].map((i) => ({ name: `n${i}`, labels: {}, addresses: [`192.168.5.${i}`], ref: { kind: 'Node', name: `n${i}`, manifest: 900 + i } }));
    const placed = (d: Design): Design => ({ ...d, cluster: { ...d.cluster, nodes } });
    const [before, after] = [placed(dump(pods)), placed(dump(pods + deny))];
    const a = compile(withAssumedServices(before.cluster, DEFAULT_SETTINGS));
    expect(classesOf(a).classOf[a.workloadIndex.get('a/p1')!]).toBe(classesOf(a).classOf[a.workloadIndex.get('a/p2')!]);
    expect(expectSameAsPlain(before, after, [{ key: 'node:n1', label: 'n1', ip: '192.168.5.1' }])).toBeGreaterThan(0);
  });
});

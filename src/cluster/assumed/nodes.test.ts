// An app-only dump (kubectl get pods -A -o yaml) has no Node objects, but its pods say where they
// run: the assumed cluster has those nodes, and the engine treats their addresses as nodes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { compile, evaluate } from '../../engine/index.ts';
import { loadDesign } from '../../model/index.ts';
import { assumedItems, describeAssumed, withAssumedServices } from './index.ts';
import { impliedNodes, impliedNodesOf } from './nodes.ts';

interface PodSpec { ns?: string; name: string; node?: string; hostIP?: string; podIP?: string; hostNetwork?: boolean; app?: string }

const pod = (p: PodSpec) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${p.name}, namespace: ${p.ns ?? 'shop'}, labels: {app: ${p.app ?? p.name}}}
spec:
  ${p.node ? `nodeName: ${p.node}` : ''}
  ${p.hostNetwork ? 'hostNetwork: true' : ''}
  containers: [{name: c, image: nginx, ports: [{containerPort: 8080, protocol: TCP}]}]
status: {${[p.hostIP ? `hostIP: ${p.hostIP}` : '', p.podIP ? `podIP: ${p.podIP}` : ''].filter(Boolean).join(', ')}}
`;

const node = (name: string, address: string, labels = '{}') => `---
apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: ${labels}}
status: {addresses: [{type: InternalIP, address: ${address}}]}
`;

const DENY_ALL = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

const model = (...docs: string[]) => withAssumedServices(loadDesign([{ name: 'dump.yaml', text: docs.join('') }]).cluster, DEFAULT_SETTINGS);

describe('nodes from pod placement', () => {
  it('a pod\'s spec.nodeName and status.hostIP imply that node, assumed, once per name, with no labels', () => {
    const m = model(
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.1' }),
      pod({ name: 'b', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.2' }),
      pod({ name: 'c', node: 'node-2', hostIP: '192.168.10.11', podIP: '10.0.1.1' }),
      // A pod template's nodeName gives no address: it adds no node.
      pod({ name: 'pending', node: 'node-3' }),
    );
    expect(m.nodes.map((n) => [n.name, n.addresses, n.labels, n.assumed?.service])).toEqual([
      ['node-1', ['192.168.10.10'], {}, 'node'],
      ['node-2', ['192.168.10.11'], {}, 'node'],
    ]);
    expect(describeAssumed(m).nodes[0]).toBe('node-1 (from pod placement: its pods report hostIP 192.168.10.10 (2 pods))');
    expect(assumedItems(m)).toContain('node node-2 (from pod placement: its pods report hostIP 192.168.10.11 (1 pod))');
    // Idempotent, and the manifests are untouched.
    expect(withAssumedServices(m, DEFAULT_SETTINGS)).toBe(m);
  });

  it('assumes no node a Node object declares, by name or by address', () => {
    const m = model(
      node('node-1', '192.168.10.10', '{zone: a}'),
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10' }),
      // The declared node-1 decides its addresses; another hostIP for it is not added.
      pod({ name: 'b', node: 'node-1', hostIP: '192.168.10.99' }),
      // Another name at a declared address: the address is node-1's, so node-x gets nothing.
      pod({ name: 'c', node: 'node-x', hostIP: '192.168.10.10' }),
    );
    expect(m.nodes.map((n) => [n.name, n.addresses, n.assumed === undefined])).toEqual([['node-1', ['192.168.10.10'], true]]);
  });

  it('conflicting hostIPs: a node takes each address its pods report; an address another node has stays that node\'s', () => {
    const nodes = impliedNodes(loadDesign([{ name: 'x.yaml', text: [
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10' }),
      pod({ name: 'b', node: 'node-1', hostIP: 'fd00::10' }),
      pod({ name: 'c', node: 'node-2', hostIP: '192.168.10.10' }),
      pod({ name: 'd', node: 'node-2', hostIP: '192.168.10.11' }),
    ].join('') }]).cluster);
    expect(nodes.map((n) => [n.name, n.addresses])).toEqual([
      ['node-1', ['192.168.10.10', 'fd00::10']],
      ['node-2', ['192.168.10.11']],
    ]);
    expect(nodes[1]!.assumed!.source).toContain("192.168.10.10 too, but that is node-1's address");
  });

  it('keeps the same node elements for the same pods (the workers compare models by element)', () => {
    const docs = [pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10' })];
    const one = loadDesign([{ name: 'a.yaml', text: docs.join('') }]).cluster;
    const two = loadDesign([{ name: 'a.yaml', text: docs.join('') + DENY_ALL }]).cluster;
    const other = loadDesign([{ name: 'b.yaml', text: pod({ name: 'b', node: 'node-9', hostIP: '192.168.10.99' }) }]).cluster;
    const first = impliedNodesOf(one)[0];
    expect(impliedNodesOf(other)[0]?.name).toBe('node-9');
    expect(impliedNodesOf(two)[0]).toBe(first);
  });

  it('ip:<hostIP> -> a pod on that node is the own-node exception; a pod on another node is up to the policies', () => {
    const m = model(
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.1' }),
      pod({ name: 'b', node: 'node-2', hostIP: '192.168.10.11', podIP: '10.0.1.1' }),
      DENY_ALL,
    );
    const c = compile(m);
    const probe = (to: string) => evaluate(c, { from: { kind: 'ip', ip: '192.168.10.10' }, to: { kind: 'workload', id: to }, port: 8080, protocol: 'TCP' });
    expect(probe('shop/a').exception).toBe('own-node');
    expect(probe('shop/a').allowed).toBe(true);
    expect(probe('shop/b').allowed).toBe(false);
  });

  it('a hostNetwork pod\'s address (podIP == hostIP) is its node\'s, not the pod\'s', () => {
    const m = model(
      pod({ name: 'agent', node: 'node-1', hostIP: '192.168.10.10', podIP: '192.168.10.10', hostNetwork: true }),
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.1' }),
      DENY_ALL,
    );
    const c = compile(m, { profile: 'cilium' });
    const verdict = evaluate(c, { from: { kind: 'ip', ip: '192.168.10.10' }, to: { kind: 'workload', id: 'shop/a' }, port: 8080, protocol: 'TCP' });
    expect(verdict.egress.subject).toBeNull();
    expect(verdict.exception).toBe('own-node');
  });

  it('an admin nodes peer: {} selects an assumed node; a selector with labels is not matched, and the verdict says so', () => {
    const anp = (selector: string) => `---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: no-nodes}
spec:
  priority: 10
  subject: {namespaces: {}}
  egress: [{name: deny-nodes, action: Deny, to: [{nodes: ${selector}}]}]
`;
    const toNode = (selector: string) => evaluate(compile(model(pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.1' }), anp(selector)), { profile: 'cilium' }),
      { from: { kind: 'workload', id: 'shop/a' }, to: { kind: 'ip', ip: '192.168.10.11' }, port: 10250, protocol: 'TCP' });
    const toOwn = (selector: string) => evaluate(compile(model(
      pod({ name: 'a', node: 'node-1', hostIP: '192.168.10.10', podIP: '10.0.0.1' }),
      pod({ name: 'b', node: 'node-2', hostIP: '192.168.10.11', podIP: '10.0.1.1' }), anp(selector))),
    { from: { kind: 'workload', id: 'shop/a' }, to: { kind: 'ip', ip: '192.168.10.11' }, port: 10250, protocol: 'TCP' });
    // An address no pod reports is no node: the peer never applies.
    expect(toNode('{}').allowed).toBe(true);
    expect(toOwn('{}').allowed).toBe(false);
    const labelled = toOwn('{matchLabels: {role: worker}}');
    expect(labelled.allowed).toBe(true);
    expect(labelled.notes?.map((n) => n.text).join(' ')).toContain('node node-2 is assumed from pod placement (no Node object), so its labels are unknown');
    expect(toOwn('{}').notes?.some((n) => n.text.includes('labels are unknown')) ?? false).toBe(false);
  });
});

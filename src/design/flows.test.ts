import { describe, expect, it } from 'vitest';
import { computeMatrix } from '../engine/index.ts';
import type { KubeObject } from '../model/index.ts';
import { setAllowRule } from './allowRules.ts';
import { addFlow, listFlows, removeFlow, updateFlow } from './flows.ts';
import { DesignError } from './objects.ts';
import { baseCluster, compiled, ep, load, prober } from './testkit.ts';
import { ANNOTATION_DESCRIPTION, DEFAULT_SETTINGS, type DesignSettings, type FlowEnd, type FlowSpec } from './types.ts';

const S: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };
const w = (namespace: string, name: string): FlowEnd => ({ kind: 'workload', namespace, name });
const web = w('shop', 'web');
const api = w('shop', 'api');
const client = w('other', 'client');
const tcp = (...ports: (number | string)[]) => ports.map((port) => ({ protocol: 'TCP' as const, port }));

function flowOn(spec: FlowSpec, objects: KubeObject[] = baseCluster()) {
  const result = addFlow(objects, spec, S);
  return { ...result, allowed: prober(result.objects), added: result.objects.slice(objects.length) };
}

describe('flows between workloads', () => {
  it('same namespace: exactly that source, destination and port', () => {
    const { allowed, added } = flowOn({ from: web, to: api, ports: tcp(9090) });
    expect(added.map((o) => o.metadata.name)).toEqual(['flow-web-to-api-egress', 'flow-web-to-api-ingress']);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9100)).toBe(false);
    expect(allowed('shop/web', 'shop/api', 9090, 'UDP')).toBe(false);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(false);
    expect(allowed('shop/api', 'shop/web', 8080)).toBe(true); // reverse: neither side isolated that way
    // Least privilege: the source is now isolated for egress, the destination for ingress.
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('shop/web', 'other/client', 8080)).toBe(false);
    expect(allowed('shop/api', 'ip:8.8.8.8', 443)).toBe(true);
    expect(added[0]!.metadata.annotations?.[ANNOTATION_DESCRIPTION]).toMatch(/isolates shop\/web for egress/);
  });

  it('across namespaces: the peer names the namespace and the pods', () => {
    const { allowed, added } = flowOn({ from: client, to: api, ports: tcp(9090) });
    expect(added.map((o) => o.metadata.namespace)).toEqual(['other', 'shop']);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(true);
    expect(allowed('third/stranger', 'shop/api', 9090)).toBe(false);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(false);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
  });

  it('checked on the whole matrix: exactly one new pair among isolated pods', () => {
    let objects = baseCluster();
    for (const namespace of ['shop', 'other', 'third']) {
      objects = setAllowRule(objects, 'defaultDenyIngress', { namespace }, true, S);
      objects = setAllowRule(objects, 'defaultDenyEgress', { namespace }, true, S);
    }
    const endpoints = ['shop/web', 'shop/api', 'other/client', 'third/stranger'].map(ep);
    const ports = [{ port: 8080, protocol: 'TCP' as const }, { port: 9090, protocol: 'TCP' as const }];
    // The diagonal is loopback (a single Pod always reaches itself): not the policies' doing.
    const offDiagonal = (t: Uint8Array) => [...t].map((v, i) => (Math.floor(i / 4) === i % 4 ? 0 : v));
    const before = computeMatrix(compiled(objects), { endpoints, ports });
    expect(before.allowed.every((t) => offDiagonal(t).every((v) => v === 0))).toBe(true);
    const after = computeMatrix(compiled(addFlow(objects, { from: client, to: api, ports: tcp(9090) }, S).objects), { endpoints, ports });
    const cells = after.allowed.flatMap((t, p) => offDiagonal(t).flatMap((v, i) => (v ? [`${ports[p]!.port}:${after.labels[Math.floor(i / 4)]}->${after.labels[i % 4]}`] : [])));
    expect(cells).toEqual(['9090:other/client->shop/api']);
  });

  it('namespace ends: every pod of one namespace to every pod of another', () => {
    const { allowed } = flowOn({ from: { kind: 'namespace', namespace: 'other' }, to: { kind: 'namespace', namespace: 'shop' }, ports: [] });
    expect(allowed('other/client', 'shop/web', 8080)).toBe(true);
    expect(allowed('other/client', 'shop/api', 9100)).toBe(true);
    expect(allowed('other/client', 'shop/api', 514, 'UDP')).toBe(true);
    expect(allowed('third/stranger', 'shop/web', 8080)).toBe(false);
    expect(allowed('other/client', 'third/stranger', 8080)).toBe(false);
  });

  it('a namespace end in the same namespace is every pod of it', () => {
    const { allowed } = flowOn({ from: { kind: 'namespace', namespace: 'shop' }, to: api, ports: tcp('http') });
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(false);
  });

  it('named ports resolve on the destination', () => {
    const { allowed } = flowOn({ from: web, to: api, ports: tcp('metrics') });
    expect(allowed('shop/web', 'shop/api', 9100)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 'metrics')).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(false);
  });

  it('port ranges (endPort) are inclusive', () => {
    const { allowed } = flowOn({ from: web, to: api, ports: [{ protocol: 'TCP', port: 9000, endPort: 9100 }] });
    expect(allowed('shop/web', 'shop/api', 9000)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9100)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9101)).toBe(false);
    expect(allowed('shop/web', 'shop/api', 8999)).toBe(false);
  });

  it('UDP and SCTP', () => {
    const { allowed } = flowOn({ from: web, to: api, ports: [{ protocol: 'UDP', port: 514 }, { protocol: 'SCTP', port: 9899 }] });
    expect(allowed('shop/web', 'shop/api', 514, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'shop/api', 514, 'TCP')).toBe(false);
    expect(allowed('shop/web', 'shop/api', 9899, 'SCTP')).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9899, 'TCP')).toBe(false);
  });
});

describe('flows with an external end', () => {
  it('to the internet: only the egress side, public addresses only', () => {
    const { allowed, added } = flowOn({ from: web, to: { kind: 'external', id: 'internet' }, ports: tcp(443) });
    expect(added.map((o) => o.metadata.name)).toEqual(['flow-web-to-internet-egress']);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:8.8.8.8', 80)).toBe(false);
    expect(allowed('shop/web', 'ip:10.1.2.3', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:169.254.169.254', 443)).toBe(false);
  });
  it('from the internet: an ingress policy with an ipBlock', () => {
    const { allowed, added } = flowOn({ from: { kind: 'external', id: 'internet' }, to: web, ports: tcp('http') });
    expect(added.length).toBe(1);
    expect(allowed('ip:8.8.8.8', 'shop/web', 8080)).toBe(true);
    expect(allowed('ip:10.1.2.3', 'shop/web', 8080)).toBe(false);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('ip:8.8.8.8', 'shop/api', 9090)).toBe(true); // api untouched
  });
  it('to private networks and to the metadata server', () => {
    const priv = flowOn({ from: web, to: { kind: 'external', id: 'private' }, ports: [] }).allowed;
    expect(priv('shop/web', 'ip:10.1.2.3', 22)).toBe(true);
    expect(priv('shop/web', 'ip:172.20.0.1', 22)).toBe(true);
    expect(priv('shop/web', 'ip:8.8.8.8', 22)).toBe(false);
    const meta = flowOn({ from: web, to: { kind: 'external', id: 'metadata' }, ports: tcp(80) }).allowed;
    expect(meta('shop/web', 'ip:169.254.169.254', 80)).toBe(true);
    expect(meta('shop/web', 'ip:169.254.169.254', 443)).toBe(false);
    expect(meta('shop/web', 'ip:10.1.2.3', 80)).toBe(false);
  });
  it('to the API server: its address and port by default', () => {
    const { allowed } = flowOn({ from: web, to: { kind: 'external', id: 'apiserver' }, ports: [] });
    expect(allowed('shop/web', 'ip:172.18.0.2', 6443)).toBe(true);
    expect(allowed('shop/web', 'ip:172.18.0.2', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:172.18.0.3', 6443)).toBe(false);
  });
  it('to DNS: the DNS pods on 53 UDP and TCP by default', () => {
    const { allowed } = flowOn({ from: web, to: { kind: 'external', id: 'dns' }, ports: [] });
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 9153)).toBe(false);
    expect(allowed('shop/web', 'kube-system/metrics-server', 53, 'UDP')).toBe(false);
  });
  it('to a CIDR with exceptions, IPv4 and IPv6', () => {
    const { allowed } = flowOn({ from: web, to: { kind: 'cidr', cidr: '192.168.178.0/24', except: ['192.168.178.1/32'] }, ports: tcp(443) });
    expect(allowed('shop/web', 'ip:192.168.178.50', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:192.168.178.1', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:192.168.179.50', 443)).toBe(false);
    const v6 = flowOn({ from: { kind: 'cidr', cidr: '2001:db8::/32' }, to: api, ports: tcp(9090) }).allowed;
    expect(v6('ip:2001:db8::7', 'shop/api', 9090)).toBe(true);
    expect(v6('ip:2001:db9::7', 'shop/api', 9090)).toBe(false);
  });
  it('needs an end in the cluster', () => {
    expect(() => addFlow(baseCluster(), { from: { kind: 'external', id: 'internet' }, to: { kind: 'cidr', cidr: '10.0.0.0/8' }, ports: [] }, S)).toThrow(DesignError);
  });
  it('sides: only the asked side gets a policy', () => {
    const { allowed, added } = flowOn({ from: web, to: api, ports: tcp(9090), sides: ['Ingress'] });
    expect(added.map((o) => o.metadata.name)).toEqual(['flow-web-to-api-ingress']);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
  });
});

describe('flows live in the manifest set', () => {
  const specs: FlowSpec[] = [
    { from: web, to: api, ports: tcp(9090, 'metrics') },
    { from: client, to: api, ports: [{ protocol: 'TCP', port: 9000, endPort: 9100 }, { protocol: 'UDP', port: 514 }] },
    { from: web, to: { kind: 'external', id: 'internet' }, ports: [] },
    { from: { kind: 'external', id: 'internet' }, to: web, ports: tcp(8080) },
    { from: { kind: 'namespace', namespace: 'other' }, to: { kind: 'cidr', cidr: '192.168.178.0/24', except: ['192.168.178.1/32'] }, ports: [{ protocol: 'SCTP', port: 9899 }] },
    { from: web, to: api, ports: tcp(9100), sides: ['Egress'] },
  ];

  it('listFlows recovers every spec after emit -> parse', () => {
    let objects = baseCluster();
    const ids: string[] = [];
    for (const spec of specs) {
      const r = addFlow(objects, spec, S);
      objects = r.objects;
      ids.push(r.flow.id);
    }
    expect(new Set(ids).size).toBe(specs.length);
    const reread = load(objects).manifests.map((m) => m.object);
    const flows = listFlows(reread);
    expect(flows.map((f) => f.id)).toEqual(ids);
    expect(flows.map(({ id: _id, ...spec }) => spec)).toEqual(specs);
  });

  it('drawing the same flow twice changes nothing', () => {
    const first = addFlow(baseCluster(), specs[0]!, S);
    const second = addFlow(first.objects, specs[0]!, S);
    expect(second.objects).toEqual(first.objects);
    expect(second.flow.id).toBe(first.flow.id);
  });

  it('remove restores the original; update regenerates in place', () => {
    const original = baseCluster();
    const a = addFlow(original, specs[0]!, S);
    const b = addFlow(a.objects, specs[1]!, S);
    expect(removeFlow(removeFlow(b.objects, a.flow.id), b.flow.id)).toEqual(original);
    expect(removeFlow(b.objects, b.flow.id)).toEqual(a.objects);

    const updated = updateFlow(b.objects, a.flow.id, { from: web, to: api, ports: tcp(9100) }, S);
    expect(updated.flow.id).toBe(a.flow.id);
    expect(updated.objects.length).toBe(b.objects.length);
    expect(listFlows(updated.objects).map((f) => f.id)).toEqual([a.flow.id, b.flow.id]);
    const allowed = prober(updated.objects);
    expect(allowed('shop/web', 'shop/api', 9100)).toBe(true);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(false);
    expect(() => updateFlow(b.objects, 'nope', specs[0]!, S)).toThrow(DesignError);
  });

  it('a hand-broken spec annotation drops the flow from the list without failing', () => {
    const { objects, flow } = addFlow(baseCluster(), specs[0]!, S);
    const broken = objects.map((o) =>
      o.kind === 'NetworkPolicy' ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'netpol-designer.io/flow-spec': '{oops' } } } : o,
    );
    expect(listFlows(objects).map((f) => f.id)).toEqual([flow.id]);
    expect(listFlows(broken)).toEqual([]);
  });
});

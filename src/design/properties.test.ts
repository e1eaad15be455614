import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMatrix, evaluate, type PortProbe } from '../engine/index.ts';
import type { KubeObject, NetworkPolicyPort } from '../model/index.ts';
import { ALLOW_RULES, isAllowRuleOn, setAllowRule, targetKey } from './allowRules.ts';
import { addFlow, listFlows, removeFlow } from './flows.ts';
import { baseCluster, compiled, ep, load } from './testkit.ts';
import { DEFAULT_SETTINGS, type FlowEnd, type FlowSpec, type RuleTarget } from './types.ts';

// With the API server endpoint set: the kube-apiserver switch and flows to it need it (unset, they say what to fill).
const S = { ...DEFAULT_SETTINGS, apiServer: { address: '192.168.178.123', port: 6443 } };
const TARGETS: RuleTarget[] = [
  { namespace: 'shop' },
  { namespace: 'shop', workload: 'web' },
  { namespace: 'shop', workload: 'api' },
  { namespace: 'other' },
  { namespace: 'other', workload: 'client' },
];
const WORKLOADS = ['shop/web', 'shop/api', 'other/client', 'third/stranger'];
const CLUSTER_ENDS: FlowEnd[] = [
  ...WORKLOADS.map((id): FlowEnd => {
    const [namespace = '', name = ''] = id.split('/');
    return { kind: 'workload', namespace, name };
  }),
  ...['shop', 'other', 'third'].map((namespace): FlowEnd => ({ kind: 'namespace', namespace })),
];
const ALL_ENDS: FlowEnd[] = [
  ...CLUSTER_ENDS,
  { kind: 'external', id: 'internet' },
  { kind: 'external', id: 'dns' },
  { kind: 'external', id: 'apiserver' },
  { kind: 'cidr', cidr: '192.168.178.0/24', except: ['192.168.178.1/32'] },
];
const PORT_SETS: NetworkPolicyPort[][] = [
  [],
  [{ protocol: 'TCP', port: 8080 }],
  [{ protocol: 'TCP', port: 'http' }],
  [{ protocol: 'TCP', port: 9000, endPort: 9100 }],
  [{ protocol: 'UDP', port: 514 }, { protocol: 'TCP', port: 9090 }],
];
const PROBES: PortProbe[] = [
  { port: 8080, protocol: 'TCP' },
  { port: 9090, protocol: 'TCP' },
  { port: 9100, protocol: 'TCP' },
  { port: 514, protocol: 'UDP' },
];

const ruleOp = fc.record({
  id: fc.constantFrom(...ALLOW_RULES.map((r) => r.id)),
  target: fc.constantFrom(...TARGETS),
  on: fc.boolean(),
});

describe('design properties', () => {
  it('switch state is the last action per switch, and all off gives back the original set', () => {
    fc.assert(
      fc.property(fc.array(ruleOp, { maxLength: 12 }), (ops) => {
        const original = baseCluster();
        let objects: KubeObject[] = original;
        const last = new Map<string, boolean>();
        for (const op of ops) {
          objects = setAllowRule(objects, op.id, op.target, op.on, S);
          last.set(`${op.id} ${targetKey(op.target)}`, op.on);
        }
        for (const rule of ALLOW_RULES) {
          for (const target of TARGETS) {
            expect(isAllowRuleOn(objects, rule.id, target)).toBe(last.get(`${rule.id} ${targetKey(target)}`) ?? false);
          }
        }
        let off = objects;
        for (const op of ops) off = setAllowRule(off, op.id, op.target, false, S);
        expect(off).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });

  it('flows survive emit -> parse and removing them all gives back the original set', () => {
    const specArb = fc.record({ from: fc.constantFrom(...ALL_ENDS), to: fc.constantFrom(...ALL_ENDS), ports: fc.constantFrom(...PORT_SETS) })
      .filter((s) => s.from.kind === 'namespace' || s.from.kind === 'workload' || s.to.kind === 'namespace' || s.to.kind === 'workload');
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 6 }), fc.nat(), (specs, seed) => {
        const original = baseCluster();
        let objects: KubeObject[] = original;
        const ids: string[] = [];
        for (const spec of specs) {
          const r = addFlow(objects, spec, S);
          objects = r.objects;
          if (!ids.includes(r.flow.id)) ids.push(r.flow.id);
        }
        const reread = load(objects).manifests.map((m) => m.object);
        expect(listFlows(reread).map((f) => f.id)).toEqual(ids);
        const order = [...ids].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        for (const id of order) objects = removeFlow(objects, id);
        expect(objects).toEqual(original);
      }),
      { numRuns: 40 },
    );
  });

  it('on a default-deny cluster a flow allows exactly its pairs and ports, checked on the matrix', () => {
    let denied = baseCluster();
    for (const namespace of ['shop', 'other', 'third']) {
      denied = setAllowRule(denied, 'defaultDenyIngress', { namespace }, true, S);
      denied = setAllowRule(denied, 'defaultDenyEgress', { namespace }, true, S);
    }
    const model = compiled(denied).workloads;
    const members = (end: FlowEnd): string[] =>
      end.kind === 'workload' ? [`${end.namespace}/${end.name}`] : end.kind === 'namespace' ? WORKLOADS.filter((w) => w.startsWith(`${end.namespace}/`)) : [];
    const portNumber = (to: string, name: string): number | undefined =>
      model.find((w) => w.id === to)?.ports.find((p) => p.name === name)?.containerPort;
    const portAllows = (ports: NetworkPolicyPort[], probe: PortProbe, to: string): boolean =>
      ports.length === 0 ||
      ports.some((p) => {
        if (p.protocol !== probe.protocol) return false;
        if (typeof p.port === 'string') return portNumber(to, p.port) === probe.port;
        if (p.port === undefined) return true;
        return probe.port >= p.port && probe.port <= (p.endPort ?? p.port);
      });

    fc.assert(
      fc.property(fc.constantFrom(...CLUSTER_ENDS), fc.constantFrom(...CLUSTER_ENDS), fc.constantFrom(...PORT_SETS), (from, to, ports) => {
        const spec: FlowSpec = { from, to, ports };
        const c = compiled(addFlow(denied, spec, S).objects);
        const m = computeMatrix(c, { endpoints: WORKLOADS.map(ep), ports: PROBES });
        PROBES.forEach((probe, p) => {
          WORKLOADS.forEach((a, i) => {
            WORKLOADS.forEach((b, j) => {
              // A single Pod reaching itself is loopback: allowed whatever the flow.
              const loopback = a === b && model.find((w) => w.id === a)?.replicas === 1;
              const expected = loopback || (members(from).includes(a) && members(to).includes(b) && portAllows(ports, probe, b));
              const what = `${a} -> ${b} ${probe.protocol}/${probe.port}`;
              expect(m.allowed[p]![i * WORKLOADS.length + j] === 1, what).toBe(expected);
              // Each end on its own, too: least privilege on both sides means neither side leans on the other.
              const v = evaluate(c, { from: ep(a), to: ep(b), ...probe });
              expect(v.egress.allowed, `egress ${what}`).toBe(expected);
              expect(v.ingress.allowed, `ingress ${what}`).toBe(expected);
            });
          });
        });
      }),
      { numRuns: 60 },
    );
  });
});

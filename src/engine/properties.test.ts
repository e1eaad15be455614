import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, clusterWithAdminArb, portProbeArb, ruleArb } from '../testing/arbitraries.ts';
import { compile } from './compile.ts';
import { allowedConnections } from './connections.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import type { Endpoint } from './types.ts';

const OUTSIDE: Endpoint[] = [{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '192.168.7.7' }, { kind: 'ip', ip: '10.0.1.3' }];

function endpointsOf(c: ReturnType<typeof compile>): Endpoint[] {
  return [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...OUTSIDE];
}

describe('engine properties', () => {
  it('the bitset matrix agrees with the one-probe evaluation everywhere', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(portProbeArb, { minLength: 1, maxLength: 3 }), (model, ports) => {
        const c = compile(model);
        const endpoints = endpointsOf(c);
        const m = computeMatrix(c, { endpoints, ports });
        ports.forEach((port, p) => {
          endpoints.forEach((from, i) => {
            endpoints.forEach((to, j) => {
              const v = evaluate(c, { from, to, ...port });
              expect(m.allowed[p]![i * endpoints.length + j] === 1, `${m.labels[i]} -> ${m.labels[j]} ${port.protocol}/${port.port}`).toBe(v.allowed);
            });
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('allowedConnections contains exactly the ports evaluate allows', () => {
    fc.assert(
      fc.property(clusterArb, portProbeArb, (model, port) => {
        const c = compile(model);
        const endpoints = endpointsOf(c);
        for (const from of endpoints) {
          for (const to of endpoints) {
            const set = allowedConnections(c, from, to);
            const inSet = set.byProtocol[port.protocol].some((r) => r.from <= port.port && port.port <= r.to);
            expect(inSet).toBe(evaluate(c, { from, to, ...port }).allowed);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with admin and baseline tiers, allowedConnections still contains exactly the ports evaluate allows', () => {
    const ports = [{ port: 53, protocol: 'UDP' as const }, ...[53, 80, 443, 444, 8080, 9000].map((port) => ({ port, protocol: 'TCP' as const })), { port: 8080, protocol: 'SCTP' as const }];
    fc.assert(
      fc.property(clusterWithAdminArb, (model) => {
        const c = compile(model);
        const endpoints = endpointsOf(c);
        for (const from of endpoints) {
          for (const to of endpoints) {
            const set = allowedConnections(c, from, to);
            for (const port of ports) {
              const inSet = set.byProtocol[port.protocol].some((r) => r.from <= port.port && port.port <= r.to);
              expect(inSet, `${JSON.stringify(from)} -> ${JSON.stringify(to)} ${port.protocol}/${port.port}`).toBe(evaluate(c, { from, to, ...port }).allowed);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a rule to an existing policy never removes an allowed connection', () => {
    fc.assert(
      fc.property(
        clusterArb.filter((m) => m.policies.length > 0),
        fc.nat(),
        fc.constantFrom('ingress' as const, 'egress' as const),
        ruleArb,
        portProbeArb,
        (model, pick, direction, rule, port) => {
          const index = pick % model.policies.length;
          const target = model.policies[index]!;
          const widened = { ...model, policies: model.policies.map((p, i) => (i === index ? { ...p, [direction]: [...target[direction], rule] } : p)) };
          const before = compile(model);
          const after = compile(widened);
          const endpoints = endpointsOf(before);
          const m1 = computeMatrix(before, { endpoints, ports: [port] });
          const m2 = computeMatrix(after, { endpoints, ports: [port] });
          m1.allowed[0]!.forEach((allowed, k) => {
            if (allowed) expect(m2.allowed[0]![k]).toBe(1);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding a policy without rules never opens a connection', () => {
    fc.assert(
      fc.property(clusterArb, clusterArb, portProbeArb, (model, other, port) => {
        const denyAll = other.policies.map((p) => ({ ...p, ingress: [], egress: [] }));
        const stricter = { ...model, policies: [...model.policies, ...denyAll] };
        const c1 = compile(model);
        const endpoints = endpointsOf(c1);
        const m1 = computeMatrix(c1, { endpoints, ports: [port] });
        const m2 = computeMatrix(compile(stricter), { endpoints, ports: [port] });
        m2.allowed[0]!.forEach((allowed, k) => {
          if (allowed) expect(m1.allowed[0]![k]).toBe(1);
        });
      }),
      { numRuns: 200 },
    );
  });
});

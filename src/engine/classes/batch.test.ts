import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../../model/types.ts';
import { clusterWithAdminArb, PROTOCOL_ARB } from '../../testing/arbitraries.ts';
import { compile } from '../compile.ts';
import { evaluate } from '../evaluate.ts';
import type { Endpoint, Probe } from '../types.ts';
import { answerProbes } from './index.ts';

const withReplicas = fc.record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }) }).map(({ base, copies }): ClusterModel => ({
  ...base,
  workloads: [...base.workloads, ...base.workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: [] })))],
}));

const OUTSIDE: Endpoint[] = [{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '192.168.7.7' }, { kind: 'ip', ip: '::1' }];

describe('answerProbes', () => {
  it('answers every probe as evaluate does: numbers, port names, addresses, a workload and itself', () => {
    fc.assert(
      fc.property(
        withReplicas,
        fc.array(fc.record({ from: fc.nat(), to: fc.nat(), port: fc.constantFrom<number | string>(53, 80, 443, 8080, 'http', 'dns', 'nope'), protocol: PROTOCOL_ARB }), { minLength: 1, maxLength: 120 }),
        (model, raw) => {
          const c = compile(model);
          const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...OUTSIDE];
          // Many probes of one port, so the class matrix path is taken, plus the raw ones.
          const probes: Probe[] = raw.map((p) => ({ from: endpoints[p.from % endpoints.length]!, to: endpoints[p.to % endpoints.length]!, port: p.port, protocol: p.protocol }));
          for (const from of endpoints) for (const to of endpoints) probes.push({ from, to, port: 80, protocol: 'TCP' });
          const answers = answerProbes(c, probes);
          probes.forEach((probe, i) => expect(answers[i], JSON.stringify(probe)).toBe(evaluate(c, probe).allowed));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('throws for an unknown workload as evaluate does', () => {
    const c = compile({ namespaces: [], workloads: [], services: [], policies: [], unevaluated: [], adminPolicies: [], nodes: [] });
    expect(() => answerProbes(c, [{ from: { kind: 'workload', id: 'a/b' }, to: { kind: 'ip', ip: '1.1.1.1' }, port: 80, protocol: 'TCP' }])).toThrow(/unknown workload/);
  });
});

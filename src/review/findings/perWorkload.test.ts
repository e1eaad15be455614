import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/compile.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { clusterWithAdminArb } from '../../testing/arbitraries.ts';
import { perClassOrWorkload } from './perWorkload.ts';

describe('perClassOrWorkload', () => {
  it('answers by class (many workloads) as by workload (few): egress verdicts towards one workload and one address', () => {
    fc.assert(fc.property(clusterWithAdminArb, (model) => {
      const c = compile(model);
      if (c.workloads.length === 0) return;
      const ask = (w: number, to: string) => {
        const target = to === 'ip' ? { kind: 'ip' as const, ip: '10.255.255.254' } : { kind: 'workload' as const, id: c.workloads[0]!.id };
        const v = evaluate(c, { from: { kind: 'workload', id: c.workloads[w]!.id }, to: target, port: 53, protocol: 'UDP' }).egress;
        return { allowed: v.allowed, decidedBy: v.decidedBy, isolating: v.isolatingPolicies };
      };
      const byClass = perClassOrWorkload(c, 1_000_000, ask);
      const byWorkload = perClassOrWorkload(c, 0, ask);
      // The workload itself is the one exception to classes (a pod and itself): asked from the others only.
      for (let w = 1; w < c.workloads.length; w++) {
        for (const to of ['ip', 'first']) expect(byClass(w, to)).toEqual(byWorkload(w, to));
      }
    }), { numRuns: 150 });
  });
});

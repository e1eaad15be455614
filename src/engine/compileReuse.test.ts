// Compiling with the previous compilation's policies reused gives the same compiled cluster.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, policyArb } from '../testing/arbitraries.ts';
import { compile } from './compile.ts';

describe('compile with reuse', () => {
  it('equals a fresh compilation after policies are added, removed, reordered or changed', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(policyArb, { maxLength: 3 }), fc.nat(), fc.constantFrom('spec' as const, 'cilium' as const), (cluster, added, drop, profile) => {
        const before = compile(cluster, { profile });
        const kept = cluster.policies.filter((_, i) => cluster.policies.length === 0 || i !== drop % cluster.policies.length);
        const policies = [...added.map((p, i) => ({ ...p, name: `new${i}` })), ...kept.reverse()].map((p, i) => ({ ...p, ref: { ...p.ref, manifest: i } }));
        const after = { ...cluster, policies };
        expect(compile(after, { profile, reuse: before })).toEqual(compile(after, { profile }));
      }),
      { numRuns: 150, seed: 16 },
    );
  });
});

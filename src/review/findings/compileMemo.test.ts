// The review compiles one cluster under several profiles, each starting from a compilation of another
// (compile's `sibling`, shareClasses): it must be what a plain compile per profile gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classesOf } from '../../engine/classes/index.ts';
import { workloadClasses } from '../../engine/classes/classes.ts';
import { compile, compileAll, PROFILE_IDS } from '../../engine/index.ts';
import { clusterArb } from '../../testing/arbitraries.ts';
import { cluster, netpol, workload } from '../../testing/builders.ts';
import { compileMemo } from './compileMemo.ts';

/** Clusters with hostNetwork pods and owned pods too, where the profiles exempt different workloads. */
const variedClusterArb = fc.tuple(clusterArb, fc.array(fc.constantFrom('plain', 'hostNetwork', 'owned', 'both'), { minLength: 7, maxLength: 7 }))
  .map(([c, kinds]) => ({
    ...c,
    workloads: c.workloads.map((w, i) => ({
      ...w,
      ...(kinds[i] === 'hostNetwork' || kinds[i] === 'both' ? { hostNetwork: true } : {}),
      ...(kinds[i] === 'owned' || kinds[i] === 'both' ? { owned: true } : {}),
    })),
  }));

describe('compileMemo across profiles', () => {
  it('compiles each profile as a plain compile does, and its classes are those computed afresh', () => {
    fc.assert(
      fc.property(variedClusterArb, fc.shuffledSubarray([...PROFILE_IDS], { minLength: 1 }), (model, order) => {
        const memo = compileMemo();
        for (const id of order) {
          const shared = memo.compile('design', model, id);
          const plain = compile(model, { profile: id });
          expect(shared).toEqual(plain);
          expect(classesOf(shared)).toEqual(workloadClasses(plain));
        }
      }),
      { numRuns: 150, seed: 22 },
    );
  });

  it('compileAll (Explain across plugins) gives a plain compile per profile', () => {
    fc.assert(
      fc.property(variedClusterArb, fc.shuffledSubarray([...PROFILE_IDS], { minLength: 1 }), (model, order) => {
        for (const [id, shared] of compileAll(model, order)) expect(shared).toEqual(compile(model, { profile: id }));
      }),
      { numRuns: 100, seed: 23 },
    );
  });

  it('shares the compiled policies and the classes between profiles that match pods alike', () => {
    const model = cluster(
      [workload('a/w0', { app: 'x' }, [], ['10.0.1.5']), workload('a/w1', { app: 'y' }, [], ['10.0.1.6'])],
      [netpol('a/p', { matchLabels: { app: 'x' } }, { egress: [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })],
    );
    const memo = compileMemo();
    const spec = memo.compile('design', model, 'spec');
    // Cilium's ipBlocks match no pod, and this one's blocks cover none under the spec either.
    for (const id of ['calico', 'cilium'] as const) {
      const other = memo.compile('design', model, id);
      expect(other.policies[0]).toBe(spec.policies[0]);
      expect(classesOf(other)).toBe(classesOf(spec));
    }
  });
});

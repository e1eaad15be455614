import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/index.ts';
import { clusterWithAdminArb, policyArb } from '../../testing/arbitraries.ts';
import { Bitset } from '../bitset.ts';
import { compile, type CompiledCluster } from '../compile.ts';
import { PROFILE_IDS } from '../profiles/index.ts';
import { workloadBitsets } from './classes.ts';
import { classesOf, followClasses, perClass, workloadClasses } from './index.ts';

describe('classesOf and perClass', () => {
  it('compute the classes once per compiled cluster and an answer once per class and key', () => {
    const pods = [0, 1, 2].map((i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: x}]}`);
    const other = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: a, labels: {app: y}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}';
    const c = compile(loadDesign([{ name: 'd.yaml', text: [...pods, other].join('\n---\n') }]).cluster);
    expect(classesOf(c)).toBe(classesOf(c));
    const calls: number[] = [];
    const ask = perClass(c, (w, key: 'TCP' | 'UDP') => {
      calls.push(w);
      return `${classesOf(c).classOf[w]}/${key}`;
    });
    const answers = c.workloads.map((_, w) => ask(w, 'TCP'));
    ask(0, 'UDP');
    // p0..p2 are one class, q another: two TCP questions and one UDP.
    expect(new Set(answers).size).toBe(2);
    expect(answers.slice(0, 3)).toEqual([answers[0], answers[0], answers[0]]);
    expect(calls).toHaveLength(3);
  });
});

/** Every bitset over the workloads reachable from a compilation, walked afresh (no memo, nothing skipped but the model). */
function plainBitsets(c: CompiledCluster): Bitset[] {
  const found: Bitset[] = [];
  const seen = new Set<unknown>([c.cluster]);
  const stack: unknown[] = [c];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Bitset) {
      if (value.size === c.workloads.length) found.push(value);
    } else if (!ArrayBuffer.isView(value)) {
      stack.push(...(value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value)));
    }
  }
  return found;
}

/** A toggle: a policy added at the end, or one removed (the review's allow rules on and off). */
const stepArb = fc.oneof(
  fc.record({ add: policyArb }),
  fc.record({ remove: fc.nat(7) }),
  // A workload's element built again (the same content, read from another place): compile reuse still holds.
  fc.record({ copy: fc.nat(7) }),
);

describe('followClasses', () => {
  it('a toggle\'s classes, refined from the last ones, are the classes computed from nothing, under every profile', () => {
    fc.assert(
      fc.property(clusterWithAdminArb, fc.array(stepArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(...PROFILE_IDS), (model, steps, profile) => {
        let before = compile(model, { profile });
        classesOf(before);
        let policies = model.policies;
        let workloads = model.workloads;
        steps.forEach((step, k) => {
          if ('add' in step) policies = [...policies, { ...step.add, name: `t${k}`, ref: { ...step.add.ref, name: `t${k}` } }];
          else if ('remove' in step) policies = policies.filter((_, i) => i !== step.remove % Math.max(1, policies.length));
          else workloads = workloads.map((w, i) => (i === step.copy % workloads.length ? { ...w, ref: { ...w.ref, manifest: w.ref.manifest + 1 } } : w));
          // As the review's compile memo does: the same workloads, the last compilation reused.
          const after = compile({ ...model, workloads, policies }, { profile, reuse: before });
          followClasses(before, after);
          expect(classesOf(after)).toEqual(workloadClasses(after));
          // The walk remembered per compiled policy finds what a walk of everything finds.
          const walked = new Set(workloadBitsets(after));
          const plain = new Set(plainBitsets(after));
          if (walked.size !== plain.size || [...plain].some((set) => !walked.has(set))) expect([...walked]).toEqual([...plain]);
          before = after;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('starts from the last classes only when they are known, and never from a compilation of other workloads', () => {
    const model = loadDesign([{ name: 'd.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: x}]}' }]).cluster;
    const a = compile(model);
    const b = compile({ ...model, workloads: [...model.workloads, { ...model.workloads[0]!, id: 'a/q', name: 'q', labels: { app: 'y' } }] });
    followClasses(a, b);
    classesOf(a);
    expect(classesOf(b)).toEqual(workloadClasses(b));
  });
});

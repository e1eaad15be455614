// workloadClasses splits classes by each bitset in turn (partition refinement); it must give exactly
// the classes, numbered alike, of the key it replaced: classKeys' key and the list of bitsets holding
// the workload, written out per workload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterWithAdminArb } from '../../testing/arbitraries.ts';
import { compile } from '../compile.ts';
import { PROFILE_IDS } from '../profiles/index.ts';
import type { CompiledCluster } from '../compile.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { inCluster } from '../../cluster/assumed/index.ts';
import { loadDesign } from '../../model/index.ts';
import { clusterYaml } from '../../../scripts/synthetic-yaml.ts';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { classKeys, workloadBitsets, workloadClasses, type WorkloadClasses } from './classes.ts';

/** The former computation: one key string per workload. */
function byKey(c: CompiledCluster): WorkloadClasses {
  const n = c.workloads.length;
  const signature: number[][] = c.workloads.map(() => []);
  workloadBitsets(c).forEach((set, id) => {
    for (let i = 0; i < n; i++) if (set.has(i)) signature[i]!.push(id);
  });
  const keys = new Map<string, number>();
  const classOf = new Int32Array(n);
  const members: number[][] = [];
  classKeys(c).forEach((other, i) => {
    const key = `${other}\u0000${signature[i]!.join(',')}`;
    let k = keys.get(key);
    if (k === undefined) {
      k = members.length;
      keys.set(key, k);
      members.push([]);
    }
    classOf[i] = k;
    members[k]!.push(i);
  });
  return { classOf, members };
}

describe('workload classes by partition refinement', () => {
  it('equal the classes of the written-out key on random clusters, under every profile', () => {
    fc.assert(fc.property(clusterWithAdminArb, fc.constantFrom(...PROFILE_IDS), (model, profile) => {
      const c = compile(model, { profile });
      const got = workloadClasses(c);
      const want = byKey(c);
      expect([...got.classOf]).toEqual([...want.classOf]);
      expect(got.members).toEqual(want.members);
    }), { numRuns: 200 });
  });

  it('equal them on a generated cluster with replicas', () => {
    const design = inCluster(loadDesign([{ name: 'd.yaml', text: clusterYaml(syntheticCluster(100)) }]), DEFAULT_SETTINGS);
    const c = compile(design.cluster);
    const got = workloadClasses(c);
    expect(got.members.length).toBeLessThan(c.workloads.length);
    expect([...got.classOf]).toEqual([...byKey(c).classOf]);
  });
});

import { describe, expect, it } from 'vitest';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { SAMPLES } from '../design/samples.ts';
import { loadDesign } from '../model/index.ts';
import type { ClusterModel, Workload } from '../model/types.ts';
import { compile } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { PROFILE_IDS, type NetworkProfileId } from './profiles/index.ts';
import { scopedCluster } from './scoped.ts';
import type { Probe } from './types.ts';

/** Ports worth asking about between two workloads: the destination's own, a named one, and others. */
function portsOf(to: Workload): Probe['port'][] {
  const ports: Probe['port'][] = [80, 9999];
  for (const p of to.ports) ports.push(p.containerPort, ...(p.name ? [p.name] : []));
  return [...new Set(ports)];
}

/** Every verdict between workloads, from the whole cluster and from the scoped one: they must be equal. */
function compareAll(cluster: ClusterModel, profile: NetworkProfileId, limit = Infinity): number {
  const full = compile(cluster, { profile });
  let compared = 0;
  for (const a of cluster.workloads) {
    for (const b of cluster.workloads) {
      if (compared >= limit) return compared;
      const scoped = scopedCluster(cluster, { from: { kind: 'workload', id: a.id }, to: { kind: 'workload', id: b.id } });
      expect(scoped).toBeDefined();
      const small = compile(scoped!, { profile });
      const asks: [Probe['port'], Probe['protocol']][] = [...portsOf(b).map((port): [Probe['port'], Probe['protocol']] => [port, 'TCP']), [53, 'UDP']];
      for (const [port, protocol] of asks) {
        const probe: Probe = { from: { kind: 'workload', id: a.id }, to: { kind: 'workload', id: b.id }, port, protocol };
        expect(evaluate(small, probe), `${a.id} -> ${b.id} ${protocol}/${port} (${profile})`).toEqual(evaluate(full, probe));
        compared++;
      }
    }
  }
  return compared;
}

describe('a verdict from the part of the cluster its two workloads need', () => {
  it('answers like the whole cluster for every pair, port and profile of the samples (admin policies included)', () => {
    let compared = 0;
    for (const s of SAMPLES) {
      const design = loadDesign([{ name: `${s.id}.yaml`, text: s.yaml }]);
      for (const profile of PROFILE_IDS) compared += compareAll(design.cluster, profile);
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('answers like the whole cluster on a multi-tenant design, and keeps only the two ends and their namespaces\' policies', () => {
    const design = loadDesign([{ name: 'tenants.yaml', text: tenantDesignYaml({ namespaces: 6, teams: 2 }) }]);
    expect(compareAll(design.cluster, 'spec', 2500)).toBeGreaterThan(1000);
    const [a, b] = [design.cluster.workloads.find((w) => w.namespace === 'app-000')!, design.cluster.workloads.find((w) => w.namespace === 'app-002')!];
    const scoped = scopedCluster(design.cluster, { from: { kind: 'workload', id: a.id }, to: { kind: 'workload', id: b.id } })!;
    expect(scoped.workloads.map((w) => w.id)).toEqual([a.id, b.id]);
    expect(new Set(scoped.policies.map((p) => p.namespace))).toEqual(new Set(['app-000', 'app-002']));
  });

  it('leaves address ends and unknown workloads to the whole cluster', () => {
    const design = loadDesign([{ name: 'x.yaml', text: SAMPLES[0]!.yaml }]);
    const id = design.cluster.workloads[0]!.id;
    expect(scopedCluster(design.cluster, { from: { kind: 'workload', id }, to: { kind: 'ip', ip: '10.0.0.1' } })).toBeUndefined();
    expect(scopedCluster(design.cluster, { from: { kind: 'workload', id }, to: { kind: 'workload', id: 'nowhere/nothing' } })).toBeUndefined();
  });
});

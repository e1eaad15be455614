// A Service's backends judged once per workload class (src/engine/vip.ts perBackend) against each
// backend judged on its own: the same verdicts, word for word, under every plugin profile. The
// class path starts after a compiled cluster has answered a few VIP probes, so the reference answers
// every probe on a compilation of its own (always the plain path).
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { loadDesign } from '../model/index.ts';
import { compile } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { PROFILE_IDS } from './profiles/index.ts';
import type { Probe } from './types.ts';

describe('Service ClusterIP verdicts per backend class', () => {
  const design = loadDesign([{ name: 'dump.yaml', text: generateDump({ pods: 40, seed: 5 }).text }]);
  const { cluster } = design;
  const services = cluster.services.filter((s) => s.selector !== undefined && s.clusterIPs[0]);
  // Sources: every workload of the namespaces with Services (backends themselves included: a pod
  // reaching its own Service is the one pair classes do not cover).
  const sources = cluster.workloads.filter((w) => services.some((s) => s.namespace === w.namespace) || w.namespace === 'default');
  const probes: Probe[] = sources.flatMap((w) => services.flatMap((s) => s.ports.map((p) => ({
    from: { kind: 'workload' as const, id: w.id }, to: { kind: 'ip' as const, ip: s.clusterIPs[0]! }, port: p.port, protocol: p.protocol,
  }))));

  it('has Services with several backends of one class, and probes past the plain start', () => {
    expect(probes.length).toBeGreaterThan(200);
  });

  for (const profile of PROFILE_IDS) {
    it(`answers as backend by backend under ${profile}`, () => {
      const shared = compile(cluster, { profile });
      const fast = probes.map((p) => evaluate(shared, p));
      const plain = probes.map((p) => evaluate(compile(cluster, { profile }), p));
      expect(fast).toEqual(plain);
    });
  }
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../../testing/arbitraries.ts';
import { netpol, workload, cluster } from '../../testing/builders.ts';
import { compile } from '../compile.ts';
import { computeMatrix } from '../matrix.ts';
import type { Endpoint } from '../types.ts';
import { classPortMatrix, workloadClasses } from './index.ts';

// Replicas: copies of a workload under other names, some on neighbouring addresses (same or another
// address class, depending on the ipBlocks), so classes with several members occur.
const withReplicas = fc
  .record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), ips: fc.array(fc.constantFrom('10.0.1.6', '10.0.9.9', '192.168.1.2', ''), { minLength: 8, maxLength: 8 }) })
  .map(({ base, copies, ips }): ClusterModel => {
    const extra = base.workloads.flatMap((w, i) =>
      Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: ips[(i + k) % 8] ? [ips[(i + k) % 8]!] : [] })),
    );
    return { ...base, workloads: [...base.workloads, ...extra] };
  });

// Two addresses of pods in the arbitraries (so they resolve to workloads) and three outside ones.
const OUTSIDE: Endpoint[] = [{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '10.0.1.3' }, { kind: 'ip', ip: '192.168.1.2' }];

function expectSameAsPlain(model: ClusterModel, ports: readonly { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[]): void {
  const c = compile(model);
  const classes = workloadClasses(c);
  const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...OUTSIDE];
  const size = endpoints.length;
  for (const port of ports) {
    const plain = computeMatrix(c, { endpoints, ports: [port] }).allowed[0]!;
    const viaClasses = classPortMatrix(c, classes, port, OUTSIDE);
    expect(viaClasses.size).toBe(size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        expect(viaClasses.allowed(i, j), `${i} -> ${j} ${port.protocol}/${port.port}`).toBe(plain[i * size + j] === 1);
      }
    }
  }
}

describe('workload equivalence classes', () => {
  it('answer every pair, port and outside address as the plain matrix does', () => {
    fc.assert(fc.property(withReplicas, fc.array(portProbeArb, { minLength: 1, maxLength: 3 }), (model, ports) => expectSameAsPlain(model, ports)), { numRuns: 100 });
  }, 120_000);

  it('group the replicas a policy cannot tell apart, and keep apart what it can', () => {
    const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }];
    const model = cluster(
      [
        workload('shop/web-1', { app: 'web', 'pod-template-hash': 'a' }, ports, ['10.0.0.1']),
        workload('shop/web-2', { app: 'web', 'pod-template-hash': 'a' }, ports, ['10.0.0.2']),
        workload('shop/web-3', { app: 'web', 'pod-template-hash': 'a' }, ports, ['10.9.0.3']), // another address class
        workload('shop/db-0', { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' }, ports, ['10.0.0.4']),
        workload('shop/db-1', { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1' }, ports, ['10.0.0.5']),
        workload('shop/db-2', { app: 'db' }, [], ['10.0.0.6']), // other ports
        workload('other/web-1', { app: 'web' }, ports, ['10.0.0.7']), // other namespace
      ],
      [
        netpol('shop/db', { matchLabels: { app: 'db' } }, { ingress: [{ peers: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }),
        netpol('shop/net', { matchLabels: { app: 'web' } }, { egress: [{ peers: [{ ipBlock: { cidr: '10.0.0.0/16', except: [] } }] }], policyTypes: ['Egress'] }),
      ],
    );
    const c = compile(model);
    const { classOf, members } = workloadClasses(c);
    const same = (a: number, b: number) => classOf[a] === classOf[b];
    expect(same(0, 1)).toBe(true);
    expect(same(0, 2)).toBe(false);
    expect(same(3, 4)).toBe(true); // pod-name labels no policy reads
    expect(same(3, 5)).toBe(false);
    expect(same(0, 6)).toBe(false);
    expect(members.length).toBe(5);
    expectSameAsPlain(model, [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });
});

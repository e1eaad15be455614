// A single pod reaches itself whatever the policies say, by any name of it: the workload, or one of
// its own addresses as an `ip:` endpoint (resolveEndpoint makes such an address the pod). evaluate,
// computeMatrix, allowedConnections and the class answers (classPortMatrix, answerProbes) must agree
// on every pair, the pairs of a pod and its own address included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../testing/arbitraries.ts';
import { cluster, netpol, workload } from '../testing/builders.ts';
import { answerProbes, classPortMatrix, workloadClasses } from './classes/index.ts';
import { compile } from './compile.ts';
import { allowedConnections } from './connections.ts';
import { endpointLabel } from './endpoints.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import type { Endpoint, PortProbe } from './types.ts';

/** Some workloads one pod (loopback applies), some of several, and copies of each that differ in it (one class). */
const designArb = fc
  .record({ base: clusterWithAdminArb, single: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), copies: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }) })
  .map(({ base, single, copies }): ClusterModel => {
    const workloads = base.workloads.map((w, i) => (single[i % 8] ? { ...w, replicas: 1 } : w));
    const replicas = workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: [], replicas: single[(i + k + 1) % 8] ? 1 : 3 })));
    return { ...base, workloads: [...workloads, ...replicas] };
  });

/** Every pod address of the design (ipBlocks of the arbitraries cover them), and two that are no pod's. */
function outsideOf(model: ClusterModel): Endpoint[] {
  const ips = [...new Set(model.workloads.flatMap((w) => w.ips)), '8.8.8.8', '10.0.1.3'];
  return ips.map((ip): Endpoint => ({ kind: 'ip', ip }));
}

function expectAgree(model: ClusterModel, ports: readonly PortProbe[]): void {
  const c = compile(model);
  const outside = outsideOf(model);
  const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...outside];
  const size = endpoints.length;
  const m = computeMatrix(c, { endpoints, ports: [...ports] });
  const classes = workloadClasses(c);
  ports.forEach((port, p) => {
    const table = m.allowed[p]!;
    const viaClasses = classPortMatrix(c, classes, port, outside);
    const probes = endpoints.flatMap((from) => endpoints.map((to) => ({ from, to, ...port })));
    const batch = answerProbes(c, probes);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const from = endpoints[i]!;
        const to = endpoints[j]!;
        const want = evaluate(c, { from, to, ...port }).allowed;
        const at = `${endpointLabel(from)} -> ${endpointLabel(to)} ${port.protocol}/${port.port}`;
        // One expect per mismatch: thousands of passing expects cost more than the answers.
        if ((table[i * size + j] === 1) !== want) expect(table[i * size + j] === 1, `matrix ${at}`).toBe(want);
        if (viaClasses.allowed(i, j) !== want) expect(viaClasses.allowed(i, j), `classes ${at}`).toBe(want);
        if (batch[i * size + j] !== want) expect(batch[i * size + j], `answerProbes ${at}`).toBe(want);
        const set = allowedConnections(c, from, to);
        const inSet = set.byProtocol[port.protocol].some((r) => r.from <= port.port && port.port <= r.to);
        if (inSet !== want) expect(inSet, `allowedConnections ${at}`).toBe(want);
      }
    }
  });
}

describe('loopback by address', () => {
  it('a single pod and its own address: matrix, classes, batch and connections answer as evaluate', () => {
    const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }];
    const web = { ...workload('shop/web', { app: 'web' }, ports, ['10.0.1.5']), replicas: 1 };
    const other = { ...workload('shop/web-2', { app: 'web' }, ports, ['10.0.1.6']), replicas: 1 };
    const model = cluster([web, other], [netpol('shop/deny', {}, { policyTypes: ['Ingress', 'Egress'] })]);
    const c = compile(model);
    const endpoints: Endpoint[] = [{ kind: 'workload', id: 'shop/web' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'workload', id: 'shop/web-2' }];
    const m = computeMatrix(c, { endpoints, ports: [{ port: 80, protocol: 'TCP' }] }).allowed[0]!;
    // web <-> its own address both ways, and the address with itself; never web and web-2.
    expect([...m]).toEqual([1, 1, 0, 1, 1, 0, 0, 0, 1]);
    expect(evaluate(c, { from: endpoints[0]!, to: endpoints[1]!, port: 80, protocol: 'TCP' }).exception).toBe('loopback');
    expectAgree(model, [{ port: 80, protocol: 'TCP' }]);
  });

  it('on random designs with pod addresses and ipBlocks over them', () => {
    fc.assert(
      fc.property(designArb, fc.array(portProbeArb, { minLength: 1, maxLength: 2 }), (model, ports) => expectAgree(model, ports)),
      { numRuns: 150 },
    );
  }, 120_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Endpoint } from '../../engine/index.ts';
import { formatMatrix, MATRIX_FORMATS } from '../../format/matrix.ts';
import type { ClusterModel } from '../../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../../testing/arbitraries.ts';
import { cluster, netpol, workload } from '../../testing/builders.ts';
import { placeOnNodes, placementsArb } from '../../testing/nodes.ts';
import { buildMatrixView, computeReviewMatrix, exportMatrixView } from '../matrixView.ts';
import { namespaceMatrixView, streamMatrix } from './index.ts';

// Some workloads a single pod (it reaches itself, by its own address too), and replicas of each, one
// pod or several apart from it (a Deployment and its pods share a class).
const withReplicas = fc.record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }), single: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }) }).map(({ base, copies, single }): ClusterModel => {
  const workloads = base.workloads.map((w, i) => (single[i % 8] ? { ...w, replicas: 1 } : w));
  return { ...base, workloads: [...workloads, ...workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: [], replicas: single[(i + k + 1) % 8] ? 1 : 3 })))] };
}).chain((model) => placementsArb.map((placements) => placeOnNodes(model, placements)));
// 10.0.1.5 and 10.0.2.3 are pods' addresses in the arbitraries; 10.0.1.3 and 192.168.7.7 nodes' (when modelled).
const extraArb = fc.subarray<Endpoint>([{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '10.0.2.3' }, { kind: 'ip', ip: '192.168.7.7' }, { kind: 'ip', ip: '10.0.1.3' }]);

describe('streamMatrix', () => {
  it('prints the workload level byte for byte as formatMatrix, in every format', () => {
    fc.assert(
      fc.property(withReplicas, fc.array(portProbeArb, { minLength: 1, maxLength: 3 }), extraArb, (model, ports, extra) => {
        const c = compile(model);
        const whole = computeReviewMatrix(c, { ports, extraEndpoints: extra });
        for (const format of MATRIX_FORMATS) {
          expect([...streamMatrix(c, { ports, extraEndpoints: extra, level: 'workload', format })].join('')).toBe(formatMatrix(whole, format));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('prints the namespace level as the review page exports it (CSV, Markdown), with the same counts in table and JSON', () => {
    fc.assert(
      fc.property(withReplicas, fc.array(portProbeArb, { minLength: 1, maxLength: 3 }), extraArb, (model, ports, extra) => {
        const c = compile(model);
        const view = buildMatrixView(computeReviewMatrix(c, { ports, extraEndpoints: extra }), { level: 'namespace' });
        const text = (format: (typeof MATRIX_FORMATS)[number]) => [...streamMatrix(c, { ports, extraEndpoints: extra, level: 'namespace', format })].join('');
        expect(text('csv')).toBe(exportMatrixView(view, 'csv'));
        expect(text('md')).toBe(exportMatrixView(view, 'md'));
        const json = JSON.parse(text('json')) as { endpoints: string[]; pairs: number[][][][] };
        expect(json.endpoints).toEqual(view.labels);
        expect(json.pairs).toEqual(view.cells.map((rows) => rows.map((row) => row.map((cell) => [cell.allowed, cell.total]))));
        expect(namespaceMatrixView(c, ports, extra)).toEqual(view);
        const table = text('table');
        const allowed = view.cells.map((rows) => rows.flat().reduce((s, cell) => s + cell.allowed, 0));
        allowed.forEach((a) => expect(table).toContain(`(${a} of `));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('counts a single pod and its own address (loopback) apart from another member of its class, at the namespace level', () => {
    const ports = [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }];
    const model = cluster([
      { ...workload('shop/web', { app: 'web' }, ports, ['10.0.1.5']), replicas: 1 },
      { ...workload('shop/web-2', { app: 'web' }, ports, ['10.0.1.6']), replicas: 1 },
    ], [netpol('shop/deny', {}, { policyTypes: ['Ingress', 'Egress'] })]);
    const c = compile(model);
    const port = [{ port: 80, protocol: 'TCP' as const }];
    const extra: Endpoint[] = [{ kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '10.0.1.6' }];
    const view = buildMatrixView(computeReviewMatrix(c, { ports: port, extraEndpoints: extra }), { level: 'namespace' });
    // shop -> ip:10.0.1.5: web reaches itself, web-2 does not; each address reaches only itself.
    expect(view.cells[0]!.map((row) => row.map((cell) => cell.allowed))).toEqual([[2, 1, 1], [1, 1, 0], [1, 0, 1]]);
    expect(namespaceMatrixView(c, port, extra)).toEqual(view);
  });

  it('yields many chunks for a large matrix, none of them the whole output', () => {
    const model: ClusterModel = { namespaces: [], workloads: [], services: [], policies: [], unevaluated: [], adminPolicies: [], nodes: [] };
    for (let i = 0; i < 120; i++) model.workloads.push({ id: `ns-${i % 4}/w${i}`, namespace: `ns-${i % 4}`, name: `w${i}`, kind: 'Pod', labels: { app: `a${i % 3}` }, ports: [], ips: [], ref: { kind: 'Pod', name: `w${i}`, namespace: `ns-${i % 4}`, manifest: i } });
    const c = compile(model);
    const chunks = [...streamMatrix(c, { ports: [{ port: 80, protocol: 'TCP' }], level: 'workload', format: 'csv' })];
    expect(chunks.length).toBeGreaterThan(100);
    expect(Math.max(...chunks.map((s) => s.length))).toBeLessThan(chunks.join('').length / 50);
  });
});

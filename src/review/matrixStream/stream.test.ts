import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Endpoint } from '../../engine/index.ts';
import { formatMatrix, MATRIX_FORMATS } from '../../format/matrix.ts';
import type { ClusterModel } from '../../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../../testing/arbitraries.ts';
import { buildMatrixView, computeReviewMatrix, exportMatrixView } from '../matrixView.ts';
import { namespaceMatrixView, streamMatrix } from './index.ts';

const withReplicas = fc.record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }) }).map(({ base, copies }): ClusterModel => ({
  ...base,
  workloads: [...base.workloads, ...base.workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: [] })))],
}));
const extraArb = fc.subarray<Endpoint>([{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '192.168.7.7' }]);

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

  it('yields many chunks for a large matrix, none of them the whole output', () => {
    const model: ClusterModel = { namespaces: [], workloads: [], services: [], policies: [], unevaluated: [], adminPolicies: [], nodes: [] };
    for (let i = 0; i < 120; i++) model.workloads.push({ id: `ns-${i % 4}/w${i}`, namespace: `ns-${i % 4}`, name: `w${i}`, kind: 'Pod', labels: { app: `a${i % 3}` }, ports: [], ips: [], ref: { kind: 'Pod', name: `w${i}`, namespace: `ns-${i % 4}`, manifest: i } });
    const c = compile(model);
    const chunks = [...streamMatrix(c, { ports: [{ port: 80, protocol: 'TCP' }], level: 'workload', format: 'csv' })];
    expect(chunks.length).toBeGreaterThan(100);
    expect(Math.max(...chunks.map((s) => s.length))).toBeLessThan(chunks.join('').length / 50);
  });
});

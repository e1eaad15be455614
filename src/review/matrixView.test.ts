import { describe, expect, it } from 'vitest';
import { compile, computeMatrix, evaluate, type Endpoint } from '../engine/index.ts';
import { formatMatrix } from '../format/matrix.ts';
import { SHOP_POLICIES_CHANGED, shopDesign } from './diff/testFixtures.ts';
import { buildMatrixView, computeReviewMatrix, defaultMatrixPorts, exportMatrixView } from './matrixView.ts';

const design = shopDesign(SHOP_POLICIES_CHANGED);
const c = compile(design.cluster);
const extra: Endpoint[] = [{ kind: 'ip', ip: '8.8.8.8' }];
const matrix = computeReviewMatrix(c, { extraEndpoints: extra });

describe('matrix view', () => {
  it('exports CSV and Markdown exactly like the CLI matrix for the same inputs', () => {
    const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...extra];
    const cli = computeMatrix(c, { endpoints, ports: defaultMatrixPorts(design.cluster) });
    const view = buildMatrixView(matrix);
    expect(exportMatrixView(view, 'csv')).toBe(formatMatrix(cli, 'csv'));
    expect(exportMatrixView(view, 'md')).toBe(formatMatrix(cli, 'md'));
  });

  it('aggregates per namespace: all, some or none of the workload pairs, counted against the engine', () => {
    const view = buildMatrixView(matrix, { level: 'namespace' });
    expect(view.labels).toEqual(['shop', 'kube-system', 'ip:8.8.8.8']);
    const members = (ns: string) => c.workloads.filter((w) => w.namespace === ns).map((w) => w.id);
    view.ports.forEach((port, p) => {
      ['shop', 'kube-system'].forEach((from, i) => {
        ['shop', 'kube-system'].forEach((to, j) => {
          let allowed = 0;
          for (const a of members(from)) for (const b of members(to)) allowed += evaluate(c, { from: { kind: 'workload', id: a }, to: { kind: 'workload', id: b }, ...port }).allowed ? 1 : 0;
          const cell = view.cells[p]![i]![j]!;
          expect(cell.allowed).toBe(allowed);
          expect(cell.total).toBe(members(from).length * members(to).length);
          expect(cell.reach).toBe(allowed === 0 ? 'none' : allowed === cell.total ? 'all' : 'some');
        });
      });
    });
    const tcp80 = view.ports.findIndex((p) => p.port === 80 && p.protocol === 'TCP');
    // Only the bare Pods reach themselves (loopback); the Deployments, replica counts unset, do not.
    expect(view.cells[tcp80]![0]![0]!.reach).toBe('some');
    const tcp8080 = view.ports.findIndex((p) => p.port === 8080);
    expect(view.cells[tcp8080]![0]![0]!.reach).toBe('some');
    // web -> api, and the Pods db and worker each reaching itself
    expect(exportMatrixView(view, 'csv')).toContain('shop,shop,8080,TCP,some,3,16');
    expect(exportMatrixView(view, 'md')).toContain('◐ 3/16');
  });

  it('filters by namespace and by outcome', () => {
    const shopOnly = buildMatrixView(matrix, { namespaces: ['shop'] });
    expect(shopOnly.labels).toEqual(['shop/web', 'shop/api', 'shop/db', 'shop/worker', 'ip:8.8.8.8']);
    const denied = buildMatrixView(matrix, { show: 'denied', namespaces: ['kube-system'] });
    // coredns -> coredns and coredns -> outside are allowed on every port: nothing denied to show.
    expect(denied.labels).toEqual([]);
    const allowed = buildMatrixView(matrix, { show: 'allowed', level: 'namespace' });
    for (const rows of allowed.cells) for (const row of rows) for (const cell of row) expect(cell.visible).toBe(cell.allowed > 0);
    const csv = exportMatrixView(buildMatrixView(matrix, { show: 'allowed' }), 'csv').split('\n');
    expect(csv.slice(1).every((line) => line.endsWith(',true'))).toBe(true);
    const full = formatMatrix(matrix, 'csv').split('\n').filter((line) => line.endsWith(',true'));
    expect(csv.slice(1)).toEqual(full);
  });
});

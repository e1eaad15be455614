// The Matrix view's jobs (matrixCompact, matrixExport) against the per-pair `matrix` job.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { compile } from '../engine/index.ts';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { cellAt, exportRefusal, type CompactMatrix } from '../review/matrixCompact/index.ts';
import { SHOP_CLUSTER, SHOP_POLICIES_CHANGED } from '../review/diff/testFixtures.ts';
import { analyzeText } from './analysis.ts';
import { DNS_ROW, runReviewJob } from './reviewJobs.ts';

const design = `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES_CHANGED}`;

describe('matrix jobs of the Matrix view', () => {
  for (const level of ['namespace', 'workload'] as const) {
    it(`gives the cells of the matrix job, the DNS node as a row of its own (${level} level)`, () => {
      const old = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrix', level, show: 'all', outside: true, compareProfile: 'cilium' });
      const compact = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrixCompact', level, show: 'all', compareProfile: 'cilium' });
      if (!old.ok || !compact.ok) throw new Error('job failed');
      const view = old.matrix!;
      const m = compact.compact!;
      // The DNS row and column come after the workloads, before the addresses.
      const dns = m.labels.indexOf(DNS_ROW);
      expect(dns).toBeGreaterThan(0);
      expect(m.labels.filter((l) => l !== DNS_ROW)).toEqual(view.labels);
      const at = (i: number) => (i < dns ? i : i + 1);
      view.cells.forEach((rows, p) => rows.forEach((row, r) => row.forEach((cell, c) => {
        expect(cellAt(m, p, at(r), at(c)).allowed).toBe(cell.allowed);
        expect(cellAt(compact.compactCompare!, p, at(r), at(c)).allowed).toBe(old.compare!.cells[p]![r]![c]!.allowed);
      })));
      // The differing counts: those of the two views, plus the DNS row and column.
      expect(compact.differing!.length).toBe(view.ports.length);
      // The exports are the matrix job's text (the CLI's bytes): no DNS row there.
      for (const format of ['csv', 'md'] as const) {
        const e = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrixExport', level, show: 'all', format });
        expect(e.ok && e.parts!.join('')).toBe(format === 'csv' ? old.text : old.markdown);
      }
    });
  }

  it('puts the DNS pods on the DNS row: the row reads as the DNS workload', () => {
    const r = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrixCompact', level: 'workload', show: 'all' });
    if (!r.ok) throw new Error(r.message);
    const m = r.compact!;
    const dns = m.labels.indexOf(DNS_ROW);
    const pods = m.labels.findIndex((l) => l.startsWith(`${DEFAULT_SETTINGS.dns.namespace}/`));
    expect(pods).toBeGreaterThanOrEqual(0);
    m.ports.forEach((_, p) => m.labels.forEach((label, j) => {
      if (j === dns || j === pods) return;
      expect(cellAt(m, p, dns, j).allowed, `DNS -> ${label}`).toBe(cellAt(m, p, pods, j).allowed);
      expect(cellAt(m, p, j, dns).allowed, `${label} -> DNS`).toBe(cellAt(m, p, j, pods).allowed);
    }));
  });

  it('reuses the compiled cluster the analysis made, and answers the same with it', () => {
    const analysis = analyzeText(design, 'design.yaml', DEFAULT_SETTINGS);
    if (!analysis.ok) throw new Error('analysis failed');
    const cluster = analysis.analysis.cluster;
    const compiled = compile(withAssumedServices(cluster, DEFAULT_SETTINGS));
    const job = { job: 'matrixCompact', level: 'namespace', show: 'denied' } as const;
    const fresh = runReviewJob(design, DEFAULT_SETTINGS, job);
    expect(runReviewJob(design, DEFAULT_SETTINGS, job, { cluster, compiled })).toEqual(fresh);
    expect(runReviewJob(design, DEFAULT_SETTINGS, job, { cluster })).toEqual(fresh);
  });

  it('computes only the port asked for, the same cells as with every port', () => {
    const all = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrixCompact', level: 'namespace', show: 'all' });
    if (!all.ok) throw new Error(all.message);
    const ports = all.matrixPorts!;
    expect(ports.length).toBeGreaterThan(1);
    ports.forEach((port, p) => {
      const one = runReviewJob(design, DEFAULT_SETTINGS, { job: 'matrixCompact', level: 'namespace', show: 'all', portIndex: p });
      if (!one.ok) throw new Error(one.message);
      expect(one.compact!.ports).toEqual([port]);
      expect(one.matrixPorts).toEqual(ports);
      const m = all.compact!;
      m.labels.forEach((_, r) => m.labels.forEach((__, c) => expect(cellAt(one.compact!, 0, r, c)).toEqual(cellAt(m, p, r, c))));
    });
  });

  it('refuses an export too large for the page and says what to do', () => {
    const n = 2100; // 4.4 M cells on one port
    const big: CompactMatrix = { level: 'namespace', show: 'all', ports: [{ port: 80, protocol: 'TCP' }], labels: Array.from({ length: n }, (_, i) => `ns-${i}`), hidden: 0, sizes: new Uint32Array(n).fill(1), allowed: [new Uint32Array(n * n)] };
    expect(exportRefusal(big)).toMatch(/4,410,000 cells, too many to export.*namespace level.*CLI/);
    expect(exportRefusal({ ...big, labels: big.labels.slice(0, 2000) })).toBeUndefined();
  });
});

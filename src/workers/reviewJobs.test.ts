import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { SHOP_CLUSTER, SHOP_POLICIES, SHOP_POLICIES_CHANGED } from '../review/diff/testFixtures.ts';
import { isEmptyConnectionSet } from '../engine/index.ts';
import { runReviewJob } from './reviewJobs.ts';
import { analyzeText } from './analysis.ts';

const before = `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES}`;
const after = `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES_CHANGED}`;

describe('runReviewJob', () => {
  it('diffs the design against a baseline text and renders it as Markdown', () => {
    const r = runReviewJob(after, DEFAULT_SETTINGS, { job: 'diff', baselineText: before, baselineName: 'before.yaml' });
    if (!r.ok) throw new Error(r.message);
    expect(r.diff!.connections.length).toBeGreaterThan(0);
    expect(r.text).toContain('|');
    const same = runReviewJob(after, DEFAULT_SETTINGS, { job: 'diff', baselineText: after, baselineName: 'same.yaml' });
    expect(same.ok && same.diff!.connections).toEqual([]);
  });

  it('lists the pairs the graph marks and a budget of others on request, with the totals of all', () => {
    const full = runReviewJob(after, DEFAULT_SETTINGS, { job: 'diff', baselineText: before, baselineName: 'before.yaml', full: true });
    const page = runReviewJob(after, DEFAULT_SETTINGS, { job: 'diff', baselineText: before, baselineName: 'before.yaml', listed: 1 });
    if (!full.ok || !page.ok) throw new Error('diff failed');
    const all = full.diff!.connections;
    expect(full.diff!.totals).toBeUndefined();
    expect(page.diff!.totals).toEqual({
      pairs: all.length,
      opened: all.filter((c) => !isEmptyConnectionSet(c.opened)).length,
      closed: all.filter((c) => !isEmptyConnectionSet(c.closed)).length,
    });
    // Marked: drawn before and losing something, or drawn now and gaining something; plus one more.
    const drawnBefore = new Set(page.drawnBefore);
    const marked = all.filter((c) => drawnBefore.has(`${c.from.key}>${c.to.key}`));
    expect(marked.length).toBeGreaterThan(0);
    const listed = new Set(page.diff!.connections.map((c) => `${c.from.key}>${c.to.key}`));
    for (const c of marked) expect(listed.has(`${c.from.key}>${c.to.key}`)).toBe(true);
    expect(page.diff!.connections.length).toBeLessThan(all.length);
    expect(page.text).toContain('listed; the CLI diff command lists them all');
  });

  it('reports a broken baseline with its line instead of diffing', () => {
    const r = runReviewJob(after, DEFAULT_SETTINGS, { job: 'diff', baselineText: 'kind: [unclosed', baselineName: 'bad.yaml' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/bad\.yaml has 1 error.*line 1/);
  });

  it('renders the report with the diff, and a test plan narrowed to the denied probes', () => {
    const report = runReviewJob(after, DEFAULT_SETTINGS, { job: 'report', format: 'html', baselineText: before, baselineName: 'before.yaml', date: '2026-11-23' });
    expect(report.ok && report.text).toContain('<svg');
    expect(report.ok && report.text).toContain('2026-11-23');
    const all = runReviewJob(after, DEFAULT_SETTINGS, { job: 'testplan', format: 'sh', scope: 'all', outside: true });
    const denied = runReviewJob(after, DEFAULT_SETTINGS, { job: 'testplan', format: 'sh', scope: 'denied', outside: true });
    const inside = runReviewJob(after, DEFAULT_SETTINGS, { job: 'testplan', format: 'sh', scope: 'all', outside: false });
    if (!all.ok || !denied.ok || !inside.ok) throw new Error('job failed');
    expect(denied.probes!).toBeLessThan(all.probes!);
    expect(inside.probes!).toBeLessThan(all.probes!);
    const allowProbe = /^\s*check \d+ .* allow (tcp|dns|udp|unsupported) /m;
    expect(all.text).toMatch(allowProbe);
    expect(denied.text).not.toMatch(allowProbe);
  });

  it('builds the matrix view and its CSV export, filtered to namespaces', () => {
    const r = runReviewJob(after, DEFAULT_SETTINGS, { job: 'matrix', level: 'workload', show: 'all', ports: [{ port: 8080, protocol: 'TCP' }] });
    if (!r.ok) throw new Error(r.message);
    expect(r.matrix!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(r.text.split('\n')[0]).toBe('from,to,port,protocol,allowed');
    expect(r.text).toContain(`${r.matrix!.labels[0]},${r.matrix!.labels[1]},8080,TCP,`);
    const ns = runReviewJob(after, DEFAULT_SETTINGS, { job: 'matrix', level: 'namespace', show: 'all' });
    expect(ns.ok && ns.matrix!.labels.length).toBeLessThan(r.matrix!.labels.length);
  });

  it('refuses a design with errors', () => {
    expect(runReviewJob('kind: [', DEFAULT_SETTINGS, { job: 'diagram' }).ok).toBe(false);
  });
  it('builds the same matrix from the cluster the worker analyzed as from the text', () => {
    const analysis = analyzeText(after, 'design.yaml', DEFAULT_SETTINGS);
    if (!analysis.ok) throw new Error('analysis failed');
    for (const job of [
      { job: 'matrix', level: 'namespace', show: 'all', outside: true },
      { job: 'matrix', level: 'workload', show: 'denied', compareProfile: 'cilium' },
    ] as const) {
      expect(runReviewJob(after, DEFAULT_SETTINGS, job, { cluster: analysis.analysis.cluster })).toEqual(runReviewJob(after, DEFAULT_SETTINGS, job));
    }
  });
});

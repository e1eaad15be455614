// Measures importing what kubectl prints, in Chromium, on the production build (run `npm run build`
// first, or set MEASURE_OUT_DIR to another build). Usage:
//   npm run measure:import [-- --pods 5000,20000]
//
// For each dump (scripts/kubectl-dump.ts, seeded): file size; the import worker's parse; from the
// file chosen to the design in the store ("model ready") and to the graph painted; progress
// updates shown; the longest main-thread task and the longest frame gap during the import; the
// autosave to IndexedDB and the design after a reload. Targets (issue 12): 16 MB import to graph
// <= 3 s, no long task over 200 ms; 60 MB import <= 15 s, no frame gap over 500 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { kubectlDump } from './kubectl-dump.ts';
import { startPreview } from './preview.ts';

const PORT = Number(process.env.MEASURE_PORT ?? 4193);
const OUT_DIR = process.env.MEASURE_OUT_DIR ?? 'dist';
const BASE = `http://127.0.0.1:${PORT}`;
const podsArg = process.argv.indexOf('--pods');
const PODS = (podsArg > 0 ? process.argv[podsArg + 1]! : '5000,20000').split(',').map(Number);


/** Long tasks and frame gaps, recorded from page load on (read back between two marks). */
const MONITOR = () => {
  const w = window as unknown as { __longTasks: Array<[number, number]>; __frames: number[]; __progress: number };
  w.__longTasks = [];
  w.__frames = [];
  w.__progress = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const frame = (t: number) => {
    w.__frames.push(t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // Progress updates the page shows (the progressbar's value changes).
  new MutationObserver((records) => {
    for (const r of records) if (r.target instanceof HTMLProgressElement) w.__progress++;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['value'] });
};

interface Row {
  pods: number;
  mb: number;
  parseMs: number;
  modelReadyMs: number;
  graphMs: number;
  progressUpdates: number;
  /** Until the model is ready (the import's own work), and until the graph is painted. */
  importTaskMs: number;
  importGapMs: number;
  longestTaskMs: number;
  longestGapMs: number;
  reloadMs: number;
  restored: boolean;
}

async function measure(page: Page, path: string, pods: number, mb: number): Promise<Row> {
  await page.goto(BASE);
  await page.waitForFunction(() => window.__netpol?.counts() !== undefined && !window.__netpol.counts().busy);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import manifests' });
  await dialog.getByLabel('Open a file').setInputFiles(path);
  await page.waitForFunction(() => performance.getEntriesByName('netpol:import-model-ready').length > 0 || document.querySelector('.error-box') !== null, undefined, {
    timeout: 300_000,
    polling: 200,
  });
  const failed = await page.evaluate(() => document.querySelector('.error-box')?.textContent ?? null);
  if (failed) throw new Error(`import of ${pods} pods failed: ${failed}`);
  // The graph: the first frame after the analysis is in and nothing is busy.
  const graphAt = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const check = () => {
          const c = window.__netpol!.counts();
          if (!c.busy && document.querySelectorAll('.react-flow__node').length > 0) requestAnimationFrame(() => resolve(performance.now()));
          else setTimeout(check, 20);
        };
        check();
      }),
  );
  const r = await page.evaluate((graphAt) => {
    const w = window as unknown as { __longTasks: Array<[number, number]>; __frames: number[]; __progress: number };
    const start = performance.getEntriesByName('netpol:import-start')[0]!.startTime;
    const parsed = performance.getEntriesByName('netpol:import-parsed')[0] as PerformanceMark;
    const ready = performance.getEntriesByName('netpol:import-model-ready')[0]!.startTime;
    const longest = (from: number, to: number) => Math.max(0, ...w.__longTasks.filter(([t]) => t >= from && t <= to).map(([, d]) => d));
    const gapBetween = (from: number, to: number) => {
      const frames = w.__frames.filter((t) => t >= from && t <= to);
      let gap = 0;
      for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i]! - frames[i - 1]!);
      return gap;
    };
    return {
      importTaskMs: longest(start, ready),
      importGapMs: gapBetween(start, ready),
      parseMs: (parsed.detail as { workerMs: number }).workerMs,
      modelReadyMs: ready - start,
      graphMs: graphAt - start,
      progressUpdates: w.__progress,
      longestTaskMs: longest(start, graphAt),
      longestGapMs: gapBetween(start, graphAt),
    };
  }, graphAt);
  const text = await page.evaluate(() => window.__netpol!.text());
  const workloads = await page.evaluate(() => window.__netpol!.counts().workloads);
  await page.waitForTimeout(1500); // autosave
  const reloadStart = Date.now();
  await page.reload();
  await page.waitForFunction((n) => (window.__netpol?.counts().workloads ?? 0) >= n && !window.__netpol!.counts().busy, workloads, { timeout: 300_000, polling: 200 });
  const reloadMs = Date.now() - reloadStart;
  const restored = (await page.evaluate(() => window.__netpol!.text())) === text;
  return { pods, mb, ...r, reloadMs, restored };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'measure-import-'));
  const server = await startPreview(PORT, OUT_DIR);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const rows: Row[] = [];
  try {
    for (const pods of PODS) {
      const dump = kubectlDump({ pods, seed: 1 });
      const path = join(dir, `cluster-${pods}.yaml`);
      writeFileSync(path, dump.text);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // tsx names the arrow functions it compiles (`__name(fn, "x")`): the page needs the helper too.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      await context.addInitScript(MONITOR);
      const page = await context.newPage();
      page.setDefaultTimeout(300_000);
      try {
        rows.push(await measure(page, path, pods, dump.text.length / 1024 / 1024));
      } catch (error) {
        console.error(`${pods} pods: ${error instanceof Error ? error.message : String(error)}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(dir, { recursive: true, force: true });
  }
  const f = (n: number) => n.toFixed(0);
  console.log('| pods | file | worker parse | to model ready | to graph | progress updates | longest task / frame gap to model ready | to graph | reload to design | restored |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.pods.toLocaleString('en-US')} | ${r.mb.toFixed(1)} MB | ${f(r.parseMs)} ms | ${f(r.modelReadyMs)} ms | ${f(r.graphMs)} ms | ${r.progressUpdates} | ${f(r.importTaskMs)} / ${f(r.importGapMs)} ms | ${f(r.longestTaskMs)} / ${f(r.longestGapMs)} ms | ${f(r.reloadMs)} ms | ${r.restored ? 'yes' : 'NO'} |`);
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// Measures importing a large Hubble flow log in Chromium, on a production build (MEASURE_OUT_DIR,
// default dist). Usage:
//   MEASURE_PORT=4404 MEASURE_OUT_DIR=dist node --import tsx scripts/measure-flows.ts [lines]
//
// A 1,000-pod synthetic design (bench/syntheticDesign.ts) is imported, then a log of `lines` flows
// between its pods (bench/flowLines.ts, ~1.1 KB a line, default 1,000,000) is chosen in the Traffic
// tab: the time from the file chosen to the replay summary shown, the progress updates seen, and the
// longest main-thread task meanwhile (the parsing is the flow worker's). Target (issue 14): 1 million
// lines under 20 s. Print `uptime` beside the numbers: on a shared machine they move with the load.
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { emitYaml } from '../src/model/index.ts';
import { hubbleLine } from '../bench/flowLines.ts';
import { syntheticDesign } from '../bench/syntheticDesign.ts';
import { startPreview } from './preview.ts';

const PORT = Number(process.env.MEASURE_PORT ?? 4404);
const OUT_DIR = process.env.MEASURE_OUT_DIR ?? 'dist';
const BASE = `http://127.0.0.1:${PORT}`;
const LINES = Number(process.argv[2] ?? 1_000_000);


async function writeLog(path: string, pods: Parameters<typeof hubbleLine>[0]): Promise<number> {
  const out = createWriteStream(path);
  const base = Date.parse('2026-12-01T12:00:00Z');
  let bytes = 0;
  for (let start = 0; start < LINES; start += 5_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(LINES, start + 5_000); i++) lines.push(hubbleLine(pods, i, base));
    const chunk = `${lines.join('\n')}\n`;
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'measure-flows-'));
  const design = syntheticDesign(1000);
  const yamlPath = join(dir, 'design.yaml');
  writeFileSync(yamlPath, emitYaml(design.manifests.map((m) => m.object)));
  const logPath = join(dir, 'flows.hubble.jsonl');
  const bytes = await writeLog(logPath, design.cluster.workloads);
  const server = await startPreview(PORT, OUT_DIR);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    await context.addInitScript(() => {
      const w = window as unknown as { __longest: number; __progress: number };
      w.__longest = 0;
      w.__progress = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
      new MutationObserver((records) => {
        for (const r of records) if (r.target instanceof HTMLProgressElement) w.__progress++;
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['value'] });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(BASE);
    await page.waitForFunction(() => window.__netpol?.counts() !== undefined && !window.__netpol.counts().busy);
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles(yamlPath);
    await page.waitForFunction(() => !window.__netpol!.counts().busy && document.querySelectorAll('.react-flow__node').length > 0);
    await page.getByRole('tab', { name: 'Traffic' }).click();
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __chosenAt: number };
      w.__longest = 0;
      // The file chosen: the input's change event, in the page's clock.
      document.querySelector('input[aria-label="Flow log file"]')!.addEventListener('change', () => (w.__chosenAt = performance.now()), { once: true, capture: true });
    });
    const load = loadavg()[0]!.toFixed(1);
    const started = Date.now();
    await page.getByLabel('Flow log file').setInputFiles(logPath);
    const summary = page.getByRole('status').filter({ hasText: 'observed connections keep working' });
    await summary.waitFor();
    const ms = Date.now() - started;
    const text = await summary.textContent();
    const sources = await page.getByRole('list', { name: 'Imported logs' }).textContent();
    const { longest, progress, workerMs, importedAt, replayedAt, chosenAt } = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __progress: number; __chosenAt: number };
      const imported = performance.getEntriesByName('netpol:flows-imported').at(-1) as PerformanceMark | undefined;
      const replayed = performance.getEntriesByName('netpol:flows-replayed').at(-1) as PerformanceMark | undefined;
      return {
        longest: w.__longest, progress: w.__progress, chosenAt: w.__chosenAt,
        workerMs: (imported?.detail as { workerMs?: number } | undefined)?.workerMs ?? NaN, importedAt: imported?.startTime ?? NaN, replayedAt: replayed?.startTime ?? NaN,
      };
    });
    await page.screenshot({ path: 'screenshots/measure-flows.png' });
    console.log(`flows in the page: ${LINES.toLocaleString('en-US')} Hubble lines (${(bytes / 1e6).toFixed(0)} MB) chosen -> replay shown in ${(ms / 1000).toFixed(1)} s ` +
      `(load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end); ${progress} progress updates; longest main-thread task ${longest.toFixed(0)} ms`);
    console.log(`flows in the page: worker parse ${(workerMs / 1000).toFixed(1)} s; chosen -> imported ${((importedAt - chosenAt) / 1000).toFixed(1)} s -> replay arrived ${((replayedAt - importedAt) / 1000).toFixed(1)} s -> shown ${((chosenAt + ms - replayedAt) / 1000).toFixed(1)} s (approx.)`);
    console.log(`flows in the page: ${sources?.trim()}`);
    console.log(`flows in the page: ${text}`);
    if (ms > 20_000) process.exitCode = 1;
    await context.close();
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

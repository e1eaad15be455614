// Measures the page at cluster sizes (issue 12), in Chromium on the production build: import to
// graph, the longest main-thread task and frame gap meanwhile, toggle to repaint, focus, matrix.
// Builds nothing: build first (npm run build, or E2E_OUT_DIR=dist-x npx vite build --outDir dist-x).
// Usage: npm run measure:page [-- --out dist --designs tenants400,pods1000,pods5000 --skip matrix]
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { PAGE_DESIGNS as DESIGNS } from './pageDesigns.ts';
import { startPreview } from './preview.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const OUT = arg('out', process.env.E2E_OUT_DIR ?? 'dist');
const PORT = Number(process.env.MEASURE_PORT ?? 4189);
const BASE = `http://127.0.0.1:${PORT}`;

const chosen = arg('designs', 'pods200,pods1000,tenants400,pods5000').split(',');
/** Steps left out (only `matrix` can be): a shorter run on a shared machine. */
const skip = new Set(arg('skip', '').split(',').filter(Boolean));


interface Jank {
  longest: number;
  gap: number;
  /** When the last frame started. */
  last: number;
  reset(): void;
}

/** Installed before the page's scripts: the longest task and the longest gap between frames since `reset`. */
function watchMainThread() {
  const w = window as unknown as { __jank: Jank };
  w.__jank = { longest: 0, gap: 0, last: performance.now(), reset() { this.longest = 0; this.gap = 0; } };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__jank.longest = Math.max(w.__jank.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  // requestAnimationFrame deltas: a frame the page could not paint shows as a gap.
  const frame = (t: number) => {
    w.__jank.gap = Math.max(w.__jank.gap, t - w.__jank.last);
    w.__jank.last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const jank = (page: Page) => page.evaluate(() => {
  const j = (window as unknown as { __jank: Jank }).__jank;
  // A frame still due counts too (this runs between tasks, maybe right after a long one).
  const out = { longest: j.longest, gap: Math.max(j.gap, performance.now() - j.last) };
  j.reset();
  return out;
});

const idle = (page: Page, timeout = 600_000) =>
  page.waitForFunction(() => {
    const c = window.__netpol?.counts();
    return c !== undefined && !c.busy;
  }, undefined, { timeout, polling: 100 });

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

async function measure(name: string) {
  const spec = DESIGNS[name];
  if (!spec) throw new Error(`unknown design ${name}`);
  const text = spec.text();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith(BASE) || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    // tsx (esbuild, keepNames) wraps the named arrow functions it compiles in `__name(fn, "x")`: without
    // this helper in the page, `watchMainThread` threw before its frame loop started, so the longest
    // frame gap always read 0.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    await context.addInitScript(watchMainThread);
    const page = await context.newPage();
    await page.goto(BASE);
    await idle(page);
    await page.evaluate(() => window.__netpol!.setAnalysisDeadline(600_000));
    await jank(page);

    // Import to graph.
    await page.getByRole('button', { name: 'Import…' }).click();
    const started = Date.now();
    await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles({ name: `${name}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
    await page.getByRole('status').filter({ hasText: `Imported ${name}.yaml` }).waitFor({ timeout: 600_000 });
    await page.locator('.react-flow__node').first().waitFor();
    const importMs = Date.now() - started;
    const counts = await page.evaluate(() => window.__netpol!.counts());
    const drawn = await page.evaluate(() => ({ nodes: document.querySelectorAll('.react-flow__node').length, edges: document.querySelectorAll('.react-flow__edge').length }));
    await idle(page);
    const importJank = await jank(page);

    // Toggle -> repaint (the page's own measure, from the click to the painted frame).
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByLabel('Namespace', { exact: true }).selectOption(spec.namespace);
    const toggles: number[] = [];
    for (const sw of [/^Internet/, /^Internet/, /^Same namespace/, /^Same namespace/]) {
      const before = await page.evaluate(() => performance.getEntriesByName('netpol:change-repaint').length);
      await page.getByRole('switch', { name: sw }).click();
      const d = await page.waitForFunction((n) => {
        const e = performance.getEntriesByName('netpol:change-repaint');
        return e.length > n ? e[e.length - 1]!.duration : undefined;
      }, before, { timeout: 600_000 });
      toggles.push(Number(await d.jsonValue()));
      await idle(page);
    }
    const toggleJank = await jank(page);

    // Focus through search.
    const search = page.getByRole('combobox', { name: 'Find a workload, namespace or label' });
    await search.fill(spec.search);
    await page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first().waitFor();
    // Timed in the page, from the key to the frame after the focus view rendered (the test
    // driver's own queries would count otherwise).
    // A string: the TypeScript loader would wrap named functions in a helper the page lacks.
    const focusMs = Number(await page.evaluate(`new Promise((resolve) => {
      const input = document.querySelector('.graph-search input');
      const start = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const check = () => (document.querySelector('.graph-focus') ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
      check();
    })`));
    await page.getByRole('button', { name: 'Show all' }).waitFor();
    const focusJank = await jank(page);
    await page.screenshot({ path: `screenshots/measure-${name}-focus.png` });
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.screenshot({ path: `screenshots/measure-${name}.png` });

    // Matrix (namespace level, the default).
    let matrixMs = NaN;
    let matrixJank = { longest: NaN, gap: NaN };
    let matrixCells = 0;
    if (!skip.has('matrix')) {
      const matrixStart = Date.now();
      await page.getByRole('radio', { name: 'Matrix' }).click();
      await page.locator('table.matrix td button').first().waitFor({ timeout: 600_000 });
      matrixMs = Date.now() - matrixStart;
      matrixJank = await jank(page);
      matrixCells = await page.locator('table.matrix td button').count();
    }

    console.log(`\n${name}: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${counts.workloads} workloads, ${counts.pairs} listed pairs; drawn ${drawn.nodes} nodes, ${drawn.edges} edges`);
    console.log(`  import to graph      ${fmt(importMs)} ms   longest task ${fmt(importJank.longest)} ms, longest frame gap ${fmt(importJank.gap)} ms (until idle, review included)`);
    console.log(`  toggle to repaint    ${toggles.map(fmt).join(', ')} ms   longest task ${fmt(toggleJank.longest)} ms, frame gap ${fmt(toggleJank.gap)} ms`);
    console.log(`  focus (search)       ${fmt(focusMs)} ms   longest task ${fmt(focusJank.longest)} ms`);
    console.log(`  matrix (namespaces)  ${fmt(matrixMs)} ms   longest task ${fmt(matrixJank.longest)} ms, ${matrixCells} cells drawn`);
  } finally {
    await browser.close();
  }
}

const preview = await startPreview(PORT, OUT);
try {
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (the machine is shared: numbers scale with it)`);
  for (const name of chosen) await measure(name);
} finally {
  if (preview.pid) process.kill(-preview.pid);
}

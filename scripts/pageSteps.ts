// The steps the page measurements take (measure:page on the synthetic designs, measure:scale's page
// rows on the kubectl dumps): one definition, so that both tables measure the same thing.
// All timings are taken in the page (performance marks, frames), not by the test driver, whose own
// round trips would count otherwise.
import { chromium, type Browser, type Page } from '@playwright/test';

export interface Jank {
  longest: number;
  gap: number;
}

interface JankState extends Jank {
  /** When the last frame started. */
  last: number;
  reset(): void;
}

/** Installed before the page's scripts: the longest task and the longest gap between frames since `reset`. */
function watchMainThread() {
  const w = window as unknown as { __jank: JankState };
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page on `base`, watched for long tasks and frame gaps, idle, with no analysis deadline. */
export async function openPage(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route('**/*', (route) => (route.request().url().startsWith(base) || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  // tsx (esbuild, keepNames) wraps the named arrow functions it compiles in `__name(fn, "x")`: the
  // page needs that helper, or `watchMainThread` throws before its frame loop starts.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(watchMainThread);
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(base);
  await idle(page);
  await page.evaluate(() => window.__netpol!.setAnalysisDeadline(600_000));
  // The editor (Monaco, loaded once the page is idle after its first paint: one task of ~300 ms to
  // evaluate its 4 MB) before any step, so that no step's numbers hold the page's own loading.
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  // The empty design's findings, so that a later step does not take them for its own.
  await page.waitForFunction(() => performance.getEntriesByName('netpol:findings').length > 0, undefined, { timeout: 30_000 }).catch(() => undefined);
  await jank(page);
  return page;
}

/** The longest task and frame gap since the last call. */
export const jank = (page: Page): Promise<Jank> =>
  page.evaluate(() => {
    const j = (window as unknown as { __jank?: JankState }).__jank;
    // Not watched (profile:page): nothing to report.
    if (!j) return { longest: NaN, gap: NaN };
    // A frame still due counts too (this runs between tasks, maybe right after a long one).
    const out = { longest: j.longest, gap: Math.max(j.gap, performance.now() - j.last) };
    j.reset();
    return out;
  });

export const idle = (page: Page, timeout = 600_000) =>
  page.waitForFunction(() => {
    const c = window.__netpol?.counts();
    return c !== undefined && !c.busy;
  }, undefined, { timeout, polling: 100 });

const marks = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

/** Waits for an entry named `name` that starts after `after` (page clock); when it ends. */
const nextMark = async (page: Page, name: string, after: number): Promise<number> =>
  Number(
    await (
      await page.waitForFunction(
        ([mark, since]) => {
          const e = performance.getEntriesByName(mark as string).find((x) => x.startTime > (since as number));
          return e ? e.startTime + e.duration : undefined;
        },
        [name, after] as const,
        { timeout: 600_000, polling: 50 },
      )
    ).jsonValue(),
  );

export interface ImportTimes {
  /** From the file chosen to the first frame of the graph with nothing busy. */
  graphMs: number;
  /** From the file chosen to the review's findings in the page. */
  findingsMs: number;
  jank: Jank;
}

/** Imports a file through the Import dialog (a path, or a name and its text). */
export async function importFile(page: Page, file: string | { name: string; text: string }): Promise<ImportTimes> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const start = await page.evaluate(() => performance.now());
  await page
    .getByRole('dialog', { name: 'Import manifests' })
    .getByLabel('Open a file')
    .setInputFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'application/yaml', buffer: Buffer.from(file.text) });
  const name = typeof file === 'string' ? file.replace(/^.*\//, '') : file.name;
  // The design is in when the page says "Imported <name>"; the graph, at the next frame with nothing busy.
  const graphAt = await page.evaluate(
    (imported) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          const failed = document.querySelector('.error-box');
          if (failed) return reject(new Error(`import failed: ${failed.textContent}`));
          const said = [...document.querySelectorAll('[role=status]')].some((e) => e.textContent?.includes(imported));
          if (said && !window.__netpol!.counts().busy && document.querySelectorAll('.react-flow__node').length > 0) requestAnimationFrame(() => resolve(performance.now()));
          else setTimeout(check, 20);
        };
        check();
      }),
    `Imported ${name}`,
  );
  // The first findings after the file was chosen (openPage waited for the empty design's own).
  const findingsAt = await nextMark(page, 'netpol:findings', start);
  await idle(page);
  return { graphMs: graphAt - start, findingsMs: findingsAt - start, jank: await jank(page) };
}

export interface ToggleTimes {
  /** Click to painted frame, per toggle (the page's own `netpol:change-repaint` measure). */
  repaintMs: number[];
  /** Click to the new findings, per toggle. */
  findingsMs: number[];
  jank: Jank;
}

/** Flips the allow-rule switches named by `switches` in turn, in `namespace`'s Rules tab. */
export async function toggleRules(page: Page, namespace: string, switches: readonly RegExp[]): Promise<ToggleTimes> {
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
  const repaintMs: number[] = [];
  const findingsMs: number[] = [];
  for (const sw of switches) {
    const repaints = await marks(page, 'netpol:change-repaint');
    const start = await page.evaluate(() => performance.now());
    await page.getByRole('switch', { name: sw }).click();
    const repaint = await page.waitForFunction(
      (n) => {
        const e = performance.getEntriesByName('netpol:change-repaint');
        return e.length > n ? e[e.length - 1]!.duration : undefined;
      },
      repaints,
      { timeout: 600_000 },
    );
    repaintMs.push(Number(await repaint.jsonValue()));
    findingsMs.push((await nextMark(page, 'netpol:findings', start)) - start);
    await idle(page);
  }
  return { repaintMs, findingsMs, jank: await jank(page) };
}

/** Types `query` in the graph search and presses Enter: time to the frame after the focus view. */
export async function focusBySearch(page: Page, query: string): Promise<{ ms: number; jank: Jank }> {
  const search = page.getByRole('combobox', { name: 'Find a workload, namespace or label' });
  await search.fill(query);
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first().waitFor();
  await jank(page);
  // A string: the TypeScript loader would wrap named functions in a helper the page lacks.
  const ms = Number(await page.evaluate(`new Promise((resolve) => {
    const input = document.querySelector('.graph-search input');
    const start = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const check = () => (document.querySelector('.graph-focus') ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
    check();
  })`));
  await page.getByRole('button', { name: 'Show all' }).waitFor();
  return { ms, jank: await jank(page) };
}

/** Leaves the focus view. */
export const showAll = (page: Page) => page.getByRole('button', { name: 'Show all' }).click();

/** Opens the Matrix view: time to its first cell, and the cells drawn. */
export async function openMatrix(page: Page): Promise<{ ms: number; cells: number; jank: Jank }> {
  await jank(page);
  const start = Date.now();
  await page.getByRole('radio', { name: 'Matrix' }).click();
  await page.locator('table.matrix td button').first().waitFor({ timeout: 600_000 });
  const ms = Date.now() - start;
  const j = await jank(page);
  const cells = await page.locator('table.matrix td button').count();
  await page.getByRole('radio', { name: 'Graph' }).click();
  return { ms, cells, jank: j };
}

export const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

/**
 * Explain: a probe from one workload to another in the Explain tab; time from the destination
 * chosen to the frame after the verdict changed. The ends are the first two workloads listed (a
 * list, or past 1,000 ends a combobox whose first matches of "/" are workloads: ns/name).
 */
export async function explainProbe(page: Page): Promise<{ ms: number; verdict: string; jank: Jank }> {
  await page.getByRole('tab', { name: 'Explain' }).click();
  const form = page.getByRole('form', { name: 'Probe a connection' });
  const source = form.getByLabel('Source', { exact: true });
  const destination = form.getByLabel('Destination', { exact: true });
  const listed = await source.evaluate((e) => e.tagName === 'SELECT');
  const workloads = listed ? (await source.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v.startsWith('wl:')) : [];
  /** Picks the `n`-th workload of an end: from the list, or typed. */
  const choose = async (end: typeof source, label: string, n: number) => {
    if (listed) return end.selectOption(workloads[n] ?? workloads[0]!);
    await end.fill('/');
    await page.getByRole('listbox', { name: `Matches for ${label}` }).getByRole('option').filter({ hasText: 'Workloads' }).nth(n).click();
  };
  await choose(source, 'Source', 0);
  await idle(page);
  if (!listed) await destination.fill('/');
  await jank(page);
  // Timed in the page from the choice (a list's change event, a match's mousedown) to the frame
  // after the verdict changed.
  const timing = page.evaluate(`new Promise((resolve) => {
    const verdict = () => document.querySelector('[role=region][aria-label="Verdict"], section[aria-label="Verdict"]')?.textContent ?? '';
    const before = verdict();
    let started = false;
    const begin = () => {
      if (started) return;
      started = true;
      const start = performance.now();
      const check = () => (verdict() !== before && verdict() !== '' ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
      check();
    };
    for (const type of ['change', 'mousedown']) document.addEventListener(type, begin, { capture: true, once: true });
  })`);
  if (listed) await destination.selectOption(workloads[1] ?? workloads[0]!);
  else await page.getByRole('listbox', { name: 'Matches for Destination' }).getByRole('option').filter({ hasText: 'Workloads' }).nth(1).click();
  const ms = Number(await timing);
  const verdict = (await page.locator('.verdict-summary').first().textContent()) ?? '';
  return { ms, verdict: verdict.trim(), jank: await jank(page) };
}

/** Namespaces every generated kubectl dump has besides the app ones (bench/dump, scripts/kubectl-dump.ts). */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'ingress-nginx', 'monitoring', 'default', 'kube-public', 'kube-node-lease']);

/** The first app namespace the Rules tab offers (a dump's namespaces are named at random). */
export async function firstAppNamespace(page: Page): Promise<string | undefined> {
  await page.getByRole('tab', { name: 'Rules' }).click();
  const names = await page.getByLabel('Namespace', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  return names.find((n) => n !== '' && !SYSTEM_NAMESPACES.has(n));
}

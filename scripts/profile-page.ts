// Where the page's main thread spends its time during one action, from a Chromium trace: the
// long tasks (over 50 ms) of the page's main thread, each with what it did (the heaviest events
// inside it: script, structured-clone decoding of worker messages, style, layout, paint, GC), and
// the functions with the most self time in the sampled CPU profile of the whole action.
// Builds nothing: build first. Usage (MEASURE_PORT keeps runs apart on a shared machine):
//   npm run profile:page -- [--out dist] [--pods 5000 | --design tenants400|pods5000|pods200|pods1000]
//     [--action import|reload|explain|matrix|toggle|focus] [--toggles 2] [--reviews] [--select edge] [--wait ms] [--save trace.json] [--shot page.png]
//   npm run profile:page -- --from trace.json   (summarise a saved trace again)
// --design takes measure-page's designs (scripts/pageDesigns.ts); --pods a kubectl-shaped dump.
// toggle: after the import, flips the design's namespace's Internet switch --toggles times (each
// waits for the repaint and for idle); focus: jumps to the design's search match.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { kubectlDump } from './kubectl-dump.ts';
import { PAGE_DESIGNS } from './pageDesigns.ts';
import { explainProbe, firstAppNamespace, launchChromium } from './pageSteps.ts';
import { startPreview } from './preview.ts';
import { mainThread, type TraceEvent } from './traceEvents.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const OUT = arg('out', process.env.E2E_OUT_DIR ?? 'dist');
const PORT = Number(process.env.MEASURE_PORT ?? 4195);
const BASE = `http://127.0.0.1:${PORT}`;
const PODS = Number(arg('pods', '5000'));
const ACTION = arg('action', 'import');
const SAVE = arg('save', '');
const DESIGN = arg('design', '');
const TOGGLES = Number(arg('toggles', '2'));
/** A screenshot of the page after the action (to look at what a toggle drew). */
const SHOT = arg('shot', '');
/** `edge`: the first path of the graph is selected before the action (the Explain panel and the selection focus then read the graph too). */
const SELECT = arg('select', '');
/** Milliseconds traced after the action (the autosave runs 400 ms after a change, once the page is idle). */
const WAIT = Number(arg('wait', '0'));
/** `--reviews`: each toggle also waits for its findings (the review workers' CPU is in the trace; bench/workerTrace.ts sums it). */
const REVIEWS = process.argv.includes('--reviews');



const idle = (page: Page) =>
  page.waitForFunction(() => {
    const c = window.__netpol?.counts();
    return c !== undefined && !c.busy && document.querySelectorAll('.react-flow__node').length > 0;
  }, undefined, { timeout: 600_000, polling: 200 });


const label = (e: TraceEvent): string => {
  const d = e.args?.data ?? {};
  const fn = typeof d.functionName === 'string' && d.functionName ? d.functionName : '';
  const url = typeof d.url === 'string' ? d.url.replace(/^.*\//, '') : '';
  const type = typeof d.type === 'string' ? d.type : '';
  return [e.name, type, fn, url && `(${url}${typeof d.lineNumber === 'number' ? `:${d.lineNumber}` : ''})`].filter(Boolean).join(' ');
};

function summarize(events: TraceEvent[]): void {
  const { pid, tid } = mainThread(events);
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  // Top-level tasks only (a RunTask can be nested in another).
  const tasks: TraceEvent[] = [];
  for (const e of mine) if ((e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && !(tasks.length > 0 && e.ts < tasks[tasks.length - 1]!.ts + tasks[tasks.length - 1]!.dur!)) tasks.push(e);
  const t0 = tasks[0]?.ts ?? 0;
  const long = tasks.filter((t) => t.dur! > 50_000);
  console.log(`\nlong tasks on the page's main thread (${long.length}, over 50 ms):`);
  for (const t of long) {
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask' && !e.name.startsWith('V8.'));
    // Self time per label: an event's time minus its children's (nesting is by containment).
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const e of inside) {
      while (stack.length > 0 && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(label(parent), (self.get(label(parent)) ?? 0) - e.dur!);
      self.set(label(e), (self.get(label(e)) ?? 0) + e.dur!);
      stack.push(e);
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} ms`);
    console.log(`  at ${((t.ts - t0) / 1000).toFixed(0)} ms: ${(t.dur! / 1000).toFixed(0)} ms  <- ${top.join('; ')}`);
  }
  // Sampled CPU profile of the main thread: self and inclusive time per function, overall and
  // inside the long tasks (what to fix is what runs there).
  // The main thread's own profile: its 'Profile' event is on that thread, its chunks share the id.
  type Profiled = TraceEvent & { id?: string };
  const profiles = events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'Profile') as Profiled[];
  const ids = new Set(profiles.map((e) => e.id));
  const chunks = (events as Profiled[]).filter((e) => e.pid === pid && e.name === 'ProfileChunk' && (ids.size === 0 || ids.has(e.id))).sort((a, b) => a.ts - b.ts);
  const nodes = new Map<number, { key: string; parent?: number }>();
  const selfUs = new Map<string, number>();
  const selfLong = new Map<string, number>();
  const inclLong = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const clock = new Map<string | undefined, number>();
  for (const p of profiles) clock.set(p.id, Number((p.args?.data as { startTime?: number } | undefined)?.startTime ?? p.ts));
  let li = 0;
  for (const c of chunks) {
    const data = (c.args?.data ?? {}) as { cpuProfile?: { nodes?: Array<{ id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples?: number[] }; timeDeltas?: number[] };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, { key: `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').replace(/^.*\//, '')}:${n.callFrame.lineNumber}`, ...(n.parent !== undefined ? { parent: n.parent } : {}) });
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    let t = clock.get(c.id) ?? c.ts;
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      const n = nodes.get(samples[i]!);
      if (!n) continue;
      const d = Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0);
      add(selfUs, n.key, d);
      while (li < long.length && long[li]!.ts + long[li]!.dur! < t) li++;
      const inLong = li < long.length && t >= long[li]!.ts;
      if (!inLong) continue;
      add(selfLong, n.key, d);
      const seen = new Set<string>();
      for (let x: typeof n | undefined = n; x; x = x.parent !== undefined ? nodes.get(x.parent) : undefined) {
        if (!seen.has(x.key)) add(inclLong, x.key, d);
        seen.add(x.key);
      }
    }
    clock.set(c.id, t);
  }
  const print = (title: string, m: Map<string, number>, n: number) => {
    if (m.size === 0) return;
    console.log(`\n${title}:`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  };
  const where = ids.size > 0 ? "the page's main thread" : 'the page process, workers included';
  print(`self time by function (sampled, ${where})`, selfUs, 25);
  print('self time inside the long tasks', selfLong, 25);
  print('inclusive time inside the long tasks (what the time was spent under)', inclLong, 40);
  // The app's own functions (the entry chunk), so that library frames do not hide them.
  print("the app's functions by inclusive time inside the long tasks", new Map([...inclLong].filter(([k]) => /\bindex-[^ ]*\.js:/.test(k))), 50);
}

async function main(): Promise<void> {
  const from = arg('from', '');
  if (from) {
    // Summarise a trace saved earlier with --save (no browser).
    summarize((JSON.parse(readFileSync(from, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'profile-page-'));
  const server = await startPreview(PORT, OUT);
  const browser = await launchChromium();
  try {
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    const design = DESIGN ? PAGE_DESIGNS[DESIGN] : undefined;
    if (DESIGN && !design) throw new Error(`unknown design ${DESIGN} (${Object.keys(PAGE_DESIGNS).join(', ')})`);
    const dump = design ? { text: design.text() } : kubectlDump({ pods: PODS, seed: 1 });
    const what = DESIGN || `${PODS} pods`;
    const path = join(dir, `${DESIGN || `cluster-${PODS}`}.yaml`);
    writeFileSync(path, dump.text);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(BASE);
    await page.waitForFunction(() => window.__netpol?.counts() !== undefined && !window.__netpol.counts().busy);
    await page.evaluate(() => window.__netpol!.setAnalysisDeadline(600_000));
    // The editor (Monaco, loaded once the page is idle) before the trace, as measure:page waits for
    // it: its loading is the page's, not the action's.
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    const importFile = async () => {
      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles(path);
      await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 600_000 });
      await idle(page);
    };
    if (ACTION !== 'import') {
      await importFile();
      await page.waitForTimeout(2000); // autosave
      if (REVIEWS) await page.waitForFunction(() => window.__netpol?.reviewing() === false, undefined, { timeout: 600_000, polling: 100 });
    }
    // A dump's namespaces are named at random: its first app namespace stands in for a design's.
    const namespace = design?.namespace ?? (await firstAppNamespace(page)) ?? 'kube-system';
    if (ACTION === 'toggle') {
      await page.getByRole('tab', { name: 'Rules' }).click();
      await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
      await page.waitForTimeout(500);
    }
    if (SELECT === 'edge') {
      await page.locator('.react-flow__edge').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="selection-focus"]').waitFor({ state: 'attached' });
      if (ACTION === 'toggle') await page.getByRole('tab', { name: 'Rules' }).click();
      await idle(page);
    }
    if (ACTION === 'focus') {
      await page.getByRole('combobox', { name: 'Find a workload, namespace or label' }).fill(design?.search ?? namespace);
      await page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first().waitFor();
    }
    const repaints: number[] = [];
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'toplevel'];
    await browser.startTracing(page, { categories });
    const started = Date.now();
    if (ACTION === 'import') await importFile();
    else if (ACTION === 'reload') {
      await page.reload();
      await idle(page);
    } else if (ACTION === 'explain') {
      // A probe between the first two workloads listed (measure:page's explain step).
      console.log(`explain: ${(await explainProbe(page)).verdict}`);
    } else if (ACTION === 'matrix') {
      // The Matrix view at the namespace level (its default) until its first cell is drawn.
      await page.getByRole('radio', { name: 'Matrix' }).click();
      await page.locator('table.matrix td button').first().waitFor({ timeout: 600_000 });
    } else if (ACTION === 'toggle') {
      for (let i = 0; i < TOGGLES; i++) {
        const before = await page.evaluate(() => performance.getEntriesByName('netpol:change-repaint').length);
        await page.getByRole('switch', { name: /^Internet/ }).click();
        const d = await page.waitForFunction((n) => {
          const e = performance.getEntriesByName('netpol:change-repaint');
          return e.length > n ? e[e.length - 1]!.duration : undefined;
        }, before, { timeout: 600_000, polling: 50 });
        repaints.push(Math.round(Number(await d.jsonValue())));
        await idle(page);
        if (REVIEWS) await page.waitForFunction(() => window.__netpol?.reviewing() === false, undefined, { timeout: 600_000, polling: 100 });
      }
    } else if (ACTION === 'focus') {
      await page.getByRole('combobox', { name: 'Find a workload, namespace or label' }).press('Enter');
      await page.locator('.graph-focus').first().waitFor({ timeout: 600_000 });
      await page.waitForTimeout(300);
    }
    if (WAIT > 0) await page.waitForTimeout(WAIT);
    const ms = Date.now() - started;
    const buffer = await browser.stopTracing();
    if (SHOT) await page.screenshot({ path: SHOT });
    if (SAVE) writeFileSync(SAVE, buffer);
    const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    console.log(`${ACTION} of ${what} (${(dump.text.length / 1024 / 1024).toFixed(1)} MB): ${ms} ms${repaints.length > 0 ? `; toggle to repaint ${repaints.join(', ')} ms` : ''}`);
    summarize(trace.traceEvents);
    await context.close();
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// measure:scale's page rows (issue 12's table: graph shown, toggle repaint, explain, focus, matrix,
// findings) on the same kubectl dumps as its CLI and engine rows, with the steps of measure:page
// (scripts/pageSteps.ts). Builds nothing: it serves MEASURE_OUT_DIR (default dist) on MEASURE_PORT.
import type { PageMeasurement } from './measure-scale.ts';
import { fmt, explainProbe, firstAppNamespace, focusBySearch, importFile, launchChromium, openMatrix, openPage, showAll, toggleRules, type Jank } from './pageSteps.ts';
import { startPreview } from './preview.ts';

const PORT = Number(process.env.MEASURE_PORT ?? 4195);
const OUT_DIR = process.env.MEASURE_OUT_DIR ?? 'dist';
const BASE = `http://127.0.0.1:${PORT}`;

const task = (j: Jank) => `longest task ${fmt(j.longest)} ms, frame gap ${fmt(j.gap)} ms`;

export async function measurePage(dumps: readonly { name: string; file: string }[]): Promise<PageMeasurement[]> {
  const rows: PageMeasurement[] = [];
  const server = await startPreview(PORT, OUT_DIR);
  const browser = await launchChromium();
  try {
    for (const { name, file } of dumps) {
      const row = (metric: string, value: string) => rows.push({ dump: name, metric, value });
      const page = await openPage(browser, BASE);
      try {
        const imported = await importFile(page, file);
        const counts = await page.evaluate(() => window.__netpol!.counts());
        row('import to graph', `${fmt(imported.graphMs)} ms (${counts.workloads} workloads, ${counts.pairs} pairs); ${task(imported.jank)}`);
        row('findings after import', `${fmt(imported.findingsMs)} ms`);
        const app = await firstAppNamespace(page);
        if (app) {
          const toggles = await toggleRules(page, app, [/^Internet/, /^Internet/, /^Same namespace/, /^Same namespace/]);
          row('toggle to repaint', `${toggles.repaintMs.map(fmt).join(', ')} ms; ${task(toggles.jank)}`);
          row('findings after a toggle', `${toggles.findingsMs.map(fmt).join(', ')} ms`);
          const focus = await focusBySearch(page, app);
          row('focus (search)', `${fmt(focus.ms)} ms; ${task(focus.jank)}`);
          await showAll(page);
        }
        const explain = await explainProbe(page);
        row('explain (probe)', `${fmt(explain.ms)} ms; ${task(explain.jank)}`);
        const matrix = await openMatrix(page);
        row('matrix (namespaces)', `${fmt(matrix.ms)} ms, ${matrix.cells} cells drawn; ${task(matrix.jank)}`);
      } catch (error) {
        row('error', error instanceof Error ? error.message.split('\n')[0]! : String(error));
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
  return rows;
}

// Measures the page at cluster sizes (issue 12), in Chromium on the production build: import to
// graph and to findings, the longest main-thread task and frame gap meanwhile, toggle to repaint and
// to findings, explain, focus, matrix. The steps are scripts/pageSteps.ts (shared with measure:scale).
// Builds nothing: build first (npm run build, or E2E_OUT_DIR=dist-x npx vite build --outDir dist-x).
// Usage: npm run measure:page [-- --out dist --designs tenants400,pods1000,pods5000 --skip matrix]
import { loadavg } from 'node:os';
import { PAGE_DESIGNS as DESIGNS } from './pageDesigns.ts';
import { explainProbe, fmt, focusBySearch, importFile, launchChromium, openMatrix, openPage, showAll, toggleRules } from './pageSteps.ts';
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

async function measure(name: string) {
  const spec = DESIGNS[name];
  if (!spec) throw new Error(`unknown design ${name}`);
  const text = spec.text();
  const browser = await launchChromium();
  try {
    const page = await openPage(browser, BASE);
    const imported = await importFile(page, { name: `${name}.yaml`, text });
    const counts = await page.evaluate(() => window.__netpol!.counts());
    const drawn = await page.evaluate(() => ({ nodes: document.querySelectorAll('.react-flow__node').length, edges: document.querySelectorAll('.react-flow__edge').length }));
    const toggles = await toggleRules(page, spec.namespace, [/^Internet/, /^Internet/, /^Same namespace/, /^Same namespace/]);
    const explain = await explainProbe(page);
    const focus = await focusBySearch(page, spec.search);
    await page.screenshot({ path: `screenshots/measure-${name}-focus.png` });
    await showAll(page);
    await page.screenshot({ path: `screenshots/measure-${name}.png` });
    const matrix = skip.has('matrix') ? undefined : await openMatrix(page);

    console.log(`\n${name}: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${counts.workloads} workloads, ${counts.pairs} listed pairs; drawn ${drawn.nodes} nodes, ${drawn.edges} edges`);
    console.log(`  import to graph      ${fmt(imported.graphMs)} ms, to findings ${fmt(imported.findingsMs)} ms   longest task ${fmt(imported.jank.longest)} ms, longest frame gap ${fmt(imported.jank.gap)} ms (until idle, review included)`);
    console.log(`  toggle to repaint    ${toggles.repaintMs.map(fmt).join(', ')} ms, to findings ${toggles.findingsMs.map(fmt).join(', ')} ms   longest task ${fmt(toggles.jank.longest)} ms, frame gap ${fmt(toggles.jank.gap)} ms`);
    console.log(`  explain (probe)      ${fmt(explain.ms)} ms   longest task ${fmt(explain.jank.longest)} ms   (${explain.verdict})`);
    console.log(`  focus (search)       ${fmt(focus.ms)} ms   longest task ${fmt(focus.jank.longest)} ms`);
    if (matrix) console.log(`  matrix (namespaces)  ${fmt(matrix.ms)} ms   longest task ${fmt(matrix.jank.longest)} ms, ${matrix.cells} cells drawn`);
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

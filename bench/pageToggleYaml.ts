// The first toggle after opening a design, in Chromium on a production build (issue 12): from the
// click to the new YAML in the store (the analysis worker wrote it) and to idle (the editor took
// it in, the review came back). Builds nothing: give a build with --out.
// kubectl<pods> (e.g. kubectl5000, 16 MB) imports a kubectl dump, which takes the large-import path
// (a summarised editor text; the policies of its first app namespace are toggled).
// Usage: MEASURE_PORT=4311 node --import tsx bench/pageToggleYaml.ts --out dist [--designs tenants400,pods5000,kubectl5000] [--toggles 2]
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { PAGE_DESIGNS } from '../scripts/pageDesigns.ts';
import { firstAppNamespace } from '../scripts/pageSteps.ts';
import { startPreview } from '../scripts/preview.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const OUT = arg('out', 'dist');
const PORT = Number(process.env.MEASURE_PORT ?? 4311);
const BASE = `http://127.0.0.1:${PORT}`;
const TOGGLES = Number(arg('toggles', '2'));

// A string: the TypeScript loader would wrap named functions in a helper the page lacks.
const WATCH = `new Promise((resolve) => {
  const h = window.__netpol;
  const before = h.text();
  const start = performance.now();
  let yaml;
  const check = () => {
    if (yaml === undefined && h.text() !== before) yaml = performance.now() - start;
    if (yaml !== undefined && !h.counts().busy) resolve({ yaml, idle: performance.now() - start });
    else setTimeout(check, 5);
  };
  setTimeout(check, 5);
})`;

const preview = await startPreview(PORT, OUT);
try {
  console.log(`${OUT}: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const name of arg('designs', 'tenants400,pods5000').split(',')) {
    const pods = /^kubectl(\d+)$/.exec(name);
    const design = pods ? undefined : PAGE_DESIGNS[name];
    if (!pods && !design) throw new Error(`unknown design ${name}`);
    const text = design ? design.text() : kubectlDump({ pods: Number(pods![1]), seed: 1 }).text;
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(BASE);
      await page.waitForFunction(() => window.__netpol?.counts() !== undefined && !window.__netpol.counts().busy, undefined, { timeout: 600_000 });
      await page.evaluate(() => window.__netpol!.setAnalysisDeadline(600_000));
      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles({ name: `${name}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
      await page.getByRole('status').filter({ hasText: `Imported ${name}.yaml` }).waitFor({ timeout: 600_000 });
      await page.waitForFunction(() => !window.__netpol!.counts().busy, undefined, { timeout: 600_000, polling: 100 });
      const namespace = design?.namespace ?? (await firstAppNamespace(page)) ?? 'default';
      await page.getByRole('tab', { name: 'Rules' }).click();
      await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
      const rows: string[] = [];
      for (let i = 0; i < TOGGLES; i++) {
        const watched = page.evaluate(WATCH) as Promise<{ yaml: number; idle: number }>;
        await page.getByRole('switch', { name: /^Internet/ }).click();
        const r = await watched;
        rows.push(`YAML ${r.yaml.toFixed(0)} ms, idle ${r.idle.toFixed(0)} ms`);
      }
      // A large import's editor shows a summary, not the file: nothing to compare.
      const kept = design ? `; opened text kept: ${await page.evaluate((t) => window.__netpol!.text().startsWith(t.slice(0, 100_000)), text)}` : '';
      console.log(`  ${name}: ${rows.map((r, i) => `toggle ${i + 1}: ${r}`).join('; ')}${kept}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  if (preview.pid) process.kill(-preview.pid);
}

// The editor's texts around each toggle, as the page has them (the store's text before and after),
// and the edits src/editor/textEdits.ts makes of them: how many, how many lines they cover, and the
// diff's CPU time. Builds nothing: give a build with --out.
// Usage: MEASURE_PORT=4451 node --import tsx bench/editorToggleTexts.ts --out dist [--pods 200 | --design pods200] [--toggles 3] [--save dir]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { PAGE_DESIGNS } from '../scripts/pageDesigns.ts';
import { firstAppNamespace, idle, launchChromium } from '../scripts/pageSteps.ts';
import { startPreview } from '../scripts/preview.ts';
import { textEdits } from '../src/editor/textEdits.ts';
import { cpuMs } from './cpuTime.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const OUT = arg('out', 'dist');
const PORT = Number(process.env.MEASURE_PORT ?? 4311);
const DESIGN = arg('design', '');
const PODS = Number(arg('pods', '200'));
const TOGGLES = Number(arg('toggles', '3'));
const SAVE = arg('save', '');

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const design = DESIGN ? PAGE_DESIGNS[DESIGN] : undefined;
const text = design ? design.text() : kubectlDump({ pods: PODS, seed: 1 }).text;
const dir = mkdtempSync(join(tmpdir(), 'netpol-edtexts-'));
const path = join(dir, 'cluster.yaml');
writeFileSync(path, text);
const server = await startPreview(PORT, OUT);
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`http://127.0.0.1:${PORT}`);
  await page.waitForFunction(() => window.__netpol?.counts() !== undefined && !window.__netpol.counts().busy);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles(path);
  await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 600_000 });
  await idle(page);
  const namespace = design?.namespace ?? (await firstAppNamespace(page)) ?? 'kube-system';
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
  const markers = () => page.evaluate(() => window.__netpol!.editorMarkers());
  console.log(`editor markers after the import: ${await markers()}`);
  const texts = [await page.evaluate(() => window.__netpol!.text())];
  for (let i = 0; i < TOGGLES; i++) {
    await page.getByRole('switch', { name: /^Internet/ }).click();
    await page.waitForTimeout(300);
    await idle(page);
    texts.push(await page.evaluate(() => window.__netpol!.text()));
    console.log(`editor markers after toggle ${i + 1}: ${await markers()}`);
  }
  const time = (fn: () => unknown) => {
    const t = cpuMs();
    for (let k = 0; k < 20; k++) fn();
    return (cpuMs() - t) / 20;
  };
  for (let i = 1; i < texts.length; i++) {
    const [a, b] = [texts[i - 1]!, texts[i]!];
    if (SAVE) {
      writeFileSync(join(SAVE, `text${i - 1}.yaml`), a);
      writeFileSync(join(SAVE, `text${i}.yaml`), b);
    }
    const edits = textEdits(a, b, { maxEdits: 120, chunkLines: 3000 });
    const covered = edits?.reduce((s, e) => s + e.endLine - e.startLine + 1, 0);
    const added = edits?.reduce((s, e) => s + e.newLines, 0);
    const ms = time(() => textEdits(a, b, { maxEdits: 120, chunkLines: 3000 }));
    console.log(`toggle ${i}: ${a.length} -> ${b.length} chars, ${edits?.length ?? 'whole'} edits covering ${covered} old lines, ${added} new lines; diff ${ms.toFixed(2)} CPU ms`);
  }
} finally {
  await browser.close();
  process.kill(-server.pid!);
}

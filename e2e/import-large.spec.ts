// Importing what kubectl prints for a whole cluster: a dump through the file chooser, progress and
// Cancel, the summarised editor, the design restored from IndexedDB after a reload. Kept short: the
// first test lowers the large-import threshold so a 300-pod dump (1 MB) takes the large path; the
// cluster sizes (16 MB, 60 MB) are timed by `npm run measure:import`, not here.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { expect, loadSample, openFresh, test, waitIdle, yamlText, snapshot } from './fixtures.ts';

const HEADER = '# netpol-designer: imported';

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-import-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function dumpFile(name: string, pods: number): { path: string; pods: number; policies: number; objects: number } {
  const dump = kubectlDump({ pods, seed: 11 });
  const path = join(dir, name);
  writeFileSync(path, dump.text);
  return { path, pods: dump.pods, policies: dump.policies, objects: dump.items };
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import…' }).click();
  return page.getByRole('dialog', { name: 'Import manifests' });
}

const SMALL_LIMIT = 256 * 1024;

test('a kubectl dump over the threshold: a summarised editor, restored from IndexedDB after a reload', async ({ page }) => {
  test.setTimeout(90_000);
  const file = dumpFile('cluster-300.yaml', 300);
  await openFresh(page);
  await page.evaluate((n) => window.__netpol!.setSmallImportLimit(n), SMALL_LIMIT);
  const dialog = await openImport(page);
  // The limit is stated before anything is chosen.
  await expect(dialog.getByText(/Files up to 100 MB/)).toBeVisible();
  await dialog.getByLabel('Open a file').setInputFiles(file.path);
  await expect(dialog).toHaveCount(0, { timeout: 60_000 });
  await waitIdle(page);
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`Imported cluster-300\\.yaml .*\\(300 pods\\) held apart, ${file.policies} policies in the editor`) })).toBeVisible();

  const text = await yamlText(page);
  expect(text.startsWith(HEADER)).toBe(true);
  expect(text).toContain('300 Pods');
  // The editor shows the policies only: a fraction of the file.
  expect(text.length).toBeLessThan(statSync(file.path).size / 4);
  expect((text.match(/^kind: NetworkPolicy$/gm) ?? []).length).toBe(file.policies);
  const counts = await page.evaluate(() => window.__netpol!.counts());
  expect(counts.workloads).toBeGreaterThanOrEqual(300);
  await snapshot(page, 'screenshots/import-large-done.png');

  // A switch right after the import: the analysis worker kept the held objects the import worker
  // handed it, and the change goes as a patch against them (a mismatch would fail the analysis).
  await page.getByRole('switch', { name: /^Default deny ingress/ }).click();
  await waitIdle(page);
  await expect.poll(async () => (await yamlText(page)).match(/^kind: NetworkPolicy$/gm)?.length ?? 0).toBe(file.policies + 1);
  expect((await page.evaluate(() => window.__netpol!.counts())).workloads).toBe(counts.workloads);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await waitIdle(page);
  await expect.poll(() => yamlText(page)).toBe(text);

  // The design is in IndexedDB (a held part is never put in localStorage) and comes back after a reload.
  await page.waitForFunction(() => localStorage.getItem('netpol-designer:v1') === null);
  await page.waitForTimeout(1000); // autosave runs 0.4 s after the last change
  await page.reload();
  await waitIdle(page);
  await page.waitForFunction((n) => (window.__netpol?.counts().workloads ?? 0) >= n, 300, { timeout: 60_000 });
  expect(await yamlText(page)).toBe(text);
  expect((await page.evaluate(() => window.__netpol!.counts())).workloads).toBe(counts.workloads);
  // The first analysis was asked for before the page had decoded the held objects (the two overlap).
  const [asked, decoded] = await page.evaluate(() => ['netpol:restore-analysis-asked', 'netpol:restore-held-decoded'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? -1));
  expect(asked).toBeGreaterThanOrEqual(0);
  expect(asked).toBeLessThan(decoded!);
  await snapshot(page, 'screenshots/import-large-restored.png');

  // Saves that change no text write the design's record only (its text is stored apart): the
  // text stored before is still the one read back with it.
  await page.getByRole('tab', { name: 'Flows' }).click();
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  const storedTheme = () => page.evaluate(() => new Promise<unknown>((resolve) => {
    const open = indexedDB.open('netpol-designer');
    open.onsuccess = () => {
      const get = open.result.transaction('designs').objectStore('designs').get('autosave');
      get.onsuccess = () => resolve((get.result as { theme?: unknown } | undefined)?.theme);
    };
  }));
  await expect.poll(storedTheme, { timeout: 10_000 }).toBe('dark');
  await page.reload();
  await waitIdle(page);
  await page.waitForFunction((n) => (window.__netpol?.counts().workloads ?? 0) >= n, 300, { timeout: 60_000 });
  expect(await yamlText(page)).toBe(text);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // A design with a held part is not shared by link: the page says so and offers the download.
  await page.getByRole('button', { name: /Share/ }).first().click();
  const share = page.getByRole('dialog', { name: 'Share link' });
  await expect(share.getByRole('alert')).toContainText(/too large for a share link: it holds .* cluster objects imported from cluster-300\.yaml/);
  await expect(share.getByRole('button', { name: 'Download YAML' })).toBeVisible();
  await share.getByRole('button', { name: 'Close', exact: true }).click();
});

test('a large import shows progress, and Cancel keeps the design on screen', async ({ page }) => {
  test.setTimeout(90_000);
  // Large enough to be still parsing when Cancel is pressed (3 MB: about a second of the worker's time).
  const file = dumpFile('cluster-1000.yaml', 1000);
  await openFresh(page);
  await page.evaluate((n) => window.__netpol!.setSmallImportLimit(n), SMALL_LIMIT);
  await loadSample(page, 'Home-lab microsegmentation');
  const before = await yamlText(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('Open a file').setInputFiles(file.path);
  await expect(dialog.getByRole('progressbar', { name: /Import: .*cluster-1000\.yaml/ })).toBeVisible();
  const cancel = dialog.getByRole('button', { name: 'Cancel import' });
  await expect(cancel).toBeEnabled();
  await snapshot(page, 'screenshots/import-large-progress.png');
  await cancel.click();
  await expect(page.getByRole('status').filter({ hasText: 'Import of cluster-1000.yaml cancelled. The design on screen is kept.' })).toBeVisible();
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await snapshot(page, 'screenshots/import-large-cancelled.png');
  expect(await yamlText(page)).toBe(before);
});

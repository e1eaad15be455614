// Importing what kubectl prints for a whole cluster: a multi-MB dump through the file chooser,
// progress and Cancel, the summarised editor, the design restored from IndexedDB after a reload.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { expect, loadSample, openFresh, test, waitIdle, yamlText } from './fixtures.ts';

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

test('a 2,000-pod kubectl dump: progress, a summarised editor, restored from IndexedDB after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const file = dumpFile('cluster-2000.yaml', 2000);
  await openFresh(page);
  const dialog = await openImport(page);
  // The limit is stated before anything is chosen.
  await expect(dialog.getByText(/Files up to 100 MB/)).toBeVisible();
  await dialog.getByLabel('Open a file').setInputFiles(file.path);
  await expect(dialog.getByRole('progressbar', { name: /Import: .*cluster-2000\.yaml/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel import' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/import-large-progress.png' });
  await expect(dialog).toHaveCount(0, { timeout: 120_000 });
  await waitIdle(page);
  await expect(page.getByRole('status').filter({ hasText: /Imported cluster-2000\.yaml .*\(2,000 pods\) held apart, 280 policies in the editor/ })).toBeVisible();

  const text = await yamlText(page);
  expect(text.startsWith(HEADER)).toBe(true);
  expect(text).toContain('2,000 Pods');
  // The editor shows the policies only: a fraction of the file.
  expect(text.length).toBeLessThan(400_000);
  expect((text.match(/^kind: NetworkPolicy$/gm) ?? []).length).toBe(file.policies);
  const counts = await page.evaluate(() => window.__netpol!.counts());
  expect(counts.workloads).toBeGreaterThanOrEqual(2000);
  await page.screenshot({ path: 'screenshots/import-large-done.png' });

  // The design is in IndexedDB (too large for localStorage) and comes back after a reload.
  await page.waitForFunction(() => localStorage.getItem('netpol-designer:v1') === null);
  await page.waitForTimeout(1500); // autosave runs 0.4 s after the last change
  await page.reload();
  await waitIdle(page);
  await page.waitForFunction((n) => (window.__netpol?.counts().workloads ?? 0) >= n, 2000, { timeout: 60_000 });
  expect(await yamlText(page)).toBe(text);
  expect((await page.evaluate(() => window.__netpol!.counts())).workloads).toBe(counts.workloads);
  await page.screenshot({ path: 'screenshots/import-large-restored.png' });

  // A design this size is not shared by link: the page says so and offers the download.
  await page.getByRole('button', { name: /Share/ }).first().click();
  const share = page.getByRole('dialog', { name: 'Share link' });
  await expect(share.getByRole('alert')).toContainText(/too large for a share link: it holds .* cluster objects imported from cluster-2000\.yaml/);
  await expect(share.getByRole('button', { name: 'Download YAML' })).toBeVisible();
  await share.getByRole('button', { name: 'Close', exact: true }).click();
});

test('Cancel during a large import keeps the design on screen', async ({ page }) => {
  test.setTimeout(180_000);
  const file = dumpFile('cluster-6000.yaml', 6000);
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  const before = await yamlText(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('Open a file').setInputFiles(file.path);
  const cancel = dialog.getByRole('button', { name: 'Cancel import' });
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(page.getByRole('status').filter({ hasText: 'Import of cluster-6000.yaml cancelled. The design on screen is kept.' })).toBeVisible();
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/import-large-cancelled.png' });
  expect(await yamlText(page)).toBe(before);
});

// Observed traffic: import the JupyterHub Hubble log, see the replay and the observed edges, paste a
// connection the design denies, explain it, fix it with one click (undoable), and draw flows from
// the traffic through a previewed diff.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, loadSample, openFresh, waitIdle } from './fixtures.ts';

const LOG = fileURLToPath(new URL('../src/observed/fixtures/jupyterhub.hubble.jsonl', import.meta.url));

test('traffic: import a Hubble log, replay, explain and fix what would break, draw flows from it', async ({ page }) => {
  // Many steps, each a worker round trip: generous on a loaded machine.
  test.setTimeout(180_000);
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  // The capture reached the API server at 10.96.0.1:443: its endpoint here (fixes and proposals write it).
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settingsForm = page.getByRole('form', { name: 'Cluster settings' });
  await settingsForm.getByLabel('kube-apiserver endpoint address').fill('10.96.0.1');
  await settingsForm.getByLabel('kube-apiserver endpoint port').fill('443');
  await settingsForm.getByRole('button', { name: 'Apply settings' }).click();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.getByLabel('Flow log file').setInputFiles(LOG);
  const summary = page.getByRole('status').filter({ hasText: 'observed connections keep working' });
  await expect(summary).toHaveText(/^16 of 16 observed connections keep working; 3 dropped connections stay blocked; 1 connection not judged/);
  await expect(page.getByRole('list', { name: 'Imported logs' })).toContainText('jupyterhub.hubble.jsonl: hubble, 95 lines, 93 records');
  await expect(page.getByText('1 endpoint(s) not in the design')).toBeVisible();

  // A log dropped on the panel is traffic (not a design to import).
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['shop/web,shop/api,80\njhub/hub,jhub/proxy,8001,TCP,2\n'], 'dropped.csv', { type: 'text/csv' }));
    document.querySelector('.observed-panel')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('list', { name: 'Imported logs' })).toContainText('dropped.csv: csv, 2 lines, 2 records');
  await expect(page.getByText('3 endpoint(s) not in the design')).toBeVisible();
  await expect(summary).toHaveText(/^16 of 16 observed connections keep working; 3 dropped connections stay blocked; 2 connections not judged/);
  // Observed connections are edges of their own on the graph.
  const observedEdge = page.getByRole('group', { name: /^Observed traffic from jhub\/proxy to jhub\/hub: TCP\/8081 · seen 9×, last 12:00$/ });
  await expect(page.getByRole('group', { name: /^Observed traffic from jhub\/hub to jhub\/proxy: TCP\/8001 · seen 11×, last 12:00$/ })).toHaveCount(1);
  await expect(observedEdge).toHaveCount(1);
  await page.screenshot({ path: 'screenshots/traffic-import.png' });

  // The matrix marks the cells the traffic used.
  await page.getByRole('radio', { name: 'Matrix' }).click();
  await expect(page.getByRole('button', { name: /; observed: seen [\d,]+ times, last 2025-11-30 12:00:\d\dZ$/ }).first()).toBeVisible();
  await page.screenshot({ path: 'screenshots/traffic-matrix.png' });
  await page.getByRole('radio', { name: 'Graph' }).click();

  // The verdict filter hides what the log only saw dropped.
  const droppedEdges = page.getByRole('group', { name: /^Observed traffic .*: dropped · / });
  await expect(droppedEdges).not.toHaveCount(0);
  await page.getByRole('checkbox', { name: 'dropped' }).uncheck();
  await expect(droppedEdges).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'dropped' }).check();

  // A pasted connection the design denies: it would break.
  await page.getByLabel('Paste flow lines').fill('jhub/jupyter-alice,jhub/jupyter-bob,8888,TCP,4');
  await page.getByRole('button', { name: 'Import pasted lines' }).click();
  await expect(summary).toHaveText(/^16 of 17 observed connections keep working; 1 would break/);
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await page.screenshot({ path: 'screenshots/traffic-dark.png' });
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  const breaks = page.getByRole('list', { name: 'Connections that would break' });
  await expect(breaks).toContainText('jhub/jupyter-alice → jhub/jupyter-bob TCP/8888');
  await expect(breaks).toContainText('seen 4 times');
  await expect(page.getByRole('group', { name: /^Observed traffic from jhub\/jupyter-alice to jhub\/jupyter-bob: would break · TCP\/8888/ })).toHaveCount(1);
  await page.screenshot({ path: 'screenshots/traffic-would-break.png' });

  // Explain says why, and how often it was seen.
  await page.getByRole('button', { name: 'Explain jhub/jupyter-alice to jhub/jupyter-bob TCP/8888' }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Denied');
  await expect(page.getByRole('note').filter({ hasText: 'Observed:' })).toHaveText('Observed: seen 4 times.');
  await page.screenshot({ path: 'screenshots/traffic-explain.png' });

  // One click draws the flow; the replay re-runs; Undo takes it back.
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.getByRole('button', { name: 'Allow jhub/jupyter-alice to jhub/jupyter-bob TCP/8888 with a drawn flow' }).click();
  await waitIdle(page);
  await expect(summary).toHaveText(/^17 of 17 observed connections keep working/);
  await page.keyboard.press('Control+z');
  await waitIdle(page);
  await expect(summary).toHaveText(/^16 of 17 observed connections keep working; 1 would break/);

  // Draw flows from all the traffic: a diff preview first, then one undoable change.
  // Leave one connection out of the proposal: it is not drawn.
  await page.getByText(/^Choose connections \(\d+ of \d+\)$/).click();
  await page.getByRole('list', { name: 'Connections to draw' }).getByRole('checkbox', { name: 'jhub/jupyter-bob → internet 140.82.112.3 TCP/443' }).uncheck();
  await page.getByRole('checkbox', { name: /^default deny for jhub/ }).check();
  await page.getByRole('button', { name: 'Preview the change' }).click();
  const preview = page.getByLabel('Proposed change');
  await expect(preview).toContainText('NetworkPolicy/jhub/default-deny-egress');
  await expect(preview).not.toContainText('140.82.112.3');
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/traffic-propose.png' });
  await page.getByRole('button', { name: /^Apply \d+ flow\(s\)$/ }).click();
  await waitIdle(page);
  // Everything keeps working: the one left out is still allowed by the chart's singleuser policy
  // (policies add up; a default deny takes nothing away from them).
  await expect(summary).toHaveText(/^17 of 17 observed connections keep working/);
  await page.screenshot({ path: 'screenshots/traffic-applied.png', fullPage: false });
});

test('traffic: a 100 MB Hubble log streams through the worker with a progress bar', async ({ page }, info) => {
  test.setTimeout(240_000);
  // The JupyterHub log repeated to 100 MB (about 70,000 flows).
  const log = readFileSync(LOG, 'utf8');
  const copies = Math.ceil(100e6 / log.length);
  const big = info.outputPath('big.hubble.jsonl');
  mkdirSync(dirname(big), { recursive: true });
  writeFileSync(big, log.repeat(copies));
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.getByLabel('Flow log file').setInputFiles(big);
  const progress = page.getByRole('progressbar', { name: 'Importing big.hubble.jsonl' });
  await expect(progress).toBeVisible();
  await page.screenshot({ path: 'screenshots/traffic-progress.png' });
  const summary = page.getByRole('status').filter({ hasText: 'observed connections keep working' });
  await expect(summary).toHaveText(/^16 of 16 observed connections keep working/, { timeout: 200_000 });
  await expect(progress).toHaveCount(0);
  const lines = (log.match(/\n/g) ?? []).length * copies;
  await expect(page.getByRole('list', { name: 'Imported logs' })).toContainText(`big.hubble.jsonl: hubble, ${lines.toLocaleString('en-US')} lines, ${((lines / 95) * 93).toLocaleString('en-US')} records`);
});

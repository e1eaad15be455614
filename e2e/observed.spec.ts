// Observed traffic: import the JupyterHub Hubble log, see the replay and the observed edges, paste a
// connection the design denies, explain it, fix it with one click (undoable), and draw flows from
// the traffic through a previewed diff.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, loadSample, openFresh, waitIdle, snapshot } from './fixtures.ts';

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
  await snapshot(page, 'screenshots/traffic-import.png');

  // The matrix marks the cells the traffic used.
  await page.getByRole('radio', { name: 'Matrix' }).click();
  await expect(page.getByRole('button', { name: /; observed: seen [\d,]+ times, last 2025-11-30 12:00:\d\dZ$/ }).first()).toBeVisible();
  await snapshot(page, 'screenshots/traffic-matrix.png');
  await page.getByRole('radio', { name: 'Graph' }).click();

  // The verdict filter hides what the log only saw dropped.
  const droppedEdges = page.getByRole('group', { name: /^Observed traffic .*: dropped · / });
  await expect(droppedEdges).not.toHaveCount(0);
  await page.getByRole('checkbox', { name: 'dropped' }).uncheck();
  await expect(droppedEdges).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'dropped' }).check();

  // The time window, to the second: the first five seconds of the capture show fewer connections.
  const shownHint = page.getByText(/^\d+ of \d+ connections, seen /);
  const everything = await shownHint.textContent();
  const window_ = page.getByRole('group', { name: 'Show' });
  const from = await window_.getByLabel('From', { exact: true }).inputValue();
  await window_.getByLabel('To', { exact: true }).fill(`${from.slice(0, 16)}:05`);
  await expect(shownHint).not.toHaveText(everything!);
  const [shown, all] = (await shownHint.textContent())!.match(/\d+/g)!.map(Number);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(all!);
  await window_.getByLabel('To', { exact: true }).fill('');
  await expect(shownHint).toHaveText(everything!);

  // A pasted connection the design denies: it would break.
  await page.getByLabel('Paste flow lines').fill('jhub/jupyter-alice,jhub/jupyter-bob,8888,TCP,4');
  await page.getByRole('button', { name: 'Import pasted lines' }).click();
  await expect(summary).toHaveText(/^16 of 17 observed connections keep working; 1 would break/);
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await snapshot(page, 'screenshots/traffic-dark.png');
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  const breaks = page.getByRole('list', { name: 'Connections that would break' });
  await expect(breaks).toContainText('jhub/jupyter-alice → jhub/jupyter-bob TCP/8888');
  await expect(breaks).toContainText('seen 4 times');
  await expect(page.getByRole('group', { name: /^Observed traffic from jhub\/jupyter-alice to jhub\/jupyter-bob: would break · TCP\/8888/ })).toHaveCount(1);
  await snapshot(page, 'screenshots/traffic-would-break.png');

  // Explain says why, and how often it was seen.
  await page.getByRole('button', { name: 'Explain jhub/jupyter-alice to jhub/jupyter-bob TCP/8888' }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Denied');
  await expect(page.getByRole('note').filter({ hasText: 'Observed:' })).toHaveText('Observed: seen 4 times.');
  await snapshot(page, 'screenshots/traffic-explain.png');

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
  await snapshot(page, 'screenshots/traffic-propose.png');
  await page.getByRole('button', { name: /^Apply \d+ flow\(s\)$/ }).click();
  await waitIdle(page);
  // Everything keeps working: the one left out is still allowed by the chart's singleuser policy
  // (policies add up; a default deny takes nothing away from them).
  await expect(summary).toHaveText(/^17 of 17 observed connections keep working/);
  await snapshot(page, 'screenshots/traffic-applied.png');
  // The proposal is one step: Undo takes it all back (the traffic stays).
  await page.keyboard.press('Control+z');
  await waitIdle(page);
  await expect(summary).toHaveText(/^16 of 17 observed connections keep working; 1 would break/);
  await expect(page.getByRole('list', { name: 'Imported logs' })).toContainText('pasted lines');
});

/** The id of the traffic record autosave wrote to IndexedDB, once it is there. */
async function savedTrafficId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => new Promise<string | undefined>((resolve) => {
    const req = indexedDB.open('netpol-designer');
    req.onsuccess = () => {
      try {
        const get = req.result.transaction('designs', 'readonly').objectStore('designs').get('traffic');
        get.onsuccess = () => resolve((get.result as { id?: string } | undefined)?.id);
        get.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    };
    req.onerror = () => resolve(undefined);
  }));
}

test('traffic: kept with the design (reload), undoable, in the share link, and downloaded folded to import again', async ({ page }, info) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.getByLabel('Flow log file').setInputFiles(LOG);
  const summary = page.getByRole('status').filter({ hasText: 'observed connections keep working' });
  const logs = page.getByRole('list', { name: 'Imported logs' });
  await expect(logs).toContainText('jupyterhub.hubble.jsonl: hubble, 95 lines, 93 records');
  const replayed = await summary.textContent();
  expect(replayed).toMatch(/^\d+ of \d+ observed connections keep working/);

  // Reload: the traffic comes back from IndexedDB, replayed again.
  await expect.poll(() => savedTrafficId(page)).toBeTruthy();
  await page.reload();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(logs).toContainText('jupyterhub.hubble.jsonl: hubble, 95 lines, 93 records');
  await expect(summary).toHaveText(replayed!);

  // Clearing is one undoable step; Undo brings the traffic back.
  await page.getByRole('button', { name: 'Clear traffic' }).click();
  await expect(logs).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect(logs).toContainText('jupyterhub.hubble.jsonl');
  await expect(summary).toHaveText(replayed!);

  // Download the folded traffic: one connection per line, which imports again (counts kept).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download folded traffic' }).click()]);
  expect(download.suggestedFilename()).toBe('observed-traffic.jsonl');
  const folded = info.outputPath('observed-traffic.jsonl');
  await download.saveAs(folded);
  const text = readFileSync(folded, 'utf8');
  expect(text.split('\n')[0]).toContain('"kind":"netpol-designer/observed-traffic"');
  expect(text.length).toBeLessThan(readFileSync(LOG, 'utf8').length);

  // The share link carries the folded traffic: opened afresh, the Traffic tab has it.
  await page.getByRole('button', { name: 'Share link…' }).click();
  // The link is written after the design is compressed ("Preparing…" until then).
  const field = page.getByRole('dialog', { name: 'Share link' }).getByLabel('Share link');
  await expect(field).toHaveValue(/#design=/);
  const link = await field.inputValue();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Clear traffic' }).click();
  await expect(logs).toHaveCount(0);
  await page.goto('about:blank');
  await page.goto(link);
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(logs).toContainText('jupyterhub.hubble.jsonl: hubble, 95 lines, 93 records');
  await expect(summary).toHaveText(replayed!);

  // The folded file imports as a second source: the same connections, every count doubled.
  await page.getByLabel('Flow log file').setInputFiles(folded);
  await expect(logs).toContainText(/observed-traffic\.jsonl: folded, \d+ lines, 93 records/);
  await expect(summary).toHaveText(replayed!);
  await expect(page.getByRole('group', { name: /^Observed traffic from jhub\/proxy to jhub\/hub: TCP\/8081 · seen 18×/ })).toHaveCount(1);
  await page.setViewportSize({ width: 1280, height: 720 });
  await summary.scrollIntoViewIfNeeded();
  await snapshot(page, 'screenshots/traffic-kept.png');
});

test('traffic: a log streams through the worker with a progress bar', async ({ page }, info) => {
  // A few MB is enough to see the progress bar; the 100 MB and 1 million line sizes are measured by
  // bench/flows.bench.ts and scripts/measure-flows.ts, not here.
  const log = readFileSync(LOG, 'utf8');
  const copies = Math.ceil(3e6 / log.length);
  const big = info.outputPath('big.hubble.jsonl');
  mkdirSync(dirname(big), { recursive: true });
  writeFileSync(big, log.repeat(copies));
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await page.getByRole('tab', { name: 'Traffic' }).click();
  // The bar may come and go between two looks: record that it was there.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label^="Importing"]');
      if (bar) seen.push(bar.getAttribute('aria-label') ?? '');
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  await page.getByLabel('Flow log file').setInputFiles(big);
  const summary = page.getByRole('status').filter({ hasText: 'observed connections keep working' });
  await expect(summary).toHaveText(/^16 of 16 observed connections keep working/);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).toContain('Importing big.hubble.jsonl');
  const lines = (log.match(/\n/g) ?? []).length * copies;
  await expect(page.getByRole('list', { name: 'Imported logs' })).toContainText(`big.hubble.jsonl: hubble, ${lines.toLocaleString('en-US')} lines, ${((lines / 95) * 93).toLocaleString('en-US')} records`);
});

// Review tools: baseline diff, report download (re-opened), test-plan download, diagram export.
import { readFileSync } from 'node:fs';
import { test, expect, importYaml, openFresh, waitIdle, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';
import type { Download, Page } from '@playwright/test';

async function download(page: Page, button: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await (file as Download).path();
  return { name: (file as Download).suggestedFilename(), body: readFileSync(path) };
}

test('review: baseline diff after a change, HTML report re-opened, test script, diagram SVG and PNG', async ({ page, browser }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Save current design as baseline' }).click();
  await expect(page.getByText(/^0 connections opened, 0 closed/)).toBeVisible();

  // Default deny egress in shop closes web -> api.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: 'Default deny egress' }).click();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Review' }).click();
  const closed = page.getByRole('list', { name: 'Connections closed' });
  await expect(closed).toContainText('shop/web → shop/api');
  await expect(page.getByRole('list', { name: 'Policies changed' })).toContainText('added NetworkPolicy/shop/default-deny-egress');
  // The same diff on the graph: the lost path is a ghost edge, and the legend says against what.
  const ghost = page.getByRole('group', { name: /^Closed path from shop\/web to shop\/api; closed .* since the baseline$/ });
  await expect(ghost).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('Changes since the baseline');
  await snapshot(page, '/tmp/shots/review.png');
  // The ghost explains itself: what it lost, and why it is denied now.
  await ghost.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Changes since the baseline' })).toContainText('Closed since the baseline: TCP 9000');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('9000');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Denied');
  await snapshot(page, '/tmp/shots/review-ghost.png');
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('checkbox', { name: 'Mark the changes on the graph' }).uncheck();
  await expect(ghost).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Legend' })).not.toContainText('Changes since the baseline');
  await page.getByRole('checkbox', { name: 'Mark the changes on the graph' }).check();
  await expect(ghost).toHaveCount(1);
  // A changed pair explains itself at the port it lost.
  await page.getByRole('list', { name: 'Connections closed' }).getByRole('button', { name: 'shop/web → shop/api: TCP 9000' }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('9000');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Denied');
  await page.getByRole('tab', { name: 'Review' }).click();
  const diffFile = await download(page, 'Download diff (Markdown)');
  expect(diffFile.name).toBe('netpol-diff.md');
  expect(diffFile.body.toString('utf8')).toMatch(/\| shop\/web \| shop\/api \| +\| `TCP 9000` \|/);

  // The report: a self-contained HTML file with the diagram, the findings, the matrix and the diff.
  const report = await download(page, 'Download HTML report');
  expect(report.name).toBe('netpol-review.html');
  const reopened = await browser.newPage();
  await reopened.setContent(report.body.toString('utf8'));
  await expect(reopened.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await expect(reopened.getByRole('heading', { name: 'Changes against the baseline' })).toBeVisible();
  await expect(reopened.getByRole('heading', { name: 'Reachability matrix' })).toBeVisible();
  expect(await reopened.locator('.diagram svg').count()).toBe(1);
  expect(await reopened.locator('script').count()).toBe(0);
  await expect(reopened.locator('body')).toContainText('default-deny-egress');
  await reopened.close();

  // The test plan: PASS/FAIL per probe and a non-zero exit on any surprise.
  const script = await download(page, 'Download test script');
  const text = script.body.toString('utf8');
  expect(text.startsWith('#!')).toBe(true);
  expect(text).toContain('PASS');
  expect(text).toContain('FAIL');
  expect(text).toMatch(/exit 1/);
  const probes = Number((await page.getByText(/^\d+ probes? in the last plan\.$/).textContent())!.match(/^(\d+)/)![1]);
  expect(text.match(/^\s*check \d+ /gm)?.length).toBe(probes);
  await page.getByLabel('Probes').selectOption('denied');
  await download(page, 'Download test script');
  await expect(page.getByText(/^\d+ probes? in the last plan\.$/)).not.toHaveText(`${probes} probes in the last plan.`);

  const svg = await download(page, 'Export diagram (SVG)');
  expect(svg.body.toString('utf8')).toMatch(/^<svg|<\?xml/);
  const png = await download(page, 'Export diagram (PNG)');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('review: a baseline loaded from a file; a broken one is reported and the design is kept', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByLabel('Baseline file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from('kind: [unclosed\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.yaml has 1 error' })).toBeVisible();
  const emptier = SHOP.split('\n---\n').filter((doc) => !doc.includes('kind: NetworkPolicy')).join('\n---\n');
  await page.getByLabel('Baseline file').setInputFiles({ name: 'before.yaml', mimeType: 'text/yaml', buffer: Buffer.from(emptier) });
  await expect(page.getByText('Baseline: before.yaml')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Policies changed' })).toContainText('added NetworkPolicy/shop/');
  expect(await page.evaluate(() => window.__netpol?.counts().workloads)).toBe(3);
});

test('matrix view: namespace level zooms into workloads, CSV export, a cell opens the explanation', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByRole('radio', { name: 'Matrix' }).click();
  const nsCell = page.getByRole('button', { name: /^shop to shop on TCP\/\d+: (allowed|partly allowed|denied) \(\d+ of 4 pairs\)$/ });
  await expect(nsCell.first()).toBeVisible();
  await nsCell.first().click();
  await expect(page.getByLabel('Level')).toHaveValue('workload');
  await expect(page.getByLabel('Only namespace')).toHaveValue('shop');

  await page.getByLabel('Only namespace').selectOption('');
  await page.getByLabel('Ports').fill('9000 5432/TCP');
  await page.getByLabel('Port shown').selectOption({ label: 'TCP/9000' });
  const allowedCell = page.getByRole('button', { name: 'shop/web to shop/api on TCP/9000: allowed' });
  await expect(allowedCell).toBeVisible();
  await expect(page.getByRole('button', { name: 'db/postgres to shop/api on TCP/9000: denied' })).toBeVisible();
  await snapshot(page, '/tmp/shots/matrix.png');

  const csv = await download(page, 'Export CSV');
  const lines = csv.body.toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('from,to,port,protocol,allowed');
  expect(lines).toContain('shop/web,shop/api,9000,TCP,true');
  expect(lines).toContain('db/postgres,shop/api,9000,TCP,false');
  // Three workloads: nine workload pairs; the outside nodes are rows and columns too (after them).
  expect(lines.filter((l) => !l.includes('ip:') && (l.endsWith(',5432,TCP,true') || l.endsWith(',5432,TCP,false')))).toHaveLength(16); // 3 workloads and the assumed DNS pods
  expect(lines.some((l) => l.startsWith('shop/web,ip:'))).toBe(true);

  await allowedCell.click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Allowed');
});

// Download choices (all, policies only, one namespace; the file name says which) and Explain with
// any address or CIDR as the outside end.
import { readFile } from 'node:fs/promises';
import { test, expect, importYaml, openFresh, waitIdle, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';
import { loadDesign } from '../src/model/index.ts';

test('download the policies only, or one namespace: the file says which and holds only that', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('db');
  await page.getByRole('switch', { name: /^Default deny ingress/ }).click();
  await waitIdle(page);

  await page.getByRole('button', { name: 'Download…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download' });
  await expect(dialog.getByRole('radio', { name: /Policies only/ })).toBeChecked();
  await expect(dialog.getByRole('status')).toContainText('netpol-design-policies.yaml: 2 NetworkPolicy');
  let [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download netpol-design-policies.yaml' }).click()]);
  expect(download.suggestedFilename()).toBe('netpol-design-policies.yaml');
  let kinds = loadDesign([{ name: 'p.yaml', text: await readFile(await download.path(), 'utf8') }]).manifests.map((m) => m.object.kind);
  expect(kinds).toEqual(['NetworkPolicy', 'NetworkPolicy']);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded netpol-design-policies.yaml' })).toBeVisible();

  await page.getByRole('button', { name: 'Download…' }).click();
  await dialog.getByRole('radio', { name: /Everything/ }).check();
  await dialog.getByRole('combobox', { name: 'Namespaces' }).selectOption('db');
  await expect(dialog.getByRole('status')).toContainText('netpol-design-db.yaml');
  [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download netpol-design-db.yaml' }).click()]);
  expect(download.suggestedFilename()).toBe('netpol-design-db.yaml');
  const design = loadDesign([{ name: 'db.yaml', text: await readFile(await download.path(), 'utf8') }]);
  kinds = design.manifests.map((m) => m.object.kind);
  expect(kinds.sort()).toEqual(['Deployment', 'Namespace', 'NetworkPolicy']);
  expect(design.manifests.every((m) => m.object.metadata.name === 'db' || m.object.metadata.namespace === 'db')).toBe(true);
  await snapshot(page, 'screenshots/export-1440.png');
});

test('explain any address or CIDR: one verdict for an address, the pieces of a CIDR the design tells apart', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  // "Internet, not private ranges" cuts 10.0.0.0/8 and friends out of 0.0.0.0/0.
  await page.getByRole('switch', { name: /^Default deny egress/ }).click();
  await waitIdle(page);
  await page.getByRole('switch', { name: /^Internet/ }).click();
  await waitIdle(page);

  await page.getByRole('tab', { name: 'Explain' }).click();
  const form = page.getByRole('form', { name: 'Probe a connection' });
  await form.getByLabel('Source', { exact: true }).selectOption('wl:shop/web');
  await form.getByLabel('Destination', { exact: true }).selectOption('addr:');
  const address = form.getByLabel('Destination address or CIDR');
  await address.fill('203.0.113.7');
  await form.getByLabel('Port').fill('443');
  const verdict = page.getByRole('region', { name: 'Verdict', exact: true });
  await expect(verdict).toContainText('Allowed: shop/web → 203.0.113.7 TCP/443');
  await address.fill('10.1.2.3');
  await expect(verdict).toContainText('Denied: shop/web → 10.1.2.3');
  await address.fill('010.1.2.3');
  await expect(page.getByText('leading zeros')).toBeVisible();
  // A CIDR across a private range: partly allowed, piece by piece.
  await address.fill('8.0.0.0/6');
  await expect(verdict).toContainText('Partly allowed: shop/web → 8.0.0.0/6');
  const pieces = verdict.getByRole('list', { name: 'Pieces of 8.0.0.0/6' });
  await expect(pieces).toContainText('from 8.0.0.0: allowed');
  await expect(pieces).toContainText('from 10.0.0.0: denied');
  await expect(pieces).toContainText('from 11.0.0.0: allowed');
  await address.fill('203.0.113.0/24');
  await expect(verdict).toContainText('Allowed: shop/web → 203.0.113.0/24');
  await expect(verdict).toContainText('treats every address of 203.0.113.0/24 alike');
  await snapshot(page, 'screenshots/explain-cidr-1440.png');
});

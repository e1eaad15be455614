// Cluster-scoped policies in the designer: the admin switches and the verdict chain in the explanation.
import { test, expect, loadSample, openFresh, waitIdle, yamlText } from './fixtures.ts';

test('multi-tenant sample: the explanation shows the admin chain; switching "Isolate tenants" off changes it', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Multi-tenant cluster with admin policies');
  expect(await yamlText(page)).toContain('kind: AdminNetworkPolicy');

  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('wl:tenant-a/api');
  await page.getByLabel('Destination').selectOption('wl:tenant-b/shop');
  await page.getByLabel('Port', { exact: true }).fill('8080');
  const ingress = page.getByRole('list', { name: 'Ingress decision chain' });
  await expect(ingress).toContainText('Admin');
  await expect(ingress).toContainText('Deny by AdminNetworkPolicy/isolate-tenant-b');
  await expect(ingress).toContainText('admin switch “Isolate tenants”');
  await expect(ingress.getByRole('listitem').last()).toContainText('denied (decided by the Admin tier)');
  await page.screenshot({ path: '/tmp/shots/admin-explain.png' });

  // The switch is on in the Rules panel; turning it off removes the tenant isolation policies.
  await page.getByRole('tab', { name: 'Rules' }).click();
  const isolate = page.getByRole('switch', { name: /^Isolate tenants/ });
  await expect(isolate).toHaveAttribute('aria-checked', 'true');
  await expect(isolate).toHaveAccessibleDescription(/Denies ingress into each tenant/);
  await page.screenshot({ path: '/tmp/shots/admin-rules.png' });
  await isolate.click();
  await waitIdle(page);
  await expect(isolate).toHaveAttribute('aria-checked', 'false');
  expect(await yamlText(page)).not.toContain('isolate-tenant-b');

  await page.getByRole('tab', { name: 'Explain' }).click();
  await expect(ingress).not.toContainText('isolate-tenant-b');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText('[Baseline]');

  // Back on, as ClusterNetworkPolicy this time.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('API for new admin rules').selectOption('cnp');
  await isolate.click();
  await waitIdle(page);
  expect(await yamlText(page)).toMatch(/kind: ClusterNetworkPolicy[\s\S]*isolate-tenant/);
});

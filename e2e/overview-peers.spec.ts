// The overview grouped by what namespaces talk to: tenants alike in their peers are one node, its
// edges count the paths they stand for, and the group opens as the focus view, by keyboard.
import { test, expect, node, openFresh, waitIdle, snapshot } from './fixtures.ts';
import { tenantDesignYaml } from '../bench/tenantDesign.ts';

// 12 app namespaces (72 workloads): small and quick; the view is chosen, not the large-design default.
const TENANTS = tenantDesignYaml({ namespaces: 12, teams: 2 });

test('namespaces grouped by what they talk to, with counted edges, open as focus by keyboard', async ({ page }) => {
  test.setTimeout(60_000);
  await openFresh(page);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import manifests' });
  await dialog.getByLabel('Open a file').setInputFiles({ name: 'tenants.yaml', mimeType: 'application/yaml', buffer: Buffer.from(TENANTS) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported tenants.yaml' })).toBeVisible({ timeout: 30_000 });
  await waitIdle(page);
  const show = page.getByLabel('Show', { exact: true });
  await show.focus();
  await show.selectOption('Overview by what they talk to');
  const group = node(page, 'ns:same peers=app-000 +11');
  await expect(group).toBeVisible();
  // The twelve tenants are one box; the ingress controller, Prometheus and kube-system stay apart.
  await expect(page.locator('.react-flow__node-namespace')).toHaveCount(4);
  await expect(group).toContainText('same peers · 12 namespaces');
  const edge = page.getByRole('group', { name: /^Path from namespace ingress-nginx to namespaces with the same peers \(app-000 \+11\): .* · \d+ paths/ });
  await expect(edge).toHaveCount(1);
  await snapshot(page, 'screenshots/overview-peers.png');

  // The group's + button (a keyboard control) focuses on its namespaces and their neighbours.
  const open = page.getByRole('button', { name: 'Focus on the namespaces with same peers=app-000 +11' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.graph-focus')).toContainText('namespaces with the same peers (app-000 +11)');
  await expect(node(page, 'ns:app-011')).toBeVisible();
  // The group it was opened from is no longer drawn: its selection dims nothing.
  await expect.poll(() => node(page, 'ns:app-011').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  // A dozen namespaces of six workloads each are drawn as boxes, readable at the fitted zoom.
  await expect(page.locator('.react-flow__node-namespace')).toHaveCount(12);
  await snapshot(page, 'screenshots/overview-peers-focus.png');
});

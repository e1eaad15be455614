// Cluster-scoped policies in the designer: the admin switches, their marks on the graph, the
// verdict chain in the explanation, and drawn flows made into admin rules.
import { test, expect, loadSample, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';
import type { Page } from '@playwright/test';

const SAMPLE = 'Multi-tenant cluster with admin policies';

async function probe(page: Page, from: string, to: string, port: string): Promise<void> {
  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption(from);
  await page.getByLabel('Destination').selectOption(to);
  await page.getByLabel('Port', { exact: true }).fill(port);
}

test('multi-tenant sample: admin policies on the graph, the verdict chain, and an admin switch toggled with undo', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, SAMPLE);
  expect(await yamlText(page)).toContain('kind: AdminNetworkPolicy');

  // The graph: admin chips on namespaces, the cluster-wide ones in the legend, admin edges and denies.
  await expect(page.locator('.react-flow__node[data-id="ns:tenant-b"]')).toHaveAttribute('aria-label', /admin policies: isolate-tenant-b \(Deny in, priority 30\)/);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('On every pod:');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('allow-cluster-dns-egress');
  await expect(page.getByRole('group', { name: /^Path from monitoring\/prometheus to tenant-b\/shop: TCP 9100 \(allowed by an admin rule\)/ })).toHaveCount(1);
  const tenantDeny = page.getByRole('group', { name: /^Admin deny from namespace tenant-a to namespace tenant-b: denied by isolate-tenant-b/ });
  await expect(tenantDeny).toHaveCount(1);
  await expect(page.locator('.react-flow__node[data-id="wl:tenant-b/shop"]')).toHaveAttribute('aria-label', /ingress decided by the baseline/);
  await snapshot(page, '/tmp/shots/admin-graph.png');

  // The deny edge explains itself: the rule, the switch, and a probe the rule decides.
  await tenantDeny.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Selected path' })).toContainText('Denied at the admin tier by');
  await expect(page.getByRole('region', { name: 'Selected path' })).toContainText('AdminNetworkPolicy/isolate-tenant-b');
  const ingress = page.getByRole('list', { name: 'Ingress decision chain' });
  await expect(ingress).toContainText('Deny by AdminNetworkPolicy/isolate-tenant-b');

  // A cross-tenant probe: the chain, step by step, naming the switch.
  await probe(page, 'wl:tenant-a/api', 'wl:tenant-b/shop', '8080');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText('[Admin] Deny by AdminNetworkPolicy/isolate-tenant-b (priority 30)');
  await expect(ingress.getByRole('listitem').first()).toContainText('Admin');
  await expect(ingress).toContainText('priority 30');
  await expect(ingress).toContainText('admin switch “Isolate tenants”');
  await expect(ingress.getByRole('listitem').last()).toContainText('denied (decided by the Admin tier)');
  await snapshot(page, '/tmp/shots/admin-explain.png');

  // Pass hands same-namespace traffic to tenant a's NetworkPolicies: allowed web -> api, denied api -> web.
  await probe(page, 'wl:tenant-a/web', 'wl:tenant-a/api', '9090');
  const verdict = page.getByRole('region', { name: 'Verdict', exact: true });
  await expect(verdict).toContainText('Allowed');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText(/\[Admin\] Pass by AdminNetworkPolicy\/pass-same-namespace-tenant-a .* -> \[NetworkPolicy\] .* allows -> allowed/);
  await probe(page, 'wl:tenant-a/api', 'wl:tenant-a/web', '8080');
  await expect(verdict).toContainText('Denied');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText('[Admin] Pass by AdminNetworkPolicy/pass-same-namespace-tenant-a');
  await expect(page.getByRole('list', { name: 'Ingress decision chain' }).getByRole('listitem').last()).toContainText('denied (decided by the NetworkPolicy tier)');

  // The switch is on in the Rules panel, with its tier and priority; off removes the tenant policies.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByRole('heading', { name: 'Cluster-wide rules (admin)' })).toBeVisible();
  const isolate = page.getByRole('switch', { name: 'Isolate tenants' });
  await expect(isolate).toHaveAttribute('aria-checked', 'true');
  await expect(isolate).toHaveAccessibleDescription(/Denies ingress into each tenant.*Admin tier, priority 30/);
  await isolate.scrollIntoViewIfNeeded();
  await snapshot(page, '/tmp/shots/admin-rules.png');
  await isolate.click();
  await waitIdle(page);
  await expect(isolate).toHaveAttribute('aria-checked', 'false');
  expect(await yamlText(page)).not.toContain('isolate-tenant-b');
  await expect(tenantDeny).toHaveCount(0);

  // The same probe is now decided by the baseline (tenant b has no NetworkPolicies).
  await probe(page, 'wl:tenant-a/api', 'wl:tenant-b/shop', '8080');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).not.toContainText('isolate-tenant-b');
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText('[Baseline] Deny by BaselineAdminNetworkPolicy/default');

  // Undo brings the switch back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitIdle(page);
  expect(await yamlText(page)).toContain('isolate-tenant-b');
  await expect(tenantDeny).toHaveCount(1);

  // As ClusterNetworkPolicy: the switched-on rules can be rewritten in the other API.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('API for new admin rules').selectOption('cnp');
  await page.getByRole('button', { name: /^Rewrite 5 switched-on rules as ClusterNetworkPolicy$/ }).click();
  await waitIdle(page);
  const yaml = await yamlText(page);
  expect(yaml).toMatch(/kind: ClusterNetworkPolicy[\s\S]*name: isolate-tenant-b/);
  expect(yaml).toContain('tier: Baseline');
  expect(yaml).not.toContain('kind: BaselineAdminNetworkPolicy');
});

test('a switch that cannot be set says why instead of failing', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await page.getByRole('tab', { name: 'Rules' }).click();
  const isolate = page.getByRole('switch', { name: 'Isolate tenants' });
  await isolate.click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be set' })).toContainText('“Isolate tenants” could not be set: no Namespace has the label "tenant"');
  await expect(isolate).toHaveAttribute('aria-checked', 'false');
});

test('a flow made into an admin rule: action, priority with validation, edit, delete', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, SAMPLE);
  await page.getByRole('tab', { name: 'Flows' }).click();
  await expect(page.getByRole('list', { name: 'Admin flows' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'New admin flow…' }).click();

  const dialog = page.getByRole('dialog', { name: 'New flow' });
  await dialog.getByLabel('From', { exact: true }).selectOption('wl:monitoring/prometheus');
  await dialog.getByLabel('To', { exact: true }).selectOption('wl:tenant-b/db');
  await dialog.getByLabel('Ports').fill('TCP 5432');
  await expect(dialog.getByRole('radio', { name: /^Admin rule/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Allow' })).toBeChecked();
  await expect(dialog.getByLabel('Priority')).toHaveValue('100');
  // Where it lands among the admin tier's policies.
  await expect(dialog.getByRole('list', { name: 'Admin tier order' })).toContainText('100 Allow · this flow');
  await dialog.getByLabel('Priority').fill('30');
  await expect(dialog.getByRole('alert')).toContainText('Priority 30 is used by AdminNetworkPolicy isolate-tenant-a');
  await expect(dialog.getByRole('button', { name: 'Create flow' })).toBeDisabled();
  await dialog.getByLabel('Priority').fill('1001');
  await expect(dialog.getByRole('alert')).toContainText('from 0 to 1000');
  await dialog.getByLabel('Priority').fill('70');
  await expect(dialog).toContainText('Writes AdminNetworkPolicy flow-prometheus-to-db.');
  await snapshot(page, '/tmp/shots/admin-flow-dialog.png');
  await dialog.getByRole('button', { name: 'Create flow' }).click();
  await waitIdle(page);

  const yaml = await yamlText(page);
  expect(yaml).toMatch(/kind: AdminNetworkPolicy\nmetadata:\n  name: flow-prometheus-to-db[\s\S]*?priority: 70[\s\S]*?action: Allow/);
  expect(await page.evaluate(() => window.__netpol?.text() ?? '')).toContain('flow-prometheus-to-db');
  const list = page.getByRole('list', { name: 'Admin flows' });
  const item = list.getByRole('listitem').filter({ hasText: 'monitoring/prometheus → tenant-b/db' });
  await expect(item).toContainText('Allow · 70');
  await expect(item).toContainText('allowed');
  await expect(page.getByRole('group', { name: /^Path from monitoring\/prometheus to tenant-b\/db: .*\(allowed by an admin rule\)/ })).toHaveCount(1);

  // Explained through the flow list: the admin Allow decides the destination's ingress.
  await list.getByRole('button', { name: 'Explain admin flow monitoring/prometheus → tenant-b/db' }).click();
  await expect(page.getByRole('region', { name: 'Ingress verdict' })).toContainText('[Admin] Allow by AdminNetworkPolicy/flow-prometheus-to-db (priority 70)');
  await expect(page.getByRole('list', { name: 'Ingress decision chain' })).toContainText('admin flow “prometheus-to-db”');

  // Edit: Deny as ClusterNetworkPolicy. The flow holds when the traffic is denied.
  await page.getByRole('tab', { name: 'Flows' }).click();
  await list.getByRole('button', { name: 'Edit admin flow monitoring/prometheus → tenant-b/db' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit flow' });
  await expect(edit.getByLabel('Priority')).toHaveValue('70');
  await edit.getByRole('radio', { name: 'Deny' }).check();
  await edit.getByLabel('API').selectOption('cnp');
  await expect(edit).toContainText('Writes ClusterNetworkPolicy flow-prometheus-to-db.');
  await edit.getByRole('button', { name: 'Save flow' }).click();
  await waitIdle(page);
  expect(await yamlText(page)).toMatch(/kind: ClusterNetworkPolicy\nmetadata:\n  name: flow-prometheus-to-db[\s\S]*?action: Deny/);
  await expect(item).toContainText('Deny · 70');
  await expect(item).toContainText('denied');
  await snapshot(page, '/tmp/shots/admin-flows.png');

  await list.getByRole('button', { name: 'Delete admin flow monitoring/prometheus → tenant-b/db' }).click();
  await waitIdle(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect(await yamlText(page)).not.toContain('flow-prometheus-to-db');
});

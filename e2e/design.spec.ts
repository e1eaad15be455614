// The designer's main workflows: samples, switches, drawing flows, explanations.
import { test, expect, importYaml, loadSample, node, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

const path = (page: import('@playwright/test').Page, from: string, to: string) =>
  page.getByRole('group', { name: new RegExp(`^Path from ${from} to ${to}:`) });

test('load each sample: its story is shown, the graph and the YAML fill in', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'Samples…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Samples' });
  await expect(dialog.getByRole('heading', { name: 'JupyterHub on Kubernetes' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close dialog' }).click();
  for (const title of ['JupyterHub on Kubernetes', 'Home-lab microsegmentation', 'Audited cache: Ignite cannot find its peers', 'Multi-tenant cluster with admin policies']) {
    await loadSample(page, title);
    await expect(page.getByRole('status').filter({ hasText: `Loaded the sample “${title}”` })).toBeVisible();
    expect(await page.locator('.react-flow__node-namespaceGroup, .react-flow__node-namespace').count()).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__node-workload').count()).toBeGreaterThan(0);
    expect(await yamlText(page)).toContain('kind: NetworkPolicy');
  }
  await snapshot(page, '/tmp/shots/e2e-sample.png');
});

test('toggle default deny and see the edges disappear; undo and redo bring them back', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await expect(path(page, 'shop/web', 'shop/api')).toHaveCount(1);
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /egress open/);

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  const deny = page.getByRole('switch', { name: 'Default deny egress' });
  await expect(deny).toHaveAttribute('aria-checked', 'false');
  await expect(deny).toHaveAccessibleDescription(/Isolates the pods for egress/);
  await deny.click();
  await expect(deny).toHaveAttribute('aria-checked', 'true');
  await waitIdle(page);
  await expect(path(page, 'shop/web', 'shop/api')).toHaveCount(0);
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /egress isolated/);
  expect(await yamlText(page)).toContain('netpol-designer.io/rule: defaultDenyEgress');

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await waitIdle(page);
  await expect(path(page, 'shop/web', 'shop/api')).toHaveCount(1);
  await expect(deny).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Control+Shift+z');
  await waitIdle(page);
  await expect(path(page, 'shop/web', 'shop/api')).toHaveCount(0);
  await expect(deny).toHaveAttribute('aria-checked', 'true');
});

test('an additive switch says it cannot be narrowed', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await expect(page.getByRole('switch', { name: 'Internet' })).toHaveAccessibleDescription(/additive/i);
});

test('draw a flow from a workload to another: it is allowed, listed and in the YAML', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  const source = node(page, 'wl:shop/web').locator('.react-flow__handle.source');
  const target = node(page, 'wl:db/postgres').locator('.react-flow__handle.target');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();

  const dialog = page.getByRole('dialog', { name: 'New flow' });
  await expect(dialog.getByLabel('From', { exact: true })).toHaveValue('wl:shop/web');
  await expect(dialog.getByLabel('To', { exact: true })).toHaveValue('wl:db/postgres');
  await dialog.getByLabel('Ports').fill('TCP 5432-5433, pg');
  await expect(dialog.getByRole('button', { name: 'Create flow' })).toBeEnabled();
  await dialog.getByLabel('Ports').fill('TCP 99999');
  await expect(dialog.getByRole('alert')).toContainText('not a port');
  await dialog.getByLabel('Ports').fill('TCP 5432');
  await dialog.getByRole('button', { name: 'Create flow' }).click();
  await waitIdle(page);

  await expect(path(page, 'shop/web', 'db/postgres')).toHaveAttribute('aria-label', /TCP 5432.*drawn flow, allowed/);
  const text = await yamlText(page);
  expect(text).toContain('netpol-designer.io/flow');
  expect(text).toMatch(/port: 5432/);
  expect(text).toMatch(/namespace: db[\s\S]*policyTypes:\n\s*- Ingress[\s\S]*kubernetes.io\/metadata.name: shop/);

  await page.getByRole('tab', { name: 'Flows' }).click();
  const list = page.getByRole('list', { name: 'Drawn flows' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('allowed');
  await list.getByRole('button', { name: 'Edit flow shop/web → db/postgres' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit flow' });
  await edit.getByLabel('Ports').fill('TCP 5432, 6432');
  await edit.getByRole('button', { name: 'Save flow' }).click();
  await waitIdle(page);
  expect(await yamlText(page)).toMatch(/port: 6432/);
  await list.getByRole('button', { name: 'Delete flow shop/web → db/postgres' }).click();
  await waitIdle(page);
  await expect(list).toHaveCount(0);
  expect(await yamlText(page)).not.toContain('netpol-designer.io/flow');
  await snapshot(page, '/tmp/shots/e2e-flow.png');
});

test('a flow can be added with the keyboard-friendly form; a blocked flow shows as blocked', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  // Ingress to api is limited to web on 9000: a flow from postgres to api on 9000 needs its own rules.
  await page.getByRole('tab', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New flow…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New flow' });
  await dialog.getByLabel('From', { exact: true }).selectOption('ext:internet');
  await dialog.getByLabel('To', { exact: true }).selectOption('ns:shop');
  await dialog.getByLabel('Ports').fill('TCP 443');
  await dialog.getByRole('button', { name: 'Create flow' }).click();
  await waitIdle(page);
  await expect(page.getByRole('list', { name: 'Drawn flows' })).toContainText('Internet → namespace shop');
  expect(await yamlText(page)).toContain('0.0.0.0/0');
});

test('click an edge to see the verdict and reasons; a one-click fix opens a denied path', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  // Keyboard: focus the edge and press Enter to select it.
  await path(page, 'shop/web', 'shop/api').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  const verdict = page.getByRole('region', { name: 'Verdict', exact: true });
  await expect(verdict).toContainText('Allowed');
  await expect(verdict.getByRole('region', { name: 'Ingress verdict' })).toContainText('shop/api-from-web spec.ingress[0]');
  await expect(page.getByText(/^Explained at TCP\/\d+, one connection of this path/)).toBeVisible();

  await page.getByLabel('Port', { exact: true }).fill('80');
  await expect(page.getByText(/^Explained at TCP\/\d+, one connection of this path/)).toHaveCount(0);
  await expect(verdict).toContainText('Denied');
  await expect(verdict.getByRole('region', { name: 'Ingress verdict' })).toContainText('peer matches, port does not');

  // Isolate web's egress, then ask about the internet: a fix is offered and works.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: 'Default deny egress' }).click();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('wl:shop/web');
  await page.getByLabel('Destination').selectOption('ext:internet');
  await page.getByLabel('Port', { exact: true }).fill('443');
  await expect(verdict).toContainText('Denied');
  await expect(verdict.getByRole('region', { name: 'Egress verdict' })).toContainText('isolated');
  const fix = verdict.locator('.fix button').first();
  await expect(fix).toBeVisible();
  await fix.click();
  await waitIdle(page);
  await expect(verdict).toContainText('Allowed');
  await snapshot(page, '/tmp/shots/e2e-explain.png');
});

test('namespaces aggregate and expand on demand', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await expect(node(page, 'wl:shop/web')).toHaveCount(1);
  await page.getByRole('button', { name: 'Collapse namespace shop' }).click();
  await expect(node(page, 'wl:shop/web')).toHaveCount(0);
  await expect(node(page, 'ns:shop')).toHaveAttribute('aria-label', /Namespace shop: 2 workloads/);
  await page.getByRole('button', { name: 'Expand namespace shop' }).click();
  await expect(node(page, 'wl:shop/web')).toHaveCount(1);
});

test('a flow to the API server or DNS without ports lists the ports its policies use, not "all ports"', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await page.getByRole('tab', { name: 'Flows' }).click();
  const toApi = page.getByRole('listitem').filter({ hasText: /→ kube-apiserver/ }).first();
  await expect(toApi).toContainText('TCP 6443');
  await expect(toApi).not.toContainText('all ports');
  const toDns = page.getByRole('listitem').filter({ hasText: /→ Cluster DNS/ }).first();
  await expect(toDns).toContainText(/53/);
  await expect(toDns).not.toContainText('all ports');
  await toApi.getByRole('button', { name: /^Edit flow/ }).click();
  await expect(page.getByRole('dialog').getByText("Empty: TCP 6443, the API server's port (Settings).")).toBeVisible();
});

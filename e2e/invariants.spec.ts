// Invariants in the page: pin one from a selected path, break it with a switch, see it flagged on
// the graph and in the Findings tab (with the path and Explain), undo; and "must never reach".
import { test, expect, guardContext, importYaml, openFresh, waitIdle, type Guard, snapshot } from './fixtures.ts';
import type { Page } from '@playwright/test';

// One namespace of an app: web may reach api on 8080 (api is isolated for ingress); no kube-system.
const APP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 8080}]
`;

// Each test walks a whole story (import, pin, switch, undo, reload or share): more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

const webToApi = (page: Page) => page.getByRole('group', { name: /^Path from shop\/web to shop\/api:/ });

async function selectPath(page: Page): Promise<void> {
  await webToApi(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
}

test('pin "must stay open" from the graph, break it with a switch, see it flagged, undo', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, APP);
  await expect(webToApi(page)).toHaveCount(1);

  await selectPath(page);
  const pin = page.getByRole('group', { name: 'Pin this path as an invariant' });
  await pin.getByRole('button', { name: 'shop/web must always reach shop/api' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pinned the invariant always-shop-web-to-shop-api' })).toBeVisible();

  await page.getByRole('tab', { name: 'Findings' }).click();
  const section = page.getByRole('region', { name: 'Invariants' });
  await expect(section.locator('.invariants-status')).toHaveText('All 1 invariant hold.');
  const item = section.getByRole('listitem').filter({ hasText: 'always-shop-web-to-shop-api' });
  await expect(item).toContainText('Holds');

  // A default deny of egress for shop: web may no longer connect to api.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: 'Default deny egress' }).click();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(section.locator('.invariants-status')).toHaveText('1 of 1 invariant violated.');
  await expect(item).toContainText('Violated (1)');
  const violations = item.getByRole('list', { name: 'Violations of always-shop-web-to-shop-api' });
  await expect(violations).toContainText('shop/web → shop/api');
  await expect(violations).toContainText('isolated for egress');
  // On the graph: the path has no edge now, so both ends are marked.
  await expect(page.locator('.react-flow__node[data-id="wl:shop/web"]')).toHaveClass(/node-invariant-violated/);
  await expect(page.locator('.react-flow__node[data-id="wl:shop/api"]')).toHaveAttribute('aria-label', /breaks invariant always-shop-web-to-shop-api/);
  await snapshot(page, 'screenshots/invariants-violated.png');

  // Explain opens the probe of the violation, with the decision chain.
  await violations.getByRole('button', { name: 'Explain shop/web to shop/api' }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Denied');
  await expect(page.getByRole('region', { name: 'Egress verdict' })).toContainText('denied');
  await snapshot(page, 'screenshots/invariants-explain.png');

  // Undo the switch: the invariant holds again, the marks are gone.
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(section.locator('.invariants-status')).toHaveText('All 1 invariant hold.');
  await expect(page.locator('.node-invariant-violated')).toHaveCount(0);

  // The invariants travel with the design: autosave brings them back after a reload.
  await page.reload();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByRole('region', { name: 'Invariants' }).getByRole('listitem').filter({ hasText: 'always-shop-web-to-shop-api' })).toContainText('Holds');
});

test('"must never reach" on an open path is flagged on the edge at once, travels in a share link, and is edited as YAML', async ({ page, browser }) => {
  await openFresh(page);
  await importYaml(page, APP);
  await selectPath(page);
  await page.getByRole('group', { name: 'Pin this path as an invariant' }).getByRole('button', { name: 'shop/web must never reach shop/api' }).click();
  await expect(webToApi(page)).toHaveAttribute('aria-label', /breaks invariant never-shop-web-to-shop-api/);
  await expect(page.locator('.react-flow__edge.edge-invariant-violated')).toHaveCount(1);
  await snapshot(page, 'screenshots/invariants-never-edge.png');

  // A share link carries the invariants: a fresh browser shows the same violation.
  await page.getByRole('button', { name: 'Share link…' }).click();
  // The link is written after the design is compressed ("Preparing…" until then).
  const field = page.getByRole('dialog', { name: 'Share link' }).getByLabel('Share link');
  await expect(field).toHaveValue(/#design=/);
  const url = await field.inputValue();
  await page.keyboard.press('Escape');
  const context = await browser.newContext();
  const guard: Guard = { external: [], errors: [] };
  await guardContext(context, guard);
  try {
    const fresh = await context.newPage();
    await fresh.goto(url);
    await waitIdle(fresh);
    await expect(fresh.locator('.react-flow__edge.edge-invariant-violated')).toHaveCount(1);
    await fresh.getByRole('tab', { name: 'Findings' }).click();
    await expect(fresh.getByRole('region', { name: 'Invariants' }).locator('.invariants-status')).toHaveText('1 of 1 invariant violated.');
  } finally {
    await context.close();
  }
  expect(guard.errors).toEqual([]);

  await page.getByRole('tab', { name: 'Findings' }).click();
  const section = page.getByRole('region', { name: 'Invariants' });
  await expect(section.locator('.invariants-status')).toHaveText('1 of 1 invariant violated.');
  await expect(section).toContainText('via shop/api-from-web');

  // Edited as YAML: the file is the one `check --invariants` reads; a broken edit says where.
  await section.getByText('Edit as YAML').click();
  const file = section.getByLabel('Invariants file (netpol-invariants.yaml)');
  await expect(file).toHaveValue(/kind: Invariants[\s\S]*never:\n\s+from: shop\/web\n\s+to: shop\/api/);
  await file.fill('apiVersion: netpol-designer.io/v1\nkind: Invariants\nmetadata: {name: x}\nspec:\n  invariants:\n  - never: {to: outside:moon}\n');
  await section.getByRole('button', { name: 'Apply invariants' }).click();
  await expect(section.getByRole('alert')).toContainText('line 6:');
  await file.fill('apiVersion: netpol-designer.io/v1\nkind: Invariants\nmetadata: {name: x}\nspec:\n  invariants:\n  - name: no-metadata\n    never: {to: outside:metadata}\n');
  await section.getByRole('button', { name: 'Apply invariants' }).click();
  await expect(section.locator('.invariants-status')).toHaveText('1 of 1 invariant violated.');
  await expect(section.getByRole('listitem').filter({ hasText: 'no-metadata' })).toContainText('ip:169.254.169.254');
  await section.getByRole('button', { name: 'Remove invariant no-metadata' }).click();
  await expect(section.locator('.invariants-status')).toContainText('No invariants yet');
});

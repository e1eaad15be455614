// Designing from a blank canvas: namespaces, workloads and Services created on the graph become
// ordinary YAML, undoable, and the flows and switches work on them; by mouse and by keyboard alone.
import type { Locator, Page } from '@playwright/test';
import { test, expect, editorReady, node, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';

const path = (page: Page, from: string, to: string) => page.getByRole('group', { name: new RegExp(`^Path from ${from} to ${to}:`) });

/** Tabs (or Shift+Tabs) until `target` has focus, a bounded number of times. */
async function tabTo(page: Page, target: Locator, max = 60, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`not reachable with ${key}`);
}

/** Changes a focused native select with the arrow keys only, until it holds `value`. */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  await expect(select).toBeFocused();
  for (let i = 0; i < 40 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 40 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowUp');
  await expect(select).toHaveValue(value);
}

test('keyboard only: a blank canvas to a least-privilege design for two namespaces', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  const press = (key: string) => page.keyboard.press(key);
  const type = (text: string) => page.keyboard.type(text);
  const started = Date.now();

  // The empty page offers the blank canvas.
  await page.keyboard.press('Tab');
  await tabTo(page, page.getByRole('button', { name: 'Start from a blank canvas: add a namespace' }));
  await press('Enter');
  let dialog = page.getByRole('dialog', { name: 'Add a namespace' });
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  // A bad name is refused with a message that says what a name may be.
  await type('Front_End');
  await press('Enter');
  await expect(dialog.getByRole('alert').first()).toContainText('not valid: use lowercase letters');
  await page.keyboard.press('Control+a');
  await type('front');
  await press('Enter');
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);
  await expect(node(page, 'ns:front')).toHaveCount(1);

  // The Create toolbar: another namespace, then a workload in each.
  const toolbar = page.getByRole('toolbar', { name: 'Create' });
  await tabTo(page, toolbar.getByRole('button', { name: '+ Namespace' }), 80);
  await press('Enter');
  await type('back');
  await press('Enter');
  await waitIdle(page);
  await expect(node(page, 'ns:back')).toHaveCount(1);

  await tabTo(page, toolbar.getByRole('button', { name: '+ Workload' }), 80);
  await press('Enter');
  dialog = page.getByRole('dialog', { name: 'Add a workload' });
  await expect(dialog.getByLabel('Namespace')).toHaveValue('back');
  await type('api');
  await press('Tab');
  await expect(dialog.getByLabel('Labels')).toHaveValue('app=api');
  await press('Tab');
  await type('grpc=9000, metrics=9100');
  await press('Enter');
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);

  await tabTo(page, toolbar.getByRole('button', { name: '+ Workload' }), 80);
  await press('Enter');
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await press('Shift+Tab');
  await press('Shift+Tab');
  await arrowTo(page, dialog.getByLabel('Namespace'), 'front');
  await press('Tab');
  await press('Tab');
  await type('web');
  await press('Tab');
  await press('Tab');
  await type('http=8080');
  await press('Enter');
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);
  await expect(node(page, 'wl:front/web')).toHaveCount(1);
  await expect(node(page, 'wl:back/api')).toHaveCount(1);

  // The flow web -> api on grpc, from the Flows tab.
  await tabTo(page, page.getByRole('tab', { name: /^(Rules|Flows)$/ }).first(), 120, 'Shift+Tab');
  const flowsTab = page.getByRole('tab', { name: 'Flows' });
  for (let i = 0; i < 6 && !(await flowsTab.evaluate((el) => el === document.activeElement)); i++) await press('ArrowRight');
  await press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'New flow…' }));
  await press('Enter');
  dialog = page.getByRole('dialog', { name: 'New flow' });
  await tabTo(page, dialog.getByLabel('From', { exact: true }), 5);
  await arrowTo(page, dialog.getByLabel('From', { exact: true }), 'wl:front/web');
  await press('Tab');
  await arrowTo(page, dialog.getByLabel('To', { exact: true }), 'wl:back/api');
  await press('Tab');
  await page.keyboard.press('Control+a');
  await type('TCP 9000');
  await press('Enter');
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);

  // Default deny: ingress for back, egress for front (the flow's policies open what is drawn).
  await tabTo(page, page.getByRole('tab', { name: 'Flows' }), 40, 'Shift+Tab');
  await press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Rules' })).toBeFocused();
  await press('Enter');
  const ns = page.getByLabel('Namespace', { exact: true });
  await tabTo(page, ns);
  await arrowTo(page, ns, 'back');
  await tabTo(page, page.getByRole('switch', { name: /^Default deny ingress/ }));
  await press('Space');
  await waitIdle(page);
  await tabTo(page, ns, 40, 'Shift+Tab');
  await arrowTo(page, ns, 'front');
  await tabTo(page, page.getByRole('switch', { name: /^Default deny egress/ }));
  await press('Space');
  await waitIdle(page);
  const seconds = (Date.now() - started) / 1000;

  // The result: the drawn flow holds, nothing else reaches api, web reaches nothing else.
  await expect(path(page, 'front/web', 'back/api')).toHaveCount(1);
  await expect(path(page, 'front/web', 'back/api')).toHaveAttribute('aria-label', /drawn flow, allowed/);
  const text = await yamlText(page);
  for (const piece of ['kind: Namespace', 'name: front', 'name: back', 'kind: Deployment', 'containerPort: 9000', 'name: grpc', 'defaultDenyIngress', 'defaultDenyEgress', 'flow-web-to-api-egress']) {
    expect(text).toContain(piece);
  }
  await expect(node(page, 'wl:back/api')).toHaveAttribute('aria-label', /ingress isolated/);
  await expect(node(page, 'wl:front/web')).toHaveAttribute('aria-label', /egress isolated/);
  console.log(`keyboard-only blank-to-design took ${seconds.toFixed(1)} s of test time`);
  await snapshot(page, 'screenshots/canvas-keyboard-1280.png');
});

test('mouse: context menu, inline labels and ports, rename and delete with references, duplicate; all undoable', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await editorReady(page);
  // A right click on the empty canvas offers to add a namespace there.
  await page.locator('.canvas-flow').click({ button: 'right', position: { x: 60, y: 200 } });
  const menu = page.getByRole('menu', { name: 'Edit the design' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: /Add namespace/ }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a namespace' });
  await dialog.getByLabel('Name', { exact: true }).fill('shop');
  await dialog.getByLabel('Labels').fill('team=web, bad key=x');
  await dialog.getByRole('button', { name: 'Add namespace' }).click();
  await expect(dialog.getByRole('alert').first()).toContainText('needs a value');
  await dialog.getByLabel('Labels').fill('team=web');
  await dialog.getByRole('button', { name: 'Add namespace' }).click();
  await waitIdle(page);

  // A workload from the namespace's context menu.
  await node(page, 'ns:shop').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: /Add workload/ }).click();
  dialog = page.getByRole('dialog', { name: 'Add a workload' });
  await expect(dialog.getByLabel('Namespace')).toHaveValue('shop');
  await dialog.getByLabel('Kind').selectOption('StatefulSet');
  await dialog.getByLabel('Name', { exact: true }).fill('db');
  await dialog.getByLabel('Container ports').fill('sql=5432, 99999');
  await dialog.getByRole('button', { name: 'Add workload' }).click();
  await expect(dialog.getByRole('alert').first()).toContainText('out of range');
  await dialog.getByLabel('Container ports').fill('sql=5432');
  await dialog.getByLabel('Replicas').fill('3');
  await dialog.getByRole('button', { name: 'Add workload' }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/db')).toHaveCount(1);
  expect(await yamlText(page)).toMatch(/kind: StatefulSet[\s\S]*replicas: 3/);

  // The inspector edits labels and ports in place.
  const inspector = page.getByRole('region', { name: 'Edit shop/db' });
  await expect(inspector).toBeVisible();
  await inspector.getByRole('textbox', { name: 'Ports' }).fill('sql=5432, metrics=9187');
  await inspector.getByRole('textbox', { name: 'Ports' }).press('Enter');
  await waitIdle(page);
  await expect.poll(() => yamlText(page)).toContain('containerPort: 9187');
  await inspector.getByRole('textbox', { name: 'Labels' }).fill('app=db, tier=data');
  await inspector.getByRole('button', { name: 'Apply labels' }).click();
  await waitIdle(page);
  await expect.poll(() => yamlText(page)).toContain('tier: data');
  await inspector.getByRole('textbox', { name: 'Labels' }).fill('app=bad!');
  await inspector.getByRole('textbox', { name: 'Labels' }).press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('not valid');

  // Duplicate, then a Service for the copy.
  await inspector.getByRole('button', { name: 'Duplicate' }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/db-copy')).toHaveCount(1);
  await page.getByRole('region', { name: 'Edit shop/db-copy' }).getByRole('button', { name: 'Add Service…' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a Service' });
  await expect(dialog.getByLabel('Selector')).toHaveValue('app=db-copy, tier=data');
  await expect(dialog.getByLabel('Ports')).toHaveValue('5432:sql, 9187:metrics');
  await dialog.getByRole('button', { name: 'Add Service' }).click();
  await waitIdle(page);
  await expect.poll(() => yamlText(page)).toMatch(/kind: Service\n[\s\S]*name: db-copy/);

  // A flow to db, then rename db: the references are listed first, and the flow follows.
  await page.evaluate(() => 0);
  await page.getByRole('tab', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New flow…' }).click();
  dialog = page.getByRole('dialog', { name: 'New flow' });
  await dialog.getByLabel('From', { exact: true }).selectOption('wl:shop/db-copy');
  await dialog.getByLabel('To', { exact: true }).selectOption('wl:shop/db');
  await dialog.getByLabel('Ports').fill('TCP 5432');
  await dialog.getByRole('button', { name: 'Create flow' }).click();
  await waitIdle(page);
  await node(page, 'wl:shop/db').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: /Rename/ }).click();
  dialog = page.getByRole('dialog', { name: 'Rename shop/db' });
  await expect(dialog.getByRole('list', { name: 'References to shop/db' })).toContainText('drawn flow db-copy-to-db');
  await dialog.getByLabel('New name').fill('postgres');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/postgres')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Drawn flows' })).toContainText('shop/db-copy → shop/postgres');
  await snapshot(page, 'screenshots/canvas-mouse-1440.png');

  // Delete the namespace: everything in it is listed first; Undo brings it back.
  await node(page, 'ns:shop').click({ button: 'right', position: { x: 20, y: 10 } });
  await menu.getByRole('menuitem', { name: /Delete/ }).click();
  dialog = page.getByRole('dialog', { name: 'Delete namespace shop' });
  const refs = dialog.getByRole('list', { name: 'References to namespace shop' });
  await expect(refs).toContainText('StatefulSet shop/postgres lives in it');
  await expect(refs).toContainText('Service shop/db-copy lives in it');
  await dialog.getByRole('button', { name: 'Delete namespace shop' }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/postgres')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Design' }).getByRole('button', { name: 'Undo', exact: true }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/postgres')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Drawn flows' })).toContainText('shop/db-copy → shop/postgres');
});

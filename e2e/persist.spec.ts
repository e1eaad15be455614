// Never lose work: autosave across reloads (positions, theme, panels), share links that carry the
// whole design to a fresh browser, and a keyboard-only path through the main workflow.
import type { Page } from '@playwright/test';
import { test, expect, guardContext, importYaml, loadSample, node, openFresh, waitIdle, yamlText, type Guard, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

const transformOf = (page: Page, key: string) => node(page, key).evaluate((el) => (el as HTMLElement).style.transform);

/** Drags a node by its title and waits until autosave has the new position. */
async function dragNode(page: Page, key: string, dx: number, dy: number): Promise<string> {
  const before = await transformOf(page, key);
  const box = (await node(page, key).locator('.node-title').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10 + dx, box.y + box.height / 2 + dy, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => transformOf(page, key)).not.toBe(before);
  const after = await transformOf(page, key);
  await page.waitForFunction((k) => {
    const saved = JSON.parse(localStorage.getItem('netpol-designer:v1') ?? '{}') as { positions?: Record<string, unknown> };
    const p = saved.positions?.[k] as { x: number; y: number } | undefined;
    const style = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${k}"]`)?.style.transform ?? '';
    const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(style);
    return p !== undefined && m !== null && Number(m[1]) === p.x && Number(m[2]) === p.y;
  }, key);
  return after;
}

test('reload restores the design, a dragged position, the theme, the panels and an unfinished edit', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Default deny egress/ }).click();
  await waitIdle(page);
  const moved = await dragNode(page, 'ext:internet', 60, 40);
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await page.getByRole('tab', { name: 'Flows' }).click();
  await page.getByRole('switch', { name: 'YAML panel' }).click();
  await expect(page.getByRole('region', { name: 'YAML manifests' })).toBeHidden();
  const text = await yamlText(page);
  await page.waitForFunction(() => {
    const saved = JSON.parse(localStorage.getItem('netpol-designer:v1') ?? '{}') as { theme?: string; view?: { panel?: string; showYaml?: boolean } };
    return saved.theme === 'dark' && saved.view?.panel === 'flows' && saved.view.showYaml === false;
  });

  await page.reload();
  await waitIdle(page);
  expect(await yamlText(page)).toBe(text);
  expect(await transformOf(page, 'ext:internet')).toBe(moved);
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /egress isolated/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('switch', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('tab', { name: 'Flows' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('switch', { name: 'YAML panel' })).toHaveAttribute('aria-checked', 'false');
  await snapshot(page, '/tmp/shots/e2e-reload-dark.png');

  // Light again, and that persists too.
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await page.getByRole('switch', { name: 'YAML panel' }).click();
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('netpol-designer:v1') ?? '{}') as { theme?: string }).theme === 'light');
  await page.reload();
  await waitIdle(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  // Invalid YAML being typed survives a reload as a draft; the graph shows the last valid design.
  await page.waitForFunction(() => window.__netpol?.editorText() !== undefined);
  await page.evaluate((t) => window.__netpol!.setEditorText(t), `${text}\nbroken: [\n`);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('YAML invalid');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('netpol-designer:v1') ?? '{}') as { draft?: string }).draft?.includes('broken: [') === true);
  await page.reload();
  await waitIdle(page);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('YAML invalid');
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /egress isolated/);
});

test('a share link reproduces the design, positions included, in a fresh browser context', async ({ page, browser }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Default deny ingress/ }).click();
  await waitIdle(page);
  const moved = await dragNode(page, 'ext:internet', 50, 30);
  const text = await yamlText(page);

  await page.getByRole('button', { name: 'Share link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  const link = dialog.getByLabel('Share link');
  await expect(link).toHaveValue(/#design=[A-Za-z0-9_-]+$/);
  const url = await link.inputValue();
  expect(url.length).toBeLessThan(text.length);

  const context = await browser.newContext();
  const guard: Guard = { external: [], errors: [] };
  await guardContext(context, guard);
  try {
    const fresh = await context.newPage();
    await fresh.goto(url);
    await waitIdle(fresh);
    expect(await yamlText(fresh)).toBe(text);
    expect(await transformOf(fresh, 'ext:internet')).toBe(moved);
    await expect(node(fresh, 'wl:shop/web')).toHaveAttribute('aria-label', /ingress isolated/);
    // The fragment is dropped once read: a reload shows the (now autosaved) work.
    expect(new URL(fresh.url()).hash).toBe('');
    await fresh.reload();
    await waitIdle(fresh);
    expect(await yamlText(fresh)).toBe(text);
  } finally {
    await context.close();
  }
  expect(guard.external).toEqual([]);
  expect(guard.errors).toEqual([]);
});

test('keyboard only: isolate a namespace, draw a flow, undo and redo, explain an edge', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  const press = (key: string) => page.keyboard.press(key);
  /** Tabs forward until `target` has focus (a bounded number of times). */
  const tabTo = async (target: ReturnType<Page['getByRole']>, max = 60, key = 'Tab') => {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await press(key);
    }
    throw new Error('not reachable with Tab');
  };

  // Rules: choose the namespace and switch default deny ingress on.
  await page.getByRole('button', { name: 'Samples…' }).focus();
  await tabTo(page.getByRole('tab', { name: 'Rules' }));
  const namespace = page.getByLabel('Namespace', { exact: true });
  await tabTo(namespace);
  await expect(namespace).toHaveValue('db');
  await press('ArrowDown');
  await expect(namespace).toHaveValue('shop');
  const deny = page.getByRole('switch', { name: /^Default deny ingress/ });
  await tabTo(deny);
  await press('Space');
  await waitIdle(page);
  await expect(deny).toHaveAttribute('aria-checked', 'true');

  // Back to the tabs (Shift+Tab), the Flows tab with the arrow keys, then the form.
  await tabTo(page.getByRole('tab', { name: 'Rules' }), 20, 'Shift+Tab');
  await press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Flows' })).toBeFocused();
  await press('Enter');
  const newFlow = page.getByRole('button', { name: 'New flow…' });
  await tabTo(newFlow);
  await press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New flow' });
  await expect(dialog).toBeVisible();
  await tabTo(dialog.getByLabel('From', { exact: true }), 5);
  // Native selects: arrow keys or type-ahead on a real keyboard; the value is what matters here.
  await dialog.getByLabel('From', { exact: true }).selectOption('wl:shop/web');
  await press('Tab');
  await dialog.getByLabel('To', { exact: true }).selectOption('wl:shop/api');
  await press('Tab');
  await expect(dialog.getByLabel('Ports')).toBeFocused();
  await page.keyboard.type('TCP 9000');
  await press('Enter');
  await waitIdle(page);
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Drawn flows' })).toContainText('shop/web → shop/api');

  // Undo and redo from the keyboard (focus outside any text field).
  await page.getByRole('button', { name: 'New flow…' }).focus();
  await press('Control+z');
  await waitIdle(page);
  await expect(page.getByText('No flows drawn yet.')).toBeVisible();
  await press('Control+Shift+z');
  await waitIdle(page);
  await expect(page.getByRole('list', { name: 'Drawn flows' })).toContainText('shop/web → shop/api');

  // An edge of the graph is reachable and explains itself on Enter.
  const edge = page.getByRole('group', { name: /^Path from shop\/web to shop\/api:/ });
  await edge.focus();
  await press('Enter');
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Allowed');
});

test("a new design or an import starts from the default settings, not a sample's; Undo brings the sample's back", async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await page.getByRole('tab', { name: 'Settings' }).click();
  const address = page.getByLabel('kube-apiserver endpoint address');
  await expect(address).toHaveValue('192.168.178.123');

  await page.getByRole('button', { name: 'New design' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start new design' }).click();
  await waitIdle(page);
  await expect(address).toHaveValue(''); // the default: not set
  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await waitIdle(page);
  await expect(address).toHaveValue('192.168.178.123');

  await importYaml(page, SHOP);
  await expect(address).toHaveValue(''); // the default: not set
  await expect(page.getByRole('status').filter({ hasText: 'Settings are back to the defaults' })).toHaveCount(1);
});

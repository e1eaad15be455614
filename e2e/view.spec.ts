// The view serves the first-time user: a selection dims the rest, the view refits when something
// would be out of sight, success messages leave on their own, the editor shows what was generated.
import type { Page } from '@playwright/test';
import { test, expect, editorReady, importYaml, loadSample, node, openFresh, waitIdle, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

/** Every node of the graph lies inside the visible canvas. */
const allInView = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    return nodes.length > 0 && nodes.every((r) => r.left >= pane.left - 2 && r.top >= pane.top - 2 && r.right <= pane.right + 2 && r.bottom <= pane.bottom + 2);
  });
/** Pairs of top-level nodes (namespaces, outside nodes) whose boxes overlap. */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    const top = [...document.querySelectorAll<HTMLElement>('.react-flow__node-namespace, .react-flow__node-namespaceGroup, .react-flow__node-external')]
      .map((n) => ({ id: n.dataset['id'], r: n.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < top.length; i++) {
      for (let j = i + 1; j < top.length; j++) {
        const a = top[i]!.r;
        const b = top[j]!.r;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) out.push(`${top[i]!.id} / ${top[j]!.id}`);
      }
    }
    return out;
  });
/** How much of the canvas the drawn graph spans, along its fuller side (1 = edge to edge). */
const used = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const rs = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const w = Math.max(...rs.map((r) => r.right)) - Math.min(...rs.map((r) => r.left));
    const h = Math.max(...rs.map((r) => r.bottom)) - Math.min(...rs.map((r) => r.top));
    return Math.max(w / pane.width, h / pane.height);
  });
const opacity = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => Number(getComputedStyle(el).opacity));

test('a selected node or edge dims the unrelated graph and keeps its paths lit', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await node(page, 'wl:jhub/proxy').click({ position: { x: 12, y: 8 } });
  await expect.poll(() => opacity(page, '.react-flow__node[data-id="wl:jhub/proxy"]')).toBe(1);
  // The hub is proxy's peer (drawn paths between them); kube-system's DNS is not proxy's.
  const lit = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => getComputedStyle(n).opacity === '1').map((n) => n.dataset['id']));
  expect(lit).toContain('wl:jhub/hub');
  await expect.poll(() => page.locator('.react-flow__node').evaluateAll((ns) => ns.filter((n) => Number(getComputedStyle(n).opacity) < 0.5).length)).toBeGreaterThan(0);
  await snapshot(page, 'screenshots/selection-node-1440.png');

  // An edge: only it and its two ends stay lit.
  const edge = page.getByRole('group', { name: /^Path from jhub\/hub to jhub\/proxy:/ });
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.react-flow__edge').evaluateAll((es) => es.filter((e) => getComputedStyle(e).opacity === '1').length)).toBe(1);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect.poll(() => opacity(page, '.react-flow__node[data-id="wl:jhub/proxy"]')).toBe(1);
  await expect(page.getByTestId('selection-focus')).toHaveCount(0);
});

test('the view refits: back from the Matrix, nodes added from the YAML, Present at full width', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await editorReady(page);
  expect(await allInView(page)).toBe(true);

  await page.getByRole('radio', { name: 'Matrix' }).click();
  await page.getByRole('radio', { name: 'Graph' }).click();
  await waitIdle(page);
  await expect.poll(() => allInView(page)).toBe(true);

  // A namespace and a workload written in the editor appear in view, not under the YAML panel.
  const text = await page.evaluate(() => window.__netpol!.editorText()!);
  await page.evaluate((t) => window.__netpol!.setEditorText(t), `${text}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: zz-late\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: late\n  namespace: zz-late\n  labels:\n    app: late\nspec:\n  containers:\n  - name: c\n    image: x\n`);
  await expect(node(page, 'wl:zz-late/late')).toHaveCount(1);
  await expect.poll(() => allInView(page)).toBe(true);
  // The new namespace lands beside the laid-out design, on none of its nodes.
  expect(await overlaps(page)).toEqual([]);
  await snapshot(page, 'screenshots/refit-yaml-1280.png');

  // Present: the graph takes the whole width, and fits it.
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // The fit waits for the panels to go and the narration to settle, then animates: poll for it.
  await expect.poll(() => used(page)).toBeGreaterThan(0.8);
  await expect.poll(() => allInView(page)).toBe(true);
  await page.waitForTimeout(600);
  expect(await used(page)).toBeGreaterThan(0.8);
  await snapshot(page, 'screenshots/present-1280.png');
  await page.keyboard.press('Escape');
});

test('success messages leave on their own, errors stay; a generated policy is shown in the editor', async ({ page }) => {
  await openFresh(page);
  // A shorter life than the default keeps the test short; an error must outlive it below.
  await page.evaluate(() => window.__netpol!.setSuccessNoticeMs(3000));
  await importYaml(page, SHOP);
  await editorReady(page);
  const ok = page.getByRole('status').filter({ hasText: 'Imported pasted.yaml' });
  await expect(ok).toBeVisible();
  await expect(ok).toHaveCount(0, { timeout: 8_000 });

  // The switch writes default-deny-egress at the end of the YAML: the editor scrolls to it.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('db');
  await page.getByRole('switch', { name: /^Default deny egress/ }).click();
  await waitIdle(page);
  await expect(page.locator('.monaco-editor .view-line', { hasText: 'name: default-deny-egress' })).toBeVisible();
  await expect(page.getByRole('switch', { name: /^Default deny egress/ })).toBeFocused();

  // An error stays until dismissed.
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import manifests' });
  await dialog.getByLabel('Or paste manifests').fill('kind: [broken');
  await dialog.getByRole('button', { name: 'Import pasted text' }).click();
  await dialog.getByRole('button', { name: 'Close dialog' }).click().catch(() => undefined);
  const error = page.getByRole('alert').filter({ hasText: 'not imported' });
  await expect(error).toBeVisible();
  await page.waitForTimeout(4500);
  await expect(error).toBeVisible();
});

test('keyboard: a skip link reaches the paths at once; handles have a 16 px hit area at the fitted zoom', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await page.reload();
  await expect(page.locator('.react-flow__node-workload').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the paths' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__edge').first()).toBeFocused();
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Path from /);
  // The hit area of a handle, on screen.
  const hit = await page.locator('.react-flow__handle').first().evaluate((h) => {
    const before = getComputedStyle(h, '::before');
    const zoom = Number(getComputedStyle(document.querySelector('.react-flow')!).getPropertyValue('--flow-zoom'));
    const inset = -parseFloat(before.top);
    return (h.getBoundingClientRect().width / zoom + 2 * inset) * zoom;
  });
  expect(hit).toBeGreaterThanOrEqual(15.5);
});

test('dark theme: the create toolbar, the inspector, a selection and the context menu stay readable', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  const first = page.locator('.react-flow__node-workload').first();
  await first.click({ position: { x: 12, y: 8 } });
  await expect(page.locator('.inspector')).toBeVisible();
  await snapshot(page, 'screenshots/dark-selection-1440.png');
  await first.click({ button: 'right', position: { x: 12, y: 8 } });
  await expect(page.getByRole('menu', { name: 'Edit the design' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });
  await snapshot(page, 'screenshots/dark-menu-1280.png');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  const bg = await page.locator('.inspector').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe('rgb(255, 255, 255)');
});

test('keyboard: Tab past the graph reaches the side panel (the selected path, Explain) before the editor', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await editorReady(page);
  const where = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return 'nowhere';
      if (a.closest('.monaco-editor')) return 'editor';
      if (a.closest('.side [role="tabpanel"]')) return 'side panel';
      if (a.closest('section.canvas')) return 'canvas';
      return 'elsewhere';
    });
  // Select a path from the keyboard: the Explain tab opens in the side panel.
  await page.getByRole('group', { name: /^Path from jhub\/hub to jhub\/proxy:/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  // The path keeps the focus (selecting re-draws the graph).
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Path from jhub\/hub to jhub\/proxy:/);
  const tabUntilLeaving = async (from: string) => {
    for (let i = 0; i < 200 && (await where()) === from; i++) await page.keyboard.press('Tab');
    return where();
  };
  expect(await tabUntilLeaving('canvas')).toBe('side panel');
  // Shift+Tab from the panel's first control goes back to the graph, Tab returns.
  await page.keyboard.press('Shift+Tab');
  expect(await where()).toBe('canvas');
  await page.keyboard.press('Tab');
  expect(await where()).toBe('side panel');
  expect(await tabUntilLeaving('side panel')).toBe('editor');
  // Escape lets the keyboard out of the editor again (Tab indents there otherwise).
  const before = await page.evaluate(() => window.__netpol!.editorText());
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await where()).not.toBe('editor');
  expect(await page.evaluate(() => window.__netpol!.editorText())).toBe(before);
});

test('paths nobody drew between two boxes are one edge with a count; Enter draws them one by one', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  const bundle = page.getByRole('group', { name: /^\d+ paths nobody drew, from namespace jhub to Internet, drawn as one/ });
  await expect(bundle).toHaveCount(1);
  const count = Number((await bundle.getAttribute('aria-label'))!.split(' ')[0]);
  expect(count).toBeGreaterThanOrEqual(2);
  const single = page.getByRole('group', { name: /^Path from jhub\/[a-z-]+ to Internet: / });
  await expect(single).toHaveCount(0);
  await bundle.focus();
  await page.keyboard.press('Enter');
  await expect(single).toHaveCount(count);
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Path from jhub\/[a-z-]+ to Internet: /);
  await snapshot(page, 'screenshots/bundle-opened-1280.png');
});

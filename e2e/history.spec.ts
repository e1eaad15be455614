// One history for the whole page: typing in the editor, switches, flows and samples are steps of
// the same Undo/Redo, and no path through them loses text the user typed.
import type { Page } from '@playwright/test';
import { test, expect, editorReady, importYaml, loadSample, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

const editorText = (page: Page) => page.evaluate(() => window.__netpol!.editorText());
const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });
const headerUndo = (page: Page) => page.getByRole('navigation', { name: 'Design' }).getByRole('button', { name: 'Undo', exact: true });
const headerRedo = (page: Page) => page.getByRole('navigation', { name: 'Design' }).getByRole('button', { name: 'Redo', exact: true });

/** Puts the cursor at the end of the first editor line that reads `line` and types `typed`. */
async function typeAfter(page: Page, line: string, typed: string): Promise<void> {
  // The editor may have scrolled to a generated policy: back to the top, where the line is.
  await page.locator('.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea').first().focus();
  await page.keyboard.press('Control+Home');
  await page.locator('.monaco-editor .view-line', { hasText: line }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(typed, { delay: 20 });
}

test('the issue: a typo in JupyterHub, header Undo takes back the typo (not the sample), Redo brings it back', async ({ page }) => {
  test.setTimeout(150_000);
  await openFresh(page);
  await loadSample(page, 'JupyterHub on Kubernetes');
  await editorReady(page);
  const sample = await yamlText(page);
  await expect.poll(() => editorText(page)).toBe(sample);
  const workloads = await page.locator('.react-flow__node-workload').count();
  expect(workloads).toBeGreaterThan(0);

  await typeAfter(page, 'name: jhub', ': oops');
  await expect(problems(page)).toContainText('YAML invalid');
  const typo = await editorText(page);
  expect(typo).toContain('name: jhub: oops');

  await headerUndo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(sample);
  await expect(problems(page)).not.toContainText('YAML invalid');
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(workloads);
  // The banner of the sample load is not left describing a page it no longer matches.
  await expect(page.getByRole('status').filter({ hasText: 'Loaded the sample' })).toHaveCount(0);

  await headerRedo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(typo);
  await expect(problems(page)).toContainText('YAML invalid');
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(workloads);

  // Two Undos: the typo, then the sample itself (back to the empty page); Redo twice: all back.
  await headerUndo(page).click();
  await headerUndo(page).click();
  await waitIdle(page);
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(0);
  await headerRedo(page).click();
  await headerRedo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(typo);
  await snapshot(page, 'screenshots/history-redo-typo.png');
});

test('Ctrl+Z in the editor is the page Undo: it steps over typing and over a switch alike', async ({ page }) => {
  test.setTimeout(150_000);
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  const deny = page.getByRole('switch', { name: 'Default deny egress' });
  await deny.click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toContain('defaultDenyEgress');
  const afterSwitch = await editorText(page);

  await typeAfter(page, 'name: shop', '-x');
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toContain('name: shop-x');
  await page.keyboard.press('Control+z');
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(afterSwitch);
  // The next Ctrl+Z, still in the editor, takes back the switch.
  await page.keyboard.press('Control+z');
  await waitIdle(page);
  await expect(deny).toHaveAttribute('aria-checked', 'false');
  await expect.poll(() => editorText(page)).not.toContain('defaultDenyEgress');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toContain('name: shop-x');
  await expect(deny).toHaveAttribute('aria-checked', 'true');
});

test('typing not yet parsed is set aside, never dropped, by a switch or a sample; Undo brings it back', async ({ page }) => {
  test.setTimeout(150_000);
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');

  // A switch clicked at once after typing (before the editor's pause-to-parse).
  await typeAfter(page, 'name: shop', '-typed');
  await page.getByRole('switch', { name: 'Default deny egress' }).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toContain('defaultDenyEgress');
  await headerUndo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toContain('name: shop-typed');
  await expect.poll(() => editorText(page)).not.toContain('defaultDenyEgress');

  // A sample loaded over an unfinished edit: Undo brings the edit back, invalid as it was.
  await typeAfter(page, 'name: shop-typed', ': [broken');
  await expect(problems(page)).toContainText('YAML invalid');
  const broken = await editorText(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await headerUndo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(broken);
  await expect(problems(page)).toContainText('YAML invalid');

  // Undo twice in a row while the first is still bringing the edit back: Redo twice finds it again.
  await loadSample(page, 'Home-lab microsegmentation');
  await page.evaluate(() => {
    const undo = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Design"] button')].find((b) => b.textContent === 'Undo');
    undo?.click();
    undo?.click();
  });
  await waitIdle(page);
  await headerRedo(page).click();
  await waitIdle(page);
  await expect.poll(() => editorText(page)).toBe(broken);
});

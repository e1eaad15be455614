// Keyboard users can always leave the YAML editor: Tab indents, but Escape then Tab (or Shift+Tab)
// moves focus out of it without touching the text. The page says so, to eyes and screen readers.
// And an empty editor is not flagged as a broken manifest.
import type { Page } from '@playwright/test';
import { test, expect, editorReady, importYaml, openFresh, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

const HINT = 'Esc then Tab leaves the editor';

const editorText = (page: Page) => page.evaluate(() => window.__netpol!.editorText() ?? '');
const markers = (page: Page) => page.evaluate(() => window.__netpol!.editorMarkers() ?? -1);
const setEditor = (page: Page, text: string) => page.evaluate((t) => window.__netpol!.setEditorText(t), text);

/** Where the focus is, relative to the editor. */
const focusPlace = (page: Page) =>
  page.evaluate(() => {
    const editor = document.querySelector('.monaco-editor');
    const active = document.activeElement;
    if (!editor || !active || active === document.body) return 'nowhere';
    if (editor.contains(active)) return 'editor';
    return editor.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
  });

/** Puts the cursor at the end of the text (SHOP ends with a newline: an empty last line). */
async function cursorAtEnd(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await expect.poll(() => focusPlace(page)).toBe('editor');
}

/** The text stays `text` for a while (a Tab the editor took would show up at once). */
async function staysUnchanged(page: Page, text: string): Promise<void> {
  await page.waitForTimeout(300);
  expect(await editorText(page)).toBe(text);
}

test('Tab indents in the editor; Escape then Tab or Shift+Tab leaves it without changing the text', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  await expect.poll(() => editorText(page)).toBe(SHOP);

  // The hint is on the page and describes the editor's input to screen readers.
  const hint = page.locator('.editor-panel .editor-keys-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toHaveText(HINT);
  const input = page.locator('.monaco-editor').locator('.native-edit-context, textarea.inputarea').first();
  await expect(input).toHaveAccessibleDescription(HINT);

  // Plain Tab indents, focus stays.
  await cursorAtEnd(page);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(`${SHOP}  `);
  expect(await focusPlace(page)).toBe('editor');
  const indented = await editorText(page);

  // Escape then Tab: focus leaves the editor, nothing is inserted. Nothing focusable follows the
  // editor here (no problems listed), so focus wraps around to the top of the page.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(page)).toBe('before');
  await expect(page.getByRole('button', { name: 'Skip to the graph' })).toBeFocused();
  await staysUnchanged(page, indented);

  // Escape then Shift+Tab: the element before the editor, the panel's resize bar.
  await cursorAtEnd(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('separator', { name: /Resize the YAML panel/ })).toBeFocused();
  expect(await focusPlace(page)).toBe('before');
  await staysUnchanged(page, indented);

  // Any other key between Escape and Tab cancels: Tab indents again.
  await cursorAtEnd(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(`${indented}  `);
  expect(await focusPlace(page)).toBe('editor');

  // Escape twice then Tab still leaves.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(page)).not.toBe('editor');
  await staysUnchanged(page, `${indented}  `);

  // With a problem listed under the editor, Escape then Tab lands on it: the next element in order.
  const broken = SHOP.replace('  name: shop\n', '  name: [shop\n');
  await setEditor(page, broken);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('listitem').first()).toContainText(/error line 5/);
  await cursorAtEnd(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(problems.getByRole('button').first()).toBeFocused();
  expect(await focusPlace(page)).toBe('after');
  await staysUnchanged(page, broken);
  await snapshot(page, '/tmp/kbd/e2e-left-forward.png');
});

test('Escape first closes the suggestions; only the next Escape arms the way out', async ({ page }) => {
  await openFresh(page);
  await editorReady(page);
  const doc = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  \n';
  await setEditor(page, doc);
  await expect.poll(() => editorText(page)).toBe(doc);
  await page.locator('.monaco-editor .view-line').nth(6).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toContainText('podSelector', { timeout: 20_000 });
  await expect(suggest).toHaveClass(/\bvisible\b/);

  // This Escape closes the list; the Tab after it indents as usual.
  await page.keyboard.press('Escape');
  await expect(suggest).not.toHaveClass(/\bvisible\b/);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(doc.replace('spec:\n  \n', 'spec:\n    \n'));
  expect(await focusPlace(page)).toBe('editor');

  // With nothing left to close, Escape then Tab leaves.
  const text = await editorText(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(page)).toBe('after');
  await staysUnchanged(page, text);
});

test("Monaco's Ctrl+M still switches Tab to moving focus, and back", async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  await cursorAtEnd(page);
  const onTextInput = () => page.evaluate(() => document.activeElement?.matches('.native-edit-context, textarea.inputarea') === true);
  expect(await onTextInput()).toBe(true);
  // Tab now moves focus the browser's way (Monaco's sticky-scroll lines are stops too): no indent.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(onTextInput).toBe(false);
  await staysUnchanged(page, SHOP);

  await cursorAtEnd(page);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page)).toBe(`${SHOP}  `);
  expect(await focusPlace(page)).toBe('editor');
});

test('an empty editor (blank, or only comments) has no markers; a document without apiVersion and kind has', async ({ page }) => {
  await openFresh(page);
  await editorReady(page);
  expect(await editorText(page)).toBe('');
  await page.waitForTimeout(1500);
  expect(await markers(page)).toBe(0);
  await expect(page.getByRole('region', { name: 'Problems' }).locator('.count')).toHaveText('0');

  // The schema check does run: a mapping without apiVersion and kind is flagged...
  await setEditor(page, 'metadata: {}\n');
  await expect.poll(() => markers(page), { timeout: 20_000 }).toBeGreaterThan(0);
  // ...but blank text and comments are not a manifest to complete.
  await setEditor(page, '  \n\n');
  await expect.poll(() => markers(page), { timeout: 20_000 }).toBe(0);
  await setEditor(page, 'metadata: {}\n');
  await expect.poll(() => markers(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await setEditor(page, '# a design, to be written\n\n   \n');
  await expect.poll(() => markers(page), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(1500);
  expect(await markers(page)).toBe(0);
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')).toHaveCount(0);
});

// The YAML panel is the other half of the design: editing it changes the graph, invalid YAML keeps
// the last valid design on screen and says where the problem is.
import { test, expect, editorReady, importYaml, node, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';
import { SHOP } from './designs.ts';

const WORKER = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: worker
`;

const setEditor = (page: import('@playwright/test').Page, text: string) =>
  page.evaluate((t) => window.__netpol!.setEditorText(t), text);

test('editing the YAML updates the graph; invalid YAML keeps the last design and shows the problem with its line', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(SHOP);

  // Add a workload in the editor: it appears in its namespace.
  await setEditor(page, SHOP + WORKER);
  await expect(node(page, 'wl:shop/worker')).toHaveCount(1);
  await waitIdle(page);
  expect(await yamlText(page)).toContain('name: worker');

  // Break line 5 (an unclosed flow sequence): nothing disappears, the problem names its line.
  const broken = (SHOP + WORKER).replace('  name: shop\n', '  name: [shop\n');
  await setEditor(page, broken);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('YAML invalid: the graph shows the last valid design');
  await expect(problems.getByRole('listitem').first()).toContainText(/error line 5(:\d+)?:/);
  await expect(node(page, 'wl:shop/worker')).toHaveCount(1);
  await expect(node(page, 'wl:shop/web')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorMarkers() ?? 0)).toBeGreaterThan(0);
  await snapshot(page, '/tmp/shots/e2e-yaml-invalid.png');

  // The problem is a button that takes the cursor to its line.
  await problems.getByRole('listitem').first().getByRole('button').click();
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText('5');

  // Fixing it (here: undoing the edit in the editor) brings the design back in sync.
  await setEditor(page, SHOP + WORKER);
  await expect(problems).not.toContainText('YAML invalid');
  await expect(problems.getByRole('listitem')).toHaveCount(0);

  // Remove the hand-written policy: api is no longer isolated for ingress.
  await expect(node(page, 'wl:shop/api')).toHaveAttribute('aria-label', /ingress isolated/);
  await setEditor(page, (SHOP + WORKER).replace(/---\napiVersion: networking\.k8s\.io\/v1[\s\S]*?port: 9000\n/, ''));
  await expect(node(page, 'wl:shop/api')).toHaveAttribute('aria-label', /ingress open/);
});

test('the editor offers completion from the schema and flags unknown fields', async ({ page }) => {
  await openFresh(page);
  await editorReady(page);
  await setEditor(page, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  podSelector: {}\n  bogusField: 1\n  \n');
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorMarkers() ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
  // Completion under spec: lists the NetworkPolicy fields.
  await page.locator('.monaco-editor .view-line').nth(8).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toContainText('policyTypes', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await snapshot(page, '/tmp/shots/e2e-yaml-completion.png');
});

test('a switch toggled while the YAML is broken sets the unfinished edit aside, and Undo brings it back', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  const broken = SHOP.replace('  name: shop\n', '  name: [shop\n');
  await setEditor(page, broken);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('YAML invalid');

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('switch', { name: /Default deny ingress/ }).click();
  await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'unfinished YAML edit was set aside' })).toHaveCount(1);
  await expect.poll(() => yamlText(page)).toContain('default-deny-ingress');
  await expect(problems).not.toContainText('YAML invalid');

  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(broken);
  await expect(problems).toContainText('YAML invalid');
  await expect(problems.getByRole('listitem').first()).toContainText(/error line 5(:\d+)?:/);
});

test('a switch keeps the imported text of the objects it did not change: comments, anchors and layout', async ({ page }) => {
  await openFresh(page);
  const commented = `${SHOP}---
# Only the storefront takes traffic from outside (ticket NET-42).
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
  labels: &web
    app: web
spec:
  podSelector:
    matchLabels: *web   # the same labels as the policy's
  policyTypes: [Ingress]
  ingress:
  - ports: [{port: 8080}]
`;
  await importYaml(page, commented);
  await editorReady(page);
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(commented);

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Same namespace/ }).click();
  await waitIdle(page);
  const text = await page.evaluate(() => window.__netpol!.editorText() ?? '');
  expect(text).toContain('name: allow-same-namespace');
  // The design's text as it was, the new policy after it.
  expect(text.startsWith(`${commented}---\n`)).toBe(true);
});

test('past 64 KB the editor turns folding and sticky headers off, and says so', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  await editorReady(page);
  // On Linux indent guides too (src/editor/YamlEditor.tsx).
  const note = page.getByRole('status').filter({ hasText: /^Large document: folding(, | and )sticky headers( and indent guides)? are off$/ });
  await expect(note).toHaveCount(0);
  const guides = page.locator('.monaco-editor .core-guide');
  await expect(guides.first()).toBeAttached();
  const filler = `# ${'x'.repeat(78)}\n`.repeat(850);
  await setEditor(page, `${SHOP}${filler}`);
  await expect(note).toBeVisible();
  if (/indent guides/.test((await note.textContent()) ?? '')) await expect(guides).toHaveCount(0);
  await setEditor(page, SHOP);
  await expect(note).toHaveCount(0);
  await expect(guides.first()).toBeAttached();
});

test('a switch that adds a policy scrolls the editor to it, once the editor holds its text', async ({ page }) => {
  await openFresh(page);
  // The new policy goes after the design's text: far below the editor's first screen.
  const long = `${SHOP}${`# ${'x'.repeat(40)}\n`.repeat(400)}`;
  await importYaml(page, long);
  await editorReady(page);
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(long);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).not.toContainText('allow-same-namespace');

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Same namespace/ }).click();
  await expect(lines).toContainText('name: allow-same-namespace');
  await expect(page.locator('.monaco-editor .new-object-line')).toHaveCount(1);
  await waitIdle(page);
  expect(await page.evaluate(() => window.__netpol!.editorText())).toContain('name: allow-same-namespace');
});

test('a new design over 128 KB goes into the editor whole (its view made again after the text), and takes typing', async ({ page }) => {
  await openFresh(page);
  await editorReady(page);
  // src/editor/applyText.ts: past DETACH_BYTES a new design's text goes in with the view detached.
  const big = `${SHOP}${`# ${'x'.repeat(78)}\n`.repeat(1700)}`;
  expect(big.length).toBeGreaterThan(128 * 1024);
  await importYaml(page, big);
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(big);
  await waitIdle(page);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('namespace: shop');
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed after the import');
  await expect.poll(() => page.evaluate(() => window.__netpol!.editorText())).toBe(`${big}# typed after the import`);
});

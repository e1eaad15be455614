import { test, expect, openFresh } from './fixtures.ts';

test('the page opens, paints the graph and loads the editor without errors', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByRole('heading', { name: /netpol/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Samples…' })).toBeVisible();
  await expect(page.locator('.react-flow__node-external')).toHaveCount(5);
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-ready', 'true');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  await page.screenshot({ path: '/tmp/shots/smoke.png' });
});

import { test, expect, openFresh, snapshot } from './fixtures.ts';

test('the page opens, paints the graph and loads the editor without errors', async ({ page, guard }) => {
  await openFresh(page);
  await expect(page.getByRole('heading', { name: /netpol/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Samples…' })).toBeVisible();
  await expect(page.locator('.react-flow__node-external')).toHaveCount(5);
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-ready', 'true');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // No inline or injected script, no connection anywhere but the page's own origin.
  const directives = new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  // And the browser enforces it: an inline script does not run, a request elsewhere is refused.
  const blocked = await page.evaluate(async () => {
    const w = window as Window & { __inlineRan?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    let fetched = 'allowed';
    try {
      await fetch('https://example.com/');
    } catch {
      fetched = 'refused';
    }
    return { inline: w.__inlineRan === true, fetched };
  });
  expect(blocked).toEqual({ inline: false, fetched: 'refused' });
  // Both violations are reported on the console: expected here, and only these.
  const csp = (e: string) => e.includes('Content Security Policy');
  await expect.poll(() => guard.errors.filter(csp).length).toBeGreaterThanOrEqual(2);
  guard.errors.splice(0, guard.errors.length, ...guard.errors.filter((e) => !csp(e)));
  await snapshot(page, '/tmp/shots/smoke.png');
});

// The Matrix view draws only the cells in view; the keyboard still reaches every cell: arrow keys
// and End move the focus past the drawn window, scrolling it, up to the outside nodes' rows.
import { test, expect, importYaml, openFresh, snapshot } from './fixtures.ts';

/** 40 namespaces with one Deployment each: a 46 x 46 namespace matrix, wider and taller than the view. */
const design = Array.from({ length: 40 }, (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: team-${String(i).padStart(2, '0')} }
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec: { containers: [{ name: app, image: app, ports: [{ containerPort: 8080 }] }] }`).join('\n---\n');

test('matrix: the keyboard moves across the whole virtualised matrix', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page);
  await importYaml(page, design);
  await page.getByRole('radio', { name: 'Matrix' }).click();
  await page.getByLabel('Ports', { exact: true }).fill('8080');
  const first = page.getByRole('button', { name: /^team-00 to team-00 on TCP\/8080: allowed/ });
  await first.focus();
  await snapshot(page, 'screenshots/matrix-keys-top.png');
  // The last column is not drawn until the focus goes there.
  await expect(page.getByRole('button', { name: /^team-00 to DNS on TCP\/8080/ })).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: /^team-00 to \S.* on TCP\/8080/ }).and(page.locator(':focus'))).toHaveCount(1);
  await page.keyboard.press('Control+End');
  const corner = page.locator(':focus');
  await expect(corner).toHaveAccessibleName(/ to \S.* on TCP\/8080: (allowed|denied)/);
  const name = (await corner.getAttribute('aria-label')) ?? '';
  expect(name.startsWith('team-')).toBe(false); // an outside node's row
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('table.matrix button:focus')).toHaveCount(1);
  await expect(page.locator(':focus')).not.toHaveAttribute('aria-label', name);
  await page.keyboard.press('Control+Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: /^team-01 to team-00 on TCP\/8080/ })).toBeFocused();
  await snapshot(page, 'screenshots/matrix-keys.png');
  // Page Down from the last column; in the dark theme when the screenshots are wanted.
  if (process.env.E2E_SHOTS) await page.getByRole('switch', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: /^team-01 to team-00 on TCP\/8080/ }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('PageDown');
  await expect(page.locator('table.matrix button:focus')).toHaveCount(1);
  await expect(page.locator('table.matrix button:focus')).not.toHaveAccessibleName(/^team-01 /);
  await snapshot(page, 'screenshots/matrix-keys-dark.png');
});

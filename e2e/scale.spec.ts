// A large design stays readable: it opens in the overview (namespaces grouped by team), search
// finds a workload and focuses it with its neighbours, filters narrow the paths, and the matrix
// renders only the cells in view, with the outside nodes as rows and columns.
import type { Page } from '@playwright/test';
import { test, expect, node, openFresh, waitIdle, snapshot } from './fixtures.ts';
import { tenantDesignYaml } from '../bench/tenantDesign.ts';
import { syntheticCluster } from '../bench/synthetic.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

// 60 app namespaces, 363 workloads: above the overview threshold, quick to import.
const TENANTS = tenantDesignYaml({ namespaces: 60, teams: 6 });

async function openTenants(page: Page, yaml = TENANTS) {
  await openFresh(page);
  // This machine is shared while the tests run: give the import room (the default is for hostile input).
  await page.evaluate(() => window.__netpol!.setAnalysisDeadline(90_000));
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import manifests' });
  await dialog.getByLabel('Open a file').setInputFiles({ name: 'tenants.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported tenants.yaml' })).toBeVisible({ timeout: 60_000 });
  await waitIdle(page);
}

test.describe('a large design', () => {
  test.setTimeout(180_000);

  test('opens in the overview grouped by team, and says so', async ({ page }) => {
    await openTenants(page);
    await expect(page.getByRole('status').filter({ hasText: 'Large design' })).toContainText('grouped by team');
    await expect(node(page, 'ns:team=team-0')).toBeVisible();
    // Six team groups and the three platform namespaces, not 63 namespace boxes.
    await expect(page.locator('.react-flow__node-namespace')).toHaveCount(9);
    await expect(page.locator('.react-flow__node-workload')).toHaveCount(0);
    await snapshot(page, 'screenshots/scale-overview-1440.png');
    // An aggregated edge explains like any other: at one of its workload pairs.
    const edge = page.getByRole('group', { name: /^Path from namespace ingress-nginx to namespaces with team=team-0: / });
    await edge.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Allowed');
    await page.setViewportSize({ width: 1280, height: 720 });
    await snapshot(page, 'screenshots/scale-overview-1280.png');
  });

  test('search finds a workload by name and label and focuses it with its neighbours', async ({ page }) => {
    await openTenants(page);
    const search = page.getByRole('combobox', { name: 'Find a workload, namespace or label' });
    await search.fill('app-007 api');
    const list = page.getByRole('listbox', { name: 'Matches' });
    await expect(list.getByRole('option').first()).toContainText('api');
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    await search.press('Enter');
    await expect(page.getByRole('toolbar', { name: 'Graph view' })).toContainText('Focus: app-007/api');
    // The API with its own namespace's callers and data stores, the sibling APIs of its team, the outside.
    await expect(node(page, 'wl:app-007/api')).toBeVisible();
    await expect(node(page, 'wl:app-007/db')).toBeVisible();
    await expect(node(page, 'wl:app-001/api')).toBeVisible();
    await expect(node(page, 'ext:internet')).toBeVisible();
    await expect(node(page, 'wl:app-002/api')).toHaveCount(0); // another team
    await snapshot(page, 'screenshots/scale-focus-1440.png');
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect(node(page, 'ns:team=team-1')).toBeVisible();
  });

  test('a focus with many neighbours names each of them at the fitted zoom of a 1280 x 800 window', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // Five teams of 24 namespaces: an API talks to the 23 other APIs of its team, each in a namespace of its own.
    await openTenants(page, tenantDesignYaml({ namespaces: 120, teams: 5 }));
    const search = page.getByRole('combobox', { name: 'Find a workload, namespace or label' });
    await search.fill('app-007 api');
    await expect(page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first()).toContainText('api');
    await search.press('Enter');
    await expect(page.getByRole('toolbar', { name: 'Graph view' })).toContainText('Focus: app-007/api');
    await waitIdle(page);
    // The fit lands where nodes show their names (fit.ts lodBand), not where they are bare boxes.
    await expect(page.locator('.react-flow.lod-far')).toHaveCount(0);
    const siblings = Array.from({ length: 24 }, (_, i) => 2 + 5 * i).filter((n) => n !== 7).map((n) => `app-${String(n).padStart(3, '0')}`);
    for (const ns of siblings) {
      const title = node(page, `wl:${ns}/api`).locator('.node-title');
      // Each neighbour is one node naming its namespace (by its distinguishing end) and its workload.
      await expect(title, ns).toBeVisible();
      await expect(title, ns).toContainText(`${ns.slice(ns.lastIndexOf('-'))} / api`);
      const [text, box] = await Promise.all([title.locator('.ns-prefix-tail').boundingBox(), node(page, `wl:${ns}/api`).boundingBox()]);
      // Not cut off: the namespace's end and the workload's name lie inside the node.
      expect(text!.x + text!.width, ns).toBeLessThanOrEqual(box!.x + box!.width);
      expect(await title.locator('.fit-name-head').evaluate((e) => e.scrollWidth <= e.clientWidth + 1), ns).toBe(true);
    }
    await expect(page.locator('.react-flow__node-namespace, .react-flow__node-namespaceGroup').filter({ hasText: 'app-012' })).toHaveCount(0);
    await snapshot(page, 'screenshots/scale-focus-many-1280.png');
    // Zoomed out past where names fit, the canvas says so and how to read them.
    for (let i = 0; i < 8 && (await page.locator('.react-flow.lod-far').count()) === 0; i++) await page.locator('.react-flow__controls-zoomout').click();
    const note = await page.locator('.react-flow.lod-far').evaluate((e) => getComputedStyle(e, '::after').content);
    expect(note).toContain('Names show when zoomed in');
    await snapshot(page, 'screenshots/scale-focus-far-1280.png');
    await page.locator('.react-flow__controls-fitview').click();
    // Explain from an edge to one of them still works, by keyboard.
    const edge = page.getByRole('group', { name: /^Path from app-007\/api to app-012\/api: / });
    await edge.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText('Allowed');
  });

  test('a team group opens as focus; filters narrow the paths; the view can show every namespace', async ({ page }) => {
    await openTenants(page);
    // By keyboard: in the overview an aggregated edge may cross the group's button.
    await page.getByRole('button', { name: 'Focus on the namespaces with team=team-2' }).press('Enter');
    await expect(node(page, 'ns:app-002')).toBeVisible();
    await expect(node(page, 'ns:app-008')).toBeVisible();
    await expect(node(page, 'ns:app-003')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByRole('checkbox', { name: 'Only paths to the outside' }).check();
    await expect(page.locator('.react-flow__edge')).not.toHaveCount(0);
    for (const id of await page.locator('.react-flow__edge').evaluateAll((es) => es.map((e) => e.getAttribute('data-id') ?? ''))) {
      expect(id).toMatch(/ext:|cidr:/);
    }
    await page.getByRole('checkbox', { name: 'Only paths to the outside' }).uncheck();
    await page.getByRole('textbox', { name: 'Filter by port' }).fill('5432');
    // Only the database port: inside the namespaces, no edge between teams.
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Show', { exact: true }).selectOption('Every namespace');
    await expect(page.locator('.react-flow__node-namespace')).toHaveCount(63);
  });

  test('the matrix renders only the cells in view, with the outside nodes as rows and columns', async ({ page }) => {
    await openTenants(page);
    await page.getByRole('radio', { name: 'Matrix' }).click();
    await page.getByLabel('Level').selectOption('workload');
    const table = page.locator('table.matrix');
    // 363 workloads, the DNS node (the coredns workload under the node's name) and 4 outside addresses, plus the heading row.
    await expect(table).toHaveAttribute('aria-rowcount', '369', { timeout: 60_000 });
    const drawn = await table.locator('td button').count();
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(3000); // of 134,689
    await snapshot(page, 'screenshots/scale-matrix-1440.png');
    await page.locator('.matrix-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.scrollLeft = el.scrollWidth;
    });
    await expect(page.getByRole('rowheader', { name: 'Internet' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Cloud metadata server' })).toBeVisible();
    await page.getByLabel('Port shown').selectOption({ label: 'TCP/443' });
    await expect(page.getByRole('button', { name: 'app-059/api to Internet on TCP/443: allowed' })).toBeAttached();
    await page.setViewportSize({ width: 1280, height: 720 });
    await snapshot(page, 'screenshots/scale-matrix-1280.png');
  });
});

test('more ends than a list can hold: Explain takes them by typing, with the keyboard or the mouse', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await page.evaluate(() => window.__netpol!.setAnalysisDeadline(90_000));
  await page.getByRole('button', { name: 'Import…' }).click();
  const text = clusterYaml(syntheticCluster(1200));
  await page.getByRole('dialog', { name: 'Import manifests' }).getByLabel('Open a file').setInputFiles({ name: 'pods1200.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported pods1200.yaml' })).toBeVisible({ timeout: 90_000 });
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Explain' }).click();
  const form = page.getByRole('form', { name: 'Probe a connection' });
  // Not a <select> of 1,200 workloads: a combobox showing the first matches of what is typed.
  const source = form.getByRole('combobox', { name: 'Source' });
  await source.click();
  await source.fill('pod-1');
  const matches = page.getByRole('listbox', { name: 'Matches for Source' });
  await expect(matches).toContainText('more: type more of the name');
  await source.fill('ns-3/pod-1');
  await expect(matches.getByRole('option').first()).toContainText('ns-3/pod-1');
  await source.press('ArrowDown');
  await source.press('ArrowUp');
  await source.press('Enter');
  await expect(source).toHaveValue(/^ns-3\/pod-1/);
  const destination = form.getByRole('combobox', { name: 'Destination' });
  await destination.fill('internet');
  await page.getByRole('listbox', { name: 'Matches for Destination' }).getByRole('option', { name: /^Internet/ }).click();
  await expect(page.getByRole('region', { name: 'Verdict', exact: true })).toContainText(/ns-3\/pod-1\d* → Internet/);
  await snapshot(page, 'screenshots/explain-typed-ends-1440.png');
});

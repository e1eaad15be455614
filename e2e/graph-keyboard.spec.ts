// The graph from the keyboard: a focused node or edge shows a focus ring (not the selection look),
// Enter selects a node (it looks selected and the Rules panel targets it), and text cut to fit a
// node is whole in its tooltip.
import type { Locator } from '@playwright/test';
import { test, expect, loadSample, node, openFresh } from './fixtures.ts';

/** The focus ring of a node (on the React Flow wrapper) and the selection halo (on the card inside). */
const ringOf = (el: Locator) =>
  el.evaluate((e) => {
    const s = getComputedStyle(e);
    const card = getComputedStyle(e.firstElementChild as Element);
    return { outline: `${s.outlineStyle} ${s.outlineWidth}`, outlineColor: s.outlineColor, halo: card.boxShadow, focusVisible: e.matches(':focus-visible') };
  });

/** Tabs from the element before `target` onto it, so that it has keyboard focus (:focus-visible). */
async function tabOnto(target: Locator): Promise<void> {
  await target.focus();
  await target.page().keyboard.press('Shift+Tab');
  await target.page().keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('a node focused with the keyboard shows a focus ring; Enter selects it, which looks different', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  const nexus = node(page, 'wl:devtools/nexus');
  const before = await ringOf(nexus);
  expect(before.outline).toMatch(/^none|0px$/);

  await tabOnto(nexus);
  const focused = await ringOf(nexus);
  expect(focused.focusVisible).toBe(true);
  expect(focused.outline).toBe('solid 3px');
  expect(focused.outlineColor).not.toBe('rgba(0, 0, 0, 0)');
  await expect(nexus).not.toHaveClass(/\bselected\b/);

  await page.keyboard.press('Enter');
  await expect(nexus).toHaveClass(/\bselected\b/);
  await expect(nexus).toHaveAttribute('aria-label', /\(selected\)$/);
  await expect(nexus).toBeFocused();
  // Selecting a workload points the Rules panel at it.
  await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('devtools');
  await expect(page.getByLabel('Applies to', { exact: true })).toHaveValue('nexus');

  // Focus elsewhere: the node stays selected (a halo on the card), without the focus ring.
  const jellyfin = node(page, 'wl:media/jellyfin');
  await tabOnto(jellyfin);
  const selected = await ringOf(nexus);
  expect(selected.outline).toMatch(/^none|0px$/);
  expect(selected.halo).toMatch(/rgba?\(/);
  await expect(nexus).toHaveAttribute('aria-label', /\(selected\)$/);

  // Space selects too, and the selection moves.
  await page.keyboard.press(' ');
  await expect(jellyfin).toHaveClass(/\bselected\b/);
  await expect(nexus).not.toHaveClass(/\bselected\b/);
  await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('media');

  // Namespaces and outside nodes get the same ring.
  for (const key of ['ns:exposure', 'ext:internet']) {
    const n = node(page, key);
    await tabOnto(n);
    expect((await ringOf(n)).outline).toBe('solid 3px');
  }
});

test('in the dark theme the focus ring is there too', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await expect(page.locator('.react-flow.dark')).toHaveCount(1);
  const nexus = node(page, 'wl:devtools/nexus');
  await tabOnto(nexus);
  const ring = await ringOf(nexus);
  expect(ring.outline).toBe('solid 3px');
  // The dark theme's --focus (#79a6ff), not the light one.
  expect(ring.outlineColor).toBe('rgb(121, 166, 255)');
});

test('a focused edge keeps its colour and gets a ring along its curve', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  const edge = page.getByRole('group', { name: /^Path from nginx\/ingress-nginx-controller to Cluster DNS: / });
  const path = edge.locator('.react-flow__edge-path');
  const ring = edge.locator('.path-focus-ring');
  const strokeOf = (l: Locator) => l.evaluate((e) => getComputedStyle(e).stroke);
  const colour = await strokeOf(path);
  expect(await strokeOf(ring)).toBe('none');

  await tabOnto(edge);
  expect(await strokeOf(path)).toBe(colour);
  expect(await strokeOf(ring)).not.toBe('none');
  expect(Number.parseFloat(await ring.evaluate((e) => getComputedStyle(e).strokeWidth))).toBeGreaterThanOrEqual(10);

  // Enter selects it (the Explain panel opens on it); selected, it still has its colour.
  await page.keyboard.press('Enter');
  await expect(edge).toHaveClass(/\bselected\b/);
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  expect(await strokeOf(path)).toBe(colour);
});

test('text cut to fit a node is whole in its tooltip; the peers chip says what it means', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  // Close enough for every line of a node (zoomed out, the lines that would not fit give way).
  for (let i = 0; i < 8 && (await page.locator('.react-flow.lod-near').count()) === 0; i++) {
    await page.locator('.react-flow__controls-zoomin').click();
  }
  await expect(page.locator('.react-flow.lod-near')).toHaveCount(1);

  // A long workload name is cut in the middle, its end kept; the title has it whole.
  const controller = node(page, 'wl:nginx/ingress-nginx-controller');
  const title = controller.locator('.node-title');
  await expect(title).toHaveAttribute('title', 'Deployment nginx/ingress-nginx-controller');
  await expect(title).toHaveText('ingress-nginx-controller');
  const head = controller.locator('.fit-name-head');
  expect(await head.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await expect(controller.locator('.fit-name-tail')).toBeVisible();

  // Namespace headers: the count and both isolation chips are shown whole, the words in the title.
  const header = node(page, 'ns:exposure').locator('.ns-summary');
  await expect(header).toHaveAttribute('title', '2 workloads: 2 of 2 isolated for ingress, 2 of 2 for egress');
  for (const part of ['.ns-count', '.chip >> nth=0', '.chip >> nth=1']) {
    const el = header.locator(part);
    await expect(el).toBeVisible();
    expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  }
  const nsBox = (await node(page, 'ns:exposure').boundingBox())!;
  const chipBox = (await header.locator('.chip').nth(1).boundingBox())!;
  expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(nsBox.x + nsBox.width);

  // Outside nodes: the subtitle wraps; the title has every line whole.
  const internet = node(page, 'ext:internet').locator('.node-external');
  await expect(internet).toHaveAttribute('title', /^Internet\npublic IPv4 \(0\.0\.0\.0\/0 minus private, metadata\)\n/);
  const privateNets = node(page, 'ext:private').locator('.node-external');
  await expect(privateNets).toHaveAttribute('title', /10\.0\.0\.0\/8 · 172\.16\.0\.0\/12 · 192\.168\.0\.0\/16/);
  await expect(node(page, 'ext:dns').locator('.node-external')).toHaveAttribute('title', /kube-system\/coredns · port 53/);
  for (const key of ['ext:internet', 'ext:private', 'ext:dns', 'ext:metadata']) {
    const sub = node(page, key).locator('.node-title, .ext-subtitle');
    for (const el of await sub.all()) expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1), key).toBe(true);
  }

  // The red peers chip: a tooltip, and words for screen readers (in the chip and the node's label).
  const peers = node(page, 'wl:devtools/nexus').locator('.chip-peers');
  await expect(peers).toHaveClass(/chip-blocked/);
  await expect(peers).toHaveAttribute('title', /^Peers: none\. The pods of this StatefulSet may not connect to each other/);
  await expect(peers.locator('.sr-only')).toHaveText(': its pods may not connect to each other');
  await expect(node(page, 'wl:devtools/nexus')).toHaveAttribute('aria-label', /peers: its pods may not connect to each other/);
});

test('the first Tab stop is a skip link that jumps past the header and panels to the graph', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  // A fresh page load (the design is autosaved): Tab starts at the top of the document.
  await page.reload();
  await expect(page.locator('.react-flow__node-workload').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the graph' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-workload').first()).toBeFocused();
});

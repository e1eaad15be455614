// Readable at first sight: on every sample, at 1280x720 and 1440x900, every label the fitted graph
// shows is at least 11 px on screen, and no edge label sits over a node.
import type { Page } from '@playwright/test';
import { test, expect, loadSample, openFresh, waitIdle, snapshot } from './fixtures.ts';

interface Reading {
  /** The smallest on-screen font size of a visible text, with the text. */
  smallest: { px: number; text: string; cls: string };
  /** Edge labels that cover part of a node (label text, node id). */
  overNodes: string[];
  zoom: number;
}

/** Reads every visible text of the canvas: its font size times the scale it is drawn at. */
const read = (page: Page): Promise<Reading> =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const visible = (el: Element): boolean => {
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      }
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
    };
    let smallest = { px: Infinity, text: '', cls: '' };
    const roots = document.querySelectorAll('.react-flow__nodes, .react-flow__edgelabel-renderer');
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const el = t.parentElement;
        if (!el || !t.textContent?.trim() || el.closest('.sr-only') || !visible(el)) continue;
        // Nodes and edge labels are drawn at the canvas zoom (both layers carry the viewport's transform).
        const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
        if (px < smallest.px) smallest = { px, text: t.textContent.trim(), cls: el.className };
      }
    }
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((n) => !n.classList.contains('react-flow__node-namespaceGroup'))
      .map((n) => ({ id: n.dataset['id'] ?? '', r: n.getBoundingClientRect() }));
    // A group's header (name and counts) is a node too: labels keep off it.
    for (const h of document.querySelectorAll<HTMLElement>('.node-namespace-group .ns-header')) {
      nodes.push({ id: `${h.closest<HTMLElement>('.react-flow__node')?.dataset['id'] ?? ''} header`, r: h.getBoundingClientRect() });
    }
    const overNodes: string[] = [];
    for (const l of document.querySelectorAll<HTMLElement>('.edge-label')) {
      if (!visible(l)) continue;
      const a = l.getBoundingClientRect();
      for (const n of nodes) {
        const b = n.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overNodes.push(`${l.textContent} over ${n.id}`);
      }
    }
    return { smallest, overNodes, zoom };
  });

const SAMPLES = ['JupyterHub on Kubernetes', 'Home-lab microsegmentation', 'Audited cache: Ignite cannot find its peers', 'Multi-tenant cluster with admin policies'];

/** Waits until the view stops moving (a refit animates), then reads it. */
async function settled(page: Page): Promise<Reading> {
  await waitIdle(page);
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    if (now === last) break;
    last = now;
    await page.waitForTimeout(150);
  }
  return read(page);
}

const shot = (sample: string, theme: string, width: number) => `screenshots/readable-${sample.split(/[ :]/)[0]!.toLowerCase()}-${theme}-${width}.png`;

test('readable at the fitted zoom: every sample, 1280x720 and 1440x900, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  for (const sample of SAMPLES) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loadSample(page, sample);
    for (const [width, height] of [[1280, 720], [1440, 900]] as const) {
      await page.setViewportSize({ width, height });
      const r = await settled(page);
      expect(r.smallest.px, `${width}x${height} at zoom ${r.zoom.toFixed(2)}: "${r.smallest.text}" (${r.smallest.cls})`).toBeGreaterThanOrEqual(11);
      expect(r.overNodes, `${width}x${height}`).toEqual([]);
      await snapshot(page, shot(sample, 'light', width));
    }
    // Dark: the same layout, the other colours: only screenshots for a person to look at.
    if (!process.env.E2E_SHOTS) continue;
    await page.getByRole('switch', { name: 'Dark theme' }).click();
    await snapshot(page, shot(sample, 'dark', 1440));
    await page.setViewportSize({ width: 1280, height: 720 });
    await settled(page);
    await snapshot(page, shot(sample, 'dark', 1280));
    await page.getByRole('switch', { name: 'Dark theme' }).click();
  }
});

// Every end-to-end test runs on this fixture: requests that leave the page's origin are blocked
// and recorded, console errors and uncaught exceptions are collected, and the test fails on either.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

export interface Guard {
  external: string[];
  errors: string[];
}

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:|about:)/;

/** Blocks and records requests outside the page origin, and collects console errors, for a context. */
export async function guardContext(context: BrowserContext, guard: Guard): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    guard.external.push(url);
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') guard.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => guard.errors.push(`pageerror: ${err.message}`));
    // Hostile input must never run script: any alert() is a failure.
    page.on('dialog', (dialog) => {
      guard.errors.push(`dialog: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context }, use) => {
      const guard: Guard = { external: [], errors: [] };
      await guardContext(context, guard);
      await use(guard);
      expect(guard.external, 'requests outside the page origin').toEqual([]);
      expect(guard.errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Opens the app and waits for the first analysis. Every test has a browser context of its own, so
 * its storage (localStorage, IndexedDB) starts empty: no autosave to clear first.
 */
export async function openFresh(page: Page): Promise<void> {
  await page.goto('/');
  await waitIdle(page);
  // Success messages stay a minute, not 6 s: a loaded machine may look later than that.
  await page.evaluate(() => window.__netpol!.setSuccessNoticeMs(60_000));
}

export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = window.__netpol?.counts();
    return c !== undefined && !c.busy;
  });
  // Let the canvas apply a new layout and fit the view.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

export async function loadSample(page: Page, title: RegExp | string): Promise<void> {
  await page.getByRole('button', { name: 'Samples…' }).click();
  await page.getByRole('button', { name: typeof title === 'string' ? `Load sample: ${title}` : title }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await waitIdle(page);
}

export async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__netpol?.editorText() !== undefined);
}

export const yamlText = (page: Page): Promise<string> => page.evaluate(() => window.__netpol?.text() ?? '');

/** Imports YAML through the Import dialog (paste). */
export async function importYaml(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import manifests' });
  await dialog.getByLabel('Or paste manifests').fill(text);
  await dialog.getByRole('button', { name: 'Import pasted text' }).click();
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);
}

export const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

export function node(page: Page, key: string) {
  return page.locator(`.react-flow__node[data-id="${key}"]`);
}

/**
 * A screenshot for a person to look at: written only when E2E_SHOTS is set
 * (`E2E_SHOTS=1 npm run e2e`). CI does not look at them, and each costs about half a second of one
 * of its two cores.
 */
export async function snapshot(page: Page, path: string): Promise<void> {
  if (process.env.E2E_SHOTS) await page.screenshot({ path });
}

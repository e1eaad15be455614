// The built page is a static folder: served from a sub-path of a plain static host (no rewrites, no
// server code), its scripts, workers, Monaco's assets, icon and manifest all load, and a sample works.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect, loadSample, waitIdle, snapshot } from './fixtures.ts';

const DIST = join(import.meta.dirname, '..', process.env.E2E_OUT_DIR ?? 'dist');
const PREFIX = '/tools/netpol-designer/';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.png': 'image/png',
};

let server: Server;
let origin = '';

test.beforeAll(async () => {
  // Like any static host: a file under the prefix, index.html for the folder, 404 for everything else.
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    const relative = normalize(path.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    readFile(join(DIST, relative)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('the built page works from a sub-path of a static host', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  // A request the first navigation left in flight is aborted by the second (net::ERR_ABORTED): not a missing file.
  page.on('requestfailed', (r) => {
    if (!r.failure()?.errorText.includes('ERR_ABORTED')) failed.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  await page.goto(`${origin}${PREFIX}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${origin}${PREFIX}`);
  await waitIdle(page);
  await expect(page.getByRole('heading', { name: /netpol/ })).toBeVisible();
  // Monaco and its YAML worker came from the sub-path.
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-ready', 'true');
  await loadSample(page, 'Home-lab microsegmentation');
  // The layout worker ran: workload nodes are placed.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(5);
  // The static assets: icon and web manifest, relative to the page.
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!;
    const response = await fetch(link.href);
    return { href: link.href, json: (await response.json()) as { start_url: string; icons: { src: string }[] } };
  });
  expect(manifest.href).toBe(`${origin}${PREFIX}manifest.webmanifest`);
  expect(manifest.json.start_url).toBe('./');
  const icon = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href)).status);
  expect(icon).toBe(200);
  expect(failed).toEqual([]);
  await snapshot(page, 'screenshots/subpath.png');
});

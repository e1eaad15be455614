// Getting manifests in and out: the file chooser, drag-and-drop, download (re-parsed here with the
// project's own loader), and hostile or broken input that must never cost the design on screen.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, importYaml, node, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';
import { bigDesign, SHOP } from './designs.ts';
import { loadDesign } from '../src/model/index.ts';
import { kubectlDump } from '../scripts/kubectl-dump.ts';

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: billing
- apiVersion: v1
  kind: Pod
  metadata:
    name: invoicer
    namespace: billing
    labels:
      app: invoicer
  spec:
    containers:
    - name: main
      image: invoicer
`;

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import…' }).click();
  return page.getByRole('dialog', { name: 'Import manifests' });
}

async function chooseFile(page: Page, name: string, content: string | Buffer, mimeType = 'application/yaml') {
  const dialog = await openImport(page);
  await dialog.getByLabel('Open a file').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content) : content });
  return dialog;
}

async function dropFile(page: Page, name: string, content: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], fileName, { type: 'application/yaml' }));
      return dt;
    },
    [name, content] as const,
  );
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
  await expect(page.getByText('Drop a YAML or JSON file to import it')).toBeVisible();
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
}

test('import with the file chooser (a kubectl List) and by dropping a file on the page', async ({ page }) => {
  await openFresh(page);
  const dialog = await chooseFile(page, 'billing-list.yaml', LIST);
  await expect(dialog).toHaveCount(0);
  await waitIdle(page);
  await expect(page.getByRole('status').filter({ hasText: 'Imported billing-list.yaml' })).toBeVisible();
  await expect(node(page, 'wl:billing/invoicer')).toHaveCount(1);

  await dropFile(page, 'shop.yaml', SHOP);
  await expect(page.getByRole('status').filter({ hasText: 'Imported shop.yaml' })).toBeVisible();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/web')).toHaveCount(1);
  await expect(node(page, 'wl:billing/invoicer')).toHaveCount(0);
  expect(await yamlText(page)).toBe(SHOP);
});

test('a small kubectl dump (a List) is in the editor as clean documents, said once; the first change rewrites only what it changes', async ({ page }) => {
  test.setTimeout(90_000);
  const dump = kubectlDump({ pods: 40, seed: 5 });
  expect(dump.text).toContain('managedFields:');
  await openFresh(page);
  const dialog = await chooseFile(page, 'cluster.yaml', dump.text);
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await waitIdle(page);
  const notice = page.getByRole('status').filter({ hasText: 'Imported cluster.yaml' });
  await expect(notice).toContainText(`${dump.items} objects from a kubectl List, now one document each in the editor, without the fields the cluster adds (managedFields, uid,`);
  await expect(notice).toContainText("kubectl's last-applied annotation, status except pod and node addresses)");
  await snapshot(page, 'screenshots/import-kubectl-list.png');
  const text = await yamlText(page);
  expect(text.startsWith('apiVersion: ')).toBe(true);
  for (const server of ['kind: List', 'managedFields:', 'resourceVersion:', 'last-applied-configuration', 'conditions:']) expect(text).not.toContain(server);
  const documents = text.split(/^---\n/m);
  expect(documents).toHaveLength(dump.items);
  const counts = await page.evaluate(() => window.__netpol!.counts());
  expect(counts.workloads).toBeGreaterThanOrEqual(40);

  // The first change keeps every document as it was and adds the new policy.
  const namespace = /^ {2}namespace: (?!kube-system$)(\S+)$/m.exec(text)![1]!;
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption(namespace);
  await page.getByRole('switch', { name: /^Default deny ingress/ }).click();
  await waitIdle(page);
  await expect.poll(async () => (await yamlText(page)).split(/^---\n/m).length).toBe(dump.items + 1);
  const after = (await yamlText(page)).split(/^---\n/m);
  expect(after.filter((d) => documents.includes(d))).toHaveLength(dump.items);
});

test('download one kubectl-apply-able file: it parses back to the same design and re-imports', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, SHOP);
  // Change the design through a switch, so the download is generated YAML, not the imported text.
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Default deny egress/ }).click();
  await waitIdle(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download YAML' }).click()]);
  expect(download.suggestedFilename()).toBe('netpol-design.yaml');
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toBe(await yamlText(page));

  const design = loadDesign([{ name: 'netpol-design.yaml', text }]);
  expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const kinds = design.manifests.map((m) => m.object.kind);
  expect(kinds.filter((k) => k === 'Namespace')).toHaveLength(2);
  expect(kinds.filter((k) => k === 'Deployment')).toHaveLength(3);
  expect(design.manifests.some((m) => m.object.metadata.name === 'default-deny-egress')).toBe(true);
  // Every object says what it is (what kubectl apply needs).
  for (const m of design.manifests) {
    expect(m.object.apiVersion).toBeTruthy();
    expect(m.object.metadata.name).toBeTruthy();
  }

  // And the page takes it back.
  await page.getByRole('button', { name: 'New design' }).click();
  await page.getByRole('dialog', { name: 'Start a new design?' }).getByRole('button', { name: 'Start new design' }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/web')).toHaveCount(0);
  await chooseFile(page, 'netpol-design.yaml', text);
  await waitIdle(page);
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /egress isolated/);
});

test('hostile and broken input: a clear message each time, nothing rendered as HTML, the design kept', async ({ page }) => {
  test.setTimeout(150_000); // the 10 MB file below is read in the import worker
  await openFresh(page);
  await importYaml(page, SHOP);
  const designKept = async () => {
    await expect(node(page, 'wl:shop/web')).toHaveCount(1);
    await expect(node(page, 'wl:db/postgres')).toHaveCount(1);
    expect(await yamlText(page)).toBe(SHOP);
  };
  const rejected = async (dialog: ReturnType<Page['getByRole']>, message: RegExp | string, timeout?: number) => {
    const box = dialog.getByRole('alert');
    await expect(box).toContainText(message, timeout ? { timeout } : {});
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await designKept();
  };
  const paste = async (text: string) => {
    const dialog = await openImport(page);
    await dialog.getByLabel('Or paste manifests').fill(text);
    await dialog.getByRole('button', { name: 'Import pasted text' }).click();
    return dialog;
  };

  // Billion laughs: nine levels of nine aliases.
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat('bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
    .join('\n');
  await rejected(await paste(laughs), /line 1:1: aliases .* alias bomb/);

  // A 10 MB file that is one document and no List: read in the import worker, refused with its line.
  await rejected(await chooseFile(page, 'huge.yaml', Buffer.alloc(10 * 1024 * 1024, 'a: b\n')), /huge\.yaml:1:1: this document is 10\.0 MB of YAML that is not a List/, 60_000);

  // Deeply nested documents.
  await rejected(await paste(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), /nested more than \d+ levels/);

  // Binary garbage.
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  await rejected(await chooseFile(page, 'garbage.bin', garbage, 'application/octet-stream'), /garbage\.bin cannot be read as YAML or JSON/);

  // A file whose only object has an apiVersion no cluster serves holds nothing to evaluate (the
  // assumed cluster DNS does not count): refused, with the remark that names its line.
  await rejected(
    await paste('apiVersion: networking.k8s.io/v9\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  podSelector: {}\n'),
    /holds no Namespace, workload, Service or NetworkPolicy[\s\S]*line 1:13: apiVersion: NetworkPolicy networking\.k8s\.io\/v9 is not served/,
  );

  // Markup in a label value is text, never HTML.
  const xss = '<img src=x onerror=alert(1)>';
  const dialog = await paste(SHOP.replace('      labels:\n        app: web', `      labels:\n        app: web\n        note: "${xss}"`));
  await expect(dialog.getByRole('alert')).toContainText(`"${xss}" is not a valid label value`);
  await expect(dialog.getByRole('alert')).toContainText(/line 24:/);
  expect(await page.locator('img').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await designKept();

  // An analysis that takes too long is stopped, the worker restarted, and the page keeps working.
  // (Two thousand pods take the worker seconds to read; it gets a tenth of one.)
  await page.evaluate(() => window.__netpol!.setAnalysisDeadline(100));
  await rejected(await chooseFile(page, 'big.yaml', bigDesign(2000)), /took too long and was stopped/);
  await page.evaluate(() => window.__netpol!.setAnalysisDeadline(undefined));
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: /^Default deny ingress/ }).click();
  await waitIdle(page);
  await expect(node(page, 'wl:shop/web')).toHaveAttribute('aria-label', /ingress isolated/);
  await snapshot(page, '/tmp/shots/e2e-hostile.png');
});

// An app-only design (one namespace, no kube-system in the YAML) judged in its cluster: the DNS pods
// are assumed from Settings, so DNS behaves as on a real cluster in the graph, Explain and the findings.
import type { Page } from '@playwright/test';
import { test, expect, importYaml, node, openFresh, waitIdle, yamlText, snapshot } from './fixtures.ts';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{containerPort: 8080, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;

const findingsPanel = (page: Page) => page.getByRole('tabpanel', { name: 'Findings' });

async function explainDns(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('wl:shop/web');
  await page.getByLabel('Destination').selectOption('ext:dns');
  await page.getByLabel('Protocol').selectOption('UDP');
  await page.getByLabel('Port', { exact: true }).fill('53');
}

test('app-only design: the assumed DNS pods make DNS behave as on a real cluster', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, APP);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  await page.getByRole('switch', { name: 'Default deny egress' }).click();
  await waitIdle(page);
  await page.getByRole('switch', { name: 'DNS (cluster DNS pods)' }).click();
  await waitIdle(page);

  // The graph: the DNS node stands for the assumed pods (dashed, with a badge), and web reaches it.
  const dns = node(page, 'ext:dns');
  await expect(dns.locator('.assumed-badge')).toHaveText('assumed');
  await expect(dns.locator('.node-external')).toHaveClass(/is-assumed/);
  await expect(page.getByRole('group', { name: /^Path from shop\/web to Cluster DNS:/ })).toHaveCount(1);
  // The YAML never gets the assumed pods.
  expect(await yamlText(page)).not.toContain('coredns');
  await snapshot(page, 'screenshots/assumed-graph.png');

  // Explain: allowed; findings: no DNS finding, nothing redundant.
  await explainDns(page);
  const verdict = page.getByRole('region', { name: 'Verdict', exact: true });
  await expect(verdict).toContainText('Allowed');
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(findingsPanel(page)).not.toContainText('egress lockdown blocks DNS');
  await expect(findingsPanel(page)).not.toContainText('is redundant');
  await snapshot(page, 'screenshots/assumed-findings.png');

  // Without the DNS policy: denied, the finding appears, and the fix allows the DNS pods (not 10.96.0.10).
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('switch', { name: 'DNS (cluster DNS pods)' }).click();
  await waitIdle(page);
  await explainDns(page);
  await expect(verdict).toContainText('Denied');
  const fix = verdict.locator('.fix button').first();
  await expect(fix).toHaveText(/Turn on "DNS \(cluster DNS pods\)"/);
  await snapshot(page, 'screenshots/assumed-explain-denied.png');
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(findingsPanel(page)).toContainText('egress lockdown blocks DNS');
  await page.getByRole('tab', { name: 'Explain' }).click();
  await fix.click();
  await waitIdle(page);
  await expect(verdict).toContainText('Allowed');
  const yaml = await yamlText(page);
  expect(yaml).toContain('k8s-app: kube-dns');
  expect(yaml).not.toContain('10.96.0.10');
});

test('settings: the API server endpoint is not set until filled; the switch waits for it', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, APP);
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByLabel('Namespace', { exact: true }).selectOption('shop');
  const api = page.getByRole('switch', { name: 'kube-apiserver' });
  await expect(api).toHaveAttribute('aria-disabled', 'true');
  await expect(api).toHaveAccessibleDescription(/Set the kube-apiserver endpoint in Settings first/);
  await api.dispatchEvent('click'); // a disabled switch ignores the click
  expect(await yamlText(page)).not.toContain('allow-kube-apiserver');

  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Cluster settings' });
  await expect(form.getByLabel('kube-apiserver endpoint address')).toHaveValue('');
  await expect(form.getByRole('region', { name: 'Assumed cluster services' })).toContainText('kube-system/coredns');
  await form.getByLabel('kube-apiserver endpoint address').fill('192.168.178.123');
  await form.getByLabel('kube-apiserver endpoint port').fill('6443');
  await snapshot(page, 'screenshots/assumed-settings.png');
  await form.getByRole('button', { name: 'Apply settings' }).click();
  await waitIdle(page);

  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(api).toHaveAttribute('aria-disabled', 'false');
  await api.click();
  await waitIdle(page);
  const yaml = await yamlText(page);
  expect(yaml).toContain('192.168.178.123/32');
  expect(yaml).toContain('port: 6443');
  expect(yaml).not.toContain('10.96.0.1/32');
});

/** Two pods of a `kubectl get pods -o yaml` dump: placed on nodes no Node object declares. */
const PLACED = [['web', 'node-1', '192.168.10.10', '10.0.0.1'], ['db', 'node-2', '192.168.10.11', '10.0.1.1']].map(([name, nodeName, hostIP, podIP]) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {app: ${name}}}
spec:
  nodeName: ${nodeName}
  containers: [{name: c, image: nginx, ports: [{containerPort: 8080, protocol: TCP}]}]
status: {hostIP: ${hostIP}, podIP: ${podIP}}
`).join('') + `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

test('app-only dump: the nodes its pods run on are assumed; the kubelet on a pod\'s node reaches it', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, PLACED);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const assumed = page.getByRole('form', { name: 'Cluster settings' }).getByRole('region', { name: 'Assumed cluster services' });
  await expect(assumed).toContainText('node node-1: from pod placement: its pods report hostIP 192.168.10.10 (1 pod)');
  await expect(assumed).toContainText('node node-2');
  await assumed.scrollIntoViewIfNeeded();
  await snapshot(page, 'screenshots/assumed-nodes-settings.png');
  expect(await yamlText(page)).not.toContain('kind: Node');

  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('nodeip:192.168.10.10');
  await page.getByLabel('Destination').selectOption('wl:shop/web');
  await page.getByLabel('Port', { exact: true }).fill('8080');
  const verdict = page.getByRole('region', { name: 'Verdict', exact: true });
  await expect(verdict.locator('.verdict-summary')).toContainText('Allowed');
  await expect(verdict.getByRole('list', { name: 'Notes on this verdict' })).toContainText('kubelet liveness and readiness probes');
  await snapshot(page, 'screenshots/assumed-nodes-explain.png');
  // The other node is not the pod's: the policies decide (deny-all).
  await page.getByLabel('Source').selectOption('nodeip:192.168.10.11');
  await expect(verdict.locator('.verdict-summary')).toContainText('Denied');
});

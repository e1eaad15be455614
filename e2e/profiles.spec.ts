// Network-plugin profiles in the page: switching the plugin in Settings re-judges the graph and
// Explain, says why (with the source), survives a reload, and the matrix marks what differs.
import { expect, importYaml, openFresh, test, waitIdle, snapshot } from './fixtures.ts';

// An app-only design: two pods in one namespace, and a policy that admits web by its pod IP. The
// spec (and Calico) match an ipBlock against pod IPs; Cilium never does.
const APP = `apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app, labels: {app: web}}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.244.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: app, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.244.0.20}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web-ip, namespace: app}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 10.244.0.10/32}}]
    ports: [{port: 8080}]
`;

const pairs = (page: import('@playwright/test').Page) => page.evaluate(() => window.__netpol?.counts().pairs ?? -1);

test('switching the network plugin changes the graph and the verdict, and says why', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, APP);
  const specPairs = await pairs(page);

  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('wl:app/web');
  await page.getByLabel('Destination').selectOption('wl:app/api');
  await page.getByLabel('Port', { exact: true }).fill('8080');
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await expect(verdict.locator('.verdict-summary')).toContainText('Allowed');
  const dependence = verdict.getByRole('note', { name: 'Depends on the network plugin' });
  await expect(dependence).toContainText('denied on Cilium');
  await expect(dependence.getByRole('link', { name: /Cilium docs, Policy language/ })).toHaveAttribute('href', /docs\.cilium\.io/);
  await snapshot(page, 'screenshots/profile-explain-spec.png');

  await page.getByRole('tab', { name: 'Settings' }).click();
  const select = page.getByLabel('Judge traffic as');
  await expect(select).toHaveValue('spec');
  await select.selectOption('cilium');
  await waitIdle(page);
  await expect(page.getByRole('list', { name: 'How Cilium differs from the spec' })).toContainText('An ipBlock never matches a pod');
  await snapshot(page, 'screenshots/profile-settings-cilium.png');
  // web -> api was a drawn path of the graph under the spec; Cilium denies it.
  expect(await pairs(page)).toBeLessThan(specPairs);

  await page.getByRole('tab', { name: 'Explain' }).click();
  await expect(verdict.locator('.verdict-summary')).toContainText('Denied');
  await expect(verdict.getByRole('list', { name: 'Notes on this verdict' })).toContainText('An ipBlock never matches a pod');
  await expect(dependence).toContainText('judged here as Cilium');
  await snapshot(page, 'screenshots/profile-explain-cilium.png');

  // The choice is part of the design: it survives a reload (autosave).
  await page.reload();
  await waitIdle(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Judge traffic as')).toHaveValue('cilium');
  expect(await pairs(page)).toBeLessThan(specPairs);

  // Back to the spec: the path returns.
  await page.getByLabel('Judge traffic as').selectOption('spec');
  await waitIdle(page);
  expect(await pairs(page)).toBe(specPairs);
});

test('a pod always reaches itself, and its node reaches it, even under a default deny', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, `${APP}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: app}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
`);
  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('Source').selectOption('wl:app/web');
  await page.getByLabel('Destination').selectOption('wl:app/web');
  await page.getByLabel('Port', { exact: true }).fill('8080');
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await expect(verdict.locator('.verdict-summary')).toContainText('Allowed');
  await expect(verdict.getByRole('list', { name: 'Notes on this verdict' })).toContainText("a NetworkPolicy cannot block a pod's access to itself");
  await snapshot(page, 'screenshots/profile-loopback.png');

  // The node (kubelet probes) reaches the pod on every plugin.
  await page.getByLabel('Source').selectOption('nodeip:192.168.1.10');
  await expect(verdict.locator('.verdict-summary')).toContainText('Allowed');
  await expect(verdict.getByRole('list', { name: 'Notes on this verdict' })).toContainText('kubelet liveness and readiness probes');
  // The pod to its node: always allowed by the spec; Calico puts it through the pod's egress policy.
  await page.getByLabel('Source').selectOption('wl:app/web');
  await page.getByLabel('Destination').selectOption('nodeip:192.168.1.10');
  await expect(verdict.locator('.verdict-summary')).toContainText('Allowed');
  await expect(verdict.getByRole('note', { name: 'Depends on the network plugin' })).toContainText('denied on Cilium, Calico');
  await snapshot(page, 'screenshots/profile-own-node.png');
});

test('the matrix marks the cells another plugin judges otherwise', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, APP);
  await page.getByRole('radio', { name: 'Matrix' }).click();
  await page.getByLabel('Level').selectOption('workload');
  // The assumed DNS pods declare 53 and 9153 too: look at 8080.
  await page.getByLabel('Ports', { exact: true }).fill('8080/TCP');
  await expect(page.getByRole('button', { name: 'app/web to app/api on TCP/8080: allowed' })).toBeVisible();
  await page.getByLabel('Compare with plugin').selectOption('cilium');
  await expect(page.getByRole('status').filter({ hasText: 'differs on Cilium' })).toContainText('1 cell differs on Cilium');
  await expect(page.getByRole('button', { name: 'app/web to app/api on TCP/8080: allowed; on Cilium: denied' })).toBeVisible();
  await snapshot(page, 'screenshots/profile-matrix.png');
});

// Security review: the findings panel, its filters, the YAML line links and the one-click fixes.
import { test, expect, editorReady, importYaml, openFresh, waitIdle, yamlText } from './fixtures.ts';
import { SHOP } from './designs.ts';

// Locks shop's egress down to its own pods and forgets DNS: a high "egress lockdown blocks DNS".
const LOCKDOWN = `${SHOP}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: lockdown
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {}
`;

const dnsFinding = (page: import('@playwright/test').Page) =>
  page.getByRole('list', { name: 'Findings' }).getByRole('listitem').filter({ hasText: 'egress lockdown blocks DNS' });

test('findings: count in the header, severity filter, line link, one-click fix and undo', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, LOCKDOWN);

  const count = page.getByRole('button', { name: /^Findings: \d+ \(\d+ high\)$/ });
  await expect(count).toBeVisible();
  const highBefore = Number((await count.getAttribute('aria-label'))!.match(/\((\d+) high\)/)![1]);
  await count.click();
  await expect(page.getByRole('tab', { name: 'Findings' })).toHaveAttribute('aria-selected', 'true');
  await expect(dnsFinding(page)).toHaveCount(1);
  await expect(dnsFinding(page)).toContainText('High');

  // Filter: hiding high hides it, the text filter narrows to it.
  const high = page.getByRole('checkbox', { name: /^High \(\d+\)$/ });
  await high.uncheck();
  await expect(dnsFinding(page)).toHaveCount(0);
  await high.check();
  await page.getByLabel('Filter findings').fill('dns');
  await expect(dnsFinding(page)).toHaveCount(1);
  await page.getByLabel('Filter findings').fill('');
  await page.screenshot({ path: '/tmp/shots/findings.png' });

  // The line link puts the editor's cursor on the policy's egress field.
  await editorReady(page);
  const link = dnsFinding(page).getByRole('button', { name: /^Show line \d+ in the YAML$/ });
  const line = Number((await link.getAttribute('aria-label'))!.match(/line (\d+)/)![1]);
  await link.click();
  await expect.poll(() => page.evaluate(() => window.__netpol?.editorCursorLine())).toBe(line);
  // The location is the policy's spec.egress: the field or its first item.
  expect((await yamlText(page)).split('\n').slice(line - 2, line).join('\n')).toMatch(/egress:/);

  // One click fixes it; the notice offers Undo, which brings it back.
  await dnsFinding(page).getByRole('button', { name: /^Apply: Allow DNS/ }).click();
  await waitIdle(page);
  await expect(dnsFinding(page)).toHaveCount(0);
  expect(await yamlText(page)).toContain('netpol-designer.io/rule: dnsPortsKubeSystemNamespace');
  await expect(page.getByRole('button', { name: new RegExp(`^Findings: \\d+ \\(${highBefore - 1} high\\)$`) })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await waitIdle(page);
  await expect(dnsFinding(page)).toHaveCount(1);
  expect(await yamlText(page)).not.toContain('dnsPortsKubeSystemNamespace');
});

test('findings: a clean design says so, and the YAML stays the source of the line numbers after edits', async ({ page }) => {
  await openFresh(page);
  await importYaml(page, LOCKDOWN);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(dnsFinding(page)).toHaveCount(1);
  // Typing a DNS rule into the YAML makes the finding go away.
  await editorReady(page);
  const fixed = `${LOCKDOWN}  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
`;
  await page.evaluate((t) => window.__netpol?.setEditorText(t), fixed);
  await waitIdle(page);
  await expect(dnsFinding(page)).toHaveCount(0);
});

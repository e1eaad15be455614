// Presenting a design: the story step by step on a full-width graph, driven by the keyboard.
import { test, expect, loadSample, openFresh, snapshot } from './fixtures.ts';

test('present the home lab: all open -> default deny -> drawn flows, with the graph marking each step', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Home-lab microsegmentation');
  const backend = /^Path from nginx\/ingress-nginx-controller to exposure\/httpd-vm1: /;
  await expect(page.getByRole('group', { name: backend })).toHaveCount(1);

  const present = page.getByRole('button', { name: 'Present', exact: true });
  await present.click();
  const bar = page.getByRole('region', { name: 'Presentation' });
  await expect(bar).toContainText('Step 1 of 3');
  await expect(bar.getByRole('heading', { name: 'Everything open' })).toBeVisible();
  await expect(bar).toContainText('Open paths are not drawn as lines');
  await expect(present).toHaveAttribute('aria-pressed', 'true');
  // The panels give the graph the room; the graph is the design's with no policy at all.
  await expect(page.getByRole('tab', { name: 'Rules' })).toBeHidden();
  await expect(page.locator('.react-flow__node[data-id="wl:exposure/httpd-vm1"]')).toHaveAttribute('aria-label', /ingress open, egress open/);
  await expect(page.getByRole('group', { name: backend })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next →' })).toBeFocused();
  await snapshot(page, '/tmp/shots/demo-1.png');

  // Default deny: the open paths close, drawn as ghosts; the narration names what changed.
  await page.keyboard.press('ArrowRight');
  await expect(bar).toContainText('Step 2 of 3');
  await expect(bar.getByRole('heading', { name: 'Default deny' })).toBeVisible();
  await expect(bar).toContainText(/This step closed \d+ paths that were open by default \(the in\/out chips turn to isolated\)\./);
  // Pairs that were open by default are not drawn as lines: the nodes turn isolated instead.
  await expect(page.locator('.react-flow__node[data-id="wl:exposure/httpd-vm1"]')).toHaveAttribute('aria-label', /ingress isolated, egress isolated/);
  await expect(page.getByRole('group', { name: backend })).toHaveCount(0);
  await snapshot(page, '/tmp/shots/demo-2.png');

  // The drawn flows open exactly their ports again.
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(bar).toContainText('Step 3 of 3');
  await expect(page.getByRole('group', { name: /^Path from nginx\/ingress-nginx-controller to exposure\/httpd-vm1: TCP 8080 .*; opened TCP 8080 at this step$/ })).toHaveCount(1);
  await expect(bar).toContainText(/This step opened \d+ paths? \(marked \+\)\./);
  await snapshot(page, '/tmp/shots/demo-3.png');

  // Back with the step buttons; autoplay moves on by itself and stops at the end.
  await bar.getByRole('button', { name: 'Step 2: Default deny' }).click();
  const autoplay = bar.getByRole('button', { name: 'Autoplay' });
  await autoplay.click();
  await expect(autoplay).toHaveAttribute('aria-pressed', 'true');
  await expect(bar).toContainText('Step 3 of 3', { timeout: 10_000 });
  await expect(autoplay).toHaveAttribute('aria-pressed', 'false');
  await expect(autoplay).toBeDisabled();

  // Then Home, then out with Escape: the design's own graph returns.
  await bar.getByRole('button', { name: 'Step 2: Default deny' }).click();
  await expect(bar.getByRole('button', { name: 'Step 2: Default deny' })).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('Home');
  await expect(bar).toContainText('Step 1 of 3');
  await expect(page.getByRole('button', { name: '← Previous' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(present).toHaveAttribute('aria-pressed', 'false');
  await expect(present).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Rules' })).toBeVisible();
  await expect(page.getByRole('group', { name: backend })).toHaveCount(1);
  await expect(page.locator('.react-flow__node[data-id="wl:exposure/httpd-vm1"]')).toHaveAttribute('aria-label', /ingress isolated/);
});

test('presenting: nothing to present on an empty design; a design change ends the presentation', async ({ page }) => {
  await openFresh(page);
  const present = page.getByRole('button', { name: 'Present', exact: true });
  await present.click();
  await expect(page.getByText('Nothing to present yet')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Presentation' })).toHaveCount(0);

  await loadSample(page, 'Home-lab microsegmentation');
  await present.click();
  await expect(page.getByRole('region', { name: 'Presentation' })).toContainText('Step 1 of 3');
  await page.keyboard.press('Control+Z');
  await expect(page.getByRole('region', { name: 'Presentation' })).toHaveCount(0);
  await expect(page.getByText('The design changed, so the presentation ended.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Rules' })).toBeVisible();
});

test('presenting admin guardrails: the legend follows the step on show', async ({ page }) => {
  await openFresh(page);
  await loadSample(page, 'Multi-tenant cluster with admin policies');
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend).toContainText('Admin policies:');
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const bar = page.getByRole('region', { name: 'Presentation' });
  await expect(bar.getByRole('heading', { name: 'Everything open' })).toBeVisible();
  await expect(legend).not.toContainText('Admin policies:');
  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('heading', { name: 'Cluster-wide guardrails' })).toBeVisible();
  await expect(legend).toContainText('allow-cluster-dns-egress');
  await expect(page.locator('.react-flow__node[data-id="ns:tenant-b"]')).toHaveAttribute('aria-label', /isolate-tenant-b \(Deny in, priority 30\)/);
});

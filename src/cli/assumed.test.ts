// The CLI judges an app-only design in its cluster, as the page does: the DNS pods are there.
import { describe, expect, it } from 'vitest';
import { cliWith } from './testkit.ts';
import { ALLOW_DNS_YAML, appOnlyYaml } from '../testing/fixtures.ts';

const APP = appOnlyYaml({ serviceAccount: 'web-operator' });
const DNS = ALLOW_DNS_YAML;
const cli = cliWith({ 'app.yaml': APP, 'dns.yaml': DNS });
const ids = (stdout: string) => (JSON.parse(stdout) as { findings: { id: string }[] }).findings.map((f) => f.id);

describe('cli on an app-only design', () => {
  it('findings: no DNS finding and nothing redundant with the DNS policy; the DNS finding without it', () => {
    const withDns = ids(cli('findings app.yaml dns.yaml --format json').stdout);
    expect(withDns.filter((id) => id.startsWith('egress-blocks-dns') || id.startsWith('redundant-policy'))).toEqual([]);
    expect(ids(cli('findings app.yaml --format json').stdout)).toContain('egress-blocks-dns:shop');
    const text = cli('findings app.yaml dns.yaml').stdout;
    expect(text.split('\n')[0]).toContain('assumed, not in the files: kube-system/coredns');
  });

  it('probe and explain know the DNS pods: allowed with the policy, denied without', () => {
    const probes = JSON.stringify({ probes: [{ from: 'shop/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' }] });
    const answer = (files: string) => (JSON.parse(cli(`probe ${files}`, probes).stdout) as { probes: { allowed: boolean }[] }).probes[0]!.allowed;
    expect(answer('app.yaml dns.yaml')).toBe(true);
    expect(answer('app.yaml')).toBe(false);
    expect(cli('explain app.yaml dns.yaml --from shop/web --to kube-system/coredns --port dns/UDP').stdout).toMatch(/^Allowed/);
  });

  it('the API server: unset by default (a finding says what to fill), judged at the endpoint once given', () => {
    expect(ids(cli('findings app.yaml dns.yaml --format json').stdout)).toContain('apiserver-endpoint-unset:settings');
    const given = ids(cli('findings app.yaml dns.yaml --format json --api-server 192.168.178.123:6443 --api-server-vip 10.43.0.1').stdout);
    expect(given).not.toContain('apiserver-endpoint-unset:settings');
    expect(given).toContain('egress-blocks-apiserver:shop/web');
    expect(cli('findings app.yaml --api-server-vip nope').exitCode).toBe(2);
    expect(cli('findings app.yaml --service-cidr 10.96.0.0/99').exitCode).toBe(2);
  });

  it('NodeLocal DNSCache: DNS to the pods alone is not enough', () => {
    expect(ids(cli('findings app.yaml dns.yaml --format json --node-local-dns').stdout)).toContain('egress-blocks-dns:shop');
  });
});

import { describe, expect, it } from 'vitest';
import { dns1123LabelProblems } from '../model/names.ts';
import type { KubeObject } from '../model/index.ts';
import { ALLOW_RULES, allowRulesOn, generateAllowRule, isAllowRuleOn, listAllowRules, setAllowRule } from './allowRules.ts';
import { deployment } from './kube.ts';
import { baseCluster, load, prober } from './testkit.ts';
import { ANNOTATION_DESCRIPTION, DEFAULT_SETTINGS, type AllowRuleId, type DesignSettings, type RuleTarget } from './types.ts';

const S: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 } };
const shop: RuleTarget = { namespace: 'shop' };
const web: RuleTarget = { namespace: 'shop', workload: 'web' };

function withRules(rules: [AllowRuleId, RuleTarget][], objects: KubeObject[] = baseCluster()): KubeObject[] {
  return rules.reduce((acc, [id, target]) => setAllowRule(acc, id, target, true, S), objects);
}

/** The rule under test on top of default deny egress, so only what the rule allows gets out. */
const egressRule = (id: AllowRuleId, target: RuleTarget = shop) =>
  prober(withRules([['defaultDenyEgress', target], [id, target]]));

describe('default deny', () => {
  it('ingress: isolates the namespace for ingress only', () => {
    const allowed = prober(withRules([['defaultDenyIngress', shop]]));
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(false);
    expect(allowed('shop/web', 'other/client', 8080)).toBe(true);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
  });
  it('egress: isolates the namespace for egress only, DNS included', () => {
    const allowed = prober(withRules([['defaultDenyEgress', shop]]));
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(true);
  });
  it('a workload target isolates only that workload', () => {
    const allowed = prober(withRules([['defaultDenyIngress', web]]));
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('other/client', 'shop/api', 9090)).toBe(true);
  });
});

describe('egress allow rules', () => {
  it('dnsPortsKubeSystemNamespace: port 53 UDP+TCP to the DNS pods only', () => {
    const allowed = egressRule('dnsPortsKubeSystemNamespace');
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(true);
    expect(allowed('shop/api', 'kube-system/coredns', 'dns')).toBe(false); // 'dns' names the UDP port: no TCP port by that name
    expect(allowed('shop/api', 'kube-system/coredns', 'dns', 'UDP')).toBe(true);
    expect(allowed('shop/web', 'kube-system/coredns', 9153)).toBe(false);
    expect(allowed('shop/web', 'kube-system/metrics-server', 53, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'other/client', 53, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'ip:10.96.0.10', 53, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(false);
  });
  it('dnsPortsPrivateIPs: port 53 to RFC1918 addresses only', () => {
    const allowed = egressRule('dnsPortsPrivateIPs');
    for (const ip of ['10.1.2.3', '172.16.5.5', '192.168.1.1']) {
      expect(allowed('shop/web', `ip:${ip}`, 53, 'UDP')).toBe(true);
      expect(allowed('shop/web', `ip:${ip}`, 53, 'TCP')).toBe(true);
      expect(allowed('shop/web', `ip:${ip}`, 443)).toBe(false);
    }
    expect(allowed('shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'ip:169.254.169.254', 53, 'UDP')).toBe(false);
  });
  it('dnsPortsCloudMetadataServer: port 53 on 169.254.169.254 only', () => {
    const allowed = egressRule('dnsPortsCloudMetadataServer');
    expect(allowed('shop/web', 'ip:169.254.169.254', 53, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'ip:169.254.169.254', 80)).toBe(false);
    expect(allowed('shop/web', 'ip:10.1.2.3', 53, 'UDP')).toBe(false);
  });
  it('nonPrivateIPs: public addresses on every port, not private ones nor the metadata server', () => {
    const allowed = egressRule('nonPrivateIPs');
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(true);
    expect(allowed('shop/web', 'ip:1.1.1.1', 22)).toBe(true);
    for (const ip of ['10.1.2.3', '172.16.5.5', '172.31.255.255', '192.168.1.1', '169.254.169.254']) {
      expect(allowed('shop/web', `ip:${ip}`, 443)).toBe(false);
    }
    expect(allowed('shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
  });
  it('privateIPs: RFC1918 on every port, nothing else', () => {
    const allowed = egressRule('privateIPs');
    expect(allowed('shop/web', 'ip:10.1.2.3', 443)).toBe(true);
    expect(allowed('shop/web', 'ip:192.168.178.9', 22)).toBe(true);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:169.254.169.254', 80)).toBe(false);
  });
  it('cloudMetadataServer: 169.254.169.254 only', () => {
    const allowed = egressRule('cloudMetadataServer');
    expect(allowed('shop/web', 'ip:169.254.169.254', 80)).toBe(true);
    expect(allowed('shop/web', 'ip:169.254.169.250', 80)).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 80)).toBe(false);
  });
  it('kubeApiServer: the endpoint address on its TCP port only', () => {
    const allowed = egressRule('kubeApiServer', web);
    expect(allowed('shop/web', 'ip:172.18.0.2', 6443)).toBe(true);
    expect(allowed('shop/web', 'ip:172.18.0.2', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:172.18.0.2', 6443, 'UDP')).toBe(false);
    expect(allowed('shop/web', 'ip:172.18.0.3', 6443)).toBe(false);
    // Only the target workload got it.
    expect(allowed('shop/api', 'ip:172.18.0.2', 6443)).toBe(true); // api is not isolated at all
    const both = prober(withRules([['defaultDenyEgress', shop], ['kubeApiServer', web]]));
    expect(both('shop/api', 'ip:172.18.0.2', 6443)).toBe(false);
    expect(both('shop/web', 'ip:172.18.0.2', 6443)).toBe(true);
  });
});

describe('ingress and two-way rules', () => {
  it('sameNamespace: pods of the namespace talk both ways, nothing crosses the namespace', () => {
    const allowed = prober(withRules([
      ['defaultDenyIngress', shop], ['defaultDenyEgress', shop],
      ['defaultDenyIngress', { namespace: 'other' }], ['defaultDenyEgress', { namespace: 'other' }],
      ['sameNamespace', shop],
    ]));
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('shop/api', 'shop/web', 8080)).toBe(true);
    expect(allowed('shop/api', 'shop/web', 1234, 'UDP')).toBe(true);
    expect(allowed('third/stranger', 'shop/web', 8080)).toBe(false);
    expect(allowed('shop/web', 'third/stranger', 8080)).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(false);
  });
  it('sameNamespace alone isolates both directions of its target', () => {
    const allowed = prober(withRules([['sameNamespace', shop]]));
    expect(allowed('shop/web', 'shop/api', 9090)).toBe(true);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('shop/web', 'other/client', 8080)).toBe(false);
  });
  it('ingressFromIngressController: only pods of the controller namespace get in', () => {
    const allowed = prober(withRules([['defaultDenyIngress', shop], ['ingressFromIngressController', shop]]));
    expect(allowed('ingress-nginx/controller', 'shop/web', 8080)).toBe(true);
    expect(allowed('ingress-nginx/controller', 'shop/api', 9100)).toBe(true);
    expect(allowed('other/client', 'shop/web', 8080)).toBe(false);
    expect(allowed('ip:8.8.8.8', 'shop/web', 8080)).toBe(false);
  });
});

describe('switch state lives in the manifest set', () => {
  it('on then off restores the original objects, for every rule and target kind', () => {
    const original = baseCluster();
    for (const rule of ALLOW_RULES) {
      for (const target of [shop, web]) {
        const on = setAllowRule(original, rule.id, target, true, S);
        expect(on.length).toBe(original.length + 1);
        expect(isAllowRuleOn(on, rule.id, target)).toBe(true);
        expect(isAllowRuleOn(on, rule.id, target.workload ? shop : web)).toBe(false);
        // The one-pass reading the Rules panel uses agrees with the per-switch one.
        expect([...allowRulesOn(on, target)]).toEqual([rule.id]);
        expect(allowRulesOn(on, target.workload ? shop : web).size).toBe(0);
        expect(setAllowRule(on, rule.id, target, false, S)).toEqual(original);
        expect(setAllowRule(on, rule.id, target, true, S)).toEqual(on);
      }
    }
  });
  it('is read back after emit and parse, and every generated policy is valid, named and described', () => {
    const objects = ALLOW_RULES.reduce((acc, r) => setAllowRule(acc, r.id, web, true, S), baseCluster());
    const design = load(objects);
    expect(design.cluster.policies.length).toBe(ALLOW_RULES.length);
    const reread = design.manifests.map((m) => m.object);
    for (const r of ALLOW_RULES) expect(isAllowRuleOn(reread, r.id, web)).toBe(true);
    expect([...allowRulesOn(reread, web)].sort()).toEqual(ALLOW_RULES.map((r) => r.id).sort());
    expect(listAllowRules(reread).map((i) => i.id)).toEqual(ALLOW_RULES.map((r) => r.id));
    const names = objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    for (const o of objects.filter((x) => x.kind === 'NetworkPolicy')) {
      expect(dns1123LabelProblems(o.metadata.name)).toEqual([]);
      expect(o.metadata.annotations?.[ANNOTATION_DESCRIPTION]).toMatch(/^[A-Z].*\.$/);
    }
  });
  it('names are readable, and made unique and short when needed', () => {
    expect(generateAllowRule('dnsPortsKubeSystemNamespace', shop, S).metadata.name).toBe('allow-dns-kube-system');
    expect(generateAllowRule('defaultDenyEgress', web, S, baseCluster()).metadata.name).toBe('default-deny-egress-web');
    const longName = 'a-very-long-workload-name-that-goes-on-and-on-and-on-forever-and-more';
    const objects = [...baseCluster(), deployment('shop', longName, { labels: { app: 'long' }, image: 'x' })];
    const on = setAllowRule(objects, 'dnsPortsKubeSystemNamespace', { namespace: 'shop', workload: longName }, true, S);
    const name = on[on.length - 1]!.metadata.name;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(dns1123LabelProblems(name)).toEqual([]);
    // A user's own policy already has the name: ours gets a suffix, theirs is untouched.
    const mine = { ...generateAllowRule('defaultDenyIngress', shop, S), metadata: { name: 'default-deny-ingress', namespace: 'shop' } };
    const both = setAllowRule([...baseCluster(), mine], 'defaultDenyIngress', shop, true, S);
    expect(both.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['default-deny-ingress', 'default-deny-ingress-2']);
    expect(() => load(both)).not.toThrow();
  });
  it('selects a workload by its controller selector, or by its pod labels', () => {
    const deny = generateAllowRule('defaultDenyIngress', web, S, baseCluster());
    expect(deny.spec.podSelector).toEqual({ matchLabels: { app: 'web' } });
    const api = generateAllowRule('defaultDenyIngress', { namespace: 'shop', workload: 'api' }, S, baseCluster());
    expect(api.spec.podSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(() => generateAllowRule('defaultDenyIngress', { namespace: 'shop', workload: 'nope' }, S, baseCluster())).toThrow(/shop\/nope/);
  });
  it('a CronJob target selects its job template pods', () => {
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'backup', namespace: 'shop' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: { spec: { template: { metadata: { labels: { app: 'backup' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'b', image: 'b' }] } } } },
      },
    };
    const objects = withRules([['defaultDenyEgress', { namespace: 'shop', workload: 'backup' }]], [...baseCluster(), cron]);
    const allowed = prober(objects);
    expect(allowed('shop/backup', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('shop/web', 'ip:8.8.8.8', 443)).toBe(true);
  });
});

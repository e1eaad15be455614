import { describe, expect, it } from 'vitest';
import { emitYaml } from '../../model/index.ts';
import { deployment, namespace } from '../../design/kube.ts';
import { apiServerNeed } from './egressLockdown.ts';
import { allowed, fixAndReview, ofRule, only, review, SETTINGS } from './testkit.ts';

const lockdown = (egress: string, selector = '{}') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: lockdown
  namespace: shop
spec:
  podSelector: ${selector}
  policyTypes: [Egress]
${egress}`;

const dnsRule = (protocols: string[], peer = `    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns`) => `  egress:
  - to:
${peer}
    ports:
${protocols.map((p) => `    - port: 53\n      protocol: ${p}`).join('\n')}
`;

describe('egress-blocks-dns', () => {
  const toPods = `  egress:
  - to:
    - podSelector: {}
`;
  const toAddress = (cidr: string) => `  egress:
  - to:
    - ipBlock:
        cidr: ${cidr}
`;

  it('reports a namespace whose egress lockdown forgets DNS, pointing at the isolating policy', () => {
    const { findings } = review(lockdown(toPods));
    const f = only(findings, 'egress-blocks-dns');
    expect(f.id).toBe('egress-blocks-dns:shop');
    expect(f.severity).toBe('high');
    expect(f.object).toMatchObject({ kind: 'NetworkPolicy', name: 'lockdown' });
    expect(f.title).toContain('2 workloads');
  });

  it('rates lower when the pods reach only fixed addresses, and lowest when they may send nothing at all', () => {
    const fixed = only(review(lockdown(toAddress('192.168.178.50/32'))).findings, 'egress-blocks-dns');
    expect(fixed.severity).toBe('medium');
    expect(fixed.risk).toContain('fixed addresses');
    const nothing = only(review(lockdown('')).findings, 'egress-blocks-dns');
    expect(nothing.severity).toBe('low');
    expect(nothing.risk).toContain('full egress lockdown');
    // A wide network is "the internet" or a whole LAN: reached by name, so DNS matters.
    expect(only(review(lockdown(toAddress('0.0.0.0/0'))).findings, 'egress-blocks-dns').severity).toBe('high');
  });

  it('near miss: the lockdown allows UDP and TCP 53 to the DNS pods', () => {
    const { findings } = review(lockdown(dnsRule(['UDP', 'TCP'])));
    expect(ofRule(findings, 'egress-blocks-dns')).toEqual([]);
  });

  it('near miss: pods no policy isolates for egress', () => {
    const { findings } = review('');
    expect(ofRule(findings, 'egress-blocks-dns')).toEqual([]);
  });

  it('decides by evaluation, not syntax: a DNS rule on a label kube-system lacks allows nothing', () => {
    const { findings } = review(lockdown(dnsRule(['UDP', 'TCP'], `    - namespaceSelector:
        matchLabels:
          name: kube-system`)));
    expect(only(findings, 'egress-blocks-dns').severity).toBe('high');
  });

  it('reports TCP 53 missing at low severity', () => {
    const { findings } = review(lockdown(dnsRule(['UDP'])));
    const f = only(findings, 'egress-blocks-dns');
    expect(f.id).toBe('egress-blocks-dns:shop:tcp');
    expect(f.severity).toBe('low');
  });

  it('the fix turns on the DNS allow rule: the finding goes away and DNS is allowed', () => {
    const { design, findings } = review(lockdown(''));
    const f = only(findings, 'egress-blocks-dns');
    expect(allowed(design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'egress-blocks-dns')).toEqual([]);
    expect(allowed(after.design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed(after.design, 'shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(true);
    expect(allowed(after.design, 'shop/web', 'ip:8.8.8.8', 53, 'UDP')).toBe(false);
  });

  it('when only some pods of the namespace are isolated, fixes per workload (it never isolates an open pod)', () => {
    const { design, findings } = review(lockdown('', '\n    matchLabels:\n      app: web'));
    const f = only(findings, 'egress-blocks-dns');
    expect(f.title).toContain('shop/web');
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'egress-blocks-dns')).toEqual([]);
    expect(allowed(after.design, 'shop/api', 'ip:8.8.8.8', 443)).toBe(true);
  });

  it('assumes the DNS pods from settings when the design does not model them', () => {
    const objects = [namespace('shop'), deployment('shop', 'web', { labels: { app: 'web' }, image: 'nginx' })];
    const base = emitYaml(objects);
    const locked = review(`${base}---\n${lockdown('')}`, SETTINGS, { base: false });
    const f = only(locked.findings, 'egress-blocks-dns');
    expect(f.risk).toContain('as settings describe them');
    const fixed = fixAndReview(locked.design, f.fixes[0]!);
    expect(ofRule(fixed.findings, 'egress-blocks-dns')).toEqual([]);
    const withDns = review(`${base}---\n${lockdown(dnsRule(['UDP', 'TCP']))}`, SETTINGS, { base: false });
    expect(ofRule(withDns.findings, 'egress-blocks-dns')).toEqual([]);
  });

  it('an admin Deny is named and gets no NetworkPolicy fix', () => {
    const { findings } = review(`${lockdown('')}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: no-dns
spec:
  priority: 5
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
  - name: deny-dns
    action: Deny
    to:
    - namespaces: {}
    ports:
    - portNumber:
        protocol: UDP
        port: 53
`);
    const f = only(findings, 'egress-blocks-dns');
    expect(f.risk).toContain('no-dns');
    expect(f.fixes).toEqual([]);
  });
});

describe('egress-blocks-dns under a baseline', () => {
  it('reports pods a baseline Deny cuts off from DNS, without a fix that would isolate them', () => {
    const { findings } = review(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
  - name: deny-all
    action: Deny
    to:
    - networks: [0.0.0.0/0]
    - namespaces: {}
`);
    const f = only(findings, 'egress-blocks-dns');
    expect(f.risk).toContain('baseline policy default');
    expect(f.fixes).toEqual([]);
    expect(f.object).toMatchObject({ kind: 'BaselineAdminNetworkPolicy' });
  });
});

const ignite = (extra: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
${extra}      containers:
      - name: main
        image: example/cache:1
---
${lockdown(dnsRule(['UDP', 'TCP']))}`;

describe('egress-blocks-apiserver', () => {
  it('reports a locked-down workload with its own service account', () => {
    const { findings } = review(ignite('      serviceAccountName: cache\n'));
    const f = only(findings, 'egress-blocks-apiserver');
    expect(f.id).toBe('egress-blocks-apiserver:shop/cache');
    expect(f.severity).toBe('medium');
    expect(f.risk).toContain('service account cache');
    expect(f.risk).toContain('172.18.0.2');
  });

  it('near miss: the default service account and a plain image', () => {
    const { findings } = review(ignite(''));
    expect(ofRule(findings, 'egress-blocks-apiserver')).toEqual([]);
  });

  it('near miss: the same lockdown also allows TCP 6443 to the API server', () => {
    const apiRule = `  - to:
    - ipBlock:
        cidr: 172.18.0.2/32
    ports:
    - port: 6443
`;
    const yaml = ignite('      serviceAccountName: cache\n').replace(/\n$/, `\n${apiRule}`);
    const { design, findings } = review(yaml);
    expect(allowed(design, 'shop/cache', 'ip:172.18.0.2', 6443)).toBe(true);
    expect(ofRule(findings, 'egress-blocks-apiserver')).toEqual([]);
  });

  it('still reports when the API server is allowed only on another port than settings say', () => {
    const yaml = ignite('      serviceAccountName: cache\n').replace(/\n$/, `\n  - to:
    - ipBlock:
        cidr: 172.18.0.2/32
    ports:
    - port: 443
`);
    const f = only(review(yaml).findings, 'egress-blocks-apiserver');
    expect(f.id).toBe('egress-blocks-apiserver:shop/cache');
    expect(f.severity).toBe('medium');
  });

  it('near miss: a service account but no token mounted', () => {
    const { findings } = review(ignite('      serviceAccountName: cache\n      automountServiceAccountToken: false\n'));
    expect(ofRule(findings, 'egress-blocks-apiserver')).toEqual([]);
  });

  it('the fix allows TCP to the API server endpoint only', () => {
    const { design, findings } = review(ignite('      serviceAccountName: cache\n'));
    const f = only(findings, 'egress-blocks-apiserver');
    expect(allowed(design, 'shop/cache', 'ip:172.18.0.2', 6443)).toBe(false);
    const after = fixAndReview(design, f.fixes[0]!);
    expect(ofRule(after.findings, 'egress-blocks-apiserver')).toEqual([]);
    expect(allowed(after.design, 'shop/cache', 'ip:172.18.0.2', 6443)).toBe(true);
    expect(allowed(after.design, 'shop/cache', 'ip:172.18.0.3', 6443)).toBe(false);
  });

  it('the heuristic recognises known API clients by image, conservatively', () => {
    const withImage = (image: string) => deployment('x', 'y', { labels: { a: 'b' }, image });
    expect(apiServerNeed(withImage('apacheignite/ignite:2.16.0'))).toContain('API client');
    expect(apiServerNeed(withImage('quay.io/jupyterhub/k8s-hub:4.1.0'))).toBeDefined();
    expect(apiServerNeed(withImage('registry.k8s.io/ingress-nginx/controller:v1.12.1'))).toBeDefined();
    expect(apiServerNeed(withImage('nginx:1.27'))).toBeUndefined();
    expect(apiServerNeed(withImage('postgres:17'))).toBeUndefined();
    expect(apiServerNeed(withImage('example/ignited-app:1'))).toBeUndefined();
  });
});

describe('dns-ingress-blocked', () => {
  const denyIngress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: kube-system
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

  it('reports DNS pods that refuse every query, at the isolating policy; its fix lets every pod query them', () => {
    const { design, findings } = review(denyIngress);
    expect(allowed(design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    const f = only(findings, 'dns-ingress-blocked');
    expect(f.id).toBe('dns-ingress-blocked:kube-system/coredns');
    expect(f.severity).toBe('high');
    expect(f.title).toContain('every workload');
    expect(f.object).toMatchObject({ kind: 'NetworkPolicy', name: 'default-deny-ingress' });
    // The egress check stays quiet: the sources' own egress is open.
    expect(ofRule(findings, 'egress-blocks-dns')).toEqual([]);
    const fixed = fixAndReview(design, f.fixes[0]!);
    expect(allowed(fixed.design, 'shop/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed(fixed.design, 'shop/web', 'kube-system/coredns', 53, 'TCP')).toBe(true);
    expect(allowed(fixed.design, 'shop/web', 'kube-system/coredns', 9153)).toBe(false);
    expect(ofRule(fixed.findings, 'dns-ingress-blocked')).toEqual([]);
  });

  it('near miss: the same lockdown with DNS queries allowed from every namespace', () => {
    const allowDns = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: dns-queries
  namespace: kube-system
spec:
  podSelector: {matchLabels: {k8s-app: kube-dns}}
  ingress:
  - from: [{namespaceSelector: {}}]
    ports: [{port: 53, protocol: UDP}]
`;
    expect(ofRule(review(denyIngress + allowDns).findings, 'dns-ingress-blocked')).toEqual([]);
  });
});

describe('egress checks on replicas (verdicts shared per workload class)', () => {
  const replicas = ['a', 'b', 'c'].map((s) => `---
apiVersion: v1
kind: Pod
metadata:
  name: web-${s}
  namespace: shop
  labels: {app: web-replica}
spec: {containers: [{name: c, image: i}]}`).join('\n');

  it('lists every replica a lockdown cuts off from DNS, and none once DNS is allowed to the class', () => {
    const cut = only(review(`${lockdown(toPodsOnly)}${replicas}`).findings, 'egress-blocks-dns');
    // The two workloads of the base cluster and the three replicas: each is counted, none stands for another.
    expect(cut.title).toContain('5 workloads');
    const open = review(`${lockdown(dnsRule(['UDP', 'TCP']))}${replicas}`).findings;
    expect(ofRule(open, 'egress-blocks-dns')).toEqual([]);
  });
});
const toPodsOnly = `  egress:
  - to:
    - podSelector: {}
`;

// The cluster an app-only design runs in: the DNS pods, kube-system and the ingress namespace are
// there although the YAML does not declare them, and every verdict sees them.
import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../../design/fixes.ts';
import { coreDns, deployment, namespace } from '../../design/kube.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { compile, evaluate } from '../../engine/index.ts';
import { emitYaml, loadDesign } from '../../model/index.ts';
import { describeAssumed, inCluster, withAssumedServices } from './index.ts';
import { ALLOW_DNS_YAML, appOnlyYaml } from '../../testing/fixtures.ts';

const APP = appOnlyYaml();
const DNS_POLICY = `---\n${ALLOW_DNS_YAML}`;

const dnsQuery = (text: string) => {
  const design = inCluster(loadDesign([{ name: 'app.yaml', text }]), DEFAULT_SETTINGS);
  return evaluate(compile(design.cluster), { from: { kind: 'workload', id: 'shop/web' }, to: { kind: 'workload', id: 'kube-system/coredns' }, port: 53, protocol: 'UDP' });
};

describe('assumed cluster services', () => {
  it('adds the DNS pods, kube-system and the ingress namespace to an app-only design, marked assumed', () => {
    const model = withAssumedServices(loadDesign([{ name: 'app.yaml', text: APP }]).cluster, DEFAULT_SETTINGS);
    const dns = model.workloads.find((w) => w.id === 'kube-system/coredns');
    expect(dns?.assumed?.service).toBe('dns');
    expect(dns?.labels).toEqual({ 'k8s-app': 'kube-dns' });
    expect(dns?.ports.map((p) => `${p.name} ${p.protocol} ${p.containerPort}`)).toEqual(['dns UDP 53', 'dns-tcp TCP 53', 'metrics TCP 9153']);
    expect(model.namespaces.filter((n) => n.assumed).map((n) => [n.name, n.labels['kubernetes.io/metadata.name']])).toEqual([
      ['kube-system', 'kube-system'], ['ingress-nginx', 'ingress-nginx'],
    ]);
    expect(describeAssumed(model).workloads[0]).toContain('kube-system/coredns');
    // Idempotent: the model in the cluster is already complete.
    expect(withAssumedServices(model, DEFAULT_SETTINGS)).toBe(model);
  });

  it('follows the settings (DNS namespace and labels) and assumes nothing the YAML declares', () => {
    const settings = { ...DEFAULT_SETTINGS, dns: { namespace: 'dns', podLabels: { app: 'resolver' } } };
    const model = withAssumedServices(loadDesign([{ name: 'app.yaml', text: APP }]).cluster, settings);
    expect(model.workloads.find((w) => w.assumed)?.id).toBe('dns/coredns');
    expect(model.workloads.find((w) => w.assumed)?.labels).toEqual({ app: 'resolver' });
    const declared = loadDesign([{ name: 'full.yaml', text: emitYaml([namespace('kube-system'), ...coreDns(), namespace('shop'), deployment('shop', 'web', { labels: { app: 'web' }, image: 'nginx' })]) }]);
    const full = withAssumedServices(declared.cluster, DEFAULT_SETTINGS);
    expect(full.workloads.filter((w) => w.assumed)).toEqual([]);
    expect(full.namespaces.filter((n) => n.assumed).map((n) => n.name)).toEqual(['ingress-nginx']);
  });

  it('DNS is allowed with the DNS policy and denied without it, as on a real cluster', () => {
    expect(dnsQuery(APP + DNS_POLICY).allowed).toBe(true);
    expect(dnsQuery(APP).allowed).toBe(false);
  });

  it('Explain\'s fix for denied DNS turns on the DNS switch (the DNS pods), never an ipBlock to the Service IP', () => {
    const design = inCluster(loadDesign([{ name: 'app.yaml', text: APP }]), DEFAULT_SETTINGS);
    const objects = design.manifests.map((m) => m.object);
    const fixes = suggestFixes(dnsQuery(APP), objects, DEFAULT_SETTINGS);
    expect(fixes.map((f) => f.id)).toEqual(['rule:dnsPortsKubeSystemNamespace']);
    const fixed = fixes[0]!.apply(objects);
    expect(JSON.stringify(fixed)).not.toContain('10.96.0.10');
    expect(dnsQuery(emitYaml(fixed)).allowed).toBe(true);
  });

  it('NodeLocal DNSCache: the DNS switch also allows the node-local address', () => {
    const settings = { ...DEFAULT_SETTINGS, nodeLocalDns: true };
    const design = inCluster(loadDesign([{ name: 'app.yaml', text: APP }]), settings);
    const objects = design.manifests.map((m) => m.object);
    const toCache = (text: string) => evaluate(compile(inCluster(loadDesign([{ name: 'a.yaml', text }]), settings).cluster),
      { from: { kind: 'workload', id: 'shop/web' }, to: { kind: 'ip', ip: '169.254.20.10' }, port: 53, protocol: 'UDP' });
    const denied = toCache(APP);
    expect(denied.allowed).toBe(false);
    const fixes = suggestFixes(denied, objects, settings);
    expect(fixes[0]?.id).toBe('rule:dnsPortsKubeSystemNamespace');
    expect(toCache(emitYaml(fixes[0]!.apply(objects))).allowed).toBe(true);
  });

  it('API server endpoint not set: Explain\'s fix says what to fill and writes nothing, never 10.96.0.1/32', () => {
    const design = inCluster(loadDesign([{ name: 'app.yaml', text: APP }]), DEFAULT_SETTINGS);
    const objects = design.manifests.map((m) => m.object);
    const verdict = evaluate(compile(design.cluster), { from: { kind: 'workload', id: 'shop/web' }, to: { kind: 'ip', ip: '10.96.0.1' }, port: 443, protocol: 'TCP' });
    expect(verdict.allowed).toBe(false);
    const fixes = suggestFixes(verdict, objects, DEFAULT_SETTINGS);
    expect(fixes.map((f) => f.id)).toEqual(['rule:kubeApiServer']);
    expect(fixes[0]!.unavailable).toContain('Set the kube-apiserver endpoint');
    expect(fixes[0]!.apply(objects)).toEqual(objects);
    // With the endpoint set, the fix allows the endpoint.
    const settings = { ...DEFAULT_SETTINGS, apiServer: { address: '192.168.178.123', port: 6443 } };
    const toEndpoint = evaluate(compile(design.cluster), { from: { kind: 'workload', id: 'shop/web' }, to: { kind: 'ip', ip: '192.168.178.123' }, port: 6443, protocol: 'TCP' });
    const set = suggestFixes(toEndpoint, objects, settings).find((f) => f.id === 'rule:kubeApiServer')!;
    expect(set.unavailable).toBeUndefined();
    expect(JSON.stringify(set.apply(objects))).toContain('192.168.178.123/32');
  });
});

import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../engine/index.ts';
import { emitYaml, loadDesign } from '../model/index.ts';
import { apiServerTarget, dnsWorkloadId, EXTERNAL_NODES, externalEndpoint } from './external.ts';
import { suggestFixes } from './fixes.ts';
import { listFlows } from './flows.ts';
import { SAMPLES, type Sample } from './samples.ts';
import { HOMELAB_FLOWS } from './samples/homelab.ts';
import { MULTI_TENANT_ADMIN_FLOWS, MULTI_TENANT_RULES } from './samples/multiTenant.ts';
import { isAdminRuleOn } from './adminRules.ts';
import { listAdminFlows } from './adminFlows.ts';
import { ep } from './testkit.ts';
import type { Protocol } from '../model/types.ts';

function sample(id: string): Sample {
  const s = SAMPLES.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
}

function open(yaml: string) {
  const design = loadDesign([{ name: 'sample.yaml', text: yaml }]);
  const c = compile(design.cluster);
  const allowed = (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') =>
    evaluate(c, { from: ep(from), to: ep(to), port, protocol }).allowed;
  return { design, c, allowed };
}

describe('samples', () => {
  it('there are four, each with a short story, and each loads with zero diagnostics of error severity', () => {
    expect(SAMPLES.map((s) => s.id)).toEqual(['jupyterhub', 'homelab', 'audited-cache', 'multi-tenant']);
    for (const s of SAMPLES) {
      const sentences = s.story.split(/(?<=\.)\s+/).length;
      expect(sentences, s.id).toBeGreaterThanOrEqual(2);
      expect(sentences, s.id).toBeLessThanOrEqual(4);
      for (const yaml of [s.yaml, ...(s.fixedYaml ? [s.fixedYaml] : [])]) {
        const { design } = open(yaml);
        expect(design.diagnostics.filter((d) => d.severity === 'error'), s.id).toEqual([]);
        expect(design.cluster.policies.length, s.id).toBeGreaterThan(0);
      }
    }
  });

  it('JupyterHub: user servers reach DNS and the internet only; hub and proxy keep their access', () => {
    const { allowed, design } = open(sample('jupyterhub').yaml);
    const settings = sample('jupyterhub').settings;
    const api = `ip:${apiServerTarget(settings).address}`;
    for (const user of ['jhub/jupyter-alice', 'jhub/jupyter-bob']) {
      expect(allowed(user, 'kube-system/coredns', 53, 'UDP')).toBe(true);
      expect(allowed(user, 'ip:8.8.8.8', 443)).toBe(true);
      expect(allowed(user, 'ip:10.1.2.3', 443)).toBe(false);
      expect(allowed(user, 'ip:192.168.1.10', 22)).toBe(false);
      expect(allowed(user, 'ip:169.254.169.254', 80)).toBe(false);
      expect(allowed(user, api, apiServerTarget(settings).port)).toBe(false);
      expect(allowed(user, 'jhub/hub', 8081)).toBe(true);
      expect(allowed(user, 'jhub/proxy', 8000)).toBe(true);
      expect(allowed(user, 'jhub/proxy', 8001)).toBe(false);
    }
    expect(allowed('jhub/jupyter-alice', 'jhub/jupyter-bob', 8888)).toBe(false);
    expect(allowed('jhub/hub', api, apiServerTarget(settings).port)).toBe(true);
    expect(allowed('jhub/hub', 'jhub/proxy', 8001)).toBe(true);
    expect(allowed('jhub/hub', 'jhub/jupyter-alice', 8888)).toBe(true);
    expect(allowed('jhub/proxy', 'jhub/jupyter-bob', 8888)).toBe(true);
    expect(allowed('jhub/proxy', 'jhub/hub', 8081)).toBe(true);
    expect(allowed('ip:8.8.8.8', 'jhub/proxy', 8000)).toBe(true);
    expect(allowed('ip:8.8.8.8', 'jhub/hub', 8081)).toBe(false);
    expect(allowed('ip:8.8.8.8', 'jhub/jupyter-alice', 8888)).toBe(false);
    expect(dnsWorkloadId(design.cluster, settings)).toBe('kube-system/coredns');
  });

  it('home lab: default deny everywhere, and exactly the drawn paths', () => {
    const s = sample('homelab');
    const { allowed, design } = open(s.yaml);
    const ctrl = 'nginx/ingress-nginx-controller';
    expect(allowed('ip:8.8.8.8', ctrl, 443)).toBe(true);
    expect(allowed('ip:8.8.8.8', ctrl, 80)).toBe(true);
    expect(allowed('ip:8.8.8.8', ctrl, 8443)).toBe(false);
    expect(allowed(ctrl, 'ip:192.168.178.123', 6443)).toBe(true);
    expect(allowed(ctrl, 'ip:192.168.178.50', 443)).toBe(false);
    expect(allowed(ctrl, 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed(ctrl, 'exposure/httpd-vm1', 8080)).toBe(true);
    expect(allowed(ctrl, 'media/jellyfin', 8096)).toBe(true);
    expect(allowed(ctrl, 'devtools/nexus', 8081)).toBe(true);
    expect(allowed('ip:8.8.8.8', 'devtools/nexus', 8081)).toBe(false);
    expect(allowed('devtools/nexus', 'ip:8.8.8.8', 443)).toBe(true);
    expect(allowed('devtools/nexus', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed('devtools/nexus', 'ip:192.168.178.50', 443)).toBe(false);
    expect(allowed('media/jellyfin', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('media/jellyfin', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(allowed('exposure/httpd-vm1', 'ip:192.168.178.50', 443)).toBe(true);
    expect(allowed('exposure/httpd-vm1', 'ip:192.168.178.51', 443)).toBe(false);
    expect(allowed('exposure/httpd-vm2', 'ip:192.168.178.51', 443)).toBe(true);
    expect(allowed('exposure/httpd-vm1', 'exposure/httpd-vm2', 8080)).toBe(false);
    expect(allowed('media/jellyfin', 'devtools/nexus', 8081)).toBe(false);
    // The flows are read back from the YAML.
    expect(listFlows(design.manifests.map((m) => m.object)).map(({ id: _id, ...spec }) => spec)).toEqual(HOMELAB_FLOWS);
  });

  it('audited cache: Ignite reaches neither the API server nor DNS; the fix allows both', () => {
    const s = sample('audited-cache');
    const api = `ip:${apiServerTarget(s.settings).address}`;
    const port = apiServerTarget(s.settings).port;
    const broken = open(s.yaml);
    expect(broken.allowed('cache-ns/ignite', api, port)).toBe(false);
    expect(broken.allowed('cache-ns/ignite', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(broken.allowed('cache-ns/ignite', 'kube-system/coredns', 53, 'TCP')).toBe(false);
    expect(broken.allowed('cache-ns/ignite', 'cache-ns/ignite', 47500)).toBe(true);

    const fixed = open(s.fixedYaml ?? '');
    expect(fixed.allowed('cache-ns/ignite', api, port)).toBe(true);
    expect(fixed.allowed('cache-ns/ignite', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(fixed.allowed('cache-ns/ignite', 'ip:8.8.8.8', 443)).toBe(false);
    expect(fixed.allowed('cache-ns/ignite', 'cache-ns/ignite', 47500)).toBe(true);

    // The generic suggestions find the same two fixes, from the verdicts alone.
    const objects = broken.design.manifests.map((m) => m.object);
    const dnsEndpoint = externalEndpoint('dns', s.settings, objects);
    expect(dnsEndpoint).toEqual({ kind: 'workload', id: 'kube-system/coredns' });
    const dnsVerdict = evaluate(broken.c, { from: ep('cache-ns/ignite'), to: dnsEndpoint, port: 53, protocol: 'UDP' });
    const apiVerdict = evaluate(broken.c, { from: ep('cache-ns/ignite'), to: ep(api), port, protocol: 'TCP' });
    const [dnsFix] = suggestFixes(dnsVerdict, objects, s.settings);
    const [apiFix] = suggestFixes(apiVerdict, objects, s.settings);
    expect(dnsFix?.id).toBe('rule:dnsPortsKubeSystemNamespace');
    expect(apiFix?.id).toBe('rule:kubeApiServer');
    const repaired = open(emitYaml(apiFix!.apply(dnsFix!.apply(objects))));
    expect(repaired.allowed('cache-ns/ignite', api, port)).toBe(true);
    expect(repaired.allowed('cache-ns/ignite', 'kube-system/coredns', 53, 'UDP')).toBe(true);
  });

  it('multi-tenant: admin rules first, a Pass decided by NetworkPolicies in tenant a and by the baseline in tenant b', () => {
    const s = sample('multi-tenant');
    const { allowed, c, design } = open(s.yaml);
    const why = (from: string, to: string, port: number | string, protocol: Protocol = 'TCP') =>
      evaluate(c, { from: ep(from), to: ep(to), port, protocol });
    const chain = (d: { chain: { tier: string; outcome: string }[] }) => d.chain.map((x) => `${x.tier}:${x.outcome}`);
    expect(design.cluster.adminPolicies.length).toBeGreaterThan(0);

    // Pass -> NetworkPolicy: tenant a's own policies decide inside tenant a.
    const webToApi = why('tenant-a/web', 'tenant-a/api', 9090);
    expect(webToApi.allowed).toBe(true);
    expect(chain(webToApi.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:Allow']);
    expect(chain(webToApi.egress)).toEqual(['Admin:Pass', 'NetworkPolicy:Allow']);
    const apiToWeb = why('tenant-a/api', 'tenant-a/web', 8080);
    expect(apiToWeb.allowed).toBe(false);
    expect(chain(apiToWeb.ingress)).toEqual(['Admin:Pass', 'NetworkPolicy:Deny']);
    // Pass -> baseline: tenant b has no NetworkPolicy, so the baseline default deny decides.
    const shopToDb = why('tenant-b/shop', 'tenant-b/db', 5432);
    expect(shopToDb.allowed).toBe(false);
    expect(chain(shopToDb.egress)).toEqual(['Admin:Pass', 'NetworkPolicy:NotIsolated', 'Baseline:Deny']);

    // Tenants cannot reach each other, whichever side has policies.
    for (const [from, to, port] of [['tenant-a/web', 'tenant-b/shop', 8080], ['tenant-b/shop', 'tenant-a/api', 9090]] as const) {
      const across = why(from, to, port);
      expect(across.allowed).toBe(false);
      expect(chain(across.ingress)).toEqual(['Admin:Deny']);
    }
    // DNS always works, even from tenant a's egress-isolated web and tenant b's closed pods.
    for (const pod of ['tenant-a/web', 'tenant-a/api', 'tenant-b/shop', 'tenant-b/db', 'monitoring/prometheus']) {
      expect(allowed(pod, 'kube-system/coredns', 53, 'UDP'), pod).toBe(true);
      expect(allowed(pod, 'kube-system/coredns', 53, 'TCP'), pod).toBe(true);
      expect(allowed(pod, 'ip:169.254.169.254', 80), pod).toBe(false);
    }
    expect(allowed('tenant-b/shop', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('tenant-a/web', 'ip:8.8.8.8', 443)).toBe(false);
    expect(allowed('monitoring/prometheus', 'ip:8.8.8.8', 443)).toBe(true);
    // Prometheus scrapes the metrics ports of both tenants, nothing else.
    for (const target of ['tenant-a/api', 'tenant-b/shop']) {
      const scrape = why('monitoring/prometheus', target, 'metrics');
      expect(scrape.allowed, target).toBe(true);
      expect(scrape.ingress.decidedBy, target).toBe('Admin');
    }
    expect(allowed('monitoring/prometheus', 'tenant-a/api', 9090)).toBe(false);
    expect(allowed('monitoring/prometheus', 'tenant-b/shop', 8080)).toBe(false);
    // api's NetworkPolicies select it for ingress only, so its egress is still the baseline's.
    const apiOut = why('tenant-a/api', 'monitoring/prometheus', 9090);
    expect(apiOut.allowed).toBe(false);
    expect(chain(apiOut.egress)).toEqual(['NetworkPolicy:NotIsolated', 'Baseline:Deny']);

    // The switches and the admin flows are read back from the YAML.
    const objects = design.manifests.map((m) => m.object);
    for (const id of MULTI_TENANT_RULES) expect(isAdminRuleOn(objects, id), id).toBe(true);
    expect(listAdminFlows(objects).map((f) => [{ from: f.from, to: f.to, ports: f.ports }, { action: f.action, priority: f.priority }])).toEqual(MULTI_TENANT_ADMIN_FLOWS);
  });

  it('external nodes: probe addresses fall in their own ranges', () => {
    for (const s of SAMPLES) {
      const nodes = EXTERNAL_NODES(s.settings);
      expect(nodes.map((n) => n.id)).toEqual(['internet', 'private', 'metadata', 'apiserver', 'dns']);
      expect(nodes.find((n) => n.id === 'apiserver')?.probeIp).toBe(apiServerTarget(s.settings).address);
    }
  });
});

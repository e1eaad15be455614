// The review's shortcuts at scale (design switches applied on the namespace's objects, diffs matched
// by identity first, documents located once per worker) against the straightforward computation they
// replace: the same findings, in the same order, with the same messages, locations and fixes.
import { describe, expect, it, vi } from 'vitest';
import { generateDump } from '../../../bench/dump/index.ts';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { clusterYaml } from '../../../scripts/synthetic-yaml.ts';
import { setAllowRule } from '../../design/allowRules.ts';
import { SAMPLES } from '../../design/samples.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { buildClusterFromObjects, emitYaml, loadDesign } from '../../model/index.ts';
import type { KubeObject } from '../../model/types.ts';
import { reviewEmitted } from '../../workers/findings.ts';
import type { Finding } from '../types.ts';
import type { AllowRuleStep } from './allowRuleEdit.ts';
import { reviewDesign } from './index.ts';

interface Case {
  name: string;
  objects: KubeObject[];
  settings: DesignSettings;
}

const objectsOf = (text: string) => loadDesign([{ name: 'in.yaml', text }]).manifests.map((m) => m.object);
const withApi: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '10.0.0.1', port: 6443 } };

function cases(): Case[] {
  const out: Case[] = [];
  for (const s of SAMPLES) {
    out.push({ name: `sample ${s.id}`, objects: objectsOf(s.yaml), settings: s.settings });
    if (s.id === 'homelab') out.push({ name: `sample ${s.id}, API server set`, objects: objectsOf(s.yaml), settings: { ...s.settings, apiServer: { address: '10.0.0.1', port: 6443 } } });
  }
  const synthetic = objectsOf(clusterYaml(syntheticCluster(150)));
  out.push({ name: 'synthetic 150 pods', objects: synthetic, settings: DEFAULT_SETTINGS });
  const tenants = objectsOf(tenantDesignYaml({ namespaces: 12 }));
  out.push({ name: 'tenants 12 namespaces', objects: tenants, settings: withApi });
  // An existing DNS switch the settings no longer match: its fix regenerates the policy in place.
  const switched = setAllowRule(setAllowRule(tenants, 'dnsPortsKubeSystemNamespace', { namespace: 'app-001' }, true, DEFAULT_SETTINGS),
    'dnsPortsKubeSystemNamespace', { namespace: 'app-002', workload: 'api' }, true, DEFAULT_SETTINGS);
  const moved = { ...DEFAULT_SETTINGS, dns: { ...DEFAULT_SETTINGS.dns, namespace: 'dns' } };
  out.push({ name: 'tenants with DNS switches, DNS moved', objects: switched, settings: moved });
  // The same switch's policy twice (a copy under another name): regenerating keeps one, drops the other.
  const copy = switched.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'app-001' && o.metadata.name.startsWith('allow-dns-kube-system'))!;
  const twice = [...switched.slice(0, 5), { ...copy, metadata: { ...copy.metadata, name: 'allow-dns-copy' } }, ...switched.slice(5)];
  out.push({ name: 'tenants with a DNS switch twice, DNS moved', objects: twice, settings: moved });
  // Small: the plugin-difference check probes Service addresses under every plugin, slowly.
  out.push({ name: 'kubectl dump 20 pods', objects: objectsOf(generateDump({ pods: 20, seed: 3 }).text), settings: withApi });
  // The app-only design: one namespace of an app, no kube-system in the YAML.
  out.push({ name: 'app only', objects: tenants.filter((o) => o.metadata.namespace === 'app-003' || (o.kind === 'Namespace' && o.metadata.name === 'app-003')), settings: DEFAULT_SETTINGS });
  return out;
}

/** reviewDesign with the straightforward computations: setAllowRule over every object, the full diff. */
async function referenceReview(): Promise<typeof reviewDesign> {
  vi.resetModules();
  vi.doMock('./allowRuleEdit.ts', async () => {
    const { setAllowRule: set } = await import('../../design/allowRules.ts');
    return {
      withAllowRules: (ctx: { objects: readonly KubeObject[]; settings: DesignSettings }, _namespace: string, steps: readonly AllowRuleStep[]) =>
        steps.reduce<KubeObject[]>((objects, s) => set(objects, s.id, s.target, true, ctx.settings), [...ctx.objects]),
    };
  });
  vi.doMock('./changes.ts', async (importOriginal) => {
    const original = await importOriginal<typeof import('./changes.ts')>();
    return { ...original, diffObjects: original.diffObjectsFully };
  });
  const { reviewDesign: reference } = await import('./index.ts');
  vi.doUnmock('./allowRuleEdit.ts');
  vi.doUnmock('./changes.ts');
  vi.resetModules();
  return reference;
}

const fixCount = (findings: readonly Finding[]) => findings.reduce((n, f) => n + f.fixes.length, 0);

describe('the review at scale gives the findings of the straightforward computation', async () => {
  const reference = await referenceReview();
  for (const c of cases()) {
    it(c.name, () => {
      const text = emitYaml(c.objects);
      // Reference: the text parsed in full (every location known up front).
      const expected = reference(loadDesign([{ name: 'design.yaml', text }]), c.settings);
      // As the review worker does it after a toggle: twice, the second time with documents located already.
      const built = buildClusterFromObjects(c.objects);
      const facts = { cluster: withAssumedServices(built.cluster, c.settings), diagnostics: built.diagnostics };
      const first = reviewEmitted(c.objects, text, 'design.yaml', c.settings, facts);
      const second = reviewEmitted(c.objects, text, 'design.yaml', c.settings, facts);
      expect(first).toEqual(expected);
      expect(second).toEqual(expected);
      // And the design as the CLI reads it.
      expect(reviewDesign(loadDesign([{ name: 'design.yaml', text }]), c.settings)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      if (c.name.startsWith('synthetic') || c.name.startsWith('tenants')) expect(fixCount(expected)).toBeGreaterThan(0);
    });
  }
});

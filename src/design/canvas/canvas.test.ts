import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/index.ts';
import { setAllowRule, isAllowRuleOn } from '../allowRules.ts';
import { addFlow, listFlows } from '../flows.ts';
import { networkPolicy } from '../objects.ts';
import { load, prober } from '../testkit.ts';
import { DEFAULT_SETTINGS, type FlowEnd } from '../types.ts';
import {
  addNamespace, addService, addWorkload, deleteTarget, duplicateWorkload, nameProblems, parseLabels, parsePorts, referencesOf, renameNamespace,
  renameWorkload, setNamespaceLabels, setWorkloadLabels, setWorkloadPorts, workloadFields,
} from './index.ts';

const S = DEFAULT_SETTINGS;
const wl = (namespace: string, name: string): FlowEnd => ({ kind: 'workload', namespace, name });

/** Two namespaces built the way the canvas builds them, from nothing. */
function twoTier(): KubeObject[] {
  let o: KubeObject[] = [];
  o = addNamespace(o, 'front', { team: 'web' });
  o = addNamespace(o, 'back');
  o = addWorkload(o, { namespace: 'front', name: 'web', kind: 'Deployment', labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], replicas: 2 });
  o = addWorkload(o, { namespace: 'back', name: 'api', kind: 'StatefulSet', labels: { app: 'api' }, ports: [{ name: 'grpc', containerPort: 9000, protocol: 'TCP' }, { containerPort: 5353, protocol: 'UDP' }] });
  o = addService(o, { namespace: 'back', name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'grpc', protocol: 'TCP' }] });
  return o;
}

describe('fields', () => {
  it('names follow the API server: namespace DNS-1123 label, Service DNS-1035, workload subdomain', () => {
    expect(nameProblems('shop', 'namespace')).toEqual([]);
    expect(nameProblems('Shop', 'namespace')[0]).toMatch(/not valid: use lowercase/);
    expect(nameProblems('a.b', 'namespace')).not.toEqual([]);
    expect(nameProblems('a.b', 'workload')).toEqual([]);
    expect(nameProblems('1api', 'service')).not.toEqual([]);
    expect(nameProblems('1api', 'workload')).toEqual([]);
    expect(nameProblems('', 'workload')[0]).toMatch(/required/);
    expect(nameProblems('x'.repeat(64), 'namespace')).not.toEqual([]);
  });
  it('labels and ports parse from short text with clear problems', () => {
    expect(parseLabels('app=web, tier=front')).toEqual({ ok: true, value: { app: 'web', tier: 'front' } });
    expect(parseLabels('app')).toEqual({ ok: false, problems: [expect.stringMatching(/needs a value/)] });
    expect(parseLabels('-bad=x')).toMatchObject({ ok: false });
    expect(parseLabels('app=has space')).toMatchObject({ ok: false });
    expect(parsePorts('http=8080, 53/udp 9000')).toEqual({
      ok: true,
      value: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 9000, protocol: 'TCP' }],
    });
    for (const bad of ['0', '70000', '80/ICMP', 'HTTP=80', 'x', '80, 80']) expect(parsePorts(bad), bad).toMatchObject({ ok: false });
  });
});

describe('create', () => {
  it('a design built from nothing is valid YAML the engine evaluates, and flows and switches work on it', () => {
    let o = twoTier();
    const design = load(o);
    expect(design.cluster.workloads.map((w) => w.id).sort()).toEqual(['back/api', 'front/web']);
    expect(prober(o)('front/web', 'back/api', 9000)).toBe(true); // nothing isolates yet
    o = addFlow(o, { from: wl('front', 'web'), to: wl('back', 'api'), ports: [{ protocol: 'TCP', port: 'grpc' }] }, S).objects;
    o = setAllowRule(o, 'defaultDenyIngress', { namespace: 'back' }, true, S);
    o = setAllowRule(o, 'defaultDenyEgress', { namespace: 'front' }, true, S);
    expect(isAllowRuleOn(o, 'defaultDenyIngress', { namespace: 'back' })).toBe(true);
    const allowed = prober(o);
    expect(allowed('front/web', 'back/api', 9000)).toBe(true);
    expect(allowed('front/web', 'back/api', 5353, 'UDP')).toBe(false);
    expect(allowed('back/api', 'front/web', 8080)).toBe(true); // the other direction: nobody isolated it
    expect(allowed('front/web', 'ip:8.8.8.8', 443)).toBe(false);
  });
  it('refuses duplicates, bad names and label-less workloads', () => {
    const o = twoTier();
    expect(() => addNamespace(o, 'front')).toThrow(/already exists/);
    expect(() => addNamespace(o, 'Bad_NS')).toThrow(/not valid/);
    expect(() => addWorkload(o, { namespace: 'front', name: 'web', kind: 'Pod', labels: { app: 'x' }, ports: [] })).toThrow(/already exists/);
    expect(() => addWorkload(o, { namespace: 'front', name: 'job', kind: 'Deployment', labels: {}, ports: [] })).toThrow(/at least one label/);
    expect(() => addService(o, { namespace: 'back', name: '9svc', selector: { app: 'api' }, ports: [{ port: 80, protocol: 'TCP' }] })).toThrow(/Service name/);
  });
  it('a Service with several ports names each (the API server requires it) and validates', () => {
    const o = addService(twoTier(), { namespace: 'front', name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] });
    const design = load(o);
    expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const svc = o.at(-1)!;
    expect((svc['spec'] as { ports: { name?: string }[] }).ports.map((p) => p.name)).toEqual(['http', 'udp-53']);
  });
  it('a workload in a namespace not yet declared declares it', () => {
    const o = addWorkload([], { namespace: 'new', name: 'p', kind: 'Pod', labels: { app: 'p' }, ports: [] });
    expect(o.map((x) => x.kind)).toEqual(['Namespace', 'Pod']);
    expect(load(o).cluster.workloads[0]?.labels).toEqual({ app: 'p' });
  });
});

describe('edit', () => {
  it('labels of a controller change its template and its selector together; policies follow the labels', () => {
    let o = twoTier();
    o = addFlow(o, { from: wl('front', 'web'), to: wl('back', 'api'), ports: [{ protocol: 'TCP', port: 9000 }] }, S).objects;
    o = setWorkloadLabels(o, { namespace: 'back', name: 'api' }, { app: 'api2', tier: 'db' });
    const f = workloadFields(o, { namespace: 'back', name: 'api' })!;
    expect(f.labels).toEqual({ app: 'api2', tier: 'db' });
    const sts = o.find((x) => x.kind === 'StatefulSet')!;
    expect((sts['spec'] as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'api2', tier: 'db' } });
    // The flow's policies still select app=api: the new labels leave api unselected (ingress open).
    expect(prober(o)('front/web', 'back/api', 5353, 'UDP')).toBe(false); // web is still isolated for egress
    expect(load(o).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(() => setWorkloadLabels(o, { namespace: 'back', name: 'api' }, {})).toThrow(/at least one label/);
  });
  it('ports replace the first container\'s; namespace labels keep kubernetes.io/metadata.name', () => {
    let o = setWorkloadPorts(twoTier(), { namespace: 'front', name: 'web' }, [{ name: 'web', containerPort: 80, protocol: 'TCP' }]);
    expect(workloadFields(o, { namespace: 'front', name: 'web' })!.ports).toEqual([{ name: 'web', containerPort: 80, protocol: 'TCP' }]);
    expect(load(o).cluster.workloads.find((w) => w.id === 'front/web')?.ports.map((p) => p.containerPort)).toEqual([80]);
    o = setNamespaceLabels(o, 'back', { env: 'prod' });
    expect(o.find((x) => x.kind === 'Namespace' && x.metadata.name === 'back')!.metadata.labels).toEqual({ env: 'prod', 'kubernetes.io/metadata.name': 'back' });
  });
});

describe('references, rename, delete, duplicate', () => {
  const withFlow = () => {
    let o = twoTier();
    o = addFlow(o, { from: wl('front', 'web'), to: wl('back', 'api'), ports: [{ protocol: 'TCP', port: 9000 }] }, S).objects;
    o = setAllowRule(o, 'defaultDenyIngress', { namespace: 'back', workload: 'api' }, true, S);
    o = [...o, networkPolicy('hand-written', 'back', {}, 'by hand', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } }, podSelector: { matchLabels: { app: 'web' } } }] }],
    })];
    return o;
  };
  it('lists flows, switches, policies and Services that refer to a workload or a namespace', () => {
    const o = withFlow();
    const api = referencesOf(o, { kind: 'workload', namespace: 'back', name: 'api' }).map((r) => r.text);
    expect(api).toEqual([
      'drawn flow web-to-api',
      expect.stringMatching(/^switch defaultDenyIngress/),
      'Service back/api sends traffic to its pods',
      'NetworkPolicy back/hand-written: selects its pods',
    ]);
    const web = referencesOf(o, { kind: 'workload', namespace: 'front', name: 'web' }).map((r) => r.text);
    expect(web).toEqual(['drawn flow web-to-api', 'NetworkPolicy back/hand-written: names its pods in ingress rule 1']);
    const front = referencesOf(o, { kind: 'namespace', name: 'front' }).map((r) => r.text);
    expect(front).toEqual(['drawn flow web-to-api', 'Deployment front/web lives in it', 'NetworkPolicy back/hand-written selects it by its labels']);
  });
  it('renaming a workload keeps its flow and switch; renaming a namespace carries selectors, flows and switches', () => {
    let o = renameWorkload(withFlow(), { namespace: 'back', name: 'api' }, 'store');
    expect(listFlows(o)[0]?.to).toEqual(wl('back', 'store'));
    expect(isAllowRuleOn(o, 'defaultDenyIngress', { namespace: 'back', workload: 'store' })).toBe(true);
    expect(prober(o)('front/web', 'back/store', 9000)).toBe(true);
    o = renameNamespace(o, 'front', 'edge');
    expect(listFlows(o)[0]?.from).toEqual(wl('edge', 'web'));
    const allowed = prober(o);
    expect(allowed('edge/web', 'back/store', 9000)).toBe(true);
    expect(allowed('edge/web', 'back/store', 9001)).toBe(false);
    expect(referencesOf(o, { kind: 'namespace', name: 'edge' }).map((r) => r.text)).toContain('NetworkPolicy back/hand-written selects it by its labels');
    expect(() => renameNamespace(o, 'edge', 'back')).toThrow(/already exists/);
    expect(() => renameWorkload(o, { namespace: 'back', name: 'store' }, 'Bad')).toThrow(/not valid/);
  });
  it('deleting takes the flows and switches that name the target, and keeps label-selected policies', () => {
    const o = withFlow();
    const noApi = deleteTarget(o, { kind: 'workload', namespace: 'back', name: 'api' });
    expect(listFlows(noApi)).toEqual([]);
    expect(noApi.some((x) => x.metadata.name === 'hand-written')).toBe(true);
    expect(noApi.some((x) => x.kind === 'StatefulSet')).toBe(false);
    const noFront = deleteTarget(o, { kind: 'namespace', name: 'front' });
    expect(noFront.filter((x) => x.metadata.namespace === 'front' || x.metadata.name === 'front')).toEqual([]);
    expect(listFlows(noFront)).toEqual([]);
    expect(load(noFront).cluster.workloads.map((w) => w.id)).toEqual(['back/api']);
  });
  it('a duplicate gets its own labels, so no selector of either picks the other\'s pods', () => {
    const { objects, name } = duplicateWorkload(twoTier(), { namespace: 'front', name: 'web' });
    expect(name).toBe('web-copy');
    expect(workloadFields(objects, { namespace: 'front', name })).toMatchObject({ labels: { app: 'web-copy' }, replicas: 2, ports: [{ containerPort: 8080 }] });
    const again = duplicateWorkload(objects, { namespace: 'front', name: 'web' });
    expect(again.name).toBe('web-copy-2');
    const odd = addWorkload(twoTier(), { namespace: 'front', name: 'cache', kind: 'Pod', labels: { tier: 'store' }, ports: [] });
    expect(workloadFields(duplicateWorkload(odd, { namespace: 'front', name: 'cache' }).objects, { namespace: 'front', name: 'cache-copy' })?.labels)
      .toEqual({ tier: 'store', 'app.kubernetes.io/instance': 'cache-copy' });
  });
});

// What the canvas draws for cluster-scoped policies: edge kinds, admin denies between namespaces,
// and namespace headers tall enough for their policy chips.
import { describe, expect, it } from 'vitest';
import { addAdminFlow } from '../../design/adminFlows.ts';
import { setAdminRule } from '../../design/adminRules.ts';
import { multiTenantObjects } from '../../design/samples.ts';
import { DEFAULT_SETTINGS, type FlowSpec } from '../../design/types.ts';
import type { KubeObject } from '../../model/types.ts';
import { analyzeObjects, type GraphData } from '../../workers/analysis.ts';
import { homelabObjects } from '../../design/samples/homelab.ts';
import { ADMIN_ROW, derive, EXT_H, EXT_W, NS_HEADER, peersText, POD_H, POD_W, type AppEdge } from './derive.ts';

function graphOf(objects: KubeObject[]): GraphData {
  const r = analyzeObjects(objects, DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error('analysis failed');
  return r.analysis.graph;
}

const edge = (edges: AppEdge[], from: string, to: string) => edges.find((e) => e.source === from && e.target === to);

describe('derive with admin policies', () => {
  const graph = graphOf(multiTenantObjects());

  it('draws admin Allow paths and admin flows in the admin style, with action and priority', () => {
    const { edges } = derive(graph, {}, {}, null);
    expect(edge(edges, 'wl:monitoring/prometheus', 'wl:tenant-b/shop')?.data?.kind).toBe('admin');
    const flow = edge(edges, 'wl:monitoring/prometheus', 'ns:tenant-b');
    expect(flow?.data).toMatchObject({ kind: 'admin', label: 'Allow 61: TCP metrics' });
    // NetworkPolicy paths keep their style.
    expect(edge(edges, 'wl:tenant-a/web', 'wl:tenant-a/api')?.data?.kind).toBe('flow-allowed');
  });

  it('draws admin denies between namespaces, without arrowheads, only when asked', () => {
    const shown = derive(graph, {}, {}, null, { showCuts: true }).edges;
    const cut = edge(shown, 'ns:tenant-a', 'ns:tenant-b');
    expect(cut?.data).toMatchObject({ kind: 'admin-cut', label: 'denied by isolate-tenant-b', showLabel: false });
    expect(cut?.markerEnd).toBeUndefined();
    expect(cut?.ariaLabel).toMatch(/^Admin deny from namespace tenant-a to namespace tenant-b: /);
    expect(edge(shown, 'ns:monitoring', 'ext:metadata')?.data?.kind).toBe('admin-cut');
    const hidden = derive(graph, {}, {}, null, { showCuts: false }).edges;
    expect(hidden.some((e) => e.data?.kind === 'admin-cut')).toBe(false);
    expect(hidden.length).toBe(shown.length - shown.filter((e) => e.data?.kind === 'admin-cut').length);
  });

  it('a collapsed namespace carries the denies of its pods; a selected deny shows its label', () => {
    const { edges } = derive(graph, { 'tenant-a': false }, {}, { kind: 'edge', id: 'e:ns:tenant-a->ns:tenant-b' });
    expect(edge(edges, 'ns:tenant-a', 'ns:tenant-b')?.data).toMatchObject({ kind: 'admin-cut', showLabel: true });
  });

  it('a Deny admin flow that holds is an admin deny; one an earlier Allow defeats is a blocked flow', () => {
    const spec: FlowSpec = { from: { kind: 'workload', namespace: 'monitoring', name: 'prometheus' }, to: { kind: 'workload', namespace: 'tenant-b', name: 'db' }, ports: [{ protocol: 'TCP', port: 5432 }] };
    const holds = derive(graphOf(addAdminFlow(multiTenantObjects(), spec, { action: 'Deny', priority: 70 }).objects), {}, {}, null).edges;
    expect(edge(holds, 'wl:monitoring/prometheus', 'wl:tenant-b/db')?.data).toMatchObject({ kind: 'admin-cut', label: 'Deny 70: TCP 5432' });
    let objects = addAdminFlow(multiTenantObjects(), spec, { action: 'Allow', priority: 65 }).objects;
    objects = addAdminFlow(objects, spec, { action: 'Deny', priority: 70 }).objects;
    const defeated = edge(derive(graphOf(objects), {}, {}, null).edges, 'wl:monitoring/prometheus', 'wl:tenant-b/db');
    expect(defeated?.data?.kind).toBe('flow-blocked');
    expect(defeated?.data?.label).toContain('Deny 70 not in effect: TCP 5432 still allowed');
  });

  it('namespace headers grow by a row per line of policy chips; pods start below them', () => {
    const { nodes } = derive(graph, {}, {}, null);
    const tenantB = nodes.find((n) => n.id === 'ns:tenant-b');
    const monitoring = nodes.find((n) => n.id === 'ns:monitoring');
    if (tenantB?.type !== 'namespaceGroup' || monitoring?.type !== 'namespaceGroup') throw new Error('expected expanded namespaces');
    expect(tenantB.data.headerHeight).toBeGreaterThanOrEqual(NS_HEADER + ADMIN_ROW);
    expect(monitoring.data.headerHeight).toBe(NS_HEADER + ADMIN_ROW);
    for (const pod of nodes.filter((n) => n.parentId === 'ns:tenant-b')) expect(pod.position.y).toBeGreaterThanOrEqual(tenantB.data.headerHeight);
    // A saved position above the chips is moved below them.
    const moved = derive(graph, {}, { 'wl:tenant-b/shop': { x: 14, y: 10 } }, null).nodes.find((n) => n.id === 'wl:tenant-b/shop');
    expect(moved?.position.y).toBe(tenantB.data.headerHeight);
    // Without admin policies the header is the plain one.
    let plain = multiTenantObjects();
    for (const id of ['allowClusterDns', 'denyMetadataServer', 'isolateTenants', 'passSameNamespace', 'baselineDefaultDeny'] as const) plain = setAdminRule(plain, id, false);
    plain = plain.filter((o) => !['AdminNetworkPolicy', 'ClusterNetworkPolicy', 'BaselineAdminNetworkPolicy'].includes(o.kind));
    const bare = derive(graphOf(plain), {}, {}, null).nodes.find((n) => n.id === 'ns:tenant-b');
    expect(bare?.type === 'namespaceGroup' && bare.data.headerHeight).toBe(NS_HEADER);
  });

  it('workloads decided by the baseline say so to screen readers', () => {
    const shop = derive(graph, {}, {}, null).nodes.find((n) => n.id === 'wl:tenant-b/shop');
    expect(shop?.ariaLabel).toContain('ingress decided by the baseline, egress decided by the baseline');
  });
});

describe('derive: node sizes and what the nodes say', () => {
  const graph = graphOf(homelabObjects());

  it('pods start below the two-line namespace header; nodes have the sizes the layout assumes', () => {
    const { nodes } = derive(graph, {}, {}, null);
    for (const pod of nodes.filter((n) => n.type === 'workload')) {
      expect(pod.position.y).toBeGreaterThanOrEqual(NS_HEADER);
      expect([pod.width, pod.height]).toEqual([POD_W, POD_H]);
    }
    for (const ext of nodes.filter((n) => n.type === 'external')) expect([ext.width, ext.height]).toEqual([EXT_W, EXT_H]);
    // The header is 48px tall (app.css): the pods keep a gap below it.
    expect(NS_HEADER).toBeGreaterThanOrEqual(48 + 6);
  });

  it('a workload whose pods may not reach each other says so in words', () => {
    const nexus = derive(graph, {}, {}, null).nodes.find((n) => n.id === 'wl:devtools/nexus');
    expect(nexus?.ariaLabel).toContain('; peers: its pods may not connect to each other');
    expect(peersText('StatefulSet', 'none').long).toMatch(/^Peers: none\. The pods of this StatefulSet may not connect to each other/);
    expect(peersText('Deployment', 'TCP 47100, 47500').short).toBe('its pods may connect to each other on TCP 47100, 47500');
    expect(peersText('Deployment', 'all').short).toBe('its pods may connect to each other on all ports');
  });

  it('the selected node says so to screen readers; the others do not', () => {
    const { nodes } = derive(graph, {}, {}, { kind: 'node', id: 'wl:devtools/nexus' });
    expect(nodes.find((n) => n.id === 'wl:devtools/nexus')).toMatchObject({ selected: true, ariaLabel: expect.stringMatching(/ \(selected\)$/) });
    for (const n of nodes.filter((m) => m.id !== 'wl:devtools/nexus')) expect(n.ariaLabel).not.toContain('(selected)');
    const ns = derive(graph, {}, {}, { kind: 'node', id: 'ns:devtools' }).nodes.find((n) => n.id === 'ns:devtools');
    expect(ns?.ariaLabel).toMatch(/^Namespace devtools: .* \(selected\)$/);
    const ext = derive(graph, {}, {}, { kind: 'node', id: 'ext:internet' }).nodes.find((n) => n.id === 'ext:internet');
    expect(ext?.ariaLabel).toMatch(/^Outside the cluster: Internet \(.*\) \(selected\)$/);
  });
});

describe('nodes that arrive after the layout', () => {
  const graph = graphOf(homelabObjects());
  const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0;
  const boxes = (positions: Record<string, { x: number; y: number }>, g: GraphData) =>
    derive(g, {}, positions, null).nodes.filter((n) => !n.parentId).map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 }));

  it('a namespace without a saved position lands under the laid-out design, on no node', () => {
    // "Laid out": every top-level node saved where derive drew it, then moved apart as a layout would.
    const positions = Object.fromEntries(boxes({}, graph).map((b, i) => [b.id, { x: b.x + (i % 3) * 50, y: b.y + 20 * i }]));
    const late: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'zz-late' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'zz-late', labels: { app: 'late' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
    ];
    const after = boxes(positions, graphOf([...homelabObjects(), ...late]));
    const fresh = after.find((b) => b.id === 'ns:zz-late')!;
    expect(positions['ns:zz-late']).toBeUndefined();
    const others = after.filter((b) => b.id !== 'ns:zz-late');
    expect(others.filter((b) => overlap(fresh, b)).map((b) => b.id)).toEqual([]);
    expect(fresh.y).toBeGreaterThanOrEqual(Math.max(...others.map((b) => b.y + b.h)));
    // The laid-out nodes stay where they were.
    for (const b of others) expect({ x: b.x, y: b.y }).toEqual(positions[b.id]);
  });

  it('a design nobody laid out keeps its default arrangement', () => {
    const a = boxes({}, graph);
    for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) expect(overlap(a[i]!, a[j]!), `${a[i]!.id} / ${a[j]!.id}`).toBe(false);
  });
});

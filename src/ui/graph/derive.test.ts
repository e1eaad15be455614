// What the canvas draws for cluster-scoped policies: edge kinds, admin denies between namespaces,
// and namespace headers tall enough for their policy chips.
import { describe, expect, it } from 'vitest';
import { addAdminFlow } from '../../design/adminFlows.ts';
import { setAdminRule } from '../../design/adminRules.ts';
import { multiTenantObjects } from '../../design/samples.ts';
import { DEFAULT_SETTINGS, type FlowSpec } from '../../design/types.ts';
import type { KubeObject } from '../../model/types.ts';
import { analyzeObjects, type GraphData } from '../../workers/analysis.ts';
import { ADMIN_ROW, derive, NS_HEADER, type AppEdge } from './derive.ts';

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

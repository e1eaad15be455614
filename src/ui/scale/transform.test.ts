import { describe, expect, it } from 'vitest';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { analyzeCluster, analyzeText, MAX_PAIRS, type GraphData } from '../../workers/analysis.ts';
import { loadDesign } from '../../model/index.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { derive, deriveMemo, type AppNode } from '../graph/derive.ts';
import { filterGraph, focusGraph, groupGraph, groupingLabels, NO_FILTERS, parsePortFilter } from './transform.ts';
import { deriveShown, shownGraph } from './shown.ts';

function graphOf(namespaces: number, teams: number): GraphData {
  const r = analyzeText(tenantDesignYaml({ namespaces, teams }), 'tenants.yaml', DEFAULT_SETTINGS);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.analysis.graph;
}

const g = graphOf(6, 2);

describe('overview', () => {
  it('groups by the team label first, and counts every namespace of a group', () => {
    expect(groupingLabels(g.namespaces)[0]).toBe('team');
    const grouped = groupGraph(g, 'team');
    const team0 = grouped.namespaces.find((ns) => ns.name === 'team=team-0');
    expect(team0?.group?.namespaces).toEqual(['app-000', 'app-002', 'app-004']);
    expect(team0?.workloads).toHaveLength(18);
    // Namespaces without the label stay themselves.
    expect(grouped.namespaces.map((ns) => ns.name)).toContain('ingress-nginx');
    // The drawn edges join groups: the sibling API calls of team-0 stay inside its group.
    const d = derive(grouped, Object.fromEntries(grouped.namespaces.map((ns) => [ns.name, false])), {}, null);
    const edgeIds = d.edges.map((e) => e.id);
    expect(edgeIds).toContain('e:ns:ingress-nginx->ns:team=team-0');
    expect(edgeIds.some((id) => id.includes('team=team-0->ns:team=team-1'))).toBe(false);
  });

  it('orders groups as people count: team-2 before team-10', () => {
    const names = groupGraph(graphOf(24, 12), 'team').namespaces.map((ns) => ns.name).filter((n) => n.startsWith('team='));
    expect(names.indexOf('team=team-2')).toBeLessThan(names.indexOf('team=team-10'));
    expect(names.indexOf('team=team-10')).toBeLessThan(names.indexOf('team=team-11'));
  });

  it('opens large designs in the overview and small ones in full', () => {
    expect(shownGraph(g, { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS }).mode).toBe('detail');
    const big = graphOf(42, 6);
    const view = shownGraph(big, { focus: null, overview: 'auto', groupBy: null, filters: NO_FILTERS });
    expect(view.mode).toBe('overview');
    expect(view.groupLabel).toBe('team');
    expect(view.graph.namespaces).toHaveLength(9);
  });
});

describe('focus', () => {
  it('shows a workload with the nodes it has paths with, both ways, and no others', () => {
    const f = focusGraph(g, 'wl:app-002/api')!;
    expect([...f.outOf].sort()).toEqual(expect.arrayContaining(['wl:app-002/db', 'wl:app-002/cache', 'wl:app-000/api', 'wl:app-004/api', 'ext:internet']));
    expect([...f.into]).toEqual(expect.arrayContaining(['wl:app-002/frontend', 'wl:app-000/api', 'wl:monitoring/prometheus']));
    const keys = f.graph.workloads.map((w) => w.key);
    expect(keys).not.toContain('wl:app-001/api');
    expect(keys).not.toContain('wl:app-002/batch'); // no path with the API
    expect(f.graph.pairs.every((p) => p.from === 'wl:app-002/api' || p.to === 'wl:app-002/api')).toBe(true);
    expect(f.graph.externals).toHaveLength(g.externals.length);
  });

  it('focuses a group of namespaces by its overview name', () => {
    const f = focusGraph(g, 'ns:team=team-1')!;
    expect(f.members.size).toBe(18);
    expect(f.graph.namespaces.map((ns) => ns.name)).toEqual(expect.arrayContaining(['app-001', 'app-003', 'app-005', 'ingress-nginx', 'monitoring']));
    expect(f.graph.namespaces.map((ns) => ns.name)).not.toContain('app-000');
    // 18 workloads in three namespaces: opened.
    expect(['app-001', 'app-003', 'app-005'].map((n) => f.expanded[n])).toEqual([true, true, true]);
  });

  it('answers undefined for a node the design does not have', () => {
    expect(focusGraph(g, 'wl:nowhere/x')).toBeUndefined();
  });

  it('draws a focus on many namespaces with many workloads as boxes, and one namespace always opened', () => {
    const big = graphOf(24, 2);
    const team = focusGraph(big, 'ns:team=team-0')!;
    expect(team.members.size).toBeGreaterThan(40);
    const teamNamespaces = big.namespaces.filter((ns) => ns.labels.team === 'team-0').map((ns) => ns.name);
    expect(teamNamespaces.length).toBeGreaterThan(1);
    for (const n of teamNamespaces) expect(team.expanded[n], n).toBe(false);
    const one = focusGraph(big, 'ns:app-000')!;
    expect(one.expanded['app-000']).toBe(true);
  });
});

describe('focus drawn compactly', () => {
  const view = shownGraph(g, { focus: 'wl:app-002/api', overview: 'auto', groupBy: null, filters: NO_FILTERS });
  const d = deriveShown(view, {}, {}, null, { showCuts: true });
  const byId = new Map<string, AppNode>(d.nodes.map((n) => [n.id, n]));

  it('draws a neighbour namespace with one workload shown as that workload, named with its namespace', () => {
    // app-000 talks to the focus through its API only: one node, not a box holding one box.
    expect(view.focused!.graph.namespaces.find((ns) => ns.name === 'app-000')?.workloads).toEqual(['wl:app-000/api']);
    const api = byId.get('wl:app-000/api')!;
    expect(api.parentId).toBeUndefined();
    expect(api.data).toMatchObject({ single: true });
    expect(api.width).toBeGreaterThan(api.height!);
    expect(byId.has('ns:app-000')).toBe(false);
    expect(d.shownAs.get('ns:app-000')).toBe('wl:app-000/api');
    expect(api.ariaLabel).toContain('in namespace app-000');
    // The focus's own namespace stays a box around its workloads.
    expect(byId.get('wl:app-002/api')!.parentId).toBe('ns:app-002');
  });

  it('keeps every path of the focus on an edge between drawn nodes', () => {
    for (const e of d.edges) {
      expect(byId.has(e.source), e.id).toBe(true);
      expect(byId.has(e.target), e.id).toBe(true);
    }
    const shown = (k: string) => d.shownAs.get(k);
    const expected = view.graph.pairs.filter((p) => shown(p.from) !== undefined && shown(p.to) !== undefined && shown(p.from) !== shown(p.to));
    expect(d.edges.reduce((a, e) => a + e.data!.pairs.length, 0)).toBe(expected.length);
    expect(d.edges.some((e) => e.source === 'wl:app-002/api' && e.target === 'wl:app-000/api')).toBe(true);
  });

  it('draws the namespace again once the same memo draws the full picture', () => {
    const memo = deriveMemo();
    const graph = view.graph;
    const expanded = Object.fromEntries(graph.namespaces.map((ns) => [ns.name, true]));
    const focus = derive(graph, expanded, {}, null, { showCuts: true, singleNamespaces: true }, undefined, memo);
    expect(focus.shownAs.get('ns:app-000')).toBe('wl:app-000/api');
    const full = derive(graph, expanded, {}, null, { showCuts: true }, undefined, memo);
    expect(full.shownAs.get('ns:app-000')).toBe('ns:app-000');
    expect(full.nodes.find((n) => n.id === 'wl:app-000/api')?.parentId).toBe('ns:app-000');
  });
});

describe('filters', () => {
  it('keeps only paths to the outside, or those carrying a port', () => {
    const outside = filterGraph(g, { ...NO_FILTERS, outsideOnly: true });
    expect(outside.pairs.length).toBeGreaterThan(0);
    expect(outside.pairs.every((p) => p.from.startsWith('ext:') || p.to.startsWith('ext:'))).toBe(true);
    const db = filterGraph(g, { ...NO_FILTERS, port: '5432' });
    expect(db.pairs.length).toBeGreaterThan(0);
    expect(db.pairs.every((p) => p.to.endsWith('/db') || p.conn.all || p.conn.byProtocol.TCP.some((r) => r.from <= 5432 && r.to >= 5432))).toBe(true);
    expect(db.pairs.length).toBeLessThan(g.pairs.length);
  });

  it('reads ports as people write them', () => {
    expect(parsePortFilter('53/udp')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortFilter('UDP 53')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortFilter('443')).toEqual({ port: 443, protocol: 'TCP' });
    expect(parsePortFilter('70000')).toBeUndefined();
    expect(parsePortFilter('http')).toBeUndefined();
  });
});

describe('many pairs', () => {
  it('folds pairs past the cap per namespace pair instead of dropping them', () => {
    expect(MAX_PAIRS).toBeGreaterThan(100_000);
    // Every namespace keeps paths: none is silently empty.
    const withPaths = new Set(g.pairs.flatMap((p) => [p.from, p.to]).map((k) => k.split('/')[0]));
    for (const ns of g.namespaces.filter((n) => n.name.startsWith('app-'))) expect(withPaths).toContain(`wl:${ns.name}`);
    expect(g.truncated).toBe(false);
  });

  it('past the cap, every pair is still there, folded per namespace pair', () => {
    const design = loadDesign([{ name: 't.yaml', text: tenantDesignYaml({ namespaces: 6, teams: 2 }) }]);
    const objects = design.manifests.map((m) => m.object);
    const full = analyzeCluster(objects, design.cluster, DEFAULT_SETTINGS);
    const capped = analyzeCluster(objects, design.cluster, DEFAULT_SETTINGS, 40);
    expect(full.truncated).toBe(false);
    expect(capped.truncated).toBe(true);
    expect(capped.truncatedNamespaces.length).toBeGreaterThan(0);
    const listed = capped.pairs.filter((p) => p.members === undefined);
    expect(listed).toHaveLength(40);
    const folded = capped.pairs.filter((p) => p.members !== undefined);
    expect(listed.length + folded.reduce((a, p) => a + p.members!, 0)).toBe(full.pairs.length);
    // Each pair of the full list is in the capped one: as itself, or in its namespaces' folded pair.
    const nsOf = (k: string) => (k.startsWith('wl:') ? `ns:${k.slice(3).split('/')[0]}` : k);
    const listedIds = new Set(listed.map((p) => `${p.from}>${p.to}`));
    const foldedIds = new Set(folded.map((p) => `${p.from}>${p.to}`));
    for (const p of full.pairs) {
      expect(listedIds.has(`${p.from}>${p.to}`) || foldedIds.has(`${nsOf(p.from)}>${nsOf(p.to)}`)).toBe(true);
    }
    // The overview draws the folded namespaces as boxes: their workloads are not expanded.
    const view = shownGraph(capped, { focus: null, overview: 'off', groupBy: null, filters: NO_FILTERS });
    for (const ns of capped.truncatedNamespaces) expect(view.expanded[ns]).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { analyzeText, type GraphData } from '../../workers/analysis.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { derive } from '../graph/derive.ts';
import { groupByPeers, peerGroups, PEER_GROUPING } from './peers.ts';
import { shownGraph } from './shown.ts';
import { NO_FILTERS } from './transform.ts';

function graphOf(namespaces: number, teams: number): GraphData {
  const r = analyzeText(tenantDesignYaml({ namespaces, teams }), 'tenants.yaml', DEFAULT_SETTINGS);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.analysis.graph;
}

const g = graphOf(6, 2);
const apps = g.namespaces.map((ns) => ns.name).filter((n) => n.startsWith('app-'));

describe('grouping namespaces by what they talk to', () => {
  it('puts the tenants that reach the same kinds of peers on the same ports in one group, the platform apart', () => {
    const groups = peerGroups(g);
    expect(apps).toHaveLength(6);
    const names = new Set(apps.map((n) => groups.get(n)));
    expect(names.size).toBe(1);
    expect([...names][0]).toBe('app-000 +5');
    // The ingress controller and Prometheus both reach every app, but on other ports: not alike.
    expect(groups.get('ingress-nginx')).toBeUndefined();
    expect(groups.get('monitoring')).toBeUndefined();
    expect(groups.get('kube-system')).toBeUndefined();
  });

  it('splits a namespace that talks to something more, and names a group by the label only its members share', () => {
    // app-003 also reaches an address outside: it is not like the others any more.
    const example = g.pairs.find((p) => p.from.startsWith('wl:app-003/'))!;
    const extra: GraphData = { ...g, pairs: [...g.pairs, { ...example, to: 'cidr:203.0.113.7/32' }] };
    const groups = peerGroups(extra);
    expect(groups.get('app-003')).toBeUndefined();
    // Its siblings (the same team) now reach a peer unlike theirs; the other team stays one group.
    expect(new Set(['app-000', 'app-002', 'app-004'].map((n) => groups.get(n))).size).toBe(1);
    expect(groups.get('app-000')).not.toBe(groups.get('app-001'));

    const labelled: GraphData = { ...g, namespaces: g.namespaces.map((ns) => (ns.name.startsWith('app-') ? { ...ns, labels: { ...ns.labels, tier: 'app' } } : ns)) };
    expect(peerGroups(labelled).get('app-002')).toBe('tier=app');
  });

  it('the overview draws the group as one node, counts the paths on its edges, and focuses on its namespaces', () => {
    const { graph } = groupByPeers(g);
    const group = graph.namespaces.find((ns) => ns.group);
    expect(group?.group?.namespaces).toEqual(apps);
    expect(graph.namespaces.map((ns) => ns.name).filter((n) => !n.includes('='))).toEqual(['ingress-nginx', 'kube-system', 'monitoring']);
    const d = derive(graph, Object.fromEntries(graph.namespaces.map((ns) => [ns.name, false])), {}, null);
    const edge = d.edges.find((e) => e.source === 'ns:ingress-nginx' && e.target === `ns:${group!.name}`);
    const count = g.pairs.filter((p) => p.from.startsWith('wl:ingress-nginx/') && apps.some((a) => p.to.startsWith(`wl:${a}/`))).length;
    expect(count).toBeGreaterThan(1);
    expect(edge?.data?.label).toContain(`· ${count} paths`);

    const view = { focus: null, overview: 'on' as const, groupBy: PEER_GROUPING, filters: NO_FILTERS };
    const shown = shownGraph(g, view);
    expect(shown.mode).toBe('overview');
    expect(shown.groupLabel).toBe(PEER_GROUPING);
    expect(shown.graph.namespaces).toHaveLength(4);
    const focused = shownGraph(g, { ...view, focus: `ns:${group!.name}` });
    expect(focused.mode).toBe('focus');
    expect(focused.focused?.members.size).toBe(group!.workloads.length);
  });
});

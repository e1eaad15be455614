// The story as presented: per step the graph and what the step opened and closed, and how the canvas
// marks those changes.
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../design/samples.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { formatConnections, isEmptyConnectionSet, type ConnectionSet } from '../../engine/index.ts';
import { loadDesign } from '../../model/index.ts';
import type { KubeObject } from '../../model/types.ts';
import { diffDesigns } from '../../review/diff/index.ts';
import { changesFromDiff } from './changes.ts';
import { derive } from './derive.ts';
import { drawnPairs, presentStory } from '../../workers/presentation.ts';

const sampleObjects = (id: string): KubeObject[] => {
  const s = SAMPLES.find((x) => x.id === id)!;
  return loadDesign([{ name: `${id}.yaml`, text: s.yaml }]).manifests.map((m) => m.object);
};
const CTRL = 'wl:nginx/ingress-nginx-controller';
const HTTPD = 'wl:exposure/httpd-vm1';

describe('presentStory', () => {
  const steps = presentStory(sampleObjects('homelab'), DEFAULT_SETTINGS);

  it('gives every step its graph and the changes against the step before', () => {
    expect(steps.map((s) => s.chapter)).toEqual(['open', 'default-deny', 'flows']);
    const [open, deny, flows] = steps;
    expect(open!.changes).toEqual([]);
    // Default deny only closes, pairs that were open by default: counted, not marked.
    expect(deny!.closed).toBeGreaterThan(50);
    expect(deny!.opened).toBe(0);
    expect(deny!.changes).toEqual([]);
    expect(flows!.opened).toBe(flows!.changes.length);
    expect(flows!.closed).toBe(0);
    // The drawn flows only open, and give back TCP 8080.
    expect(flows!.changes.every((c) => isEmptyConnectionSet(c.closed))).toBe(true);
    const back = flows!.changes.find((c) => c.from === CTRL && c.to === HTTPD);
    expect(back && formatConnections(back.opened)).toBe('TCP 8080');
    // A flow to the API server without ports is checked (and labelled) on the API server's port.
    const toApi = flows!.graph.flows.find((f) => f.to === 'ext:apiserver');
    expect(toApi?.flow.ports).toEqual([]);
    expect(toApi?.ports).toEqual([{ protocol: 'TCP', port: DEFAULT_SETTINGS.apiServerVip.port }]);
    // Flows to address blocks (the graph's 192.168.178.50/32 node) are compared and marked too.
    const blocks = flows!.graph.externals.filter((e) => !e.key.startsWith('ext:')).map((e) => e.key);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(flows!.changes.some((c) => c.to === block && !isEmptyConnectionSet(c.opened))).toBe(true);
    // Each step's graph is that step's design: nothing open at default deny, the flow at the end.
    expect(deny!.graph.pairs.some((p) => p.from === CTRL && p.to === HTTPD)).toBe(false);
    expect(flows!.graph.pairs.some((p) => p.from === CTRL && p.to === HTTPD)).toBe(true);
  });

  it('the canvas draws narrowed paths as ghosts and opened ones marked, with their ports', () => {
    const [, deny, flows] = steps;
    const since = { addedNodes: new Set<string>(), since: 'at this step' };
    // Default deny closes pairs that were open on every port: the chips say it, no ghost lines.
    const denied = derive(deny!.graph, {}, {}, null, { showCuts: true }, { ...since, changes: deny!.changes }).edges;
    expect(denied.some((e) => e.data?.kind === 'closed')).toBe(false);
    // Taking the flows back closes TCP 8080 that a rule allowed: a ghost edge with its ports.
    const drawn = drawnPairs(flows!.graph);
    expect(drawn.has(`${CTRL}>${HTTPD}`)).toBe(true);
    // The Cluster DNS node's paths count as the DNS pods' own, as the diff names them.
    expect(drawn.has(`${CTRL}>wl:kube-system/coredns`)).toBe(true);
    const undoFlows = flows!.changes.map((c) => ({ ...c, opened: c.closed, closed: c.opened, drawnBefore: drawn.has(`${c.from}>${c.to}`) }));
    const ghosts = derive(deny!.graph, {}, {}, null, { showCuts: true }, { ...since, changes: undoFlows }).edges;
    const ghost = ghosts.find((e) => e.source === CTRL && e.target === HTTPD);
    expect(ghost?.data).toMatchObject({ kind: 'closed', change: { closed: 'TCP 8080', example: { from: CTRL, to: HTTPD, protocol: 'TCP', port: 8080 } }, showLabel: true });
    expect(ghost?.ariaLabel).toBe('Closed path from nginx/ingress-nginx-controller to exposure/httpd-vm1; closed TCP 8080 at this step');
    expect(ghost?.markerEnd).toMatchObject({ color: 'var(--bad)' });
    // A pair that only opened by default (no policy on either end, nothing drawn) is no ghost and no line.
    const nothing: ConnectionSet = { all: false, byProtocol: { TCP: [], UDP: [], SCTP: [] } };
    const byDefault = flows!.changes.map((c) => ({ ...c, closed: nothing, drawnBefore: false }));
    const notDrawn = derive(deny!.graph, {}, {}, null, { showCuts: true }, { ...since, changes: byDefault }).edges;
    expect(notDrawn.some((e) => e.source === CTRL && e.target === HTTPD)).toBe(false);
    expect(notDrawn.some((e) => e.data?.kind === 'closed')).toBe(false);
    // Without the changes there is no edge at all.
    expect(derive(deny!.graph, {}, {}, null).edges.some((e) => e.source === CTRL && e.target === HTTPD)).toBe(false);

    const opened = derive(flows!.graph, {}, {}, null, { showCuts: true }, { ...since, changes: flows!.changes }).edges.find((e) => e.source === CTRL && e.target === HTTPD);
    expect(opened?.data?.kind).toBe('flow-allowed');
    expect(opened?.data?.change).toEqual({ opened: 'TCP 8080', example: { from: CTRL, to: HTTPD, protocol: 'TCP', port: 8080 } });
    expect(opened?.className).toContain('edge-opened');
    expect(opened?.ariaLabel).toMatch(/; opened TCP 8080 at this step$/);
  });

  it('marks a baseline diff the same way, and new workloads', () => {
    const current = loadDesign([{ name: 'b.yaml', text: SAMPLES.find((s) => s.id === 'homelab')!.yaml }]);
    const withoutFlows = loadDesign([{ name: 'a.yaml', text: SAMPLES.find((s) => s.id === 'homelab')!.yaml.replace(/name: jellyfin/g, 'name: jellyfin-old') }]);
    const changes = changesFromDiff(diffDesigns(withoutFlows, current), new Set(), 'since the baseline');
    expect(changes.addedNodes.has('wl:media/jellyfin')).toBe(true);
    const graph = steps.at(-1)!.graph;
    const jelly = derive(graph, {}, {}, null, { showCuts: true }, changes).nodes.find((n) => n.id === 'wl:media/jellyfin');
    expect(jelly?.type === 'workload' && jelly.data.isNew).toBe(true);
    expect(jelly?.ariaLabel).toContain('(new since the baseline)');
  });
});

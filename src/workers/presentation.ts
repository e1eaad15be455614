// A design's story made ready to present: the graph at every step and the connections each step
// opened or closed, so the page can animate from one step to the next without waiting. Pure.
import { designStory, type StoryChapter } from '../design/story.ts';
import type { DesignSettings } from '../design/types.ts';
import { compile, type ConnectionSet } from '../engine/index.ts';
import type { KubeObject } from '../model/types.ts';
import { diffConnections, type AddressNode } from '../review/diff/connections.ts';
import type { ConnectionChange, DiffEndpoint } from '../review/diff/types.ts';
import { analyzeObjects, type GraphData, type NodeKey } from './analysis.ts';

/** Connections between two endpoints that a change opened and closed. */
export interface EdgeChange {
  from: NodeKey;
  to: NodeKey;
  opened: ConnectionSet;
  closed: ConnectionSet;
  /**
   * The graph before the change drew this pair as a path. A pair it did not draw was open by
   * default (no policy isolated it): losing that shows as the nodes' chips turning, not as a line.
   */
  drawnBefore: boolean;
}

/** The pairs a graph draws as paths, as `from>to` of engine endpoint keys (`wl:` ids for the DNS pods too). */
export function drawnPairs(graph: GraphData): Set<string> {
  const unalias = new Map<NodeKey, NodeKey>(graph.externals.flatMap((e) => (e.probe.kind === 'workload' ? [[e.key, `wl:${e.probe.id}`]] : [])));
  const key = (k: NodeKey) => unalias.get(k) ?? k;
  return new Set(graph.pairs.map((p) => `${key(p.from)}>${key(p.to)}`));
}

/** The graphs' address blocks (nodes of drawn flows to a CIDR), for the diff to compare as well. */
export function addressNodes(...graphs: readonly GraphData[]): AddressNode[] {
  const nodes = new Map<string, AddressNode>();
  for (const graph of graphs) {
    for (const e of graph.externals) {
      if (!e.key.startsWith('ext:') && e.probe.kind === 'ip' && !nodes.has(e.key)) nodes.set(e.key, { key: e.key, label: e.title, ip: e.probe.ip });
    }
  }
  return [...nodes.values()];
}

/** The diff's pairs as the graph marks them. */
export function edgeChanges(changes: readonly ConnectionChange[], drawnBefore: ReadonlySet<string>): EdgeChange[] {
  return changes.map((c) => ({ from: c.from.key, to: c.to.key, opened: c.opened, closed: c.closed, drawnBefore: drawnBefore.has(`${c.from.key}>${c.to.key}`) }));
}

export interface PresentationStep {
  chapter: StoryChapter;
  title: string;
  narration: string;
  /** Policy objects this step switches on. */
  added: number;
  graph: GraphData;
  /** Against the previous step (none for the first): the pairs the graph marks. */
  changes: EdgeChange[];
  /** Pairs of endpoints that gained, and that lost, some connection at this step (marked or not). */
  opened: number;
  closed: number;
}

export function presentStory(objects: readonly KubeObject[], settings: DesignSettings): PresentationStep[] {
  const steps: PresentationStep[] = [];
  let previous: { compiled: ReturnType<typeof compile>; graph: GraphData } | undefined;
  for (const step of designStory(objects)) {
    const result = analyzeObjects(step.objects, settings, false);
    if (!result.ok) throw new Error(`The step “${step.title}” could not be analyzed.`);
    const compiled = compile(result.analysis.cluster, { profile: settings.profile });
    let changes: EdgeChange[] = [];
    let counts = { opened: 0, closed: 0 };
    if (previous) {
      // Only what the graph marks: pairs that gain something, and drawn paths that lose something
      // (default deny on a big cluster closes millions of pairs that were never drawn).
      const drawn = drawnPairs(previous.graph);
      const marked = (from: DiffEndpoint, to: DiffEndpoint, opens: boolean) => opens || drawn.has(`${from.key}>${to.key}`);
      const diff = diffConnections(previous.compiled, compiled, settings, marked, addressNodes(previous.graph, result.analysis.graph));
      changes = edgeChanges(diff.changes, drawn);
      counts = { opened: diff.opened, closed: diff.closed };
    }
    previous = { compiled, graph: result.analysis.graph };
    steps.push({ chapter: step.chapter, title: step.title, narration: step.narration, added: step.added, graph: result.analysis.graph, changes, ...counts });
  }
  return steps;
}

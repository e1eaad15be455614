// A design's story made ready to present: the graph at every step and the connections each step
// opened or closed, so the page can animate from one step to the next without waiting. Pure.
import { designStory, type StoryChapter } from '../design/story.ts';
import type { DesignSettings } from '../design/types.ts';
import { compile, type ConnectionSet } from '../engine/index.ts';
import type { KubeObject } from '../model/types.ts';
import { diffConnections } from '../review/diff/connections.ts';
import { analyzeObjects, type GraphData, type NodeKey } from './analysis.ts';

/** Connections between two endpoints that a change opened and closed. */
export interface EdgeChange {
  from: NodeKey;
  to: NodeKey;
  opened: ConnectionSet;
  closed: ConnectionSet;
}

export interface PresentationStep {
  chapter: StoryChapter;
  title: string;
  narration: string;
  /** Policy objects this step switches on. */
  added: number;
  graph: GraphData;
  /** Against the previous step (none for the first). */
  changes: EdgeChange[];
}

export function presentStory(objects: readonly KubeObject[], settings: DesignSettings): PresentationStep[] {
  const steps: PresentationStep[] = [];
  let previous: ReturnType<typeof compile> | undefined;
  for (const step of designStory(objects)) {
    const result = analyzeObjects(step.objects, settings, false);
    if (!result.ok) throw new Error(`The step “${step.title}” could not be analyzed.`);
    const compiled = compile(result.analysis.cluster);
    const changes = previous
      ? diffConnections(previous, compiled, settings).changes.map((c) => ({ from: c.from.key, to: c.to.key, opened: c.opened, closed: c.closed }))
      : [];
    previous = compiled;
    steps.push({ chapter: step.chapter, title: step.title, narration: step.narration, added: step.added, graph: result.analysis.graph, changes });
  }
  return steps;
}

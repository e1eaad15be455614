// A design told as a story for a meeting: the same cluster with its policies switched on in the
// order people reason about them: all open (the Kubernetes default), default deny, the ready-made
// allow rules, the drawn flows, the policies written by hand, the cluster-wide admin rules. Each
// step is the manifest set so far, so the page can animate the graph from one step to the next.
import type { KubeObject } from '../model/types.ts';
import { isAdminObject } from './adminObjects.ts';
import { ADMIN_RULES } from './adminRules.ts';
import { ALLOW_RULES } from './allowRules.ts';
import { annotationOf } from './objects.ts';
import { ANNOTATION_FLOW, ANNOTATION_RULE } from './types.ts';

export type StoryChapter = 'open' | 'default-deny' | 'allow-rules' | 'flows' | 'policies' | 'admin';

export interface StoryStep {
  chapter: StoryChapter;
  title: string;
  /** What changes at this step and what it means for traffic, to read out loud. */
  narration: string;
  /** The manifest set at this step: every non-policy object, and the policies of this and earlier chapters. */
  objects: KubeObject[];
  /** Policy objects this step switches on. */
  added: number;
}

const CHAPTERS: readonly StoryChapter[] = ['open', 'admin', 'default-deny', 'allow-rules', 'flows', 'policies'];

const isNetworkPolicy = (o: KubeObject) => o.kind === 'NetworkPolicy';

function hasRules(o: KubeObject): boolean {
  const spec = o['spec'];
  if (typeof spec !== 'object' || spec === null) return false;
  const { ingress, egress } = spec as { ingress?: unknown; egress?: unknown };
  return (Array.isArray(ingress) && ingress.length > 0) || (Array.isArray(egress) && egress.length > 0);
}

/** The chapter a policy object belongs to; undefined for objects that are not policies. */
export function storyChapterOf(o: KubeObject): StoryChapter | undefined {
  if (isAdminObject(o)) return 'admin';
  if (!isNetworkPolicy(o)) return undefined;
  if (!hasRules(o)) return 'default-deny';
  if (annotationOf(o, ANNOTATION_FLOW) !== undefined) return 'flows';
  if (annotationOf(o, ANNOTATION_RULE) !== undefined) return 'allow-rules';
  return 'policies';
}

const namespaceOf = (o: KubeObject): string | undefined => {
  const ns = (o['metadata'] as { namespace?: unknown } | undefined)?.namespace;
  return typeof ns === 'string' ? ns : undefined;
};

function list(items: readonly string[], max = 4): string {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/** `1 policy isolates` / `2 policies isolate`. */
const count = (n: number, noun: [string, string], verb?: [string, string]) =>
  `${n} ${n === 1 ? noun[0] : noun[1]}${verb ? ` ${n === 1 ? verb[0] : verb[1]}` : ''}`;
const POLICY: [string, string] = ['policy', 'policies'];

function narrate(chapter: StoryChapter, added: readonly KubeObject[]): { title: string; narration: string } {
  const namespaces = list(added.map(namespaceOf).filter((n): n is string => n !== undefined));
  switch (chapter) {
    case 'open':
      return {
        title: 'Everything open',
        narration: 'No policy selects any pod: every pod reaches every other pod and the whole outside world, cloud metadata server included. This is what Kubernetes does until the first NetworkPolicy.',
      };
    case 'admin': {
      const switches = list(added.map((o) => ADMIN_RULES.find((r) => r.id === annotationOf(o, ANNOTATION_RULE))?.title ?? (o['metadata'] as { name?: string } | undefined)?.name ?? o.kind));
      return {
        title: 'Cluster-wide guardrails',
        narration: `${count(added.length, ['admin policy', 'admin policies'], ['comes', 'come'])} first (${switches}): their Allow and Deny are final and no namespace can override them; Pass hands the decision down to the namespaces' NetworkPolicies. They isolate nothing by themselves.`,
      };
    }
    case 'default-deny':
      return {
        title: 'Default deny',
        narration: `${count(added.length, POLICY)} without rules ${added.length === 1 ? 'isolates' : 'isolate'} the pods of ${namespaces}: from now on only what some policy allows gets through, DNS included. Expect paths to disappear.`,
      };
    case 'allow-rules': {
      const titles = list(added.map((o) => ALLOW_RULES.find((r) => r.id === annotationOf(o, ANNOTATION_RULE))?.title ?? 'allow rule'));
      return {
        title: 'Ready-made allow rules',
        narration: `The switches turn on ${titles}. Each one is its own policy; allow rules add up, and none can narrow another.`,
      };
    }
    case 'flows': {
      const flows = new Set(added.map((o) => annotationOf(o, ANNOTATION_FLOW)));
      return {
        title: 'Drawn flows',
        narration: `${count(flows.size, ['drawn flow', 'drawn flows'], ['opens', 'open'])} exactly the paths that were asked for, with an egress policy at the source and an ingress policy at the destination (${namespaces}).`,
      };
    }
    case 'policies':
      return {
        title: 'Hand-written policies',
        narration: `${count(added.length, POLICY)} written by hand or imported (${namespaces}) ${added.length === 1 ? 'completes' : 'complete'} the design.`,
      };
  }
}

/**
 * The steps of a design's story; chapters without policies are left out. A design without
 * policies has only the first step.
 */
export function designStory(objects: readonly KubeObject[]): StoryStep[] {
  const chapters = objects.map(storyChapterOf);
  const steps: StoryStep[] = [];
  const included = new Set<StoryChapter>();
  for (const chapter of CHAPTERS) {
    included.add(chapter);
    const added = objects.filter((_, i) => chapters[i] === chapter);
    if (chapter !== 'open' && added.length === 0) continue;
    steps.push({
      chapter,
      ...narrate(chapter, added),
      objects: objects.filter((_, i) => chapters[i] === undefined || included.has(chapters[i]!)),
      added: added.length,
    });
  }
  return steps;
}

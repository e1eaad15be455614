// What every check shares: the design, its compiled cluster (built once), YAML locations, raw-object
// editing and the Finding constructor. Checks stay small because the plumbing lives here.
import { inCluster } from '../../cluster/assumed/index.ts';
import type { Bitset } from '../../engine/bitset.ts';
import type { CompiledCluster } from '../../engine/compile.ts';
import type { NetworkProfileId } from '../../engine/profiles/types.ts';
import { compileMemo, type CompileMemo } from './compileMemo.ts';
import type { KeptResults } from './kept.ts';
import { dnsWorkloadId } from '../../design/external.ts';
import type { DesignSettings } from '../../design/types.ts';
import { parentPath } from '../../model/paths.ts';
import type {
  ClusterModel, Design, KubeObject, NamespaceModel, NetworkPolicy, ObjectRef, PolicyType, SourceLocation, Workload,
} from '../../model/types.ts';
import type { Finding, FindingFix, FindingSeverity } from '../types.ts';
import { diffObjects } from './changes.ts';
import { FINDING_RULES, type FindingRuleId } from './rules.ts';

/** Namespaces the control plane or the cluster add-ons own: findings there are real but rarely the reviewer's to fix first. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export interface ReviewContext {
  readonly design: Design;
  readonly settings: DesignSettings;
  readonly cluster: ClusterModel;
  readonly compiled: CompiledCluster;
  /** The manifest set the fixes edit: one object per manifest, in order (ObjectChange indices point here). */
  readonly objects: readonly KubeObject[];
  /** Index of the cluster DNS workload in `compiled.workloads`, when the design has it. */
  readonly dnsWorkload: number | undefined;
  /**
   * Compiles a cluster of this review (`kind` tells which: the design's, the one with witnesses):
   * with a compile memo, reusing the last review's compilation of that kind where it fits.
   */
  readonly compileAs: (kind: 'design' | 'witnessed', cluster: ClusterModel, profile: NetworkProfileId | undefined) => CompiledCluster;
  /** Results of checks kept from the last review (the review worker's session), when there is one. */
  readonly kept?: KeptResults;
}

export function createContext(input: Design, settings: DesignSettings, memo?: CompileMemo, kept?: KeptResults): ReviewContext {
  // Judged in the cluster the design runs in: with the DNS pods, kube-system, ... when not declared.
  const design = inCluster(input, settings);
  // Without a memo of earlier reviews, one for this review alone: its profiles share their work.
  const compiles = memo ?? compileMemo();
  const compileAs: ReviewContext['compileAs'] = (kind, cluster, profile) => compiles.compile(kind, cluster, profile);
  const compiled = compileAs('design', design.cluster, settings.profile);
  const dnsId = dnsWorkloadId(design.cluster, settings);
  return {
    design,
    settings,
    cluster: design.cluster,
    compiled,
    objects: design.manifests.map((m) => m.object),
    dnsWorkload: dnsId === undefined ? undefined : compiled.workloadIndex.get(dnsId),
    compileAs,
    ...(kept ? { kept } : {}),
  };
}

export const isSystemNamespace = (name: string, settings: DesignSettings): boolean =>
  SYSTEM_NAMESPACES.has(name) || name === settings.dns.namespace;

/** One step less severe: used where a finding is real but mitigated (system namespace, admin policies). */
export function milder(severity: FindingSeverity): FindingSeverity {
  switch (severity) {
    case 'high':
      return 'medium';
    case 'medium':
      return 'low';
    default:
      return 'info';
  }
}

/**
 * file:line:col of a field of the object's manifest: the field itself when the parser recorded it,
 * else its nearest recorded ancestor, else the start of the document.
 */
export function locate(ctx: ReviewContext, ref: ObjectRef | undefined, path?: string): SourceLocation | undefined {
  if (!ref) return undefined;
  const manifest = ctx.design.manifests[ref.manifest];
  if (!manifest) return undefined;
  for (let p = path ?? ''; p !== ''; p = parentPath(p)) {
    const position = manifest.positions[p];
    if (position) return { file: manifest.source.file, line: position.line, col: position.col };
  }
  return { ...manifest.source };
}

/** The object as written, for a model element; undefined when the model was not built from this design's manifests. */
export function rawObject(ctx: ReviewContext, ref: ObjectRef): KubeObject | undefined {
  const object = ctx.design.manifests[ref.manifest]?.object;
  return object && object.kind === ref.kind && object.metadata.name === ref.name ? object : undefined;
}

export interface FindingInput {
  rule: FindingRuleId;
  /** What the finding is about, unique within the rule (becomes the id's suffix). */
  subject: string;
  /** Default: the rule's severity in the catalogue. */
  severity?: FindingSeverity;
  title: string;
  risk: string;
  object?: ObjectRef;
  path?: string;
  fixes?: FindingFix[];
}

export function finding(ctx: ReviewContext, input: FindingInput): Finding {
  const location = locate(ctx, input.object, input.path);
  return {
    id: `${input.rule}:${input.subject}`,
    rule: input.rule,
    severity: input.severity ?? FINDING_RULES[input.rule].severity,
    title: input.title,
    risk: input.risk,
    ...(input.object ? { object: input.object } : {}),
    ...(location ? { location } : {}),
    ...(input.path ? { path: input.path } : {}),
    fixes: input.fixes ?? [],
  };
}

/** A fix from the manifest set it produces; undefined when that set equals today's (nothing to apply). */
export function fixFromObjects(ctx: ReviewContext, title: string, description: string, fixed: readonly KubeObject[]): FindingFix | undefined {
  const changes = diffObjects(ctx.objects, fixed);
  return changes.length === 0 ? undefined : { title, description, changes };
}

/** A fix that replaces one object (the common case: an edit of one policy), without diffing the whole set. */
export function replaceFix(title: string, description: string, ref: ObjectRef, object: KubeObject): FindingFix {
  return { title, description, changes: [{ op: 'replace', index: ref.manifest, object }] };
}

/** Runs a design action; an action that cannot apply (DesignError: unknown workload, no labels) yields no fix. */
export function tryAction(action: () => readonly KubeObject[]): readonly KubeObject[] | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of the object with `edit` applied to its spec (created when missing). */
export function editSpec(object: KubeObject, edit: (spec: Record<string, unknown>) => void): KubeObject {
  const copy = structuredClone(object);
  const spec = isRecord(copy['spec']) ? copy['spec'] : {};
  edit(spec);
  copy['spec'] = spec;
  return copy;
}

export const rulesField = (direction: PolicyType): 'ingress' | 'egress' => (direction === 'Ingress' ? 'ingress' : 'egress');
export const peersField = (direction: PolicyType): 'from' | 'to' => (direction === 'Ingress' ? 'from' : 'to');
export const rulePath = (direction: PolicyType, index: number): string => `spec.${rulesField(direction)}[${index}]`;
export const peerPath = (direction: PolicyType, ruleIndex: number, peerIndex: number): string =>
  `${rulePath(direction, ruleIndex)}.${peersField(direction)}[${peerIndex}]`;

export const policyLabel = (policy: NetworkPolicy): string => `${policy.namespace}/${policy.name}`;
export const rulesOf = (policy: NetworkPolicy, direction: PolicyType) => (direction === 'Ingress' ? policy.ingress : policy.egress);

/** `a, b, c and 4 more`: lists stay readable in one-line titles and risks. */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** Every namespace the design knows (declared or referenced), with the labels the engine matches. */
export function namespacesOf(ctx: ReviewContext): NamespaceModel[] {
  const known = new Map(ctx.cluster.namespaces.map((ns) => [ns.name, ns]));
  for (const w of ctx.cluster.workloads) {
    if (!known.has(w.namespace)) {
      known.set(w.namespace, { name: w.namespace, labels: { 'kubernetes.io/metadata.name': w.namespace }, declared: false });
    }
  }
  return [...known.values()];
}

/**
 * The indices in a workload set, ascending, visiting only its members: filtering every workload of the
 * cluster per policy made checks policies x pods (3,000 policies x 20,000 pods).
 */
export function membersOf(set: Bitset): number[] {
  const out: number[] = [];
  const words = set.words;
  for (let k = 0; k < words.length; k++) {
    let word = words[k]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      word &= word - 1;
      const i = (k << 5) + bit;
      if (i < set.size) out.push(i);
    }
  }
  return out;
}

const byNamespaceCache = new WeakMap<ReviewContext, Map<string, number[]>>();

/**
 * Indices of the workloads the YAML declares, per namespace (computed once per review). Assumed ones
 * (the DNS pods of src/cluster/assumed) are left out: the cluster has them, but they are not the
 * design's to isolate, and a namespace that has only them is not modelled (it has other pods too).
 */
export function workloadsByNamespace(ctx: ReviewContext): ReadonlyMap<string, number[]> {
  const cached = byNamespaceCache.get(ctx);
  if (cached) return cached;
  const out = new Map<string, number[]>();
  ctx.compiled.workloads.forEach((w: Workload, i) => {
    if (w.assumed) return;
    const list = out.get(w.namespace);
    if (list) list.push(i);
    else out.set(w.namespace, [i]);
  });
  byNamespaceCache.set(ctx, out);
  return out;
}

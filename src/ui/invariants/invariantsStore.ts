// The invariants pinned to the design on screen, and whether each still holds. They are checked
// with the engine (src/invariants) against the analysis the worker delivered, on every change of
// the design or of the invariants, so a toggle, a flow or a YAML edit that breaks one is flagged
// the moment the graph redraws. They travel with the design as the text of netpol-invariants.yaml
// (autosave, share link, download, report).
import { create } from 'zustand';
import {
  checkInvariants, formatInvariantsFile, parseInvariants,
  type EndpointSelector, type Invariant, type InvariantResult, type OutsideId, type Violation,
} from '../../invariants/index.ts';
import { classifyIp } from '../../design/external.ts';
import { compile, type ClusterModel, type CompiledCluster, type Diagnostic, type NetworkProfileId } from '../core.ts';
import { useStore } from '../store.ts';
import type { GraphData, NodeKey } from '../../workers/analysis.ts';

export const INVARIANTS_FILE = 'netpol-invariants.yaml';

interface InvariantsState {
  invariants: Invariant[];
  /** Results for the analysis `checkedFor`; null before the first check. */
  results: InvariantResult[] | null;
}

export const useInvariants = create<InvariantsState>()(() => ({ invariants: [], results: null }));

// Per cluster and network-plugin profile (Settings): the invariants hold or break as that plugin judges.
const compiledCache = new WeakMap<ClusterModel, Map<string, CompiledCluster>>();
function compiledOf(cluster: ClusterModel, profile?: NetworkProfileId): CompiledCluster {
  let byProfile = compiledCache.get(cluster);
  if (!byProfile) compiledCache.set(cluster, (byProfile = new Map()));
  let c = byProfile.get(profile ?? 'spec');
  if (!c) {
    c = compile(cluster, { profile });
    byProfile.set(profile ?? 'spec', c);
  }
  return c;
}

function check(): void {
  const { analysis, settings } = useStore.getState();
  const { invariants } = useInvariants.getState();
  if (!analysis || invariants.length === 0) {
    useInvariants.setState({ results: invariants.length === 0 ? [] : null });
    return;
  }
  // The page has no manifests' positions here (the YAML panel shows the text); the engine's answer is the same.
  const design = { manifests: [], cluster: analysis.cluster, diagnostics: [] };
  try {
    useInvariants.setState({ results: checkInvariants(design, invariants, { settings, compiled: compiledOf(analysis.cluster, settings.profile) }) });
  } catch {
    useInvariants.setState({ results: null });
  }
}

let started = false;
let pending: ReturnType<typeof setTimeout> | undefined;
/** After the graph of a new analysis painted: the check never delays the picture, and a burst of changes checks once. */
function scheduleCheck(): void {
  clearTimeout(pending);
  pending = setTimeout(check, 0);
}

/** Re-checks when the analysis, the settings or the invariants change. */
export function startInvariantsSync(): void {
  if (started) return;
  started = true;
  useStore.subscribe((s, prev) => {
    if (s.analysis !== prev.analysis || s.settings !== prev.settings) scheduleCheck();
  });
  useInvariants.subscribe((s, prev) => {
    if (s.invariants !== prev.invariants) scheduleCheck();
  });
  check();
}

function uniqueName(base: string, taken: readonly Invariant[]): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60) || 'invariant';
  const names = new Set(taken.map((i) => i.name));
  if (!names.has(clean)) return clean;
  for (let i = 2; ; i++) if (!names.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/** An invariant of any kind, its name still to be made unique. */
export type NewInvariant = Invariant extends infer I ? (I extends Invariant ? Omit<I, 'name'> & { name?: string } : never) : never;

export function addInvariant(invariant: NewInvariant): Invariant {
  const { invariants } = useInvariants.getState();
  const added = { ...invariant, name: uniqueName(invariant.name ?? invariant.kind, invariants) } as Invariant;
  useInvariants.setState({ invariants: [...invariants, added] });
  return added;
}

export function removeInvariant(name: string): void {
  useInvariants.setState((s) => ({ invariants: s.invariants.filter((i) => i.name !== name) }));
}

export function replaceInvariant(name: string, next: Invariant): void {
  useInvariants.setState((s) => ({ invariants: s.invariants.map((i) => (i.name === name ? next : i)) }));
}

/** The invariants as their own file. */
export function invariantsFileText(): string {
  return formatInvariantsFile(useInvariants.getState().invariants);
}

/** Replaces the invariants by a file's; on errors nothing changes and the diagnostics are returned. */
export function loadInvariantsText(text: string, file = INVARIANTS_FILE): Diagnostic[] {
  if (text.trim() === '') {
    useInvariants.setState({ invariants: [] });
    return [];
  }
  const parsed = parseInvariants([{ name: file, text }]);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errors;
  useInvariants.setState({ invariants: parsed.invariants.map(({ location: _location, ...rest }) => rest as Invariant) });
  return [];
}

/** What autosave and share links keep: the file's text, or nothing when there are no invariants. */
export function savedInvariants(): string | undefined {
  return useInvariants.getState().invariants.length > 0 ? invariantsFileText() : undefined;
}

// ---- graph keys ---------------------------------------------------------------------------------

/** A graph node (workload, namespace, outside node, address block) as an invariant's end. */
export function keyToSelector(key: NodeKey): EndpointSelector | undefined {
  if (key.startsWith('wl:')) {
    const [namespace, workload] = key.slice(3).split('/');
    return namespace && workload ? { kind: 'workloads', namespace, workload } : undefined;
  }
  if (key.startsWith('ns:')) return { kind: 'workloads', namespace: key.slice(3) };
  if (key.startsWith('ext:')) return { kind: 'outside', id: key.slice(4) as OutsideId };
  if (key.startsWith('cidr:')) return { kind: 'cidr', cidr: key.slice(5) };
  return undefined;
}

/** A violation's end (`ns/name` or `ip:ADDR`) as a graph key: the workload, or the outside node of the address. */
export function endToKey(end: string, graph: GraphData | undefined): NodeKey {
  if (!end.startsWith('ip:')) {
    const key = `wl:${end}`;
    // The DNS pods are drawn as the outside DNS node.
    return graph?.externals.find((e) => e.probe.kind === 'workload' && `wl:${e.probe.id}` === key)?.key ?? key;
  }
  const ip = end.slice(3);
  const exact = graph?.externals.find((e) => e.probe.kind === 'ip' && e.probe.ip === ip);
  if (exact) return exact.key;
  const kind = classifyIp(ip, useStore.getState().settings);
  return kind ? `ext:${kind}` : `ext:internet`;
}

export function violationKeys(v: Violation, graph: GraphData | undefined): { from: NodeKey; to: NodeKey } {
  return { from: endToKey(v.from, graph), to: endToKey(v.to, graph) };
}

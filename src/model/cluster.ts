// Manifests -> ClusterModel: validated, de-duplicated, normalized. Objects the API server would
// reject are left out; objects of other kinds are listed as unevaluated. Nothing is dropped silently.
import { kindStatus, isWorkloadKind, objectNamespace } from './kinds.ts';
import { normalizePolicy, normalizeService, normalizeWorkload, stringLabels } from './normalize.ts';
import { parseManifests } from './parse.ts';
import type { ClusterModel, Design, Diagnostic, KubeObject, Manifest, NamespaceModel, ObjectRef, ParseResult, SourceFile } from './types.ts';
import { validateManifest } from './validate.ts';
import { isAdminKind, normalizeAdminPolicy, normalizeNode } from './admin.ts';
import { withRef } from './origin.ts';

const AUTOMATIC_NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * What buildCluster worked out for one object, kept by a ClusterMemo: its own diagnostics and the
 * model element it became (with the manifest index and workload id it had then).
 */
interface MemoEntry {
  /** Where the object was read from: diagnostics carry it. */
  file: string;
  line: number;
  col: number;
  own: Diagnostic[];
  /** Facts of the object itself, worked out once (a toggle builds 7,000 objects again). */
  facts?: ObjectFacts;
  element?: { value: object; index: number; id?: string };
}

/** What the build reads off an object whatever its place: its identity key, namespace and kind status. */
interface ObjectFacts {
  hasErrors: boolean;
  /** kind, namespace and name: a second object with the same key is a duplicate. */
  key: string;
  namespace: string | undefined;
  status: ReturnType<typeof kindStatus>;
  /** `namespace/name`: the workload id, unless another workload has it. */
  id: string;
}

function factsOf(object: KubeObject, own: readonly Diagnostic[]): ObjectFacts {
  const namespace = objectNamespace(object);
  return {
    hasErrors: own.some((d) => d.severity === 'error'),
    key: JSON.stringify([object.kind, namespace ?? '', object.metadata.name]),
    namespace,
    status: kindStatus(object),
    id: `${namespace ?? 'default'}/${object.metadata.name}`,
  };
}

/**
 * Memory of a builder for its next build: objects of the last design that come again (by identity)
 * are not validated and normalized again. The caller vouches that objects are never changed in place.
 */
export type ClusterMemo = WeakMap<KubeObject, MemoEntry>;

export const clusterMemo = (): ClusterMemo => new WeakMap();

/** A build's state after its first `count` manifests (see buildCluster's `stable`). */
interface Prefix {
  count: number;
  diagnosticsOnly: boolean;
  /** The manifests' objects and where they were read from (diagnostics carry it). */
  objects: KubeObject[];
  sources: Manifest['source'][];
  diagnostics: Diagnostic[];
  cluster: Omit<ClusterModel, 'namespaces'>;
  firstSeen: Map<string, Manifest>;
  workloadIds: Set<string>;
  declared: Map<string, NamespaceModel>;
  referenced: Set<string>;
}

/** The stable part of each memo's last build (one per memo: the worker has one builder). */
const prefixes = new WeakMap<ClusterMemo, Prefix>();

function snapshot(
  manifests: readonly Manifest[],
  count: number,
  diagnosticsOnly: boolean,
  diagnostics: readonly Diagnostic[],
  cluster: ClusterModel,
  firstSeen: Map<string, Manifest>,
  workloadIds: Set<string>,
  declared: ReadonlyMap<string, NamespaceModel>,
  referenced: ReadonlySet<string>,
): Prefix {
  const part = manifests.slice(0, count);
  return {
    count,
    diagnosticsOnly,
    objects: part.map((m) => m.object),
    sources: part.map((m) => m.source),
    diagnostics: diagnostics.slice(),
    cluster: { workloads: cluster.workloads.slice(), services: cluster.services.slice(), policies: cluster.policies.slice(), unevaluated: cluster.unevaluated.slice(), adminPolicies: cluster.adminPolicies.slice(), nodes: cluster.nodes.slice() },
    firstSeen,
    workloadIds,
    declared: new Map(declared),
    referenced: new Set(referenced),
  };
}

/** Whether the first manifests are the prefix's: the same objects read from the same places. */
function samePrefix(p: Prefix, manifests: readonly Manifest[], stable: number, diagnosticsOnly: boolean): boolean {
  if (p.count !== stable || p.diagnosticsOnly !== diagnosticsOnly || manifests.length < stable) return false;
  for (let i = 0; i < stable; i++) {
    const m = manifests[i]!;
    const s = p.sources[i]!;
    if (m.object !== p.objects[i] || m.source.file !== s.file || m.source.line !== s.line || m.source.col !== s.col) return false;
  }
  return true;
}

/**
 * `memo`: what the last build of the same builder worked out (the toggle path).
 * `validated`: manifests already validated without a diagnostic (a large import validates each
 * object as it reads it; validating 24,000 objects again took a second at 20,000 pods).
 */
export function buildCluster(
  manifests: Manifest[],
  memo?: ClusterMemo,
  validated?: ReadonlySet<Manifest>,
  /** Only the diagnostics are wanted (a large import checks what it read): the model's elements are left out. */
  diagnosticsOnly = false,
  /**
   * The first `stable` manifests are likely those of the memo's last build (a large import's held
   * part: 24,000 of 27,000 objects at 20,000 pods): the build's state after them is kept with the
   * memo, and the next build with the same ones there starts after them.
   */
  stable = 0,
): { cluster: ClusterModel; diagnostics: Diagnostic[] } {
  const kept = memo && stable > 0 ? prefixes.get(memo) : undefined;
  const reused = kept && samePrefix(kept, manifests, stable, diagnosticsOnly) ? kept : undefined;
  const diagnostics: Diagnostic[] = reused ? reused.diagnostics.slice() : [];
  const cluster: ClusterModel = reused
    ? { namespaces: [], workloads: reused.cluster.workloads.slice(), services: reused.cluster.services.slice(), policies: reused.cluster.policies.slice(), unevaluated: reused.cluster.unevaluated.slice(), adminPolicies: reused.cluster.adminPolicies.slice(), nodes: reused.cluster.nodes.slice() }
    : { namespaces: [], workloads: [], services: [], policies: [], unevaluated: [], adminPolicies: [], nodes: [] };
  // The maps of the stable part are read, never changed, after it: those after it hold the rest.
  const stableSeen = reused?.firstSeen ?? new Map<string, Manifest>();
  const stableIds = reused?.workloadIds ?? new Set<string>();
  const laterSeen = new Map<string, Manifest>();
  const laterIds = new Set<string>();
  const declared = new Map<string, NamespaceModel>(reused?.declared);
  const referenced = new Set<string>(reused?.referenced);
  const start = reused ? stable : 0;

  for (let index = start; index < manifests.length; index++) {
    if (memo && stable > 0 && index === stable && !reused) prefixes.set(memo, snapshot(manifests, stable, diagnosticsOnly, diagnostics, cluster, stableSeen, stableIds, declared, referenced));
    const inStable = index < stable;
    const firstSeen = inStable ? stableSeen : laterSeen;
    const workloadIds = inStable ? stableIds : laterIds;
    const m = manifests[index]!;
    const object = m.object;
    let entry = memo?.get(object);
    // Compared part by part: a string made for each of 7,000 objects costs more than the rest of a known one.
    // An object without diagnostics has none wherever it is read from (they only carry the place):
    // the objects of a text parsed once are known to the objects' builds that follow (a toggle after a load).
    if (entry === undefined || ((entry.file !== m.source.file || entry.line !== m.source.line || entry.col !== m.source.col) && entry.own.length > 0)) {
      entry = { file: m.source.file, line: m.source.line, col: m.source.col, own: validated?.has(m) ? [] : validateManifest(m) };
      memo?.set(object, entry);
    }
    const own = entry.own;
    for (const d of own) diagnostics.push(d);
    const facts = (entry.facts ??= factsOf(object, own));
    const { kind } = object;
    const name = object.metadata.name;
    const { namespace, key, status } = facts;
    // Made when needed: an object the memo knows at the same place needs none.
    let madeRef: ObjectRef | undefined;
    const refOf = (): ObjectRef => (madeRef ??= namespace === undefined ? { kind, name, manifest: index } : { kind, name, namespace, manifest: index });
    /** The element this object became before, when it is the same here; else a new one. */
    const element = <T extends { ref?: ObjectRef }>(make: (ref: ObjectRef) => T, id?: string): T => {
      const known = entry.element;
      if (known && known.id === id) {
        if (known.index === index) return known.value as T;
        // Moved in the list: the same content under its new reference.
        return withRef(known.value as T, refOf());
      }
      const value = make(refOf());
      entry.element = { value, index, ...(id === undefined ? {} : { id }) };
      return value;
    };
    const label = () => `${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
    /** Puts the element into the model's list (unless only the diagnostics are wanted). */
    const add = <T extends { ref?: ObjectRef }>(list: T[], make: (ref: ObjectRef) => T, id?: string): void => {
      if (!diagnosticsOnly) list.push(element(make, id));
    };
    const note = (severity: Diagnostic['severity'], code: string, message: string): void => {
      diagnostics.push({ severity, code, message, file: m.source.file, line: m.source.line, col: m.source.col });
    };

    if (facts.hasErrors) {
      note('info', 'not-evaluated', `${label()} has errors and is not evaluated (the API server would reject it)`);
      continue;
    }
    const first = stableSeen.get(key) ?? laterSeen.get(key);
    if (first) {
      note('error', 'duplicate-object', `${label()} is defined twice (first at ${first.source.file}:${first.source.line}); this one is ignored`);
      continue;
    }
    firstSeen.set(key, m);
    if (namespace !== undefined) referenced.add(namespace);

    if (status !== 'evaluated') {
      const ref = refOf();
      cluster.unevaluated.push(ref);
      // A wrong apiVersion already has its own warning saying it is not evaluated.
      if (status === 'deferred') note('info', 'not-evaluated', `${label()} is not evaluated yet: ${kind} support is planned`);
      else if (status === 'other') note('info', 'not-evaluated', `${label()} is not evaluated: the designer models Namespaces, workloads, Services, Nodes, NetworkPolicies and the network-policy-api kinds`);
      continue;
    }
    const raw = object as unknown as Record<string, unknown>;
    if (kind === 'Namespace') {
      // Kept like the other elements: the analysis compares a toggle's namespaces by identity first.
      declared.set(name, element((ref): NamespaceModel => ({ name, labels: { ...stringLabels(object.metadata.labels), [AUTOMATIC_NAMESPACE_LABEL]: name }, declared: true, ref })));
    } else if (kind === 'NetworkPolicy') {
      add(cluster.policies, (ref) => normalizePolicy(raw, ref, namespace ?? 'default'));
    } else if (isAdminKind(kind)) {
      add(cluster.adminPolicies, (ref) => normalizeAdminPolicy(raw, ref, kind));
    } else if (kind === 'Node') {
      add(cluster.nodes, (ref) => normalizeNode(raw, ref));
    } else if (kind === 'Service') {
      add(cluster.services, (ref) => normalizeService(raw, ref, namespace ?? 'default'));
    } else if (isWorkloadKind(kind)) {
      const ns = namespace ?? 'default';
      let id = facts.id;
      if (stableIds.has(id) || laterIds.has(id)) {
        id = `${ns}/${name}@${kind}`;
        note('warning', 'duplicate-workload-id', `${label()} has the same namespace/name as another workload; refer to it as ${id}`);
      }
      workloadIds.add(id);
      add(cluster.workloads, (ref) => normalizeWorkload(raw, kind, ref, ns, id), id);
    }
  }
  if (memo && stable > 0 && stable === manifests.length && !reused) prefixes.set(memo, snapshot(manifests, stable, diagnosticsOnly, diagnostics, cluster, stableSeen, stableIds, declared, referenced));

  cluster.namespaces.push(...declared.values());
  for (const name of referenced) {
    if (!declared.has(name)) cluster.namespaces.push({ name, labels: { [AUTOMATIC_NAMESPACE_LABEL]: name }, declared: false });
  }
  return { cluster, diagnostics };
}

/** The cluster model of objects that have no source text (e.g. edited in the designer). */
export function buildClusterFromObjects(objects: KubeObject[], file = 'design', memo?: ClusterMemo): { cluster: ClusterModel; diagnostics: Diagnostic[] } {
  const manifests = objects.map((object): Manifest => ({ object, source: { file, line: 1, col: 1 }, positions: {} }));
  return buildCluster(manifests, memo);
}

/**
 * Files -> everything the UI and CLI need: manifests, the model and all diagnostics in reading order.
 * `parse` may be another reader with parseManifests' results (the CLI's item-by-item one).
 */
export function loadDesign(files: SourceFile[], parse: (files: SourceFile[]) => ParseResult = parseManifests, memo?: ClusterMemo): Design {
  const parsed = parse(files);
  const built = buildCluster(parsed.manifests, memo);
  return { manifests: parsed.manifests, cluster: built.cluster, diagnostics: sortDiagnostics([...parsed.diagnostics, ...built.diagnostics], files) };
}

function sortDiagnostics(diagnostics: Diagnostic[], files: SourceFile[]): Diagnostic[] {
  const order = new Map<string, number>();
  files.forEach((f, i) => {
    if (!order.has(f.name)) order.set(f.name, i);
  });
  const fileRank = (d: Diagnostic): number => (d.file === undefined ? files.length : (order.get(d.file) ?? files.length));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => fileRank(a.d) - fileRank(b.d) || (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.col ?? 0) - (b.d.col ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

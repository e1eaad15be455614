// Manifests -> ClusterModel: validated, de-duplicated, normalized. Objects the API server would
// reject are left out; objects of other kinds are listed as unevaluated. Nothing is dropped silently.
import { kindStatus, isWorkloadKind, objectNamespace } from './kinds.ts';
import { normalizePolicy, normalizeService, normalizeWorkload, stringLabels } from './normalize.ts';
import { parseManifests } from './parse.ts';
import type { ClusterModel, Design, Diagnostic, KubeObject, Manifest, NamespaceModel, ObjectRef, ParseResult, SourceFile } from './types.ts';
import { validateManifest } from './validate.ts';
import { isAdminKind, normalizeAdminPolicy, normalizeNode } from './admin.ts';

const AUTOMATIC_NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * `validated`: manifests already validated without a diagnostic (a large import validates each
 * object as it reads it; validating 24,000 objects again took a second at 20,000 pods).
 */
export function buildCluster(manifests: Manifest[], validated?: ReadonlySet<Manifest>): { cluster: ClusterModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cluster: ClusterModel = { namespaces: [], workloads: [], services: [], policies: [], unevaluated: [], adminPolicies: [], nodes: [] };
  const firstSeen = new Map<string, Manifest>();
  const declared = new Map<string, NamespaceModel>();
  const referenced = new Set<string>();
  const workloadIds = new Set<string>();

  manifests.forEach((m, index) => {
    const own = validated?.has(m) ? [] : validateManifest(m);
    diagnostics.push(...own);
    const object = m.object;
    const { kind } = object;
    const name = object.metadata.name;
    const namespace = objectNamespace(object);
    const ref: ObjectRef = namespace === undefined ? { kind, name, manifest: index } : { kind, name, namespace, manifest: index };
    const label = `${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
    const note = (severity: Diagnostic['severity'], code: string, message: string): void => {
      diagnostics.push({ severity, code, message, file: m.source.file, line: m.source.line, col: m.source.col });
    };

    if (own.some((d) => d.severity === 'error')) {
      note('info', 'not-evaluated', `${label} has errors and is not evaluated (the API server would reject it)`);
      return;
    }
    const key = JSON.stringify([kind, namespace ?? '', name]);
    const first = firstSeen.get(key);
    if (first) {
      note('error', 'duplicate-object', `${label} is defined twice (first at ${first.source.file}:${first.source.line}); this one is ignored`);
      return;
    }
    firstSeen.set(key, m);
    if (namespace !== undefined) referenced.add(namespace);

    const status = kindStatus(object);
    if (status !== 'evaluated') {
      cluster.unevaluated.push(ref);
      // A wrong apiVersion already has its own warning saying it is not evaluated.
      if (status === 'deferred') note('info', 'not-evaluated', `${label} is not evaluated yet: ${kind} support is planned`);
      else if (status === 'other') note('info', 'not-evaluated', `${label} is not evaluated: the designer models Namespaces, workloads, Services, Nodes, NetworkPolicies and the network-policy-api kinds`);
      return;
    }
    const raw = object as unknown as Record<string, unknown>;
    if (kind === 'Namespace') {
      const labels = { ...stringLabels(object.metadata.labels), [AUTOMATIC_NAMESPACE_LABEL]: name };
      declared.set(name, { name, labels, declared: true, ref });
    } else if (kind === 'NetworkPolicy') {
      cluster.policies.push(normalizePolicy(raw, ref, namespace ?? 'default'));
    } else if (isAdminKind(kind)) {
      cluster.adminPolicies.push(normalizeAdminPolicy(raw, ref, kind));
    } else if (kind === 'Node') {
      cluster.nodes.push(normalizeNode(raw, ref));
    } else if (kind === 'Service') {
      cluster.services.push(normalizeService(raw, ref, namespace ?? 'default'));
    } else if (isWorkloadKind(kind)) {
      const ns = namespace ?? 'default';
      let id = `${ns}/${name}`;
      if (workloadIds.has(id)) {
        id = `${ns}/${name}@${kind}`;
        note('warning', 'duplicate-workload-id', `${label} has the same namespace/name as another workload; refer to it as ${id}`);
      }
      workloadIds.add(id);
      cluster.workloads.push(normalizeWorkload(raw, kind, ref, ns, id));
    }
  });

  cluster.namespaces.push(...declared.values());
  for (const name of referenced) {
    if (!declared.has(name)) cluster.namespaces.push({ name, labels: { [AUTOMATIC_NAMESPACE_LABEL]: name }, declared: false });
  }
  return { cluster, diagnostics };
}

/** The cluster model of objects that have no source text (e.g. edited in the designer). */
export function buildClusterFromObjects(objects: KubeObject[], file = 'design'): { cluster: ClusterModel; diagnostics: Diagnostic[] } {
  const manifests = objects.map((object): Manifest => ({ object, source: { file, line: 1, col: 1 }, positions: {} }));
  return buildCluster(manifests);
}

/**
 * Files -> everything the UI and CLI need: manifests, the model and all diagnostics in reading order.
 * `parse` may be another reader with parseManifests' results (the CLI's item-by-item one).
 */
export function loadDesign(files: SourceFile[], parse: (files: SourceFile[]) => ParseResult = parseManifests): Design {
  const parsed = parse(files);
  const built = buildCluster(parsed.manifests);
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

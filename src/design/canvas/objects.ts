// Create and change the cluster objects from the canvas: namespaces, workloads, Services. Pure
// functions objects -> objects; every result is ordinary YAML once emitted, and the allow-rule
// switches and drawn flows (found by their annotations) keep working on it.
import type { KubeObject, Protocol } from '../../model/types.ts';
import { WORKLOAD_KINDS, type WorkloadKind } from '../../model/types.ts';
import { namespace as namespaceObject, service as serviceObject } from '../kube.ts';
import { DesignError, findWorkload, isRecord, namespaceOf, NAMESPACE_NAME_LABEL } from '../objects.ts';
import { nameProblems, type ContainerPortSpec } from './fields.ts';

/** The kinds a workload can be created as (the others are read, never created here). */
export const CREATABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'] as const satisfies readonly WorkloadKind[];
export type CreatableKind = (typeof CREATABLE_KINDS)[number];

export interface WorkloadRef {
  namespace: string;
  name: string;
}

export interface NewWorkload extends WorkloadRef {
  kind: CreatableKind;
  labels: Record<string, string>;
  ports: ContainerPortSpec[];
  /** Deployments and StatefulSets only. */
  replicas?: number;
  image?: string;
}

export interface ServicePortSpec {
  port: number;
  /** A container port number or name; the port itself when absent. */
  targetPort?: number | string;
  protocol: Protocol;
}

const isWorkloadKind = (kind: string): kind is WorkloadKind => (WORKLOAD_KINDS as readonly string[]).includes(kind);

export function namespaceNames(objects: readonly KubeObject[]): string[] {
  const names = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Namespace') names.add(o.metadata.name);
    else if (isWorkloadKind(o.kind) || o.kind === 'Service') names.add(namespaceOf(o));
  }
  return [...names].sort();
}

function check(problems: string[]): void {
  if (problems.length > 0) throw new DesignError(problems.join(' '));
}

const sameNamespaced = (o: KubeObject, kindTest: (k: string) => boolean, ns: string, name: string) =>
  kindTest(o.kind) && namespaceOf(o) === ns && o.metadata.name === name;

export function addNamespace(objects: readonly KubeObject[], name: string, labels: Record<string, string> = {}): KubeObject[] {
  check(nameProblems(name, 'namespace'));
  if (objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name)) throw new DesignError(`Namespace ${name} already exists.`);
  // The API server sets kubernetes.io/metadata.name on every namespace (Kubernetes 1.22+), and the
  // generated policies select namespaces by it: written out, the YAML says what the cluster will have.
  // https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name
  return [...objects, namespaceObject(name, { [NAMESPACE_NAME_LABEL]: name, ...labels })];
}

/** The pod template of a workload (the Pod itself for a Pod), created on the way when missing. */
function podTemplate(object: KubeObject): { metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  const ensure = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    const v = parent[key];
    if (isRecord(v)) return v;
    const fresh: Record<string, unknown> = {};
    parent[key] = fresh;
    return fresh;
  };
  if (object.kind === 'Pod') return { metadata: object.metadata, spec: ensure(object, 'spec') };
  let spec = ensure(object, 'spec');
  if (object.kind === 'CronJob') spec = ensure(ensure(ensure(spec, 'jobTemplate'), 'spec'), 'template');
  else spec = ensure(spec, 'template');
  return { metadata: ensure(spec, 'metadata'), spec: ensure(spec, 'spec') };
}

const HAS_SELECTOR = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function setPodLabels(object: KubeObject, labels: Record<string, string>): void {
  const t = podTemplate(object);
  t.metadata['labels'] = { ...labels };
  // A controller's selector must select its template's labels; the canvas keeps them equal.
  if (HAS_SELECTOR.has(object.kind) && isRecord(object['spec'])) object['spec']['selector'] = { matchLabels: { ...labels } };
}

function setContainerPorts(object: KubeObject, ports: readonly ContainerPortSpec[]): void {
  const spec = podTemplate(object).spec;
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  const first = isRecord(containers[0]) ? containers[0] : { name: 'main', image: `${object.metadata.name}:latest` };
  const written = ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol }));
  const next: Record<string, unknown> = { ...first };
  if (written.length > 0) next['ports'] = written;
  else delete next['ports'];
  spec['containers'] = [next, ...containers.slice(1)];
}

function labelProblems(kind: string, labels: Record<string, string>): string[] {
  // A controller's selector may not be empty, and a workload without labels cannot be told apart by
  // any podSelector: the canvas asks for one.
  return Object.keys(labels).length === 0 ? [`A ${kind} needs at least one label (app=name is usual): policies select pods by their labels.`] : [];
}

export function addWorkload(objects: readonly KubeObject[], w: NewWorkload): KubeObject[] {
  check([...nameProblems(w.namespace, 'namespace'), ...nameProblems(w.name, 'workload'), ...labelProblems(w.kind, w.labels)]);
  if (findWorkload(objects, w.namespace, w.name)) throw new DesignError(`A workload ${w.namespace}/${w.name} already exists.`);
  if (w.replicas !== undefined && (!Number.isInteger(w.replicas) || w.replicas < 0 || w.replicas > 10000)) {
    throw new DesignError('Replicas must be a whole number from 0 to 10000.');
  }
  const container = { name: 'main', image: w.image?.trim() || `${w.name}:latest` };
  const object: KubeObject =
    w.kind === 'Pod'
      ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: w.name, namespace: w.namespace, labels: {} }, spec: { containers: [container] } }
      : {
          apiVersion: 'apps/v1',
          kind: w.kind,
          metadata: { name: w.name, namespace: w.namespace },
          spec: {
            ...(w.kind !== 'DaemonSet' ? { replicas: w.replicas ?? 1 } : {}),
            ...(w.kind === 'StatefulSet' ? { serviceName: w.name } : {}),
            selector: { matchLabels: {} },
            template: { metadata: { labels: {} }, spec: { containers: [container] } },
          },
        };
  setPodLabels(object, w.labels);
  setContainerPorts(object, w.ports);
  const needsNamespace = !objects.some((o) => o.kind === 'Namespace' && o.metadata.name === w.namespace);
  const withNs = needsNamespace ? addNamespace(objects, w.namespace) : [...objects];
  return [...withNs, object];
}

export function addService(
  objects: readonly KubeObject[],
  s: { namespace: string; name: string; selector: Record<string, string>; ports: ServicePortSpec[] },
): KubeObject[] {
  check([...nameProblems(s.namespace, 'namespace'), ...nameProblems(s.name, 'service')]);
  if (Object.keys(s.selector).length === 0) throw new DesignError('A Service needs a selector (the labels of the pods it sends traffic to).');
  if (s.ports.length === 0) throw new DesignError('A Service needs at least one port.');
  if (objects.some((o) => sameNamespaced(o, (k) => k === 'Service', s.namespace, s.name))) throw new DesignError(`A Service ${s.namespace}/${s.name} already exists.`);
  // With more than one port every port needs a name (the API server rejects the Service otherwise):
  // the target's name when it has one, else the protocol and number.
  const named = s.ports.length > 1;
  const ports = s.ports.map((p) => ({
    ...p,
    ...(named ? { name: typeof p.targetPort === 'string' ? p.targetPort : `${p.protocol.toLowerCase()}-${p.port}` } : {}),
    ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
  }));
  return [...objects, serviceObject(s.namespace, s.name, s.selector, ports)];
}

/** Replaces one object (found by `test`) by a changed deep copy. */
function changeOne(objects: readonly KubeObject[], test: (o: KubeObject) => boolean, change: (copy: KubeObject) => void, what: string): KubeObject[] {
  const at = objects.findIndex(test);
  if (at < 0) throw new DesignError(`${what} is not in the design.`);
  const copy = structuredClone(objects[at]!);
  change(copy);
  return objects.map((o, i) => (i === at ? copy : o));
}

const isWorkload = (w: WorkloadRef) => (o: KubeObject) => sameNamespaced(o, isWorkloadKind, w.namespace, w.name);

export function setWorkloadLabels(objects: readonly KubeObject[], w: WorkloadRef, labels: Record<string, string>): KubeObject[] {
  const found = findWorkload(objects, w.namespace, w.name);
  if (!found) throw new DesignError(`${w.namespace}/${w.name} is not in the design.`);
  check(labelProblems(found.kind, labels));
  return changeOne(objects, isWorkload(w), (o) => setPodLabels(o, labels), `${w.namespace}/${w.name}`);
}

export function setWorkloadPorts(objects: readonly KubeObject[], w: WorkloadRef, ports: readonly ContainerPortSpec[]): KubeObject[] {
  return changeOne(objects, isWorkload(w), (o) => setContainerPorts(o, ports), `${w.namespace}/${w.name}`);
}

export function setWorkloadReplicas(objects: readonly KubeObject[], w: WorkloadRef, replicas: number): KubeObject[] {
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 10000) throw new DesignError('Replicas must be a whole number from 0 to 10000.');
  return changeOne(objects, isWorkload(w), (o) => {
    if (isRecord(o['spec']) && (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'ReplicaSet')) o['spec']['replicas'] = replicas;
  }, `${w.namespace}/${w.name}`);
}

export function setNamespaceLabels(objects: readonly KubeObject[], name: string, labels: Record<string, string>): KubeObject[] {
  // The API server keeps kubernetes.io/metadata.name = name whatever is written: so does the canvas.
  const full = { ...labels, [NAMESPACE_NAME_LABEL]: name };
  if (!objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name)) return [...objects, namespaceObject(name, full)];
  return changeOne(objects, (o) => o.kind === 'Namespace' && o.metadata.name === name, (o) => {
    o.metadata.labels = full;
  }, `Namespace ${name}`);
}

/** The ports and labels of a workload as the canvas edits them (first container's ports). */
export function workloadFields(objects: readonly KubeObject[], w: WorkloadRef): { kind: WorkloadKind; labels: Record<string, string>; ports: ContainerPortSpec[]; replicas?: number; containers: number } | undefined {
  const found = findWorkload(objects, w.namespace, w.name);
  if (!found) return undefined;
  const spec = podTemplate(structuredClone(found.object)).spec;
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  const first = isRecord(containers[0]) ? containers[0] : {};
  const ports: ContainerPortSpec[] = [];
  for (const p of Array.isArray(first['ports']) ? first['ports'] : []) {
    if (!isRecord(p) || typeof p['containerPort'] !== 'number') continue;
    const protocol = p['protocol'] === 'UDP' || p['protocol'] === 'SCTP' ? p['protocol'] : 'TCP';
    ports.push({ ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}), containerPort: p['containerPort'], protocol });
  }
  const top = isRecord(found.object['spec']) ? found.object['spec'] : {};
  const replicas = typeof top['replicas'] === 'number' ? top['replicas'] : undefined;
  return { kind: found.kind, labels: found.labels, ports, ...(replicas !== undefined ? { replicas } : {}), containers: containers.length };
}

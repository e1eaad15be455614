// Drawn flows: "A may talk to B on these ports" becomes least-privilege policies on both in-cluster
// ends (egress at the source, ingress at the destination), annotated with the flow id and its spec so
// the flow is read back from the manifest set alone (after YAML edits or a reload).
import { PROTOCOLS, type KubeObject, type LabelSelector, type NetworkPolicyPort, type PolicyType } from '../model/types.ts';
import { apiServerTarget, externalPeers, EXTERNAL_NODES } from './external.ts';
import { slug, uniquePolicyName } from './names.ts';
import {
  annotationOf,
  DesignError,
  describePorts,
  isNetworkPolicy,
  isRecord,
  NAMESPACE_NAME_LABEL,
  networkPolicy,
  rawPorts,
  workloadSelector,
  type NetworkPolicyObject,
  type RawPeer,
} from './objects.ts';
import {
  ANNOTATION_FLOW,
  ANNOTATION_FLOW_SPEC,
  type DesignSettings,
  type ExternalId,
  type Flow,
  type FlowEnd,
  type FlowSpec,
} from './types.ts';

type ClusterEnd = Extract<FlowEnd, { kind: 'namespace' | 'workload' }>;

export const isClusterEnd = (end: FlowEnd): end is ClusterEnd => end.kind === 'namespace' || end.kind === 'workload';

const DNS_PORTS: NetworkPolicyPort[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

/** The ports the policies use: the spec's, else the natural ones of a DNS or API server destination, else all. */
export function effectivePorts(spec: FlowSpec, settings: DesignSettings): NetworkPolicyPort[] {
  if (spec.ports.length > 0) return rawPorts(spec.ports);
  if (spec.to.kind === 'external' && spec.to.id === 'dns') return DNS_PORTS.map((p) => ({ ...p }));
  if (spec.to.kind === 'external' && spec.to.id === 'apiserver') return [{ protocol: 'TCP', port: apiServerTarget(settings).port }];
  return [];
}

/** Short words for an end: used in ids, names and descriptions. */
function endSlug(end: FlowEnd): string {
  switch (end.kind) {
    case 'namespace':
      return end.namespace;
    case 'workload':
      return end.name;
    case 'external':
      return end.id;
    case 'cidr':
      return end.cidr;
  }
}

export function describeEnd(end: FlowEnd, settings: DesignSettings): string {
  switch (end.kind) {
    case 'namespace':
      return `every pod of namespace ${end.namespace}`;
    case 'workload':
      return `${end.namespace}/${end.name}`;
    case 'external': {
      const node = EXTERNAL_NODES(settings).find((n) => n.id === end.id);
      return node?.id === 'apiserver' ? `${node.title} ${apiServerTarget(settings).address}` : (node?.title ?? end.id);
    }
    case 'cidr':
      return end.except && end.except.length > 0 ? `${end.cidr} (except ${end.except.join(', ')})` : end.cidr;
  }
}

const selectorOf = (end: ClusterEnd, objects: readonly KubeObject[]): LabelSelector =>
  end.kind === 'workload' ? workloadSelector(objects, end.namespace, end.name) : {};

/** How a policy in `fromNamespace` names the other end of the flow. */
function peersFor(end: FlowEnd, fromNamespace: string, objects: readonly KubeObject[], settings: DesignSettings): RawPeer[] {
  switch (end.kind) {
    case 'namespace':
      return end.namespace === fromNamespace
        ? [{ podSelector: {} }]
        : [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: end.namespace } } }];
    case 'workload': {
      const podSelector = selectorOf(end, objects);
      return end.namespace === fromNamespace
        ? [{ podSelector }]
        : [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: end.namespace } }, podSelector }];
    }
    case 'external':
      return externalPeers(end.id, settings);
    case 'cidr':
      return [{ ipBlock: { cidr: end.cidr, ...(end.except && end.except.length > 0 ? { except: [...end.except] } : {}) } }];
  }
}

/** The spec as stored in the annotation: ports written out, nothing undefined. */
function normalizeSpec(spec: FlowSpec): FlowSpec {
  return {
    from: normalizeEnd(spec.from),
    to: normalizeEnd(spec.to),
    ports: rawPorts(spec.ports),
    ...(spec.sides ? { sides: [...spec.sides] } : {}),
  };
}

function normalizeEnd(end: FlowEnd): FlowEnd {
  switch (end.kind) {
    case 'namespace':
      return { kind: 'namespace', namespace: end.namespace };
    case 'workload':
      return { kind: 'workload', namespace: end.namespace, name: end.name };
    case 'external':
      return { kind: 'external', id: end.id };
    case 'cidr':
      return end.except && end.except.length > 0 ? { kind: 'cidr', cidr: end.cidr, except: [...end.except] } : { kind: 'cidr', cidr: end.cidr };
  }
}

const sidesOf = (spec: FlowSpec): PolicyType[] => spec.sides ?? ['Egress', 'Ingress'];

/**
 * The policies of a flow. Names are `flow-<id>-egress` / `flow-<id>-ingress`, made unique among the
 * other policies of their namespace (`objects`, ignoring the flow's own previous policies).
 */
export function generateFlowPolicies(
  id: string,
  spec: FlowSpec,
  settings: DesignSettings,
  objects: readonly KubeObject[],
): NetworkPolicyObject[] {
  const { from, to } = spec;
  if (!isClusterEnd(from) && !isClusterEnd(to)) {
    throw new DesignError('a flow needs at least one end in the cluster: NetworkPolicies only govern pods');
  }
  const ports = effectivePorts(spec, settings);
  const sides = sidesOf(spec);
  const stored = normalizeSpec(spec);
  const annotations = { [ANNOTATION_FLOW]: id, [ANNOTATION_FLOW_SPEC]: JSON.stringify(stored) };
  const what = `${describeEnd(from, settings)} to connect to ${describeEnd(to, settings)} ${describePorts(ports)}`;
  const ignore = (o: KubeObject) => isNetworkPolicy(o) && annotationOf(o, ANNOTATION_FLOW) === id;
  const out: NetworkPolicyObject[] = [];
  const name = (suffix: string, namespace: string) =>
    uniquePolicyName(`flow-${slug(id)}-${suffix}`, namespace, [...objects, ...out], ignore);
  const portsField = ports.length > 0 ? { ports } : {};

  if (isClusterEnd(from) && sides.includes('Egress')) {
    const ns = from.namespace;
    out.push(
      networkPolicy(
        name('egress', ns),
        ns,
        annotations,
        `Allows ${what} (source side of flow ${id}). As an Egress policy it also isolates ${describeEnd(from, settings)} for egress, ` +
          'if nothing did before: whatever no policy allows, DNS included, is denied (least privilege).',
        { podSelector: selectorOf(from, objects), policyTypes: ['Egress'], egress: [{ to: peersFor(to, ns, objects, settings), ...portsField }] },
      ),
    );
  }
  if (isClusterEnd(to) && sides.includes('Ingress')) {
    const ns = to.namespace;
    out.push(
      networkPolicy(
        name('ingress', ns),
        ns,
        annotations,
        `Allows ${what} (destination side of flow ${id}). As an Ingress policy it also isolates ${describeEnd(to, settings)} for ingress.`,
        { podSelector: selectorOf(to, objects), policyTypes: ['Ingress'], ingress: [{ from: peersFor(from, ns, objects, settings), ...portsField }] },
      ),
    );
  }
  if (out.length === 0) throw new DesignError(`flow ${id}: the chosen sides (${sides.join(', ')}) have no end in the cluster`);
  return out;
}

const isFlowObject = (id: string) => (o: KubeObject) => isNetworkPolicy(o) && annotationOf(o, ANNOTATION_FLOW) === id;

function uniqueFlowId(spec: FlowSpec, objects: readonly KubeObject[]): string {
  const taken = new Set(listFlowIds(objects));
  const base = slug(`${endSlug(spec.from)}-to-${endSlug(spec.to)}`);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function listFlowIds(objects: readonly KubeObject[]): string[] {
  const ids: string[] = [];
  for (const o of objects) {
    const id = isNetworkPolicy(o) ? annotationOf(o, ANNOTATION_FLOW) : undefined;
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Adds a flow's policies. Drawing the same flow twice returns the existing one unchanged. */
export function addFlow(objects: readonly KubeObject[], spec: FlowSpec, settings: DesignSettings): { objects: KubeObject[]; flow: Flow } {
  const normalized = normalizeSpec(spec);
  const same = listFlows(objects).find((f) => JSON.stringify(normalizeSpec(f)) === JSON.stringify(normalized));
  if (same) return { objects: [...objects], flow: same };
  const id = uniqueFlowId(normalized, objects);
  const policies = generateFlowPolicies(id, normalized, settings, objects);
  return { objects: [...objects, ...policies], flow: { id, ...normalized } };
}

export function removeFlow(objects: readonly KubeObject[], flowId: string): KubeObject[] {
  return objects.filter((o) => !isFlowObject(flowId)(o));
}

/** Regenerates a flow's policies from a new spec, in place, keeping its id. */
export function updateFlow(
  objects: readonly KubeObject[],
  flowId: string,
  spec: FlowSpec,
  settings: DesignSettings,
): { objects: KubeObject[]; flow: Flow } {
  const mine = isFlowObject(flowId);
  const at = objects.findIndex(mine);
  if (at < 0) throw new DesignError(`no flow "${flowId}" in the design`);
  const normalized = normalizeSpec(spec);
  const policies = generateFlowPolicies(flowId, normalized, settings, objects);
  const rest = objects.filter((o) => !mine(o));
  const insertAt = objects.slice(0, at).filter((o) => !mine(o)).length;
  return { objects: [...rest.slice(0, insertAt), ...policies, ...rest.slice(insertAt)], flow: { id: flowId, ...normalized } };
}

/** The flows of the manifest set, in order of first appearance, read from the policies' annotations. */
export function listFlows(objects: readonly KubeObject[]): Flow[] {
  const flows: Flow[] = [];
  for (const id of listFlowIds(objects)) {
    for (const o of objects.filter(isFlowObject(id))) {
      const spec = parseFlowSpec(annotationOf(o, ANNOTATION_FLOW_SPEC));
      if (spec) {
        flows.push({ id, ...spec });
        break;
      }
    }
  }
  return flows;
}

/** The policies a flow generated (empty when unknown). */
export function flowObjects(objects: readonly KubeObject[], flowId: string): KubeObject[] {
  return objects.filter(isFlowObject(flowId));
}

const EXTERNAL_IDS: readonly ExternalId[] = ['internet', 'private', 'metadata', 'apiserver', 'dns'];
const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';

function parseEnd(value: unknown): FlowEnd | undefined {
  if (!isRecord(value)) return undefined;
  switch (value['kind']) {
    case 'namespace':
      return isString(value['namespace']) ? { kind: 'namespace', namespace: value['namespace'] } : undefined;
    case 'workload':
      return isString(value['namespace']) && isString(value['name'])
        ? { kind: 'workload', namespace: value['namespace'], name: value['name'] }
        : undefined;
    case 'external': {
      const id = EXTERNAL_IDS.find((e) => e === value['id']);
      return id ? { kind: 'external', id } : undefined;
    }
    case 'cidr': {
      if (!isString(value['cidr'])) return undefined;
      const except = value['except'];
      if (except === undefined) return { kind: 'cidr', cidr: value['cidr'] };
      return Array.isArray(except) && except.every(isString) ? { kind: 'cidr', cidr: value['cidr'], except } : undefined;
    }
    default:
      return undefined;
  }
}

function parsePort(value: unknown): NetworkPolicyPort | undefined {
  if (!isRecord(value)) return undefined;
  const protocol = PROTOCOLS.find((p) => p === value['protocol']);
  if (!protocol) return undefined;
  const port = value['port'];
  const endPort = value['endPort'];
  if (port !== undefined && typeof port !== 'number' && typeof port !== 'string') return undefined;
  if (endPort !== undefined && typeof endPort !== 'number') return undefined;
  return { protocol, ...(port === undefined ? {} : { port }), ...(endPort === undefined ? {} : { endPort }) };
}

/** Reads the spec annotation back; undefined when absent or not a valid spec (e.g. hand-edited). */
export function parseFlowSpec(text: string | undefined): FlowSpec | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const from = parseEnd(value['from']);
  const to = parseEnd(value['to']);
  const portsValue = value['ports'];
  if (!from || !to || !Array.isArray(portsValue)) return undefined;
  const ports = portsValue.map(parsePort);
  if (ports.some((p) => p === undefined)) return undefined;
  const sidesValue = value['sides'];
  let sides: PolicyType[] | undefined;
  if (sidesValue !== undefined) {
    if (!Array.isArray(sidesValue) || !sidesValue.every((s) => s === 'Ingress' || s === 'Egress')) return undefined;
    sides = sidesValue.filter((s): s is PolicyType => s === 'Ingress' || s === 'Egress');
  }
  return { from, to, ports: ports.filter((p): p is NetworkPolicyPort => p !== undefined), ...(sides ? { sides } : {}) };
}

// Drawn flows made into admin rules: "A -> B on these ports: Allow | Deny | Pass at priority N". One
// cluster-scoped policy per flow, annotated with the flow id and its spec (like NetworkPolicy flows);
// action, priority, tier, flavor and side are read back from the policy itself, so YAML edits to
// them are what the flow list shows.
import { isAdminKind } from '../model/admin.ts';
import type { AdminAction, AdminTier, KubeObject, PolicyType } from '../model/types.ts';
import {
  adminKindFor,
  adminPolicyObject,
  adminPriorityOf,
  adminTierOf,
  describeAdminPorts,
  dnsPods,
  flavorOfKind,
  hasNamedPort,
  isAdminObject,
  namespaceNamed,
  networksPeers,
  priorityHolders,
  subtractCidrs,
  uniqueAdminName,
  type AdminFlavor,
  type AdminPeerSpec,
  type AdminPolicyObject,
  type AdminSubjectSpec,
} from './adminObjects.ts';
import { hostCidr, INTERNET_BLOCK, METADATA_CIDR, PRIVATE_CIDRS, requireApiServerEndpoint } from './external.ts';
import { describeEnd, effectivePorts, listFlows, parseFlowSpec } from './flows.ts';
import { slug } from './names.ts';
import { annotationOf, DesignError, isRecord, rawPorts, workloadSelector } from './objects.ts';
import { ANNOTATION_FLOW, ANNOTATION_FLOW_SPEC, DEFAULT_SETTINGS, type DesignSettings, type FlowEnd, type FlowSpec } from './types.ts';

export interface AdminFlowOptions {
  action: AdminAction;
  /** 0-1000, lower first within the tier; must not be used by another policy of the tier. */
  priority: number;
  /** Default Admin. Baseline needs the cnp flavor (the BaselineAdminNetworkPolicy is one singleton object). */
  tier?: AdminTier;
  /** Default 'anp' (AdminNetworkPolicy v1alpha1). */
  flavor?: AdminFlavor;
  /**
   * Which end's policy carries the rule: Ingress (subject = destination) or Egress (subject =
   * source). Default: Ingress between pods, Egress to anything outside the cluster (admin ingress
   * rules cannot name networks).
   */
  side?: PolicyType;
}

export interface AdminFlow extends FlowSpec {
  id: string;
  action: AdminAction;
  priority: number;
  tier: AdminTier;
  flavor: AdminFlavor;
  side: PolicyType;
}

/** Ends made of pods: they can be a subject or a namespaces/pods peer. The cluster DNS node is pods too. */
const isPodEnd = (end: FlowEnd): boolean =>
  end.kind === 'namespace' || end.kind === 'workload' || (end.kind === 'external' && end.id === 'dns');

function podsOf(end: FlowEnd, objects: readonly KubeObject[], settings: DesignSettings): AdminSubjectSpec {
  switch (end.kind) {
    case 'namespace':
      return { namespaces: namespaceNamed(end.namespace) };
    case 'workload':
      return { pods: { namespaceSelector: namespaceNamed(end.namespace), podSelector: workloadSelector(objects, end.namespace, end.name) } };
    case 'external':
      if (end.id === 'dns') return dnsPods(settings);
      break;
    case 'cidr':
      break;
  }
  throw new DesignError(`${describeEnd(end, settings)} is outside the cluster: it has no pods`);
}

/** The CIDRs an outside end stands for; `except` ranges are subtracted since networks peers have none. */
function networksOf(end: FlowEnd, settings: DesignSettings): string[] {
  if (end.kind === 'cidr') return subtractCidrs(end.cidr, end.except ?? []);
  if (end.kind !== 'external') throw new DesignError(`${describeEnd(end, settings)} is not outside the cluster`);
  switch (end.id) {
    case 'internet':
      return subtractCidrs(INTERNET_BLOCK.cidr, INTERNET_BLOCK.except);
    case 'private':
      return [...PRIVATE_CIDRS];
    case 'metadata':
      return [METADATA_CIDR];
    case 'apiserver':
      return [hostCidr(requireApiServerEndpoint(settings).address)];
    case 'dns':
      throw new DesignError('the cluster DNS is pods, not networks');
  }
}

const peersOf = (end: FlowEnd, objects: readonly KubeObject[], settings: DesignSettings): AdminPeerSpec[] =>
  isPodEnd(end) ? [podsOf(end, objects, settings)] : networksPeers(networksOf(end, settings));

/** The side the rule goes on, or a DesignError saying why the flow cannot be an admin rule. */
function resolveSide(spec: FlowSpec, requested: PolicyType | undefined, settings: DesignSettings): PolicyType {
  if (!isPodEnd(spec.from)) {
    throw new DesignError(
      `admin policies cannot match traffic from ${describeEnd(spec.from, settings)}: their ingress rules name namespaces and pods ` +
        'only; draw it as a NetworkPolicy flow (ipBlock) instead',
    );
  }
  if (!isPodEnd(spec.to)) {
    if (requested === 'Ingress') throw new DesignError(`${describeEnd(spec.to, settings)} is outside the cluster: it has no ingress side`);
    return 'Egress';
  }
  return requested ?? 'Ingress';
}

/** The spec as stored in the annotation: exactly what parseFlowSpec reads back. */
function storedSpec(spec: FlowSpec): FlowSpec {
  const text = JSON.stringify({ from: spec.from, to: spec.to, ports: rawPorts(spec.ports) });
  const parsed = parseFlowSpec(text);
  if (!parsed) throw new DesignError('the flow is not valid: each end needs its namespace, name, id or CIDR, and ports a protocol');
  return parsed;
}

const VERBS: Record<AdminAction, string> = { Allow: 'Allows', Deny: 'Denies', Pass: 'Passes to the next tier' };

function consequence(action: AdminAction, side: PolicyType, externalDestination: boolean): string {
  if (action === 'Deny') return 'A Deny on one side denies the connection, whatever the other side says.';
  const other = side === 'Ingress' ? "the source's egress" : "the destination's ingress";
  const rest = externalDestination
    ? 'Nothing else decides for an address outside the cluster.'
    : `${other[0]!.toUpperCase()}${other.slice(1)} is still decided by its own rules (admin, NetworkPolicy, baseline): open it too if it is restricted.`;
  if (action === 'Pass') return `Pass is not Allow: the NetworkPolicies selecting the subject decide, else the baseline, else the default (allow). ${rest}`;
  return rest;
}

/**
 * The cluster-scoped policy of an admin flow. Its name is `flow-<id>`, made unique among the other
 * objects of its kind (ignoring the flow's own previous policy).
 */
export function generateAdminFlowPolicy(
  id: string,
  spec: FlowSpec,
  options: AdminFlowOptions,
  settings: DesignSettings,
  objects: readonly KubeObject[],
): AdminPolicyObject {
  const tier = options.tier ?? 'Admin';
  const flavor = options.flavor ?? 'anp';
  if (flavor === 'anp' && tier === 'Baseline') {
    throw new DesignError(
      'a baseline flow needs the cnp flavor: the anp flavor\'s baseline is the one BaselineAdminNetworkPolicy "default", ' +
        'whose rules are ordered within it, so it cannot hold one object per flow',
    );
  }
  const stored = storedSpec(spec);
  const side = resolveSide(stored, options.side, settings);
  const ports = effectivePorts(stored, settings);
  const outside = !isPodEnd(stored.to);
  if (outside && hasNamedPort(ports)) {
    throw new DesignError(`${describeEnd(stored.to, settings)} is outside the cluster, so it has no named ports: use port numbers`);
  }
  const subjectEnd = side === 'Ingress' ? stored.to : stored.from;
  const peerEnd = side === 'Ingress' ? stored.from : stored.to;
  const where = side === 'Ingress'
    ? `Decided at the destination's ingress: the subject is ${describeEnd(stored.to, settings)}.`
    : `Decided at the source's egress: the subject is ${describeEnd(stored.from, settings)}${outside ? ' (admin rules can name addresses outside the cluster only in egress)' : ''}.`;
  const description =
    `${VERBS[options.action]} connections from ${describeEnd(stored.from, settings)} to ${describeEnd(stored.to, settings)} ` +
    `${describeAdminPorts(ports)} (${tier} tier, priority ${options.priority}; flow ${id}). ${where} ${consequence(options.action, side, outside)}`;
  const policy = adminPolicyObject(flavor, {
    tier,
    name: `flow-${slug(id)}`,
    priority: options.priority,
    subject: podsOf(subjectEnd, objects, settings),
    ingress: side === 'Ingress' ? [{ name: `${options.action.toLowerCase()}-${slug(id)}`, action: options.action, peers: peersOf(peerEnd, objects, settings), ports }] : [],
    egress: side === 'Egress' ? [{ name: `${options.action.toLowerCase()}-${slug(id)}`, action: options.action, peers: peersOf(peerEnd, objects, settings), ports }] : [],
    annotations: { [ANNOTATION_FLOW]: id, [ANNOTATION_FLOW_SPEC]: JSON.stringify(stored) },
    description,
  });
  const name = uniqueAdminName(policy.metadata.name, policy.kind, objects, isAdminFlowObject(id));
  return { ...policy, metadata: { ...policy.metadata, name } };
}

const isAdminFlowObject = (id: string) => (o: KubeObject): boolean => isAdminObject(o) && annotationOf(o, ANNOTATION_FLOW) === id;

/** The admin flows of the manifest set, in order, read from the policies (hand-broken ones are skipped). */
export function listAdminFlows(objects: readonly KubeObject[]): AdminFlow[] {
  const flows: AdminFlow[] = [];
  for (const o of objects) {
    const id = isAdminObject(o) ? annotationOf(o, ANNOTATION_FLOW) : undefined;
    if (id === undefined || !isAdminKind(o.kind) || flows.some((f) => f.id === id)) continue;
    const spec = parseFlowSpec(annotationOf(o, ANNOTATION_FLOW_SPEC));
    const body = isRecord(o['spec']) ? o['spec'] : {};
    const ingress = Array.isArray(body['ingress']) ? body['ingress'] : [];
    const egress = Array.isArray(body['egress']) ? body['egress'] : [];
    const side: PolicyType = ingress.length > 0 ? 'Ingress' : 'Egress';
    const rule: unknown = (side === 'Ingress' ? ingress : egress)[0];
    const word = isRecord(rule) ? rule['action'] : undefined;
    const action: AdminAction | undefined = word === 'Accept' || word === 'Allow' ? 'Allow' : word === 'Deny' || word === 'Pass' ? word : undefined;
    const tier = adminTierOf(o);
    const priority = adminPriorityOf(o) ?? 0;
    if (!spec || !action || !tier) continue;
    flows.push({ id, from: spec.from, to: spec.to, ports: spec.ports, action, priority, tier, flavor: flavorOfKind(o.kind), side });
  }
  return flows;
}

/** The policy an admin flow generated (empty when unknown). */
export function adminFlowObjects(objects: readonly KubeObject[], flowId: string): KubeObject[] {
  return objects.filter(isAdminFlowObject(flowId));
}

function uniqueAdminFlowId(spec: FlowSpec, objects: readonly KubeObject[]): string {
  // Shared with NetworkPolicy flows, so an id always names one flow of either kind.
  const taken = new Set([...listFlows(objects).map((f) => f.id), ...listAdminFlows(objects).map((f) => f.id)]);
  const end = (e: FlowEnd) => (e.kind === 'namespace' ? e.namespace : e.kind === 'workload' ? e.name : e.kind === 'external' ? e.id : e.cidr);
  const base = slug(`${end(spec.from)}-to-${end(spec.to)}`);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function checkPriority(policy: AdminPolicyObject, others: readonly KubeObject[]): void {
  const priority = adminPriorityOf(policy);
  const tier = adminTierOf(policy);
  if (priority === undefined || tier === undefined) return;
  const holders = priorityHolders(others, tier, priority);
  if (holders.length > 0) {
    throw new DesignError(
      `priority ${priority} of the ${tier} tier is taken by ${holders.map((h) => `${h.kind} ${h.metadata.name}`).join(', ')}: ` +
        'equal priorities have no defined order, choose another',
    );
  }
}

const sameFlow = (a: AdminFlow, b: AdminFlow): boolean =>
  JSON.stringify([a.from, a.to, a.ports, a.action, a.tier, a.flavor, a.side]) === JSON.stringify([b.from, b.to, b.ports, b.action, b.tier, b.flavor, b.side]);

/** Adds an admin flow's policy. Drawing the same flow with the same action, tier and side returns the existing one unchanged. */
export function addAdminFlow(
  objects: readonly KubeObject[],
  spec: FlowSpec,
  options: AdminFlowOptions,
  settings: DesignSettings = DEFAULT_SETTINGS,
): { objects: KubeObject[]; flow: AdminFlow } {
  const stored = storedSpec(spec);
  const wanted: AdminFlow = {
    id: '',
    ...stored,
    action: options.action,
    priority: options.priority,
    tier: options.tier ?? 'Admin',
    flavor: options.flavor ?? 'anp',
    side: resolveSide(stored, options.side, settings),
  };
  const same = listAdminFlows(objects).find((f) => sameFlow(f, wanted));
  if (same) return { objects: [...objects], flow: same };
  const id = uniqueAdminFlowId(stored, objects);
  const policy = generateAdminFlowPolicy(id, stored, { ...options, side: wanted.side }, settings, objects);
  checkPriority(policy, objects);
  return { objects: [...objects, policy], flow: { ...wanted, id } };
}

export function removeAdminFlow(objects: readonly KubeObject[], flowId: string): KubeObject[] {
  return objects.filter((o) => !isAdminFlowObject(flowId)(o));
}

/**
 * Regenerates an admin flow's policy from a new spec and options, in place, keeping its id. Options
 * left out keep the flow's current values (the side too, while it still fits the new ends).
 */
export function updateAdminFlow(
  objects: readonly KubeObject[],
  flowId: string,
  spec: FlowSpec,
  options: Partial<AdminFlowOptions> = {},
  settings: DesignSettings = DEFAULT_SETTINGS,
): { objects: KubeObject[]; flow: AdminFlow } {
  const mine = isAdminFlowObject(flowId);
  const at = objects.findIndex(mine);
  const current = listAdminFlows(objects).find((f) => f.id === flowId);
  if (at < 0 || !current) throw new DesignError(`no admin flow "${flowId}" in the design`);
  const stored = storedSpec(spec);
  const keepSide = current.side === 'Egress' || isPodEnd(stored.to) ? current.side : undefined;
  const merged: AdminFlowOptions = {
    action: options.action ?? current.action,
    priority: options.priority ?? current.priority,
    tier: options.tier ?? current.tier,
    flavor: options.flavor ?? current.flavor,
    side: resolveSide(stored, options.side ?? keepSide, settings),
  };
  const rest = objects.filter((o) => !mine(o));
  const policy = generateAdminFlowPolicy(flowId, stored, merged, settings, rest);
  checkPriority(policy, rest);
  const insertAt = objects.slice(0, at).filter((o) => !mine(o)).length;
  return {
    objects: [...rest.slice(0, insertAt), policy, ...rest.slice(insertAt)],
    flow: { id: flowId, ...stored, action: merged.action, priority: merged.priority, tier: merged.tier ?? 'Admin', flavor: merged.flavor ?? 'anp', side: merged.side ?? 'Ingress' },
  };
}

/** The kind an admin flow with these options would produce (for the UI to say what it will write). */
export const adminFlowKind = (options: Pick<AdminFlowOptions, 'tier' | 'flavor'>) => adminKindFor(options.flavor ?? 'anp', options.tier ?? 'Admin');

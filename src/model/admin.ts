// AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and
// ClusterNetworkPolicy (v1alpha2, and v1beta1 with the same schema): validation as their CRD schemas and CEL rules state it, and
// normalization into AdminPolicy. v1alpha1 names ports portNumber/portRange/namedPort; v1alpha2
// names them protocols[].tcp.destinationPort; both become AdminPort.
import { Checker, isObj, isSet, type Obj } from './checker.ts';
import { portNameProblems } from './names.ts';
import { parseCidr } from './net.ts';
import { normalizeSelector, stringLabels } from './normalize.ts';
import { joinIndex, joinKey } from './paths.ts';
import {
  PROTOCOLS, type AdminAction, type AdminKind, type AdminPeer, type AdminPolicy, type AdminPort, type AdminRule,
  type AdminSubject, type NodeModel, type ObjectRef, type Protocol,
} from './types.ts';
import { validateLabelSelector, validateObjectMeta } from './validate-meta.ts';

export const ADMIN_KINDS: Readonly<Record<AdminKind, string>> = {
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
};

export function isAdminKind(kind: string): kind is AdminKind {
  return Object.prototype.hasOwnProperty.call(ADMIN_KINDS, kind);
}

const ACTIONS: Record<AdminKind, readonly string[]> = {
  AdminNetworkPolicy: ['Allow', 'Deny', 'Pass'],
  BaselineAdminNetworkPolicy: ['Allow', 'Deny'],
  ClusterNetworkPolicy: ['Accept', 'Deny', 'Pass'],
};
const MAX_RULES: Record<AdminKind, number> = { AdminNetworkPolicy: 100, BaselineAdminNetworkPolicy: 100, ClusterNetworkPolicy: 25 };

/** Exactly one of `fields` must be set (the CRDs' MinProperties=1/MaxProperties=1). */
function exactlyOne(c: Checker, object: Obj, path: string, fields: readonly string[]): string | undefined {
  c.knownFields(object, path, fields);
  const present = fields.filter((f) => isSet(object[f]));
  if (present.length !== 1) {
    c.error('invalid-admin-field', path, present.length === 0 ? `must set exactly one of ${fields.join(', ')}` : `sets ${present.join(' and ')}; exactly one of ${fields.join(', ')} is allowed`);
    return undefined;
  }
  return present[0];
}

function validateNamespacedPod(c: Checker, value: unknown, path: string): void {
  const pods = c.object(value, path);
  if (!pods) return;
  c.knownFields(pods, path, ['namespaceSelector', 'podSelector']);
  if (!isSet(pods.podSelector)) c.warning('missing-field', joinKey(path, 'podSelector'), 'is required by the CRD schema, so the API server rejects this object; evaluated here as {} (every pod)');
  else validateLabelSelector(c, pods.podSelector, joinKey(path, 'podSelector'), true);
  if (isSet(pods.namespaceSelector)) validateLabelSelector(c, pods.namespaceSelector, joinKey(path, 'namespaceSelector'), true);
}

function validateSubject(c: Checker, value: unknown, path: string): void {
  if (!isSet(value)) {
    c.error('missing-field', path, 'is required: namespaces or pods');
    return;
  }
  const subject = c.object(value, path);
  if (!subject) return;
  const which = exactlyOne(c, subject, path, ['namespaces', 'pods']);
  if (which === 'namespaces') validateLabelSelector(c, subject.namespaces, joinKey(path, 'namespaces'), true);
  else if (which === 'pods') validateNamespacedPod(c, subject.pods, joinKey(path, 'pods'));
}

function validatePortNumber(c: Checker, value: unknown, path: string): void {
  const n = c.integer(value, path);
  if (n !== undefined && (n < 1 || n > 65535)) c.error('invalid-port', path, `${n} is out of range 1-65535`);
}

function validateProtocolValue(c: Checker, value: unknown, path: string): void {
  const p = c.string(value, path);
  if (p !== undefined && !(PROTOCOLS as readonly string[]).includes(p)) {
    c.error('invalid-protocol', path, `${JSON.stringify(p)} is not a protocol: use TCP, UDP or SCTP${p.toUpperCase() === 'ICMP' ? ' (ICMP cannot be expressed by this API)' : ''}`);
  }
}

function validateRange(c: Checker, range: Obj, path: string, startField: string, endField: string): void {
  validatePortNumber(c, range[startField], joinKey(path, startField));
  validatePortNumber(c, range[endField], joinKey(path, endField));
  const start = range[startField];
  const end = range[endField];
  if (!isSet(start)) c.error('missing-field', joinKey(path, startField), 'is required');
  if (!isSet(end)) c.error('missing-field', joinKey(path, endField), 'is required');
  if (typeof start === 'number' && typeof end === 'number' && start >= end) {
    c.error('invalid-port-range', path, `start (${start}) must be less than end (${end})`);
  }
}

/** v1alpha1 `ports`: portNumber | namedPort | portRange. */
function validateV1Port(c: Checker, value: unknown, path: string): void {
  const port = c.object(value, path);
  if (!port) return;
  const which = exactlyOne(c, port, path, ['portNumber', 'namedPort', 'portRange']);
  if (which === 'namedPort') {
    const name = c.string(port.namedPort, joinKey(path, 'namedPort'));
    if (name !== undefined) for (const problem of portNameProblems(name)) c.error('invalid-port-name', joinKey(path, 'namedPort'), problem);
  } else if (which === 'portNumber') {
    const numberPath = joinKey(path, 'portNumber');
    const p = c.object(port.portNumber, numberPath);
    if (!p) return;
    c.knownFields(p, numberPath, ['protocol', 'port']);
    validateProtocolValue(c, p.protocol, joinKey(numberPath, 'protocol'));
    if (!isSet(p.port)) c.error('missing-field', joinKey(numberPath, 'port'), 'is required');
    validatePortNumber(c, p.port, joinKey(numberPath, 'port'));
  } else if (which === 'portRange') {
    const rangePath = joinKey(path, 'portRange');
    const r = c.object(port.portRange, rangePath);
    if (!r) return;
    c.knownFields(r, rangePath, ['protocol', 'start', 'end']);
    validateProtocolValue(c, r.protocol, joinKey(rangePath, 'protocol'));
    validateRange(c, r, rangePath, 'start', 'end');
  }
}

/** v1alpha2 `protocols`: tcp | udp | sctp (each with destinationPort number|range) | destinationNamedPort. */
function validateV2Protocol(c: Checker, value: unknown, path: string): void {
  const protocol = c.object(value, path);
  if (!protocol) return;
  const which = exactlyOne(c, protocol, path, ['tcp', 'udp', 'sctp', 'destinationNamedPort']);
  if (which === 'destinationNamedPort') {
    const name = c.string(protocol.destinationNamedPort, joinKey(path, 'destinationNamedPort'));
    if (name !== undefined) for (const problem of portNameProblems(name)) c.error('invalid-port-name', joinKey(path, 'destinationNamedPort'), problem);
  } else if (which !== undefined) {
    const body = c.object(protocol[which], joinKey(path, which));
    if (!body) return;
    c.knownFields(body, joinKey(path, which), ['destinationPort']);
    const destPath = joinKey(joinKey(path, which), 'destinationPort');
    const dest = c.object(body.destinationPort, destPath);
    if (!dest) return;
    const kind = exactlyOne(c, dest, destPath, ['number', 'range']);
    if (kind === 'number') validatePortNumber(c, dest.number, joinKey(destPath, 'number'));
    else if (kind === 'range') {
      const r = c.object(dest.range, joinKey(destPath, 'range'));
      if (r) {
        c.knownFields(r, joinKey(destPath, 'range'), ['start', 'end']);
        validateRange(c, r, joinKey(destPath, 'range'), 'start', 'end');
      }
    }
  }
}

// A domain name, or `*.` and a domain (the wildcard is a whole-label prefix only), as the CRD's pattern.
const DOMAIN_NAME = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

function validateDomainNames(c: Checker, value: unknown, path: string): void {
  const list = c.list(value, path);
  if (list && (list.length === 0 || list.length > 25)) c.error('invalid-admin-field', path, 'must list 1 to 25 domain names');
  list?.forEach((item, i) => {
    const itemPath = joinIndex(path, i);
    const text = c.string(item, itemPath);
    if (text !== undefined && !DOMAIN_NAME.test(text)) {
      c.error('invalid-admin-field', itemPath, `${JSON.stringify(text)} is not a domain name (a wildcard may only be a leading "*.")`);
    }
  });
  c.warning('domain-names-not-evaluated', path, 'domainNames are matched by the network plugin through DNS; this tool has no DNS, so no address probe matches this peer (the rule still applies to its other peers)');
}

function validatePeer(c: Checker, value: unknown, path: string, egress: boolean, v2: boolean): string | undefined {
  const peer = c.object(value, path);
  if (!peer) return undefined;
  const fields = egress ? ['namespaces', 'pods', 'nodes', 'networks', ...(v2 ? ['domainNames'] : [])] : ['namespaces', 'pods'];
  const which = exactlyOne(c, peer, path, fields);
  if (which === 'namespaces' || which === 'nodes') validateLabelSelector(c, peer[which], joinKey(path, which), true);
  else if (which === 'pods') validateNamespacedPod(c, peer.pods, joinKey(path, 'pods'));
  else if (which === 'networks') {
    const list = c.list(peer.networks, joinKey(path, 'networks'));
    if (list && (list.length === 0 || list.length > 25)) c.error('invalid-admin-field', joinKey(path, 'networks'), 'must list 1 to 25 CIDRs');
    list?.forEach((item, i) => {
      const itemPath = joinIndex(joinKey(path, 'networks'), i);
      const text = c.string(item, itemPath);
      if (text === undefined) return;
      const parsed = parseCidr(text);
      if ('error' in parsed) c.error('invalid-cidr', itemPath, parsed.error);
    });
  } else if (which === 'domainNames') validateDomainNames(c, peer.domainNames, joinKey(path, 'domainNames'));
  return which;
}

export function validateAdminPolicy(c: Checker, object: Obj, kind: AdminKind): void {
  c.knownFields(object, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  validateObjectMeta(c, object.metadata, { name: 'dns1123-subdomain', namespaced: false, strictFields: true });
  const meta = isObj(object.metadata) ? object.metadata : {};
  if (kind === 'BaselineAdminNetworkPolicy' && meta.name !== 'default') {
    c.error('invalid-admin-field', 'metadata.name', 'must be "default": BaselineAdminNetworkPolicy is a singleton');
  }
  const spec = c.object(object.spec, 'spec');
  if (!spec) {
    if (!isSet(object.spec)) c.error('missing-field', 'spec', 'is required');
    return;
  }
  const v2 = kind === 'ClusterNetworkPolicy';
  c.knownFields(spec, 'spec', [...(kind === 'BaselineAdminNetworkPolicy' ? [] : ['priority']), ...(v2 ? ['tier'] : []), 'subject', 'ingress', 'egress']);
  if (v2) {
    const tier = c.string(spec.tier, 'spec.tier');
    if (!isSet(spec.tier)) c.error('missing-field', 'spec.tier', 'is required: Admin or Baseline');
    else if (tier !== undefined && tier !== 'Admin' && tier !== 'Baseline') c.error('invalid-admin-field', 'spec.tier', `${JSON.stringify(tier)} is not a tier: use Admin or Baseline`);
  }
  if (kind !== 'BaselineAdminNetworkPolicy') {
    if (!isSet(spec.priority)) c.error('missing-field', 'spec.priority', 'is required (0-1000, lower is evaluated first)');
    const priority = c.integer(spec.priority, 'spec.priority');
    if (priority !== undefined && (priority < 0 || priority > 1000)) c.error('invalid-priority', 'spec.priority', `${priority} is out of range 0-1000`);
  }
  validateSubject(c, spec.subject, 'spec.subject');
  for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rulesPath = `spec.${direction}`;
    const rules = c.list(spec[direction], rulesPath);
    if (rules && rules.length > MAX_RULES[kind]) c.error('invalid-admin-field', rulesPath, `may hold at most ${MAX_RULES[kind]} rules`);
    rules?.forEach((item, i) => {
      const rulePath = joinIndex(rulesPath, i);
      const rule = c.object(item, rulePath);
      if (!rule) return;
      const portsField = v2 ? 'protocols' : 'ports';
      c.knownFields(rule, rulePath, ['name', 'action', peersField, portsField]);
      const name = c.string(rule.name, joinKey(rulePath, 'name'));
      if (name !== undefined && name.length > 100) c.error('invalid-admin-field', joinKey(rulePath, 'name'), 'may be at most 100 characters');
      const actionPath = joinKey(rulePath, 'action');
      const action = c.string(rule.action, actionPath);
      if (!isSet(rule.action)) c.error('missing-field', actionPath, `is required: ${ACTIONS[kind].join(', ')}`);
      else if (action !== undefined && !ACTIONS[kind].includes(action)) {
        const hint = action === 'Allow' && v2 ? ' (ClusterNetworkPolicy says Accept)' : action === 'Accept' && !v2 ? ' (v1alpha1 says Allow)' : '';
        c.error('invalid-admin-action', actionPath, `${JSON.stringify(action)} is not an action of ${kind}: use ${ACTIONS[kind].join(', ')}${hint}`);
      }
      const peersPath = joinKey(rulePath, peersField);
      const peers = c.list(rule[peersField], peersPath);
      if (!peers || peers.length === 0) c.error('missing-field', peersPath, 'must list at least one peer');
      const peerKinds = (peers ?? []).map((p, j) => validatePeer(c, p, joinIndex(peersPath, j), direction === 'egress', v2));
      if (action !== undefined && action !== 'Accept' && peerKinds.includes('domainNames')) {
        c.error('invalid-admin-field', peersPath, `domainNames peers are only allowed in Accept rules (this rule says ${action})`);
      }
      const portsPath = joinKey(rulePath, portsField);
      const ports = c.list(rule[portsField], portsPath);
      ports?.forEach((p, j) => (v2 ? validateV2Protocol(c, p, joinIndex(portsPath, j)) : validateV1Port(c, p, joinIndex(portsPath, j))));
      const named = (ports ?? []).some((p) => isObj(p) && (isSet(p.namedPort) || isSet(p.destinationNamedPort)));
      if (named && peerKinds.some((k) => k === 'networks' || k === 'nodes' || k === 'domainNames')) {
        c.error('invalid-admin-field', portsPath, 'a named port cannot be used with networks, nodes or domainNames peers: they have no named ports');
      }
    });
  }
}

// ---- normalization ------------------------------------------------------------------------------

const protocolOf = (value: unknown): Protocol => (PROTOCOLS as readonly unknown[]).includes(value) ? (value as Protocol) : 'TCP';

function normalizeNamespacedPod(value: unknown) {
  const pods = isObj(value) ? value : {};
  return { namespaceSelector: normalizeSelector(pods.namespaceSelector), podSelector: normalizeSelector(pods.podSelector) };
}

function normalizePeer(value: Obj): AdminPeer {
  if (isSet(value.namespaces)) return { namespaces: normalizeSelector(value.namespaces) };
  if (isSet(value.pods)) return { pods: normalizeNamespacedPod(value.pods) };
  if (isSet(value.nodes)) return { nodes: normalizeSelector(value.nodes) };
  if (isSet(value.domainNames)) {
    return { domainNames: Array.isArray(value.domainNames) ? value.domainNames.filter((n): n is string => typeof n === 'string') : [] };
  }
  return { networks: Array.isArray(value.networks) ? value.networks.filter((n): n is string => typeof n === 'string') : [] };
}

function normalizeV1Port(value: Obj): AdminPort {
  if (typeof value.namedPort === 'string') return { name: value.namedPort };
  if (isObj(value.portRange)) {
    return { protocol: protocolOf(value.portRange.protocol), from: Number(value.portRange.start), to: Number(value.portRange.end) };
  }
  const p = isObj(value.portNumber) ? value.portNumber : {};
  return { protocol: protocolOf(p.protocol), from: Number(p.port), to: Number(p.port) };
}

function normalizeV2Protocol(value: Obj): AdminPort {
  if (typeof value.destinationNamedPort === 'string') return { name: value.destinationNamedPort };
  for (const [field, protocol] of [['tcp', 'TCP'], ['udp', 'UDP'], ['sctp', 'SCTP']] as const) {
    const body = value[field];
    if (!isObj(body)) continue;
    const dest = isObj(body.destinationPort) ? body.destinationPort : undefined;
    if (!dest) return { protocol, from: 1, to: 65535 };
    if (isObj(dest.range)) return { protocol, from: Number(dest.range.start), to: Number(dest.range.end) };
    return { protocol, from: Number(dest.number), to: Number(dest.number) };
  }
  return { protocol: 'TCP', from: 1, to: 65535 };
}

function normalizeAction(word: unknown): AdminAction {
  if (word === 'Accept' || word === 'Allow') return 'Allow';
  return word === 'Pass' ? 'Pass' : 'Deny';
}

export function normalizeAdminPolicy(object: Obj, ref: ObjectRef, kind: AdminKind): AdminPolicy {
  const spec = isObj(object.spec) ? object.spec : {};
  const subjectRaw = isObj(spec.subject) ? spec.subject : {};
  const subject: AdminSubject = isSet(subjectRaw.pods)
    ? { pods: normalizeNamespacedPod(subjectRaw.pods) }
    : { namespaces: normalizeSelector(subjectRaw.namespaces) };
  const v2 = kind === 'ClusterNetworkPolicy';
  const rules = (direction: 'ingress' | 'egress'): AdminRule[] => {
    const list = Array.isArray(spec[direction]) ? spec[direction] : [];
    return list.filter(isObj).map((rule): AdminRule => {
      const peers = rule[direction === 'ingress' ? 'from' : 'to'];
      const ports = rule[v2 ? 'protocols' : 'ports'];
      const normalized: AdminRule = {
        name: typeof rule.name === 'string' ? rule.name : '',
        action: normalizeAction(rule.action),
        actionWord: typeof rule.action === 'string' ? rule.action : 'Deny',
        peers: (Array.isArray(peers) ? peers : []).filter(isObj).map(normalizePeer),
      };
      if (Array.isArray(ports) && ports.length > 0) normalized.ports = ports.filter(isObj).map(v2 ? normalizeV2Protocol : normalizeV1Port);
      return normalized;
    });
  };
  const tier = kind === 'AdminNetworkPolicy' ? 'Admin' : kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : spec.tier === 'Baseline' ? 'Baseline' : 'Admin';
  return {
    ref, kind, name: ref.name, tier,
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    subject, ingress: rules('ingress'), egress: rules('egress'),
  };
}

// ---- Node (for nodes peers) ---------------------------------------------------------------------

export function validateNode(c: Checker, object: Obj): void {
  validateObjectMeta(c, object.metadata, { name: 'dns1123-subdomain', namespaced: false, strictFields: false });
}

export function normalizeNode(object: Obj, ref: ObjectRef): NodeModel {
  const meta = isObj(object.metadata) ? object.metadata : {};
  const status = isObj(object.status) ? object.status : {};
  const addresses = (Array.isArray(status.addresses) ? status.addresses : [])
    .filter(isObj)
    .filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP')
    .map((a) => a.address)
    .filter((a): a is string => typeof a === 'string');
  return { name: ref.name, labels: stringLabels(meta.labels), addresses, ref };
}

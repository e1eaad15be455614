// NetworkPolicy networking.k8s.io/v1, after k8s pkg/apis/networking/validation (plus lint warnings).
import { Checker, describe, isSet, type Obj } from './checker.ts';
import { isPortNumber, portNameProblems } from './names.ts';
import { cidrContains, parseCidr } from './net.ts';
import { joinIndex, joinKey } from './paths.ts';
import { PROTOCOLS } from './types.ts';
import { validateLabelSelector, validateObjectMeta } from './validate-meta.ts';

const POLICY_TYPES = ['Ingress', 'Egress'] as const;

export function validateNetworkPolicy(c: Checker, object: Obj): void {
  c.knownFields(object, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  validateObjectMeta(c, object.metadata, { name: 'dns1123-subdomain', namespaced: true, strictFields: true });
  if (!isSet(object.spec)) {
    c.warning('missing-field', 'spec', 'is missing; the API server accepts that as an empty spec, which selects every pod in the namespace and denies all their ingress');
    return;
  }
  const spec = c.object(object.spec, 'spec');
  if (!spec) return;
  c.knownFields(spec, 'spec', ['podSelector', 'policyTypes', 'ingress', 'egress']);
  if (!isSet(spec.podSelector)) {
    // kubernetes/kubernetes#130896: documented as required, but the API server defaults it to {}.
    c.warning('missing-pod-selector', 'spec.podSelector', 'is missing; the API server defaults it to {} (every pod in the namespace). Write podSelector: {} to say so; older kubectl versions reject the omission');
  } else {
    validateLabelSelector(c, spec.podSelector, 'spec.podSelector', true);
  }
  const explicitTypes = validatePolicyTypes(c, spec.policyTypes);
  for (const [direction, peersField, type] of [['ingress', 'from', 'Ingress'], ['egress', 'to', 'Egress']] as const) {
    const rulesPath = `spec.${direction}`;
    const rules = c.list(spec[direction], rulesPath);
    rules?.forEach((item, i) => {
      const rulePath = joinIndex(rulesPath, i);
      const rule = item === null ? {} : c.object(item, rulePath);
      if (!rule) return;
      c.knownFields(rule, rulePath, ['ports', peersField]);
      const portsPath = joinKey(rulePath, 'ports');
      c.list(rule.ports, portsPath)?.forEach((port, j) => validatePort(c, port, joinIndex(portsPath, j)));
      const peersPath = joinKey(rulePath, peersField);
      c.list(rule[peersField], peersPath)?.forEach((peer, j) => validatePeer(c, peer, joinIndex(peersPath, j)));
    });
    if (explicitTypes && !explicitTypes.includes(type) && rules && rules.length > 0) {
      c.warning('ignored-rules', rulesPath, `has rules, but policyTypes does not include ${type}, so they are ignored`);
    }
  }
}

/** The explicit policy types, or undefined when absent/empty (then they are inferred). */
function validatePolicyTypes(c: Checker, value: unknown): string[] | undefined {
  const path = 'spec.policyTypes';
  const list = c.list(value, path);
  if (!list || list.length === 0) return undefined;
  if (list.length > 2) {
    c.error('invalid-policy-type', path, 'may not list more than two policy types (Ingress, Egress)');
    return undefined;
  }
  const seen: string[] = [];
  list.forEach((item, i) => {
    const itemPath = joinIndex(path, i);
    const type = c.string(item, itemPath);
    if (type === undefined) {
      if (item === null) c.error('invalid-policy-type', itemPath, 'must be Ingress or Egress');
      return;
    }
    if (!(POLICY_TYPES as readonly string[]).includes(type)) {
      const hint = POLICY_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
      c.error('invalid-policy-type', itemPath, `${JSON.stringify(type)} is not a policy type: use ${hint ? `${hint} (case-sensitive)` : 'Ingress or Egress'}`);
    } else if (seen.includes(type)) {
      c.warning('duplicate-policy-type', itemPath, `${type} is listed twice`);
    }
    seen.push(type);
  });
  return seen;
}

function validatePort(c: Checker, value: unknown, path: string): void {
  if (value === null) return; // an empty port entry: every port of TCP
  const port = c.object(value, path);
  if (!port) return;
  c.knownFields(port, path, ['protocol', 'port', 'endPort']);
  validateProtocol(c, port.protocol, joinKey(path, 'protocol'));
  const portPath = joinKey(path, 'port');
  const endPortPath = joinKey(path, 'endPort');
  const endPort = c.integer(port.endPort, endPortPath);
  if (!isSet(port.port)) {
    if (isSet(port.endPort)) c.error('invalid-port', endPortPath, 'may not be set without port (endPort ends a range that starts at port)');
    return;
  }
  if (typeof port.port === 'number') {
    if (!isPortNumber(port.port)) c.error('invalid-port', portPath, `${port.port} is not a valid port number (1-65535)`);
    if (endPort !== undefined) {
      if (!isPortNumber(endPort)) c.error('invalid-port', endPortPath, `${endPort} is not a valid port number (1-65535)`);
      else if (endPort < port.port) c.error('invalid-port', endPortPath, `${endPort} must be greater than or equal to port ${port.port}`);
    }
  } else if (typeof port.port === 'string') {
    validatePortName(c, port.port, portPath);
    if (isSet(port.endPort)) c.error('invalid-port', endPortPath, `may not be used with the named port ${JSON.stringify(port.port)}; ranges need a numeric port`);
  } else {
    c.error('invalid-type', portPath, `must be a port number or a port name, got ${describe(port.port)}`);
  }
}

export function validatePortName(c: Checker, name: string, path: string): void {
  const problems = portNameProblems(name);
  const numeric = /^\d+$/.test(name) ? ` (for port number ${name}, write it without quotes)` : '';
  for (const problem of problems) c.error('invalid-port-name', path, `${problem}${numeric}`);
}

export function validateProtocol(c: Checker, value: unknown, path: string): void {
  if (!isSet(value)) return;
  const protocol = c.string(value, path);
  if (protocol === undefined || (PROTOCOLS as readonly string[]).includes(protocol)) return;
  const hint = PROTOCOLS.find((p) => p === protocol.toUpperCase());
  c.error('invalid-protocol', path, `${JSON.stringify(protocol)} is not a supported protocol: use ${hint ? `${hint} (upper case)` : 'TCP, UDP or SCTP'}`);
}

function validatePeer(c: Checker, value: unknown, path: string): void {
  const peer = value === null ? {} : c.object(value, path);
  if (!peer) return;
  c.knownFields(peer, path, ['podSelector', 'namespaceSelector', 'ipBlock']);
  let count = 0;
  for (const field of ['podSelector', 'namespaceSelector'] as const) {
    if (!isSet(peer[field])) continue;
    count++;
    validateLabelSelector(c, peer[field], joinKey(path, field), true);
  }
  if (isSet(peer.ipBlock)) {
    count++;
    validateIpBlock(c, peer.ipBlock, joinKey(path, 'ipBlock'));
  }
  if (count === 0) {
    c.error('invalid-peer', path, 'must set podSelector, namespaceSelector or ipBlock (to allow every peer, leave out the whole from/to list instead)');
  } else if (count > 1 && isSet(peer.ipBlock)) {
    c.error('invalid-peer', path, 'ipBlock cannot be combined with podSelector or namespaceSelector in the same peer; make them separate list items');
  }
}

function validateIpBlock(c: Checker, value: unknown, path: string): void {
  const block = c.object(value, path);
  if (!block) return;
  c.knownFields(block, path, ['cidr', 'except']);
  const cidrPath = joinKey(path, 'cidr');
  if (!isSet(block.cidr) || block.cidr === '') {
    c.error('missing-field', cidrPath, 'is required');
    return;
  }
  const cidrText = c.string(block.cidr, cidrPath);
  if (cidrText === undefined) return;
  const cidr = parseCidr(cidrText);
  if ('error' in cidr) {
    c.error('invalid-cidr', cidrPath, cidr.error);
    return;
  }
  if (cidr.leadingZeros) c.warning('cidr-leading-zeros', cidrPath, `${cidrText} has leading zeros; the API server reads them as decimal (${cidr.canonical}), other tools as octal`);
  if (cidr.hostBitsSet) c.warning('cidr-host-bits', cidrPath, `${cidrText} has host bits set; the API server accepts it and matches ${cidr.canonical}`);
  const exceptPath = joinKey(path, 'except');
  c.list(block.except, exceptPath)?.forEach((item, i) => {
    const itemPath = joinIndex(exceptPath, i);
    if (item === null) {
      c.error('invalid-cidr', itemPath, 'is empty; expected a CIDR such as 10.0.0.0/24');
      return;
    }
    const text = c.string(item, itemPath);
    if (text === undefined) return;
    const except = parseCidr(text);
    if ('error' in except) c.error('invalid-cidr', itemPath, except.error);
    else if (except.family !== cidr.family) {
      c.error('invalid-except', itemPath, `${text} is IPv${except.family} but cidr ${cidrText} is IPv${cidr.family}; except entries must be inside cidr`);
    } else if (!cidrContains(cidr, except)) c.error('invalid-except', itemPath, `${text} is not inside cidr ${cidrText}`);
    else if (except.prefix === cidr.prefix) {
      c.error('invalid-except', itemPath, `${text} is all of cidr ${cidrText}; except must be strictly inside cidr (a smaller range)`);
    }
  });
}

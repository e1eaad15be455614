// `netpol-invariants.yaml` -> Invariant[], with line:col diagnostics. The YAML is read by the model's
// parser (same YAML 1.1 rules, limits and positions as manifests); this file checks the schema.
import { isObj } from '../model/checker.ts';
import { parseCidr } from '../model/net.ts';
import { normalizeSelector } from '../model/normalize.ts';
import { parseManifests } from '../model/parse.ts';
import { joinIndex, joinKey, parentPath } from '../model/paths.ts';
import { PROTOCOLS, type Diagnostic, type LabelSelector, type PolicyType, type Position, type Protocol, type SourceFile } from '../model/types.ts';
import {
  INVARIANT_KINDS, INVARIANTS_API_VERSION, INVARIANTS_KIND, OUTSIDE_IDS,
  type EndpointSelector, type Invariant, type InvariantKind, type InvariantPort, type OutsideId,
} from './types.ts';

export interface ParsedInvariants {
  invariants: Invariant[];
  diagnostics: Diagnostic[];
}

const SEVERITIES = ['high', 'medium', 'low'] as const;
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

interface Ctx {
  file: string;
  positions: Record<string, Position>;
  fallback: Position;
  diagnostics: Diagnostic[];
}

function problem(ctx: Ctx, path: string, message: string, code = 'invalid-invariant', severity: Diagnostic['severity'] = 'error'): void {
  let at = ctx.fallback;
  for (let p = path; p !== ''; p = parentPath(p)) {
    const found = ctx.positions[p];
    if (found) {
      at = found;
      break;
    }
  }
  ctx.diagnostics.push({ severity, code, message, file: ctx.file, line: at.line, col: at.col, path });
}

function positionOf(ctx: Ctx, path: string): Position {
  return ctx.positions[path] ?? ctx.fallback;
}

/** Reads invariants files. Never throws: every problem is a diagnostic, and broken entries are left out. */
export function parseInvariants(files: readonly SourceFile[]): ParsedInvariants {
  const parsed = parseManifests([...files]);
  const diagnostics = [...parsed.diagnostics];
  const invariants: Invariant[] = [];
  const names = new Set<string>();
  for (const manifest of parsed.manifests) {
    const ctx: Ctx = { file: manifest.source.file, positions: manifest.positions, fallback: manifest.source, diagnostics };
    const object = manifest.object as Record<string, unknown>;
    if (object.apiVersion !== INVARIANTS_API_VERSION || object.kind !== INVARIANTS_KIND) {
      problem(ctx, 'kind', `expected apiVersion: ${INVARIANTS_API_VERSION} and kind: ${INVARIANTS_KIND}, got ${String(object.apiVersion)} ${String(object.kind)}`, 'not-invariants');
      continue;
    }
    const spec = object.spec;
    if (!isObj(spec) || !Array.isArray(spec.invariants)) {
      problem(ctx, 'spec', 'spec.invariants must be a list of invariants', 'missing-field');
      continue;
    }
    spec.invariants.forEach((raw, i) => {
      const invariant = parseInvariant(ctx, raw, joinIndex('spec.invariants', i), i);
      if (!invariant) return;
      if (names.has(invariant.name)) {
        problem(ctx, joinKey(joinIndex('spec.invariants', i), 'name'), `invariant name "${invariant.name}" is used twice; names must be unique (they are the rule ids)`, 'duplicate-name');
        return;
      }
      names.add(invariant.name);
      invariants.push(invariant);
    });
  }
  if (files.length > 0 && parsed.manifests.length === 0 && diagnostics.every((d) => d.severity !== 'error')) {
    diagnostics.push({ severity: 'error', code: 'empty', message: `no ${INVARIANTS_KIND} document found`, file: files[0]!.name, line: 1, col: 1 });
  }
  return { invariants, diagnostics };
}

function parseInvariant(ctx: Ctx, raw: unknown, path: string, index: number): Invariant | undefined {
  if (!isObj(raw)) {
    problem(ctx, path, 'an invariant must be a mapping with one of never, only, always, isolated');
    return undefined;
  }
  const kinds = INVARIANT_KINDS.filter((k) => raw[k] !== undefined);
  const known = new Set<string>([...INVARIANT_KINDS, 'name', 'description', 'severity']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problem(ctx, joinKey(path, key), `unknown field "${key}" (expected name, description, severity and one of ${INVARIANT_KINDS.join(', ')})`);
  }
  if (kinds.length !== 1) {
    problem(ctx, path, kinds.length === 0 ? `an invariant needs one of ${INVARIANT_KINDS.join(', ')}` : `an invariant has exactly one of ${INVARIANT_KINDS.join(', ')} (got ${kinds.join(', ')})`);
    return undefined;
  }
  const kind = kinds[0]!;
  const before = ctx.diagnostics.filter((d) => d.severity === 'error').length;
  let name = `${kind}-${index + 1}`;
  if (raw.name !== undefined) {
    if (typeof raw.name !== 'string' || !NAME.test(raw.name) || raw.name.length > 253) {
      problem(ctx, joinKey(path, 'name'), 'name must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit');
    } else name = raw.name;
  }
  if (raw.description !== undefined && typeof raw.description !== 'string') problem(ctx, joinKey(path, 'description'), 'description must be a string');
  let severity: Invariant['severity'] = 'high';
  if (raw.severity !== undefined) {
    if (!(SEVERITIES as readonly unknown[]).includes(raw.severity)) problem(ctx, joinKey(path, 'severity'), `severity must be one of ${SEVERITIES.join(', ')}`);
    else severity = raw.severity as Invariant['severity'];
  }
  const bodyPath = joinKey(path, kind);
  const body = raw[kind];
  const pos = positionOf(ctx, path);
  const base = {
    name,
    severity,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    location: { file: ctx.file, line: pos.line, col: pos.col },
  };
  if (!isObj(body)) {
    problem(ctx, bodyPath, `${kind} must be a mapping (${kind === 'isolated' ? 'target, direction' : 'from, to, ports'})`);
    return undefined;
  }
  const invariant = parseBody(ctx, kind, body, bodyPath, base);
  const after = ctx.diagnostics.filter((d) => d.severity === 'error').length;
  return after === before ? invariant : undefined;
}

type Base = Pick<Invariant, 'name' | 'severity' | 'description' | 'location'>;

function parseBody(ctx: Ctx, kind: InvariantKind, body: Record<string, unknown>, path: string, base: Base): Invariant | undefined {
  const fields = kind === 'isolated' ? ['target', 'direction'] : ['from', 'to', 'ports'];
  for (const key of Object.keys(body)) {
    if (!fields.includes(key)) problem(ctx, joinKey(path, key), `unknown field "${key}" in ${kind} (expected ${fields.join(', ')})`);
  }
  if (kind === 'isolated') {
    const target = endpoints(ctx, body.target, joinKey(path, 'target'), true);
    const directions = parseDirections(ctx, body.direction, joinKey(path, 'direction'));
    if (target.some((e) => e.kind !== 'workloads')) problem(ctx, joinKey(path, 'target'), 'isolated applies to workloads (namespace, workload, selectors), not to outside addresses');
    return { ...base, kind, target, directions };
  }
  // `only` names who may reach the target: the target is required, the sources may be an empty list (nobody).
  // Without from, never and always mean every workload of the design.
  const from = endpoints(ctx, body.from, joinKey(path, 'from'), false);
  const to = endpoints(ctx, body.to, joinKey(path, 'to'), true);
  if (kind === 'only' && body.from === undefined) problem(ctx, joinKey(path, 'from'), 'only needs from: the sources that may reach the target ([] for nobody)');
  if (kind === 'only' && to.some((e) => e.kind !== 'workloads')) problem(ctx, joinKey(path, 'to'), 'only guards workloads: its to must select workloads, not outside addresses');
  const ports = body.ports === undefined ? [] : parsePorts(ctx, body.ports, joinKey(path, 'ports'));
  return { ...base, kind, from, to, ports };
}

function parseDirections(ctx: Ctx, value: unknown, path: string): PolicyType[] {
  if (value === undefined) return ['Ingress'];
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if (text === 'ingress') return ['Ingress'];
  if (text === 'egress') return ['Egress'];
  if (text === 'both') return ['Ingress', 'Egress'];
  problem(ctx, path, 'direction must be Ingress, Egress or Both');
  return [];
}

/** One endpoint or a list of them; `required` makes a missing field an error, else it means every workload. */
function endpoints(ctx: Ctx, value: unknown, path: string, required: boolean): EndpointSelector[] {
  if (value === undefined || value === null) {
    if (required) problem(ctx, path, `${path.split('.').at(-1)} is required: a namespace, a workload, a selector, an outside node or a CIDR`, 'missing-field');
    return value === null ? [{ kind: 'workloads' }] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const e = endpoint(ctx, item, joinIndex(path, i));
      return e ? [e] : [];
    });
  }
  const e = endpoint(ctx, value, path);
  return e ? [e] : [];
}

const ENDPOINT_FIELDS = ['namespace', 'workload', 'namespaceSelector', 'podSelector', 'outside', 'cidr', 'except'];

/**
 * A string is shorthand: `*` every workload, `ns` a namespace, `ns/name` a workload,
 * `outside:metadata` an outside node, and a CIDR (`10.0.0.0/8`) an address range.
 */
function endpoint(ctx: Ctx, value: unknown, path: string): EndpointSelector | undefined {
  if (typeof value === 'string') return shorthand(ctx, value.trim(), path);
  if (!isObj(value)) {
    problem(ctx, path, 'an endpoint is a string (ns, ns/name, outside:ID, CIDR, *) or a mapping with namespace, workload, namespaceSelector, podSelector, outside or cidr');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!ENDPOINT_FIELDS.includes(key)) problem(ctx, joinKey(path, key), `unknown field "${key}" in an endpoint (expected ${ENDPOINT_FIELDS.join(', ')})`);
  }
  const inCluster = ['namespace', 'workload', 'namespaceSelector', 'podSelector'].filter((k) => value[k] !== undefined);
  if (value.outside !== undefined) {
    if (inCluster.length > 0 || value.cidr !== undefined) problem(ctx, path, 'outside cannot be combined with other endpoint fields');
    if (typeof value.outside !== 'string' || !(OUTSIDE_IDS as readonly string[]).includes(value.outside)) {
      problem(ctx, joinKey(path, 'outside'), `outside must be one of ${OUTSIDE_IDS.join(', ')}`);
      return undefined;
    }
    return { kind: 'outside', id: value.outside as OutsideId };
  }
  if (value.cidr !== undefined) {
    if (inCluster.length > 0) problem(ctx, path, 'cidr cannot be combined with namespace, workload or selectors');
    const cidr = checkCidr(ctx, value.cidr, joinKey(path, 'cidr'));
    const except = value.except === undefined ? [] : Array.isArray(value.except)
      ? value.except.map((x, i) => checkCidr(ctx, x, joinIndex(joinKey(path, 'except'), i))).filter((x): x is string => x !== undefined)
      : (problem(ctx, joinKey(path, 'except'), 'except must be a list of CIDRs'), []);
    return cidr === undefined ? undefined : { kind: 'cidr', cidr, ...(except.length > 0 ? { except } : {}) };
  }
  if (value.except !== undefined) problem(ctx, joinKey(path, 'except'), 'except goes with cidr');
  const selector: Extract<EndpointSelector, { kind: 'workloads' }> = { kind: 'workloads' };
  for (const field of ['namespace', 'workload'] as const) {
    const v = value[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') problem(ctx, joinKey(path, field), `${field} must be a non-empty string`);
    else selector[field] = v;
  }
  if (selector.workload?.includes('/')) {
    const [ns, name] = selector.workload.split('/') as [string, string];
    if (selector.namespace !== undefined && selector.namespace !== ns) problem(ctx, joinKey(path, 'workload'), `workload ${selector.workload} is not in namespace ${selector.namespace}`);
    selector.namespace = ns;
    selector.workload = name;
  }
  if (selector.workload !== undefined && selector.namespace === undefined) problem(ctx, joinKey(path, 'workload'), 'workload needs its namespace (namespace: NS, or workload: NS/NAME)');
  for (const field of ['namespaceSelector', 'podSelector'] as const) {
    if (value[field] === undefined) continue;
    const s = checkSelector(ctx, value[field], joinKey(path, field));
    if (s) selector[field] = s;
  }
  return selector;
}

function shorthand(ctx: Ctx, text: string, path: string): EndpointSelector | undefined {
  if (text === '*') return { kind: 'workloads' };
  if (text.startsWith('outside:')) {
    const id = text.slice('outside:'.length);
    if ((OUTSIDE_IDS as readonly string[]).includes(id)) return { kind: 'outside', id: id as OutsideId };
    problem(ctx, path, `"${text}": outside must be one of ${OUTSIDE_IDS.join(', ')}`);
    return undefined;
  }
  if (/^[0-9a-fA-F:.]+\/\d+$/.test(text)) {
    const cidr = checkCidr(ctx, text, path);
    return cidr === undefined ? undefined : { kind: 'cidr', cidr };
  }
  const parts = text.split('/');
  if (parts.length === 1 && parts[0]) return { kind: 'workloads', namespace: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: 'workloads', namespace: parts[0], workload: parts[1] };
  problem(ctx, path, `"${text}" is not an endpoint (expected ns, ns/name, outside:ID, a CIDR or *)`);
  return undefined;
}

function checkCidr(ctx: Ctx, value: unknown, path: string): string | undefined {
  if (typeof value !== 'string') {
    problem(ctx, path, 'a CIDR must be a string, e.g. 10.0.0.0/8');
    return undefined;
  }
  const cidr = parseCidr(value);
  if ('error' in cidr) {
    problem(ctx, path, cidr.error);
    return undefined;
  }
  if (cidr.leadingZeros) problem(ctx, path, `"${value}" has leading zeros, which some tools read as octal; write ${cidr.canonical}`);
  return cidr.canonical;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function checkSelector(ctx: Ctx, value: unknown, path: string): LabelSelector | undefined {
  if (!isObj(value)) {
    problem(ctx, path, 'a label selector is a mapping with matchLabels and/or matchExpressions');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'matchLabels' && key !== 'matchExpressions') problem(ctx, joinKey(path, key), `unknown field "${key}" in a label selector`);
  }
  if (value.matchLabels !== undefined) {
    if (!isObj(value.matchLabels) || Object.values(value.matchLabels).some((v) => typeof v !== 'string')) {
      problem(ctx, joinKey(path, 'matchLabels'), 'matchLabels must map label keys to string values');
    }
  }
  if (value.matchExpressions !== undefined) {
    if (!Array.isArray(value.matchExpressions)) problem(ctx, joinKey(path, 'matchExpressions'), 'matchExpressions must be a list');
    else {
      value.matchExpressions.forEach((e, i) => {
        const at = joinIndex(joinKey(path, 'matchExpressions'), i);
        if (!isObj(e) || typeof e.key !== 'string' || !OPERATORS.includes(e.operator as string)) {
          problem(ctx, at, `a requirement needs key and operator (${OPERATORS.join(', ')})`);
        } else if ((e.operator === 'In' || e.operator === 'NotIn') !== Array.isArray(e.values)) {
          problem(ctx, at, 'In and NotIn need values; Exists and DoesNotExist take none');
        }
      });
    }
  }
  return normalizeSelector(value);
}

/** `80`, `"80/TCP"`, `"8000-8080/TCP"`, `"53/UDP"`, or `{port: 80, endPort: 90, protocol: TCP}`. */
function parsePorts(ctx: Ctx, value: unknown, path: string): InvariantPort[] {
  const list = Array.isArray(value) ? value : [value];
  const out: InvariantPort[] = [];
  list.forEach((item, i) => {
    const at = Array.isArray(value) ? joinIndex(path, i) : path;
    const port = parsePort(item);
    if (typeof port === 'string') problem(ctx, at, port);
    else out.push(port);
  });
  return out;
}

function parsePort(item: unknown): InvariantPort | string {
  let from: unknown;
  let to: unknown;
  let protocol: unknown = 'TCP';
  if (typeof item === 'number') from = to = item;
  else if (typeof item === 'string') {
    const match = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(item.trim());
    if (!match) return `"${item}" is not a port: expected PORT, PORT/PROTOCOL or FROM-TO/PROTOCOL, e.g. 80/TCP`;
    from = Number(match[1]);
    to = match[2] === undefined ? from : Number(match[2]);
    protocol = (match[3] ?? 'TCP').toUpperCase();
  } else if (isObj(item)) {
    from = item.port;
    to = item.endPort ?? item.port;
    protocol = item.protocol ?? 'TCP';
  } else return 'a port is a number, "PORT/PROTOCOL" or a mapping with port, endPort and protocol';
  const valid = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;
  if (!valid(from) || !valid(to)) return 'ports are numbers 1-65535 (named ports are not supported in invariants)';
  if (to < from) return `port range ${from}-${to} ends before it starts`;
  if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) return `unknown protocol "${String(protocol)}" (expected TCP, UDP or SCTP)`;
  return { protocol: protocol as Protocol, from, to };
}

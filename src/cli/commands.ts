import { compile, compileAll, evaluate, evaluateAcrossProfiles, evaluateService, parseEndpoint, profileById, profileDependence, type CompiledCluster, type Endpoint, type Probe, type ServiceVerdict, type Verdict } from '../engine/index.ts';
import { formatProfileComparison, matrixDifferences } from '../format/profileMatrix.ts';
import { compareProfileFromArgs, profileFromArgs } from './profile.ts';
import { answerProbes } from '../engine/classes/index.ts';
import { resolveEndpoint } from '../engine/endpoints.ts';
import { MATRIX_FORMATS, type MatrixFormat } from '../format/matrix.ts';
import { formatVerdict } from '../format/verdict.ts';
import { parseIp as strictIp } from '../model/net.ts';
import type { Design } from '../model/types.ts';
import { computeReviewMatrix, defaultMatrixPorts } from '../review/matrixView.ts';
import { streamMatrix, WORKLOAD_LEVEL_LIMIT } from '../review/matrixStream/index.ts';
import { parsePortSpec, portOptions, parsePortText, parseProtocol, UsageError, type ParsedArgs } from './args.ts';
import { jsonSyntaxError, jsonValuePosition } from '../model/json.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { fastProbeAnswers } from './probeFast.ts';
import { scanProbes } from './probeScan.ts';
import type { StdinInput } from './io.ts';

export interface CommandResult {
  stdout: string;
  stderr?: string;
  exitCode: number;
  /**
   * More of stdout, produced while it is written (large outputs); read once, after `stdout`. Bytes
   * are UTF-8, each chunk whole characters.
   */
  stream?: Iterable<string | Uint8Array>;
}

function single(args: ParsedArgs, name: string, fallback?: string): string {
  const values = args.options.get(name);
  if (!values || values.length === 0) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`${name} is required`);
  }
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  return values[0]!;
}

/**
 * `what` names the input in the message: `--from`, `probes[0].to`. Addresses are checked with the
 * API server's rules first: the engine's parser reads `010.0.0.1` as octal (8.0.0.1) and accepts
 * `10.1`, hex and zone ids, so such a probe would answer for another address than meant.
 */
function toEndpoint(text: string, what?: string): Endpoint {
  const prefix = what ? `${what}: ` : '';
  const trimmed = text.trim();
  if (trimmed.startsWith('ip:')) {
    const ip = strictIp(trimmed.slice(3).trim());
    if ('error' in ip) throw new UsageError(`${prefix}"${text}" is not a valid IP address (expected ip:ADDR, e.g. ip:10.0.0.1 or ip:fd00::1)`);
    if (ip.leadingZeros) throw new UsageError(`${prefix}"${text}" has leading zeros, which some tools read as octal; write ip:${ip.canonical}`);
  }
  try {
    return parseEndpoint(text);
  } catch (e) {
    throw new UsageError(`${prefix}${(e as Error).message}`);
  }
}

// ---- probe ------------------------------------------------------------------------------------

/** A probe whose destination is `svc:ns/name`: judged on the Service's backends. */
interface ServiceProbe {
  from: Endpoint;
  service: string;
  port: number | string;
  protocol: Probe['protocol'];
}

const SERVICE_PREFIX = 'svc:';

/** A problem with one field of the probes on standard input; `path` locates it (`probes[2].port`). */
class ProbeInputError extends UsageError {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** Endpoints already read, by their text: a batch names the same few hundred endpoints again and again. */
type EndpointCache = Map<string, Endpoint>;

/** Where a probe (or one of its fields) is on standard input, for a message: `probes[2].port`. */
const probePath = (index: number, field = '') => `probes[${index}]${field ? `.${field}` : ''}`;

const probeFail = (index: number, field: string, message: string) => new ProbeInputError(probePath(index, field), message);

function readEndpoint(index: number, field: 'from' | 'to', text: string, cache: EndpointCache | undefined): Endpoint {
  const known = cache?.get(text);
  if (known) return known;
  try {
    const read = toEndpoint(text, probePath(index, field));
    cache?.set(text, read);
    return read;
  } catch (e) {
    throw probeFail(index, field, (e as Error).message);
  }
}

// Messages are written only when a probe is wrong: a batch of 360,000 right ones builds no strings.
function probeFromJson(raw: unknown, index: number, cache?: EndpointCache): Probe | ServiceProbe {
  const at = () => probePath(index);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw probeFail(index, '', `${at()} is not an object`);
  const p = raw as Record<string, unknown>;
  if (typeof p.from !== 'string') throw probeFail(index, 'from', `${at()}.from must be a string ("ns/name" or "ip:ADDR")`);
  if (typeof p.to !== 'string') throw probeFail(index, 'to', `${at()}.to must be a string ("ns/name", "ip:ADDR" or "svc:ns/name")`);
  let port: number | string;
  if (typeof p.port === 'number') {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw probeFail(index, 'port', `${at()}.port ${p.port} is not a port number (1-65535)`);
    port = p.port;
  } else if (typeof p.port === 'string' && p.port !== '') {
    try {
      port = parsePortText(p.port, true);
    } catch (e) {
      throw probeFail(index, 'port', `${at()}.port: ${(e as Error).message}`);
    }
  } else throw probeFail(index, 'port', `${at()}.port must be a number or a port name`);
  if (p.protocol !== undefined && typeof p.protocol !== 'string') throw probeFail(index, 'protocol', `${at()}.protocol must be a string`);
  let protocol;
  try {
    protocol = parseProtocol(p.protocol as string | undefined);
  } catch (e) {
    throw probeFail(index, 'protocol', `${at()}: ${(e as Error).message}`);
  }
  const from = readEndpoint(index, 'from', p.from, cache);
  if (p.to.startsWith(SERVICE_PREFIX)) return { from, service: p.to.slice(SERVICE_PREFIX.length), port, protocol };
  return { from, to: readEndpoint(index, 'to', p.to, cache), port, protocol };
}

function evaluateOrExplain(compiled: CompiledCluster, probe: Probe | ServiceProbe, at: string): { allowed: boolean; summary: string } {
  try {
    return 'service' in probe
      ? evaluateService(compiled, probe.from, probe.service, probe.port, probe.protocol)
      : evaluate(compiled, probe);
  } catch (e) {
    throw new ProbeInputError(at, `${at}: ${(e as Error).message}`);
  }
}

const STDIN = '<stdin>';
const PROBES_SHAPE = '{"probes":[{"from":"ns/name","to":"ns/name","port":80,"protocol":"TCP"}, ...]}';

function parseProbeInput(input: string): unknown {
  if (input.trim() === '') throw new UsageError(`standard input is empty; probe reads ${PROBES_SHAPE} there`);
  try {
    return JSON.parse(input);
  } catch (e) {
    const error = jsonSyntaxError(input);
    if (!error) throw new UsageError(`standard input is not JSON: ${(e as Error).message}`);
    throw new UsageError(`${STDIN}:${error.line}:${error.col}: standard input is not JSON: ${error.message}`);
  }
}

/** `{"probes":[...]}` in, the same probes with `"allowed"` added out. Unknown fields pass through. */
export function probeCommand(design: Design, stdin: StdinInput, args: ParsedArgs): CommandResult {
  const explain = args.flags.has('--explain');
  // The usual batch is read from its bytes and written without JSON.parse and JSON.stringify
  // (probeFast.ts). A byte order mark (PowerShell pipes write one) is not part of the JSON.
  const bytes = stdin.bytes;
  const scanned = explain ? undefined : scanProbes(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  // Compiled once the JSON is read, on either path: broken JSON is reported before a bad --profile.
  let compiled: CompiledCluster | undefined;
  if (scanned) {
    compiled = compile(design.cluster, { profile: profileFromArgs(args) });
    const fast = fastProbeAnswers(compiled, scanned, (text) => toEndpoint(text));
    if (fast) return { stdout: '', stream: fast, exitCode: 0 };
  }
  const input = stdin.text().replace(/^\uFEFF/, '');
  const parsed = parseProbeInput(input);
  const list = (parsed as { probes?: unknown } | null)?.probes;
  if (!Array.isArray(list)) throw new UsageError(`standard input must be ${PROBES_SHAPE}`);
  compiled ??= compile(design.cluster, { profile: profileFromArgs(args) });
  try {
    if (explain) {
      const probes = list.map((raw, i) => {
        const verdict = evaluateOrExplain(compiled, probeFromJson(raw, i), `probes[${i}]`);
        return { ...(raw as object), allowed: verdict.allowed, reason: verdict.summary };
      });
      return { stdout: JSON.stringify({ probes }), exitCode: 0 };
    }
    return { stdout: '', stream: answerBatch(compiled, list), exitCode: 0 };
  } catch (e) {
    if (!(e instanceof ProbeInputError)) throw e;
    // probes[i].field, or the probe itself when the field is missing.
    const depth = e.path.split(/[.[]/).length;
    const at = jsonValuePosition(input, e.path, depth) ?? jsonValuePosition(input, e.path.replace(/\.[^.]*$/, ''), 2);
    throw new UsageError(at ? `${STDIN}:${at.line}:${at.col}: ${e.message}` : e.message);
  }
}

/**
 * Without --explain, probes are answered together from per-port class matrices (360,000 probes in
 * well under a second instead of one explanation each), with the same answers. Every probe is
 * checked first, in order, so the first bad one is reported as before; the JSON is then written a
 * slice at a time, byte for byte what JSON.stringify({ probes }) gives.
 */
function answerBatch(compiled: CompiledCluster, list: readonly unknown[]): Iterable<string> {
  const answers = new Array<boolean>(list.length).fill(false);
  const batch: Probe[] = [];
  const batchIndex: number[] = [];
  const cache: EndpointCache = new Map();
  // Each endpoint (the cache gives one object per text) is resolved once: an unknown one fails at its first probe.
  const resolved = new Set<Endpoint>();
  const resolve = (e: Endpoint) => {
    if (resolved.has(e)) return;
    resolveEndpoint(compiled, e);
    resolved.add(e);
  };
  list.forEach((raw, i) => {
    const probe = probeFromJson(raw, i, cache);
    if ('service' in probe) {
      answers[i] = evaluateOrExplain(compiled, probe, probePath(i)).allowed;
      return;
    }
    try {
      resolve(probe.from);
      resolve(probe.to);
    } catch (e) {
      throw new ProbeInputError(probePath(i), `${probePath(i)}: ${(e as Error).message}`);
    }
    batch.push(probe);
    batchIndex.push(i);
  });
  answerProbes(compiled, batch).forEach((allowed, k) => {
    answers[batchIndex[k]!] = allowed;
  });
  return (function* () {
    yield '{"probes":[';
    const SLICE = 2000;
    for (let start = 0; start < list.length; start += SLICE) {
      const slice = list.slice(start, start + SLICE);
      // The answer goes into each parsed probe (ours to change): a new key goes last and an existing
      // "allowed" keeps its place, as in JSON.stringify({ ...raw, allowed }), and one native
      // stringify writes the slice (one call and one copy per probe cost ~3x as much at 360,000).
      slice.forEach((raw, k) => ((raw as Record<string, unknown>).allowed = answers[start + k]));
      yield `${start > 0 ? ',' : ''}${JSON.stringify(slice).slice(1, -1)}`;
    }
    yield ']}';
  })();
}

// ---- matrix -----------------------------------------------------------------------------------

export function matrixCommand(design: Design, args: ParsedArgs): CommandResult {
  const format = single(args, '--format', 'table') as MatrixFormat;
  if (!MATRIX_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${MATRIX_FORMATS.join(', ')}`);
  const ports = portOptions(args) ?? defaultMatrixPorts(design.cluster);
  // Every workload is a row and column already; an address given twice is one column.
  const columns = new Set(design.cluster.workloads.map((w) => w.id));
  const extra = (args.options.get('--endpoint') ?? []).map((text) => toEndpoint(text, '--endpoint')).filter((e) => {
    const key = e.kind === 'workload' ? e.id : `ip:${e.ip}`;
    if (columns.has(key)) return false;
    columns.add(key);
    return true;
  });
  const level = single(args, '--level', '');
  if (level !== '' && level !== 'workload' && level !== 'namespace') throw new UsageError('--level must be workload or namespace');
  const profile = profileFromArgs(args);
  const compareProfile = compareProfileFromArgs(args);
  const compiled = compile(design.cluster, { profile });
  for (const e of extra) {
    try {
      resolveEndpoint(compiled, e);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (compareProfile !== undefined) {
    const matrix = computeReviewMatrix(compiled, { ports, extraEndpoints: extra });
    const other = computeReviewMatrix(compile(design.cluster, { profile: compareProfile }), { ports, extraEndpoints: extra });
    const differences = matrixDifferences(matrix, other);
    const cells = matrix.labels.length * matrix.labels.length * matrix.ports.length;
    return { stdout: formatProfileComparison(differences, [profile, compareProfile], cells, format), exitCode: 0 };
  }
  // Past WORKLOAD_LEVEL_LIMIT rows the workload level is millions of cells per port (1,000 pods
  // printed 440 MB): the namespace level is the readable default there, and stderr says how to get the rest.
  const rows = compiled.workloads.length + extra.length;
  const chosen = level === '' ? (rows > WORKLOAD_LEVEL_LIMIT ? 'namespace' : 'workload') : level;
  const note = level === '' && chosen === 'namespace'
    ? `matrix: ${rows} workloads and addresses are more than ${WORKLOAD_LEVEL_LIMIT}, so this is the namespace level (each cell: how many of the workload pairs are allowed); --level workload prints every pair (${rows}x${rows} per port), --port narrows the ports`
    : undefined;
  // The review page's matrix view exports the same matrix, so its CSV and Markdown match this output.
  return { stdout: '', stream: streamMatrix(compiled, { ports, extraEndpoints: extra, level: chosen, format }), ...(note ? { stderr: note } : {}), exitCode: 0 };
}

// ---- explain ----------------------------------------------------------------------------------

export function explainCommand(design: Design, args: ParsedArgs): CommandResult {
  const { port, protocol } = parsePortSpec(single(args, '--port', '80/TCP'), true);
  const from = toEndpoint(single(args, '--from'), '--from');
  const to = single(args, '--to');
  const profile = profileFromArgs(args);
  const compiled = compile(design.cluster, { profile });
  const format = single(args, '--format', 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  if (to.startsWith(SERVICE_PREFIX)) {
    const verdict = evaluateOrExplain(compiled, { from, service: to.slice(SERVICE_PREFIX.length), port, protocol }, 'explain') as ServiceVerdict;
    if (format === 'json') return { stdout: JSON.stringify(verdict, null, 2), exitCode: 0 };
    const backends = verdict.backends.map((b) => (b.verdict ? `\n--- backend ${b.workload} (targetPort ${b.targetPort}) ---\n${formatVerdict(design.cluster, b.verdict)}` : `\n--- backend ${b.workload}: no matching named targetPort ---`));
    return { stdout: [verdict.summary, ...backends].join('\n'), exitCode: 0 };
  }
  const probe = { from, to: toEndpoint(to, '--to'), port, protocol };
  const verdict = evaluateOrExplain(compiled, probe, 'explain') as Verdict;
  // Whether the answer hangs on the network plugin: judged under every profile.
  const dependence = profileDependence(evaluateAcrossProfiles(compileAll(design.cluster), probe));
  if (format === 'json') return { stdout: JSON.stringify(dependence ? { ...verdict, profileDependence: dependence } : verdict, null, 2), exitCode: 0 };
  // Say when an end is one of the cluster's own services the files do not declare (src/cluster/assumed).
  const notes = [verdict.probe.from, verdict.probe.to].flatMap((e) => {
    const w = e.kind === 'workload' ? design.cluster.workloads.find((x) => x.id === e.id) : undefined;
    return w?.assumed ? [`Note: ${w.id} is assumed, not in the files (${w.assumed.source}).`] : [];
  });
  const footer = [
    ...notes,
    ...(profile === 'spec' ? [] : [`profile: ${profileById(profile).name}`]),
    ...(dependence ? [`depends on the network plugin: ${dependence.text}`] : []),
  ];
  return { stdout: [formatVerdict(design.cluster, verdict), ...(footer.length > 0 ? ['', ...footer] : [])].join('\n'), exitCode: 0 };
}

// ---- lint -------------------------------------------------------------------------------------

export function lintCommand(design: Design, args: ParsedArgs): CommandResult {
  const format = single(args, '--format', 'text');
  const errors = design.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = design.diagnostics.filter((d) => d.severity === 'warning').length;
  const exitCode = errors > 0 ? 1 : 0;
  if (format === 'json') return { stdout: JSON.stringify({ diagnostics: design.diagnostics, errors, warnings }, null, 2), exitCode };
  if (format !== 'text') throw new UsageError('--format must be text or json');
  const shown = args.flags.has('--quiet') ? design.diagnostics.filter((d) => d.severity !== 'info') : design.diagnostics;
  const lines = shown.map(formatDiagnostic);
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return { stdout: lines.join('\n'), exitCode };
}

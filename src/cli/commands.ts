import { compile, evaluate, evaluateService, parseEndpoint, type CompiledCluster, type Endpoint, type Probe, type ServiceVerdict, type Verdict } from '../engine/index.ts';
import { formatMatrix, MATRIX_FORMATS, type MatrixFormat } from '../format/matrix.ts';
import { formatVerdict } from '../format/verdict.ts';
import type { Design } from '../model/types.ts';
import { computeReviewMatrix, defaultMatrixPorts } from '../review/matrixView.ts';
import { parsePortProbe, parsePortSpec, parseProtocol, UsageError, type ParsedArgs } from './args.ts';
import { formatDiagnostic } from './diagnostics.ts';

export interface CommandResult {
  stdout: string;
  stderr?: string;
  exitCode: number;
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

function toEndpoint(text: string): Endpoint {
  try {
    return parseEndpoint(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
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

function probeFromJson(raw: unknown, index: number): Probe | ServiceProbe {
  const at = `probes[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${at} is not an object`);
  const p = raw as Record<string, unknown>;
  if (typeof p.from !== 'string') throw new UsageError(`${at}.from must be a string ("ns/name" or "ip:ADDR")`);
  if (typeof p.to !== 'string') throw new UsageError(`${at}.to must be a string ("ns/name" or "ip:ADDR")`);
  let port: number | string;
  if (typeof p.port === 'number') {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw new UsageError(`${at}.port ${p.port} is not a port number (1-65535)`);
    port = p.port;
  } else if (typeof p.port === 'string' && p.port !== '') {
    port = /^\d+$/.test(p.port) ? Number(p.port) : p.port;
  } else throw new UsageError(`${at}.port must be a number or a port name`);
  if (p.protocol !== undefined && typeof p.protocol !== 'string') throw new UsageError(`${at}.protocol must be a string`);
  let protocol;
  try {
    protocol = parseProtocol(p.protocol as string | undefined);
  } catch (e) {
    throw new UsageError(`${at}: ${(e as Error).message}`);
  }
  if (p.to.startsWith(SERVICE_PREFIX)) return { from: toEndpoint(p.from), service: p.to.slice(SERVICE_PREFIX.length), port, protocol };
  return { from: toEndpoint(p.from), to: toEndpoint(p.to), port, protocol };
}

function evaluateOrExplain(compiled: CompiledCluster, probe: Probe | ServiceProbe, at: string): { allowed: boolean; summary: string } {
  try {
    return 'service' in probe
      ? evaluateService(compiled, probe.from, probe.service, probe.port, probe.protocol)
      : evaluate(compiled, probe);
  } catch (e) {
    throw new UsageError(`${at}: ${(e as Error).message}`);
  }
}

/** `{"probes":[...]}` in, the same probes with `"allowed"` added out. Unknown fields pass through. */
export function probeCommand(design: Design, input: string, args: ParsedArgs): CommandResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch (e) {
    throw new UsageError(`standard input is not JSON: ${(e as Error).message}`);
  }
  const list = (parsed as { probes?: unknown } | null)?.probes;
  if (!Array.isArray(list)) throw new UsageError('standard input must be {"probes":[{"from","to","port","protocol"}, ...]}');
  const compiled = compile(design.cluster);
  const explain = args.flags.has('--explain');
  const probes = list.map((raw, i) => {
    const verdict = evaluateOrExplain(compiled, probeFromJson(raw, i), `probes[${i}]`);
    return { ...(raw as object), allowed: verdict.allowed, ...(explain ? { reason: verdict.summary } : {}) };
  });
  return { stdout: JSON.stringify({ probes }), exitCode: 0 };
}

// ---- matrix -----------------------------------------------------------------------------------

export function matrixCommand(design: Design, args: ParsedArgs): CommandResult {
  const format = single(args, '--format', 'table') as MatrixFormat;
  if (!MATRIX_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${MATRIX_FORMATS.join(', ')}`);
  const ports = args.options.get('--port')?.map(parsePortProbe) ?? defaultMatrixPorts(design.cluster);
  const extra = (args.options.get('--endpoint') ?? []).map(toEndpoint);
  const compiled = compile(design.cluster);
  let matrix;
  try {
    // The review page's matrix view exports the same matrix, so its CSV and Markdown match this output.
    matrix = computeReviewMatrix(compiled, { ports, extraEndpoints: extra });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { stdout: formatMatrix(matrix, format), exitCode: 0 };
}

// ---- explain ----------------------------------------------------------------------------------

export function explainCommand(design: Design, args: ParsedArgs): CommandResult {
  const { port, protocol } = parsePortSpec(single(args, '--port', '80/TCP'), true);
  const from = toEndpoint(single(args, '--from'));
  const to = single(args, '--to');
  const compiled = compile(design.cluster);
  const format = single(args, '--format', 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  if (to.startsWith(SERVICE_PREFIX)) {
    const verdict = evaluateOrExplain(compiled, { from, service: to.slice(SERVICE_PREFIX.length), port, protocol }, 'explain') as ServiceVerdict;
    if (format === 'json') return { stdout: JSON.stringify(verdict, null, 2), exitCode: 0 };
    const backends = verdict.backends.map((b) => (b.verdict ? `\n--- backend ${b.workload} (targetPort ${b.targetPort}) ---\n${formatVerdict(design.cluster, b.verdict)}` : `\n--- backend ${b.workload}: no matching named targetPort ---`));
    return { stdout: [verdict.summary, ...backends].join('\n'), exitCode: 0 };
  }
  const verdict = evaluateOrExplain(compiled, { from, to: toEndpoint(to), port, protocol }, 'explain') as Verdict;
  if (format === 'json') return { stdout: JSON.stringify(verdict, null, 2), exitCode: 0 };
  return { stdout: formatVerdict(design.cluster, verdict), exitCode: 0 };
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

// Folded traffic: imported flow logs as the connections they fold into (one line per connection
// with its counts and first/last seen), not their raw lines. It is what the page keeps with the
// design (autosave, share links) and what "Download folded traffic" writes; the page and the CLI
// read it back like any flow log (`FlowParser` detects it by its header line).
//
// The file is JSON Lines: per source a header `{"kind":"netpol-designer/observed-traffic",...}`,
// then one `RawConnection` per line. Its ends are the log's own (pod, workload, labels, address),
// not mapped onto a design, so it replays against any later version of the design.
import type { Protocol } from '../model/types.ts';
import type { FlowFormat, ParsedFlows, RawConnection, RawEnd } from './types.ts';

export const FOLDED_KIND = 'netpol-designer/observed-traffic';
export const FOLDED_VERSION = 1;

/** One imported log, folded: its summary and its connections. */
export interface FoldedSource {
  name: string;
  flows: Omit<ParsedFlows, 'connections'>;
  connections: RawConnection[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const FORMATS: readonly FlowFormat[] = ['hubble', 'csv', 'json', 'testplan', 'folded'];
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const isFoldedHeader = (v: unknown): boolean => isObject(v) && v['kind'] === FOLDED_KIND;

/** The header line of one source. */
function header(source: FoldedSource): string {
  const { name, flows } = source;
  return JSON.stringify({
    kind: FOLDED_KIND, version: FOLDED_VERSION, source: name, format: flows.format, lines: flows.lines, records: flows.records,
    connections: source.connections.length,
  });
}

/** The folded traffic as the text of a `.jsonl` file. */
export function formatFolded(sources: readonly FoldedSource[]): string {
  const out: string[] = [];
  for (const s of sources) {
    out.push(header(s));
    for (const c of s.connections) out.push(JSON.stringify(c));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function readEnd(v: unknown): RawEnd | string {
  if (!isObject(v)) return 'an end must be an object';
  const end: RawEnd = {};
  for (const key of ['namespace', 'pod', 'workload', 'workloadKind', 'ip'] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `"${key}" must be a string`;
    end[key] = value;
  }
  if (v['labels'] !== undefined) {
    if (!isObject(v['labels']) || !Object.values(v['labels']).every((x) => typeof x === 'string')) return '"labels" must map strings to strings';
    end.labels = { ...(v['labels'] as Record<string, string>) };
  }
  if (v['reserved'] !== undefined) {
    if (!Array.isArray(v['reserved']) || !v['reserved'].every((x) => typeof x === 'string')) return '"reserved" must be a list of strings';
    end.reserved = [...(v['reserved'] as string[])];
  }
  if (!end.namespace && !end.pod && !end.workload && !end.ip && !end.labels && !end.reserved) return 'an end names nothing';
  return end;
}

/** One connection line of a folded file (or of a stored/shared copy), checked field by field. */
export function readFoldedConnection(v: unknown, line: number): RawConnection | string {
  if (!isObject(v)) return 'expected a JSON object (a folded connection)';
  const from = readEnd(v['from']);
  if (typeof from === 'string') return `from: ${from}`;
  const to = readEnd(v['to']);
  if (typeof to === 'string') return `to: ${to}`;
  const port = v['port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return `port ${JSON.stringify(port)} is not a port number 1-65535`;
  const protocol = v['protocol'];
  if (!PROTOCOLS.includes(protocol as Protocol)) return `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP`;
  const { forwarded, dropped, audit } = { forwarded: v['forwarded'] ?? 0, dropped: v['dropped'] ?? 0, audit: v['audit'] ?? 0 };
  if (!count(forwarded) || !count(dropped) || !count(audit)) return 'forwarded, dropped and audit must be counts (whole numbers from 0)';
  const total = v['count'] ?? forwarded + dropped + audit;
  if (!count(total) || total < 1) return '"count" must be a whole number from 1';
  const first = v['first'];
  const last = v['last'];
  if ((first !== undefined && !time(first)) || (last !== undefined && !time(last))) return '"first" and "last" must be times in milliseconds since 1970';
  return {
    from, to, port, protocol: protocol as Protocol, count: total, forwarded, dropped, audit,
    ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }), line,
  };
}

/**
 * Folded sources read back from storage or a share link (untrusted: a link is text anyone can
 * write). Connections that do not check out are left out and counted in `dropped`.
 */
export function readFoldedSources(value: unknown): { sources: FoldedSource[]; dropped: number } | undefined {
  if (!Array.isArray(value)) return undefined;
  const sources: FoldedSource[] = [];
  let dropped = 0;
  for (const s of value) {
    if (!isObject(s) || typeof s['name'] !== 'string' || !isObject(s['flows']) || !Array.isArray(s['connections'])) return undefined;
    const f = s['flows'];
    const connections: RawConnection[] = [];
    for (const c of s['connections'] as unknown[]) {
      const read = readFoldedConnection(c, isObject(c) && count(c['line']) ? c['line'] : 0);
      if (typeof read === 'string') dropped++;
      else connections.push(read);
    }
    const skipped = Array.isArray(f['skipped'])
      ? (f['skipped'] as unknown[]).filter((k): k is { reason: string; count: number; line: number } => isObject(k) && typeof k['reason'] === 'string' && count(k['count']) && count(k['line']))
      : [];
    const problems = Array.isArray(f['problems'])
      ? (f['problems'] as unknown[]).filter((p): p is { line: number; message: string } => isObject(p) && count(p['line']) && typeof p['message'] === 'string')
      : [];
    sources.push({
      name: s['name'],
      flows: {
        format: FORMATS.includes(f['format'] as FlowFormat) ? (f['format'] as FlowFormat) : 'folded',
        lines: count(f['lines']) ? f['lines'] : 0,
        records: count(f['records']) ? f['records'] : 0,
        problems: problems.map(({ line, message }) => ({ line, message })),
        moreProblems: count(f['moreProblems']) ? f['moreProblems'] : 0,
        skipped: skipped.map(({ reason, count: n, line }) => ({ reason, count: n, line })),
      },
      connections,
    });
  }
  return { sources, dropped };
}

// The plain form any collector can produce: CSV `from,to,port,protocol[,count]` (an optional header
// row names the columns, and may add `verdict` and `time`), or JSON: one object per line
// `{"from":"shop/web","to":"ip:1.1.1.1","port":443,"protocol":"TCP","count":3}`, or one array of them.
// Ends are `namespace/workload` (a pod name works too: its owner is found by its name suffix), or
// an address (`10.0.0.7`, `ip:10.0.0.7`).
import { parseIp } from '../model/net.ts';
import { PROTOCOLS, type Protocol } from '../model/types.ts';
import type { LineResult } from './hubble.ts';
import { parseTime } from './hubble.ts';
import type { ObservedVerdict, RawEnd } from './types.ts';

export const CSV_COLUMNS = ['from', 'to', 'port', 'protocol', 'count', 'verdict', 'time'] as const;
type Column = (typeof CSV_COLUMNS)[number];

export function parseEndText(value: string): RawEnd | string {
  const t = value.trim();
  if (t === '') return 'empty endpoint';
  const address = t.startsWith('ip:') ? t.slice(3) : t;
  if (t.startsWith('ip:') || !t.includes('/')) {
    const ip = parseIp(address);
    if ('error' in ip) return `"${t}" is neither namespace/workload nor an IP address`;
    return { ip: ip.canonical };
  }
  const parts = t.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return `"${t}" is not namespace/workload`;
  return { namespace: parts[0], workload: parts[1] };
}

const VERDICT_WORDS: Record<string, ObservedVerdict> = {
  forwarded: 'forwarded', allowed: 'forwarded', allow: 'forwarded', accept: 'forwarded', accepted: 'forwarded', pass: 'forwarded',
  dropped: 'dropped', denied: 'dropped', deny: 'dropped', drop: 'dropped', rejected: 'dropped', blocked: 'dropped',
  audit: 'audit', audited: 'audit',
};

/** One record of the plain form, from its fields as text or JSON values. */
export function plainRecord(fields: Partial<Record<Column, unknown>>, line: number): LineResult {
  const fromText = fields.from;
  const toText = fields.to;
  if (typeof fromText !== 'string' || typeof toText !== 'string') return { error: 'needs "from" and "to" (namespace/workload or an address)' };
  const from = parseEndText(fromText);
  if (typeof from === 'string') return { error: `from: ${from}` };
  const to = parseEndText(toText);
  if (typeof to === 'string') return { error: `to: ${to}` };
  const portValue = fields.port;
  const port = typeof portValue === 'number' ? portValue : typeof portValue === 'string' && /^\d+$/.test(portValue.trim()) ? Number(portValue) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `port ${JSON.stringify(portValue ?? '')} is not a port number 1-65535` };
  const protocolText = String(fields.protocol ?? '').trim().toUpperCase() || 'TCP';
  const protocol = (PROTOCOLS as readonly string[]).includes(protocolText) ? (protocolText as Protocol) : undefined;
  if (!protocol) return { error: `protocol ${JSON.stringify(fields.protocol)} is not TCP, UDP or SCTP` };
  const countValue = fields.count;
  const count = countValue === undefined || countValue === '' ? 1 : Number(countValue);
  if (!Number.isInteger(count) || count < 1) return { error: `count ${JSON.stringify(countValue)} is not a positive whole number` };
  const verdictText = String(fields.verdict ?? '').trim().toLowerCase();
  const verdict = verdictText === '' ? 'forwarded' : VERDICT_WORDS[verdictText];
  if (!verdict) return { error: `verdict ${JSON.stringify(fields.verdict)} is not forwarded, dropped or audit` };
  const time = fields.time === undefined || fields.time === '' ? undefined
    : typeof fields.time === 'number' ? fields.time : parseTime(fields.time);
  if (fields.time !== undefined && fields.time !== '' && time === undefined) return { error: `time ${JSON.stringify(fields.time)} is not RFC 3339 (2024-05-01T12:03:04Z)` };
  return { record: { line, from, to, port, protocol, verdict, ...(time === undefined ? {} : { time }), count } };
}

/** Splits one CSV line (double quotes may wrap a field; `""` is a quote). */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

/** The columns a header row names, or undefined when the row is data. */
export function csvHeader(cells: readonly string[]): Column[] | string | undefined {
  const names = cells.map((c) => c.trim().toLowerCase());
  if (!names.includes('from') || !names.includes('to')) return undefined;
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) return `unknown column(s) ${unknown.join(', ')} (known: ${CSV_COLUMNS.join(', ')})`;
  return names as Column[];
}

export function csvRecord(cells: readonly string[], columns: readonly Column[], line: number): LineResult {
  if (cells.length < 3) return { error: `expected from,to,port[,protocol[,count]] (got ${cells.length} field${cells.length === 1 ? '' : 's'})` };
  if (cells.length > columns.length) return { error: `${cells.length} fields, but only ${columns.length} columns (${columns.join(',')})` };
  const fields: Partial<Record<Column, string>> = {};
  columns.forEach((c, i) => {
    if (cells[i] !== undefined) fields[c] = cells[i]!.trim();
  });
  return plainRecord(fields, line);
}

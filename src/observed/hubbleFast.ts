// The fast path for `hubble observe -o json`'s compact lines: most of a flow is the two endpoint
// objects, and a log names the same few pods over and over. So instead of JSON.parse on every
// ~1 KB line, find the few scalar fields by their keys, cut out the endpoint objects, and parse
// each distinct endpoint text once. Anything unexpected returns undefined, and the caller falls
// back to JSON.parse and parseHubbleLine (the reference this path is tested against).
import type { Protocol } from '../model/types.ts';
import { detach, parseHubbleLine, parseTime, type LineResult } from './hubble.ts';
import type { ObservedVerdict, RawEnd } from './types.ts';

const VERDICT: Record<string, ObservedVerdict> = {
  FORWARDED: 'forwarded', DROPPED: 'dropped', AUDIT: 'audit', REDIRECTED: 'forwarded', TRACED: 'forwarded', TRANSLATED: 'forwarded',
};

const L4_KEYS: readonly (readonly [string, Protocol])[] = [['{"TCP":{', 'TCP'], ['{"UDP":{', 'UDP'], ['{"SCTP":{', 'SCTP']];

/** The text of the JSON object starting at `start` (a `{`), respecting strings; undefined when unbalanced. */
function objectAt(line: string, start: number): string | undefined {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < line.length; i++) {
        const d = line.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return line.slice(start, i + 1);
  }
  return undefined;
}

/** A plain string value after `key` (no escapes inside), from `from` on. */
function stringAfter(line: string, key: string, from = 0, before = line.length): string | undefined {
  const at = line.indexOf(key, from);
  if (at < 0 || at >= before) return undefined;
  const start = at + key.length;
  const end = line.indexOf('"', start);
  if (end < 0) return undefined;
  const value = line.slice(start, end);
  return value.includes('\\') ? undefined : value;
}

function numberAfter(line: string, key: string, from: number, before: number): number | undefined {
  const at = line.indexOf(key, from);
  if (at < 0 || at >= before) return undefined;
  let i = at + key.length;
  let n = 0;
  let digits = 0;
  for (; i < line.length; i++, digits++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return digits > 0 ? n : undefined;
}

export class HubbleFastPath {
  /** Endpoint key -> its RawEnd without the address, and per address the RawEnd with it (shared, never mutated). */
  private readonly ends = new Map<string, { base: RawEnd; byIp: Map<string, RawEnd> }>();

  /**
   * The endpoint object starting at `at` (its `{`), bounded by `before`. Cilium's security identity is
   * a function of the pod's labels, so namespace/pod name#identity stands for the whole object: on a
   * cache hit the ~400-character object is neither cut out nor parsed. protojson prints the Endpoint's
   * fields in proto order (namespace before pod_name), which the bounds rely on.
   */
  private end(line: string, at: number, before: number, ip: string | undefined): RawEnd | undefined {
    const podAt = line.indexOf('"pod_name":"', at);
    let key: string | undefined;
    if (podAt >= 0 && podAt < before) {
      const pod = stringAfter(line, '"pod_name":"', podAt, before);
      const identity = numberAfter(line, '"identity":', at, podAt);
      const namespace = stringAfter(line, '"namespace":"', at, podAt);
      if (pod !== undefined && identity !== undefined && namespace !== undefined) key = `${namespace}/${pod}#${identity}`;
    }
    let entry = key === undefined ? undefined : this.ends.get(key);
    if (!entry) {
      const text = objectAt(line, at);
      if (text === undefined) return undefined;
      key ??= text;
      entry = this.ends.get(key);
      if (!entry) {
        // The reference parser reads the endpoint; only its address differs per flow.
        const probe = parseHubbleLine({ verdict: 'FORWARDED', l4: { TCP: { destination_port: 1 } }, source: JSON.parse(text) as unknown, destination: {}, IP: { source: '0.0.0.0', destination: '0.0.0.0' } }, 0);
        if (!('record' in probe)) return undefined;
        const { ip: _ip, ...base } = probe.record.from;
        entry = { base, byIp: new Map() };
        if (this.ends.size > 50_000) this.ends.clear();
        this.ends.set(detach(key), entry);
      }
    }
    if (!ip) return entry.base;
    // Copying the end for every flow costs more than the rest of the line: one object per address.
    let end = entry.byIp.get(ip);
    if (!end) {
      end = { ...entry.base, ip: detach(ip) };
      if (entry.byIp.size > 1_000) entry.byIp.clear();
      entry.byIp.set(end.ip!, end);
    }
    return end;
  }

  /** The record of a compact Hubble line, or undefined to take the reference path. */
  parse(line: string, lineNo: number): LineResult | undefined {
    const verdictText = stringAfter(line, '"verdict":"');
    if (verdictText === undefined) return undefined;
    const verdict = VERDICT[verdictText];
    if (!verdict) return undefined;
    // protojson prints Flow's fields in proto order: IP, l4, source, destination. The regions between
    // those keys bound every search (a character loop costs far more than the native indexOf).
    const ipAt = line.indexOf('"IP":{');
    const l4 = line.indexOf('"l4":{');
    const sourceAt = line.indexOf('"source":{');
    const destinationAt = line.indexOf('"destination":{');
    if (ipAt < 0 || l4 < ipAt || sourceAt < l4 || destinationAt < sourceAt) return undefined;
    let protocol: Protocol | undefined;
    for (const [key, p] of L4_KEYS) if (line.startsWith(key, l4 + 5)) protocol = p;
    if (!protocol) return undefined;
    const sourcePort = numberAfter(line, '"source_port":', l4, sourceAt) ?? 0;
    const destinationPort = numberAfter(line, '"destination_port":', l4, sourceAt) ?? 0;
    const ipSource = stringAfter(line, '"source":"', ipAt, l4);
    const ipDestination = stringAfter(line, '"destination":"', ipAt, l4);
    let from = this.end(line, sourceAt + 9, destinationAt, ipSource);
    let to = this.end(line, destinationAt + 14, line.length, ipDestination);
    if (!from || !to) return undefined;
    // `is_reply` as protojson names it; Hubble UI's `isReply` or the deprecated `reply`: the reference path.
    const replyAt = line.indexOf('eply":', destinationAt);
    if (replyAt >= 0 && !line.startsWith('"is_reply":', replyAt - 5)) return undefined;
    const reply = replyAt >= 0 && line.startsWith('true', replyAt + 6);
    let port = destinationPort;
    if (reply) {
      [from, to] = [to, from];
      port = sourcePort;
    }
    if (port < 1 || port > 65535) return undefined;
    const timeText = stringAfter(line, '"time":"');
    const time = timeText === undefined ? undefined : parseTime(timeText);
    return { record: { line: lineNo, from, to, port, protocol, verdict, ...(time === undefined ? {} : { time }), count: 1 } };
  }
}

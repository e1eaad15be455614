// Hubble's flow format, as `hubble observe -o json` (and `-o jsonpb`) prints it: one JSON object per
// line, either the Flow itself or a GetFlowsResponse wrapping it as `{"flow": {...}, "node_name", "time"}`.
// Field names follow the protobuf's JSON names in cilium/cilium api/v1/flow/flow.proto
// (https://github.com/cilium/cilium/blob/main/api/v1/flow/flow.proto): `IP`, `l4.TCP.destination_port`,
// `source.pod_name`, `source.labels` (`k8s:app=x`, `reserved:world`), `source.workloads[{name,kind}]`,
// `verdict`, `traffic_direction`, `is_reply`, `time`. Hubble UI's camelCase
// spellings (`podName`, `isReply`, `destinationPort`) are read too.
import type { Protocol } from '../model/types.ts';
import type { ObservedVerdict, RawEnd, RawRecord } from './types.ts';

/** What one line became: a record, a line to skip with a reason, or an error to report. */
export type LineResult = { record: RawRecord } | { skip: string } | { error: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (o: Json, ...names: string[]): unknown => {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
};
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

// The Verdict enum of flow.proto, by name and by number (protojson may print either).
const VERDICTS: Record<string, ObservedVerdict | 'skip'> = {
  FORWARDED: 'forwarded', DROPPED: 'dropped', AUDIT: 'audit',
  // REDIRECTED: sent to the L7 proxy, so L3/L4 policy let it through. TRACED/TRANSLATED: seen on the way.
  REDIRECTED: 'forwarded', TRACED: 'forwarded', TRANSLATED: 'forwarded',
  ERROR: 'skip', VERDICT_UNKNOWN: 'skip',
  1: 'forwarded', 2: 'dropped', 3: 'skip', 4: 'audit', 5: 'forwarded', 6: 'forwarded', 7: 'forwarded', 0: 'skip',
};

/**
 * A copy of `s` that does not share memory with the text it was cut from: V8 keeps a whole chunk of
 * the log alive for as long as any slice of it lives, so whatever outlives a line is detached.
 */
export const detach = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

// Logs are in time order: the second of the previous flow is almost always the second of this one.
let lastSecond = '';
let lastSecondMs = 0;

/** Reads a `time` field: RFC 3339 text (nanoseconds allowed) or `{seconds, nanos}`. */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'string') {
    // `YYYY-MM-DDTHH:MM:SS.fffffffffZ`: the second parsed once, the fraction added digit by digit.
    if (v.length > 20 && v.charCodeAt(19) === 46 /* . */ && v.charCodeAt(v.length - 1) === 90 /* Z */) {
      if (!v.startsWith(lastSecond) || lastSecond === '') {
        const base = Date.parse(`${v.slice(0, 19)}Z`);
        if (Number.isNaN(base)) return undefined;
        lastSecond = detach(v.slice(0, 19));
        lastSecondMs = base;
      }
      let ms = 0;
      let scale = 100;
      for (let i = 20; i < v.length - 1 && scale >= 0.001; i++, scale /= 10) {
        const d = v.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return undefined;
        ms += d * scale;
      }
      return lastSecondMs + ms;
    }
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (isObject(v)) {
    const seconds = Number(v['seconds'] ?? 0);
    const nanos = Number(v['nanos'] ?? 0);
    return Number.isFinite(seconds) && Number.isFinite(nanos) ? seconds * 1000 + nanos / 1e6 : undefined;
  }
  return undefined;
}

// Labels Cilium adds that are not the pod's own (namespace, service account, cluster name).
const CILIUM_LABEL = /^(io\.kubernetes\.pod\.namespace|io\.cilium\.|io\.kubernetes\.pod\.namespace\.labels\.)/;

function endOf(v: unknown, ip: string | undefined): RawEnd {
  const end: RawEnd = {};
  if (ip) end.ip = ip;
  if (!isObject(v)) return end;
  const namespace = text(v['namespace']);
  if (namespace) end.namespace = namespace;
  const pod = text(field(v, 'pod_name', 'podName'));
  if (pod) end.pod = pod;
  const workloads = v['workloads'];
  if (Array.isArray(workloads) && isObject(workloads[0])) {
    const name = text(workloads[0]['name']);
    if (name) end.workload = name;
    const kind = text(workloads[0]['kind']);
    if (kind) end.workloadKind = kind;
  }
  const labels = v['labels'];
  if (Array.isArray(labels)) {
    for (const l of labels) {
      if (typeof l !== 'string') continue;
      const colon = l.indexOf(':');
      const source = colon > 0 ? l.slice(0, colon) : '';
      const kv = colon > 0 ? l.slice(colon + 1) : l;
      const eq = kv.indexOf('=');
      const key = eq >= 0 ? kv.slice(0, eq) : kv;
      if (source === 'reserved') (end.reserved ??= []).push(key);
      else if (source === 'k8s' || source === '' || source === 'container') {
        if (CILIUM_LABEL.test(key)) continue;
        (end.labels ??= {})[key] = eq >= 0 ? kv.slice(eq + 1) : '';
      }
    }
  }
  return end;
}

const L4: readonly [string, Protocol][] = [['TCP', 'TCP'], ['UDP', 'UDP'], ['SCTP', 'SCTP']];

/** One line of `hubble observe -o json`. */
export function parseHubbleLine(value: unknown, line: number): LineResult {
  if (!isObject(value)) return { error: 'expected a JSON object (one Hubble flow per line)' };
  const flow = isObject(value['flow']) ? value['flow'] : value;
  if (!isObject(value['flow']) && (value['node_status'] !== undefined || value['lost_events'] !== undefined)) {
    return { skip: 'Hubble events that are not flows (node status, lost events)' };
  }
  const verdictValue = flow['verdict'];
  const verdict = VERDICTS[String(verdictValue ?? '')];
  if (verdict === undefined) return { error: verdictValue === undefined ? 'no "verdict": is this a Hubble flow?' : `unknown verdict ${JSON.stringify(verdictValue)}` };
  if (verdict === 'skip') return { skip: `verdict ${String(verdictValue)} (neither forwarded, dropped nor audited)` };
  const l4 = field(flow, 'l4', 'L4');
  if (!isObject(l4)) return { skip: 'flows without layer 4 (ICMP, ARP, L7-only events)' };
  let protocol: Protocol | undefined;
  let ports: Json | undefined;
  for (const [name, p] of L4) {
    const v = field(l4, name, name.toLowerCase());
    if (isObject(v)) {
      protocol = p;
      ports = v;
    }
  }
  if (!protocol || !ports) return { skip: 'ICMP flows (NetworkPolicy ports do not apply to ICMP)' };
  const sourcePort = Number(field(ports, 'source_port', 'sourcePort') ?? 0);
  const destinationPort = Number(field(ports, 'destination_port', 'destinationPort') ?? 0);
  const ip = field(flow, 'IP', 'ip');
  const ipSource = isObject(ip) ? text(ip['source']) : undefined;
  const ipDestination = isObject(ip) ? text(ip['destination']) : undefined;
  let from = endOf(flow['source'], ipSource);
  let to = endOf(flow['destination'], ipDestination);
  const replyValue = field(flow, 'is_reply', 'isReply', 'reply');
  const reply = replyValue === true || (isObject(replyValue) && replyValue['value'] === true);
  // A reply travels server -> client: the connection is the other way round, to the reply's source port.
  let port = destinationPort;
  if (reply) {
    [from, to] = [to, from];
    port = sourcePort;
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `no valid ${protocol} destination port (got ${JSON.stringify(reply ? field(ports, 'source_port', 'sourcePort') : field(ports, 'destination_port', 'destinationPort'))})` };
  if (!from.ip && !from.pod && !from.namespace) return { error: 'the flow names no source (no IP.source, no source.pod_name)' };
  if (!to.ip && !to.pod && !to.namespace) return { error: 'the flow names no destination (no IP.destination, no destination.pod_name)' };
  const time = parseTime(flow['time'] ?? value['time']);
  return { record: { line, from, to, port, protocol, verdict, ...(time === undefined ? {} : { time }), count: 1 } };
}

// Maps the ends of raw connections onto a design: pods to their workloads (owner names, the name
// suffixes controllers add, labels), addresses to modelled pods by IP, to Services' backends by
// ClusterIP, or to the outside world's nodes (internet, private, metadata, API server, DNS). What
// matches nothing stays an `unknown` end and is listed, never dropped.
import { apiServerTarget, classifyIp, dnsWorkloadId, externalEndpoint } from '../design/external.ts';
import type { DesignSettings, ExternalId } from '../design/types.ts';
import { ipInCidr, parseCidr, parseIp } from '../model/net.ts';
import { selectorMatches } from '../model/selector.ts';
import type { ClusterModel, Workload } from '../model/types.ts';
import type { Endpoint } from '../engine/types.ts';
import { addressOwnerOf } from '../engine/index.ts';
import type { ObservedConnection, ObservedEnd, ObservedTraffic, RawConnection, RawEnd, UnknownEndpoint } from './types.ts';
import { rawEndKey } from './parse.ts';

// Labels that differ per pod of one workload; a workload's template never has them.
const PER_POD_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'pod-template-generation', 'job-name', 'controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/controller-uid']);

/**
 * Owner names a pod name may carry, most specific first: Deployment pods are
 * `<deployment>-<pod-template-hash>-<5>`, CronJob pods `<cronjob>-<schedule time>-<5>`, StatefulSet
 * pods `<statefulset>-<ordinal>`, DaemonSet, Job and ReplicaSet pods `<owner>-<5>`
 * (https://kubernetes.io/docs/concepts/workloads/controllers/ for each controller's naming).
 */
export function ownerCandidates(pod: string): string[] {
  const out: string[] = [];
  const add = (re: RegExp) => {
    const m = re.exec(pod);
    if (m && m[1] && !out.includes(m[1])) out.push(m[1]);
  };
  add(/^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/);
  add(/^(.+)-\d{8,}-[a-z0-9]{5}$/);
  add(/^(.+)-\d+$/);
  add(/^(.+)-[a-z0-9]{5}$/);
  return out;
}

export interface EndMapper {
  map(end: RawEnd): ObservedEnd;
}

/** Indexes the design once; maps ends with a cache (a log names the same pods again and again). */
export function endMapper(cluster: ClusterModel, settings: DesignSettings): EndMapper {
  const byId = new Map(cluster.workloads.map((w) => [w.id, w]));
  const byNamespace = new Map<string, Workload[]>();
  for (const w of cluster.workloads) byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w]);
  const byIp = new Map<string, string>();
  // A node's address is the node, even where hostNetwork pods hold it (engine/addresses.ts), as in the engine.
  const ownerOf = addressOwnerOf(cluster);
  for (const w of cluster.workloads) for (const ip of w.ips) {
    const parsed = parseIp(ip);
    if ('error' in parsed) continue;
    const owner = ownerOf(parsed.canonical);
    if (owner !== undefined) byIp.set(parsed.canonical, cluster.workloads[owner]!.id);
  }
  // A ClusterIP is its Service's backends; the first backend stands for them (a Service of one workload is the rule).
  for (const s of cluster.services) {
    if (!s.selector || Object.keys(s.selector).length === 0) continue;
    const backend = cluster.workloads.find((w) => w.namespace === s.namespace && selectorMatches({ matchLabels: { ...s.selector } }, w.labels));
    if (!backend) continue;
    for (const ip of s.clusterIPs) {
      const parsed = parseIp(ip);
      if (!('error' in parsed) && !byIp.has(parsed.canonical)) byIp.set(parsed.canonical, backend.id);
    }
  }
  const dnsId = dnsWorkloadId(cluster, settings);
  const assumedNamespaces = new Map(cluster.namespaces.filter((n) => n.assumed).map((n) => [n.name, n.assumed!.source]));
  const podCidrs = settings.podCidrs.map(parseCidr).filter((c) => !('error' in c));
  const api = parseIp(apiServerTarget(settings).address);
  const apiCanonical = 'error' in api ? undefined : api.canonical;
  const cache = new Map<string, ObservedEnd>();

  const external = (id: ExternalId, ip?: string): ObservedEnd => ({ kind: 'external', id, ...(ip ? { ip } : {}) });

  function byLabels(namespace: string, labels: Readonly<Record<string, string>>): Workload[] {
    let best: Workload[] = [];
    let bestSize = 0;
    for (const w of byNamespace.get(namespace) ?? []) {
      const own = Object.entries(w.labels).filter(([k]) => !PER_POD_LABELS.has(k));
      if (own.length === 0 || !own.every(([k, v]) => labels[k] === v)) continue;
      if (own.length > bestSize) {
        best = [w];
        bestSize = own.length;
      } else if (own.length === bestSize) best.push(w);
    }
    return best;
  }

  function byAddress(ip: string, reserved: readonly string[]): ObservedEnd {
    const parsed = parseIp(ip);
    if ('error' in parsed) return { kind: 'unknown', label: ip, reason: 'not an IP address' };
    const owner = byIp.get(parsed.canonical);
    if (owner) return { kind: 'workload', id: owner };
    // Cilium names the API server's identity even where its address is the endpoint behind the Service.
    if (reserved.includes('kube-apiserver') || parsed.canonical === apiCanonical) return external('apiserver', parsed.canonical);
    if (podCidrs.some((c) => !('error' in c) && ipInCidr(parsed, c))) {
      return { kind: 'unknown', label: parsed.canonical, reason: 'an address in the pod CIDRs that no pod of the design has' };
    }
    const node = classifyIp(parsed.canonical, settings);
    if (!node) return { kind: 'unknown', label: parsed.canonical, reason: 'an IPv6 address outside the cluster (the outside nodes are IPv4)' };
    return external(node, parsed.canonical);
  }

  function uncached(end: RawEnd): ObservedEnd {
    const reserved = end.reserved ?? [];
    const ns = end.namespace;
    if (ns) {
      const tried: string[] = [];
      if (end.workload) {
        tried.push(end.workload);
        if (byId.has(`${ns}/${end.workload}`)) return { kind: 'workload', id: `${ns}/${end.workload}` };
      }
      // A plain log's `ns/name` may be a pod name: its owner is found by the suffixes controllers add.
      const podName = end.pod ?? end.workload;
      if (podName) {
        for (const name of [podName, ...ownerCandidates(podName)]) {
          if (!tried.includes(name)) tried.push(name);
          if (byId.has(`${ns}/${name}`)) return { kind: 'workload', id: `${ns}/${name}` };
        }
      }
      if (end.labels) {
        const hits = byLabels(ns, end.labels);
        if (hits.length === 1) return { kind: 'workload', id: hits[0]!.id };
        const isDns = ns === settings.dns.namespace && Object.entries(settings.dns.podLabels).every(([k, v]) => end.labels![k] === v);
        if (isDns) return dnsId ? { kind: 'workload', id: dnsId } : external('dns');
        if (hits.length > 1) {
          return { kind: 'unknown', label: `${ns}/${end.workload ?? end.pod ?? '?'}`, reason: `its labels match ${hits.length} workloads (${hits.map((h) => h.name).join(', ')})` };
        }
      }
      // A pod whose name and labels say nothing the design knows may still have a modelled address.
      const ipOwner = end.ip ? byIp.get(end.ip) : undefined;
      if (ipOwner) return { kind: 'workload', id: ipOwner };
      const label = `${ns}/${end.workload ?? end.pod ?? (end.ip ? `ip:${end.ip}` : '?')}`;
      if (!byNamespace.has(ns)) {
        // kube-system or the ingress controller's namespace: assumed around the design (src/cluster/assumed), without pods.
        const assumed = assumedNamespaces.get(ns);
        return { kind: 'unknown', label, reason: assumed ? `namespace ${ns} is assumed (${assumed}), but the design models no workload in it` : `namespace ${ns} is not in the design` };
      }
      return { kind: 'unknown', label, reason: `no workload of the design matches${tried.length ? ` (tried ${tried.join(', ')})` : ''}${end.labels ? ' nor its labels' : ''}` };
    }
    if (end.ip) return byAddress(end.ip, reserved);
    return { kind: 'unknown', label: reserved.length ? `reserved:${reserved.join(',')}` : '?', reason: 'the log names neither a pod nor an address' };
  }

  return {
    map(end: RawEnd): ObservedEnd {
      // Outside ends are told apart by address, pods by name: cache on the raw identity.
      const key = `${rawEndKey(end)}|${end.ip ?? ''}|${(end.reserved ?? []).join(',')}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = uncached(end);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

export function observedEndKey(e: ObservedEnd): string {
  switch (e.kind) {
    case 'workload': return e.id;
    case 'external': return e.ip ? `${e.id}:${e.ip}` : e.id;
    case 'unknown': return `?${e.label}`;
  }
}

/** How people read an end: `jhub/hub`, `internet 151.101.0.223`, `unknown jhub/ghost`. */
export function observedEndLabel(e: ObservedEnd): string {
  switch (e.kind) {
    case 'workload': return e.id;
    case 'external': return e.ip ? `${e.id} ${e.ip}` : e.id;
    case 'unknown': return `${e.label} (unknown)`;
  }
}

/** The engine's endpoint for an end; undefined for unknown ends, which cannot be judged. */
export function probeEndpoint(e: ObservedEnd, settings: DesignSettings, cluster: ClusterModel): Endpoint | undefined {
  switch (e.kind) {
    case 'workload': return { kind: 'workload', id: e.id };
    case 'unknown': return undefined;
    case 'external':
      // Judged at the address the log saw: the plugin enforces policy after the Service's translation,
      // so a lockdown written for the ClusterIP alone does not match the endpoint it reaches.
      if (e.id === 'apiserver') return { kind: 'ip', ip: e.ip ?? apiServerTarget(settings).address };
      if (e.id === 'dns' || !e.ip) return externalEndpoint(e.id, settings, cluster);
      return { kind: 'ip', ip: e.ip };
  }
}

/** Maps and folds again: two pods of one workload, or two records of one address, are one connection. */
export function mapConnections(raw: readonly RawConnection[], cluster: ClusterModel, settings: DesignSettings): ObservedTraffic {
  const mapper = endMapper(cluster, settings);
  const folded = new Map<string, ObservedConnection>();
  const unknown = new Map<string, UnknownEndpoint>();
  const noteUnknown = (e: ObservedEnd, r: RawConnection) => {
    if (e.kind !== 'unknown') return;
    const u = unknown.get(e.label);
    if (u) {
      u.count += r.count;
      u.line = Math.min(u.line, r.line);
    } else unknown.set(e.label, { label: e.label, reason: e.reason, count: r.count, line: r.line });
  };
  for (const r of raw) {
    const from = mapper.map(r.from);
    const to = mapper.map(r.to);
    noteUnknown(from, r);
    noteUnknown(to, r);
    const key = `${observedEndKey(from)} -> ${observedEndKey(to)} ${r.protocol}/${r.port}`;
    const c = folded.get(key);
    if (!c) {
      folded.set(key, {
        key, from, to, port: r.port, protocol: r.protocol, count: r.count, forwarded: r.forwarded, dropped: r.dropped, audit: r.audit,
        ...(r.first === undefined ? {} : { first: r.first }), ...(r.last === undefined ? {} : { last: r.last }), line: r.line,
      });
      continue;
    }
    c.count += r.count;
    c.forwarded += r.forwarded;
    c.dropped += r.dropped;
    c.audit += r.audit;
    c.line = Math.min(c.line, r.line);
    if (r.first !== undefined && (c.first === undefined || r.first < c.first)) c.first = r.first;
    if (r.last !== undefined && (c.last === undefined || r.last > c.last)) c.last = r.last;
  }
  const connections = [...folded.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { connections, unknown: [...unknown.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)) };
}

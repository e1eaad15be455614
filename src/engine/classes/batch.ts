// Many probes at once (the CLI `probe` with thousands of lines): answered from per-port class
// matrices instead of one explanation each. Same answers as `evaluate(...).allowed`: a port name is
// resolved on the destination as evaluate resolves it, and a name the destination lacks is denied.
import type { CompiledCluster } from '../compile.ts';
import { containerPortsOf, resolveEndpoint, type ResolvedEndpoint } from '../endpoints.ts';
import { evaluate } from '../evaluate.ts';
import { resolveNamedPort } from '../ports.ts';
import type { Endpoint, Probe } from '../types.ts';
import { classPortMatrix, workloadClasses, type WorkloadClasses } from './classes.ts';

/** More distinct outside addresses than this in one batch: the rest are evaluated one by one. */
const MAX_OUTSIDE = 1000;

/**
 * Probes as columns of indices into tables of their distinct values: a batch of 360,000 names a few
 * hundred endpoints and a few ports, and reading it this way needs no object per probe.
 */
export interface ProbeColumns {
  count: number;
  endpoints: readonly Endpoint[];
  /** Per probe, an index into `endpoints`. */
  from: Int32Array;
  to: Int32Array;
  ports: readonly (number | string)[];
  /** Per probe, an index into `ports`. */
  port: Int32Array;
  protocols: readonly Probe['protocol'][];
  /** Per probe, an index into `protocols`. */
  protocol: Int32Array;
}

/**
 * `evaluate(c, probe).allowed` for every probe, in order. Throws what evaluate throws for the first
 * probe naming an unknown workload or a bad address.
 */
export function answerProbes(c: CompiledCluster, probes: readonly Probe[]): boolean[] {
  const endpoints: Endpoint[] = [];
  const ports: (number | string)[] = [];
  const protocols: Probe['protocol'][] = [];
  const columns: ProbeColumns = {
    count: probes.length,
    endpoints,
    ports,
    protocols,
    from: new Int32Array(probes.length),
    to: new Int32Array(probes.length),
    port: new Int32Array(probes.length),
    protocol: new Int32Array(probes.length),
  };
  // Endpoints by identity (callers pass one object per distinct text), ports and protocols by value.
  const interner = <T>(values: T[]) => {
    const ids = new Map<T, number>();
    return (value: T): number => {
      let id = ids.get(value);
      if (id === undefined) ids.set(value, (id = values.push(value) - 1));
      return id;
    };
  };
  const endpointId = interner(endpoints);
  const portId = interner(ports);
  const protocolId = interner(protocols);
  probes.forEach((probe, i) => {
    columns.from[i] = endpointId(probe.from);
    columns.to[i] = endpointId(probe.to);
    columns.port[i] = portId(probe.port);
    columns.protocol[i] = protocolId(probe.protocol);
  });
  return Array.from(answerProbeColumns(c, columns), (a) => a === 1);
}

/** Not yet resolved; and the universe index of an endpoint evaluated alone. */
const UNSEEN = -2;
const ALONE = -1;
/** A probe's port group: a port name its destination lacks (denied, as evaluate says). */
const NO_PORT = -1;

/** answerProbes for probes as columns: 1 allowed, 0 denied, per probe. */
export function answerProbeColumns(c: CompiledCluster, probes: ProbeColumns): Uint8Array {
  const n = c.workloads.length;
  const count = probes.count;
  const answers = new Uint8Array(count);
  const outside: Endpoint[] = [];
  const outsideIndex = new Map<string, number>();
  const resolved: (ResolvedEndpoint | undefined)[] = new Array(probes.endpoints.length);
  const universe = new Int32Array(probes.endpoints.length).fill(UNSEEN);
  /** Universe index (workload, or n + outside address), or ALONE when it is evaluated alone. */
  const indexOf = (e: number): number => {
    let u = universe[e]!;
    if (u !== UNSEEN) return u;
    const r = (resolved[e] = resolveEndpoint(c, probes.endpoints[e]!));
    if (r.kind === 'workload') u = r.index;
    else {
      const key = r.bytes.join('.');
      let k = outsideIndex.get(key);
      if (k === undefined && outside.length < MAX_OUTSIDE) {
        k = outside.length;
        outside.push(probes.endpoints[e]!);
        outsideIndex.set(key, k);
      }
      u = k === undefined ? ALONE : n + k;
    }
    universe[e] = u;
    return u;
  };
  // Probes by port: a group per (port number, protocol); a port name is resolved on the destination.
  const groups: { port: number; protocol: Probe['protocol']; count: number }[] = [];
  const groupIds = new Map<string, number>();
  const groupOf = (port: number, protocol: Probe['protocol']): number => {
    const key = `${protocol}/${port}`;
    let g = groupIds.get(key);
    if (g === undefined) {
      g = groups.push({ port, protocol, count: 0 }) - 1;
      groupIds.set(key, g);
    }
    return g;
  };
  const protocolCount = probes.protocols.length;
  // By port and protocol index (numbers), or also by destination (names), once each.
  const byNumber = new Int32Array(probes.ports.length * protocolCount).fill(UNSEEN);
  const byName = new Map<number, number>();
  const group = new Int32Array(count);
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const f = (from[i] = indexOf(probes.from[i]!));
    const t = (to[i] = indexOf(probes.to[i]!));
    const portAt = probes.port[i]! * protocolCount + probes.protocol[i]!;
    let g = byNumber[portAt]!;
    if (g === UNSEEN) {
      const port = probes.ports[probes.port[i]!]!;
      const protocol = probes.protocols[probes.protocol[i]!]!;
      if (typeof port === 'number') g = byNumber[portAt] = groupOf(port, protocol);
      else {
        const key = portAt * probes.endpoints.length + probes.to[i]!;
        g = byName.get(key) ?? UNSEEN;
        if (g === UNSEEN) {
          const number = resolveNamedPort(port, protocol, containerPortsOf(resolved[probes.to[i]!]!));
          g = number === undefined ? NO_PORT : groupOf(number, protocol);
          byName.set(key, g);
        }
      }
    }
    group[i] = g;
    if (g !== NO_PORT && f !== ALONE && t !== ALONE) groups[g]!.count++;
  }
  let classes: WorkloadClasses | undefined;
  const matrices = groups.map((g) => {
    if (g.count === 0) return undefined;
    classes ??= workloadClasses(c);
    // A port with few probes costs less one by one than as a matrix of every class.
    return g.count < classes.members.length ? undefined : classPortMatrix(c, classes, { port: g.port, protocol: g.protocol }, outside);
  });
  for (let i = 0; i < count; i++) {
    const g = group[i]!;
    if (g === NO_PORT) continue;
    const m = from[i] === ALONE || to[i] === ALONE ? undefined : matrices[g];
    const allowed = m
      ? m.allowed(from[i]!, to[i]!)
      : evaluate(c, { from: probes.endpoints[probes.from[i]!]!, to: probes.endpoints[probes.to[i]!]!, port: probes.ports[probes.port[i]!]!, protocol: probes.protocols[probes.protocol[i]!]! }).allowed;
    if (allowed) answers[i] = 1;
  }
  return answers;
}

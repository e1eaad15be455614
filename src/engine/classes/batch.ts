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
 * `evaluate(c, probe).allowed` for every probe, in order. Throws what evaluate throws for the first
 * probe naming an unknown workload or a bad address.
 */
export function answerProbes(c: CompiledCluster, probes: readonly Probe[]): boolean[] {
  const n = c.workloads.length;
  const answers = new Array<boolean>(probes.length).fill(false);
  const outside: Endpoint[] = [];
  const outsideIndex = new Map<string, number>();
  // Batches name the same endpoints over and over (the CLI passes one object per distinct text).
  const resolved = new Map<Endpoint, ResolvedEndpoint>();
  const resolve = (e: Endpoint): ResolvedEndpoint => {
    let r = resolved.get(e);
    if (!r) resolved.set(e, (r = resolveEndpoint(c, e)));
    return r;
  };
  /** Universe index (workload, or n + outside address), or -1 when it is evaluated alone. */
  const indexOf = (e: Endpoint): number => {
    const r = resolve(e);
    if (r.kind === 'workload') return r.index;
    const key = r.bytes.join('.');
    let k = outsideIndex.get(key);
    if (k === undefined) {
      if (outside.length >= MAX_OUTSIDE) return -1;
      k = outside.length;
      outside.push(e);
      outsideIndex.set(key, k);
    }
    return n + k;
  };
  // Probes by port: [probe index, from, to].
  const byPort = new Map<string, { port: number; protocol: Probe['protocol']; items: number[] }>();
  const alone: number[] = [];
  probes.forEach((probe, i) => {
    const from = indexOf(probe.from);
    const to = indexOf(probe.to);
    const destination = resolve(probe.to);
    const port = typeof probe.port === 'number' ? probe.port : resolveNamedPort(probe.port, probe.protocol, containerPortsOf(destination));
    if (port === undefined) return; // no such port name on the destination: denied, as evaluate says
    if (from < 0 || to < 0) {
      alone.push(i);
      return;
    }
    const key = `${probe.protocol}/${port}`;
    let group = byPort.get(key);
    if (!group) byPort.set(key, (group = { port, protocol: probe.protocol, items: [] }));
    group.items.push(i, from, to);
  });
  let classes: WorkloadClasses | undefined;
  for (const group of byPort.values()) {
    const count = group.items.length / 3;
    classes ??= workloadClasses(c);
    // A port with few probes costs less one by one than as a matrix of every class.
    if (count < classes.members.length) {
      for (let k = 0; k < group.items.length; k += 3) alone.push(group.items[k]!);
      continue;
    }
    const m = classPortMatrix(c, classes, { port: group.port, protocol: group.protocol }, outside);
    for (let k = 0; k < group.items.length; k += 3) answers[group.items[k]!] = m.allowed(group.items[k + 1]!, group.items[k + 2]!);
  }
  for (const i of alone) answers[i] = evaluate(c, probes[i]!).allowed;
  return answers;
}

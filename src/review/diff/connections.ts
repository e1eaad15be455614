// Connections opened and closed between two designs, for every pair of the union of their
// workloads plus the outside world's nodes, over every port and protocol.
import { EXTERNAL_NODES, externalEndpoint } from '../../design/external.ts';
import type { DesignSettings } from '../../design/types.ts';
import type { CompiledCluster, Endpoint } from '../../engine/index.ts';
import { connectionSetOf, hasBit, pairTable, type PairTable } from './connectivity.ts';
import { jointClasses, type JointClasses } from './classes.ts';
import { portIntervals } from '../../engine/intervals.ts';
import type { ConnectionChange, DiffEndpoint } from './types.ts';

interface UnionEndpoint {
  info: DiffEndpoint;
  /** The engine endpoint in each design; undefined where it does not exist. */
  baseline?: Endpoint;
  current?: Endpoint;
}

const presence = (inBaseline: boolean, inCurrent: boolean): DiffEndpoint['presentIn'] =>
  inBaseline && inCurrent ? 'both' : inBaseline ? 'baseline' : 'current';

/** A further outside node to compare, such as an address block a drawn flow put on the page's graph. */
export interface AddressNode {
  /** The graph's node key. */
  key: string;
  label: string;
  /** The address the engine is asked about for this node. */
  ip: string;
}

/**
 * Workloads (by id, baseline order then new ones), then the external nodes that are addresses in at
 * least one design, then the given address nodes.
 */
export function unionEndpoints(a: CompiledCluster, b: CompiledCluster, settings: DesignSettings, addresses: readonly AddressNode[] = []): UnionEndpoint[] {
  const ids = [...a.workloads.map((w) => w.id), ...b.workloads.filter((w) => !a.workloadIndex.has(w.id)).map((w) => w.id)];
  const union: UnionEndpoint[] = ids.map((id) => {
    const inA = a.workloadIndex.has(id);
    const inB = b.workloadIndex.has(id);
    const endpoint: Endpoint = { kind: 'workload', id };
    return {
      info: { key: `wl:${id}`, kind: 'workload', id, label: id, presentIn: presence(inA, inB) },
      ...(inA ? { baseline: endpoint } : {}),
      ...(inB ? { current: endpoint } : {}),
    };
  });
  for (const node of EXTERNAL_NODES(settings)) {
    const inA = externalEndpoint(node.id, settings, a.cluster);
    const inB = externalEndpoint(node.id, settings, b.cluster);
    // The DNS node is the DNS workload when a design has it: its pairs are that workload's already.
    if (inA.kind === 'workload' && inB.kind === 'workload') continue;
    const address = inA.kind === 'ip' ? inA.ip : inB.kind === 'ip' ? inB.ip : '';
    union.push({
      info: { key: `ext:${node.id}`, kind: 'external', id: node.id, label: `${node.id} (${address})`, presentIn: 'both', externalId: node.id },
      baseline: inA,
      current: inB,
    });
  }
  const seen = new Set(union.map((u) => u.info.key));
  for (const node of addresses) {
    if (seen.has(node.key)) continue;
    seen.add(node.key);
    const endpoint: Endpoint = { kind: 'ip', ip: node.ip };
    union.push({ info: { key: node.key, kind: 'external', id: node.key, label: node.label, presentIn: 'both' }, baseline: endpoint, current: endpoint });
  }
  return union;
}

/** Every pair whose allowed connections differ, in endpoint order; pairs between two outside nodes are never policed and left out. */
/**
 * Which differing pairs to report (all by default): `opens` says whether the pair gains some
 * connection. Deciding before the connection sets are built keeps huge diffs cheap.
 */
export type DiffPairFilter = (from: DiffEndpoint, to: DiffEndpoint, opens: boolean) => boolean;

export function diffConnections(
  a: CompiledCluster,
  b: CompiledCluster,
  settings: DesignSettings,
  only?: DiffPairFilter,
  addresses?: readonly AddressNode[],
): { changes: ConnectionChange[]; endpoints: number; portIntervals: number; pairs: number; opened: number; closed: number } {
  const union = unionEndpoints(a, b, settings, addresses);
  const intervals = portIntervals([a.cluster, b.cluster]);
  // The tables are over the classes' representatives, not every endpoint: workloads that both
  // designs' engines cannot tell apart have the same connections (classes.ts), so a cluster of
  // 20,000 pods compares a few thousand endpoints, and memory grows with classes squared, not pods.
  const joint = jointClasses(a, b, union);
  const reps = joint.reduced;
  const before = pairTable(a, reps.map((u) => union[u]!.baseline), intervals);
  const after = pairTable(b, reps.map((u) => union[u]!.current), intervals);

  // Word-level XOR finds the differing pairs without visiting the (usually many) equal ones.
  const words = before.bits[0]?.length ?? 0;
  const differs = new Uint32Array(words);
  for (let k = 0; k < intervals.length; k++) {
    const x = before.bits[k]!;
    const y = after.bits[k]!;
    for (let w = 0; w < words; w++) differs[w]! |= x[w]! ^ y[w]!;
  }
  // Every endpoint pair whose representative pair differs, with that representative pair, in
  // endpoint order (from, then to), as a table over every endpoint would list them.
  const size = union.length;
  const differing = expandPairs(joint, differs, reps.length, size);

  let pairs = 0;
  let opened = 0;
  let closed = 0;
  const changes: ConnectionChange[] = [];
  for (let p = 0; p < differing.pairs.length; p++) {
    const bit = differing.pairs[p]!;
    const rep = differing.reps[p]!;
    const from = union[Math.floor(bit / size)]!;
    const to = union[bit % size]!;
    if (from.info.kind === 'external' && to.info.kind === 'external') continue;
    const was = (k: number) => hasBit(before.bits[k]!, rep);
    const is = (k: number) => hasBit(after.bits[k]!, rep);
    let opens = false;
    let closes = false;
    for (let k = 0; k < intervals.length && !(opens && closes); k++) {
      if (is(k) && !was(k)) opens = true;
      else if (was(k) && !is(k)) closes = true;
    }
    pairs++;
    if (opens) opened++;
    if (closes) closed++;
    if (only && !only(from.info, to.info, opens)) continue;
    changes.push({
      from: from.info,
      to: to.info,
      before: connectionSetOf(intervals, was),
      after: connectionSetOf(intervals, is),
      opened: connectionSetOf(intervals, (k) => is(k) && !was(k)),
      closed: connectionSetOf(intervals, (k) => was(k) && !is(k)),
    });
  }
  return { changes, endpoints: size, portIntervals: intervals.length, pairs, opened, closed };
}

/**
 * The endpoint pairs (as `from * size + to`) whose representative pair is set in `differs` (a pair
 * table's bits over the `m` representatives), ascending, each with that representative pair's bit.
 */
function expandPairs(joint: JointClasses, differs: Uint32Array, m: number, size: number): { pairs: number[]; reps: number[] } {
  const found: { pair: number; rep: number }[] = [];
  const { members, slotOf } = joint;
  for (let w = 0; w < differs.length; w++) {
    let word = differs[w]!;
    while (word !== 0) {
      const low = word & -word;
      const rep = w * 32 + (31 - Math.clz32(low));
      word ^= low;
      const i = Math.floor(rep / m);
      const j = rep % m;
      const ci = slotOf[i]!;
      const cj = slotOf[j]!;
      const P = members[ci.cls]!;
      const Q = members[cj.cls]!;
      if (ci.cls !== cj.cls) {
        // Representatives of two classes: every member pair. A second member stands for nothing here.
        if (ci.second || cj.second) continue;
        for (const u of P) for (const v of Q) found.push({ pair: u * size + v, rep });
      } else if (!ci.second && !cj.second) {
        for (const u of P) found.push({ pair: u * size + u, rep }); // each member with itself
      } else if (!ci.second && cj.second) {
        for (const u of P) for (const v of P) if (u !== v) found.push({ pair: u * size + v, rep }); // two different members
      }
    }
  }
  found.sort((x, y) => x.pair - y.pair);
  return { pairs: found.map((f) => f.pair), reps: found.map((f) => f.rep) };
}

export type { PairTable };

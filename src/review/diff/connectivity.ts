// Exact connection sets for many endpoint pairs at once: the engine's bitset matrix, asked once per
// elementary port interval (see intervals.ts), packed into one bit per (pair, interval). Admin and
// baseline tiers are included because computeMatrix evaluates every tier.
import { computeMatrix, type CompiledCluster, type ConnectionSet, type Endpoint, type PortRange } from '../../engine/index.ts';
import { PROTOCOLS, type Protocol } from '../../model/types.ts';
import type { PortInterval } from '../../engine/intervals.ts';

/** Allowed bits over a fixed list of `size` endpoints: bit `from * size + to` of `bits[k]` is interval k. */
export interface PairTable {
  size: number;
  intervals: readonly PortInterval[];
  bits: Uint32Array[];
}

/**
 * The pair table of one design over a shared endpoint list; `endpoints[u]` undefined means the
 * endpoint does not exist in this design (its pairs allow nothing).
 */
export function pairTable(c: CompiledCluster, endpoints: readonly (Endpoint | undefined)[], intervals: readonly PortInterval[]): PairTable {
  const size = endpoints.length;
  const local: Endpoint[] = [];
  const unionIndex: number[] = [];
  endpoints.forEach((e, u) => {
    if (e) {
      local.push(e);
      unionIndex.push(u);
    }
  });
  const n = local.length;
  const words = (size * size + 31) >>> 5;
  const bits = intervals.map((interval) => {
    const packed = new Uint32Array(words);
    if (n === 0) return packed;
    // One port per call keeps memory at one n x n table whatever the number of intervals.
    const table = computeMatrix(c, { endpoints: local, ports: [{ port: interval.from, protocol: interval.protocol }] }).allowed[0]!;
    for (let i = 0; i < n; i++) {
      const rowBase = unionIndex[i]! * size;
      const localBase = i * n;
      for (let j = 0; j < n; j++) {
        if (table[localBase + j] === 1) {
          const bit = rowBase + unionIndex[j]!;
          packed[bit >>> 5]! |= 1 << (bit & 31);
        }
      }
    }
    return packed;
  });
  return { size, intervals, bits };
}

export const hasBit = (words: Uint32Array, bit: number): boolean => ((words[bit >>> 5]! >>> (bit & 31)) & 1) === 1;

const emptyRanges = (): Record<Protocol, PortRange[]> => ({ TCP: [], UDP: [], SCTP: [] });

/** The connection set made of the chosen intervals, adjacent ones merged. */
export function connectionSetOf(intervals: readonly PortInterval[], chosen: (k: number) => boolean): ConnectionSet {
  const byProtocol = emptyRanges();
  intervals.forEach((interval, k) => {
    if (!chosen(k)) return;
    const ranges = byProtocol[interval.protocol];
    const last = ranges[ranges.length - 1];
    if (last && last.to + 1 === interval.from) last.to = interval.to;
    else ranges.push({ from: interval.from, to: interval.to });
  });
  const all = PROTOCOLS.every((p) => byProtocol[p].length === 1 && byProtocol[p][0]!.from === 1 && byProtocol[p][0]!.to === 65535);
  return { all, byProtocol };
}

/** Everything the table allows from endpoint `from` to endpoint `to`. */
export function pairConnections(table: PairTable, from: number, to: number): ConnectionSet {
  const bit = from * table.size + to;
  return connectionSetOf(table.intervals, (k) => hasBit(table.bits[k]!, bit));
}

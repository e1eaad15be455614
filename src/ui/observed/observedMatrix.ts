// The matrix's view of observed traffic: how often each cell's pair was seen, at workload and at
// namespace level (the matrix labels its rows and columns with workload ids or namespace names).
import { useMemo } from 'react';
import type { ObservedConnection } from '../../observed/index.ts';
import { seenText } from '../../review/replay/index.ts';
import { filterConnections, useObserved } from './observedStore.ts';

export interface SeenCell {
  count: number;
  last?: number;
}

export const seenKey = (from: string, to: string, protocol: string, port: number) => `${from}>${to}|${protocol}/${port}`;

function add(map: Map<string, SeenCell>, key: string, c: ObservedConnection): void {
  const cell = map.get(key) ?? { count: 0 };
  cell.count += c.count;
  if (c.last !== undefined && (cell.last === undefined || c.last > cell.last)) cell.last = c.last;
  map.set(key, cell);
}

/** Seen counts per matrix cell key (`seenKey`), for the traffic that got through within the filter. */
export function useObservedCells(): ReadonlyMap<string, SeenCell> {
  const { traffic, filter } = useObserved();
  return useMemo(() => {
    const map = new Map<string, SeenCell>();
    for (const c of filterConnections(traffic?.connections ?? [], filter)) {
      if (c.from.kind !== 'workload' || c.to.kind !== 'workload' || c.forwarded + c.audit === 0) continue;
      add(map, seenKey(c.from.id, c.to.id, c.protocol, c.port), c);
      const ns = (id: string) => id.slice(0, id.indexOf('/'));
      add(map, seenKey(ns(c.from.id), ns(c.to.id), c.protocol, c.port), c);
    }
    return map;
  }, [traffic, filter]);
}

/** `; observed: seen 12 times, last ...` for a cell's label, or ''. */
export const seenSuffix = (cell: SeenCell | undefined): string => (cell ? `; observed: ${seenText(cell.count, cell.last)}` : '');

// Folded pairs (past MAX_PAIRS: one per namespace pair, src/workers/analysis.ts) are new objects in
// every analysis, so a delta (pairsDelta.ts) sent them all again and the page took them for changed:
// at pods5000, 3,500 of them per toggle, spread over most overview edges, each of which the page
// then routed, tallied and drew again. Here a folded pair equal in content to one sent before
// travels as that one's index: the page keeps its object, and with it the edges it is drawn on.
// Pure: the worker encodes (src/workers/incremental.ts).
import type { AdminRef, GPair } from './analysis.ts';
import type { PairsDelta } from './pairsDelta.ts';
import type { ConnectionSet } from '../engine/index.ts';
import { PROTOCOLS } from '../model/types.ts';

const sameConn = (a: ConnectionSet, b: ConnectionSet): boolean =>
  a === b ||
  (a.all === b.all &&
    PROTOCOLS.every((p) => {
      const x = a.byProtocol[p];
      const y = b.byProtocol[p];
      return x.length === y.length && x.every((r, k) => r.from === y[k]!.from && r.to === y[k]!.to);
    }));

const sameAdmin = (a: AdminRef | undefined, b: AdminRef | undefined): boolean =>
  a === b ||
  (a !== undefined && b !== undefined && a.tier === b.tier && a.action === b.action && a.policy === b.policy && a.rule === b.rule && a.priority === b.priority && a.origin === b.origin && a.generated === b.generated);

/** Two pairs that say the same: the page may draw one for the other. */
export const samePairContent = (a: GPair, b: GPair): boolean =>
  a.from === b.from && a.to === b.to && a.intent === b.intent && a.tier === b.tier && a.members === b.members && sameAdmin(a.admin, b.admin) && sameConn(a.conn, b.conn);

/** A folded pair's ends and kind: folds of one analysis differ in it (analysis.ts foldRow). */
const foldKey = (p: GPair): string => `${p.from}|${p.to}|${p.intent}|${p.tier}|${p.admin?.policy ?? ''}`;

/**
 * `delta` (of `pairs`, whose first `listed` are listed pairs) with each sent folded pair that equals
 * a folded pair of the base (`base`, its first `baseListed` listed) given as that pair's index.
 * The delta itself when none does.
 */
export function keepFolded(delta: PairsDelta, pairs: readonly GPair[], listed: number, base: readonly GPair[], baseListed: number): PairsDelta {
  if (pairs.length === listed || base.length === baseListed) return delta;
  const byKey = new Map<string, number>();
  for (let b = baseListed; b < base.length; b++) byKey.set(foldKey(base[b]!), b);
  const from = delta.from.slice();
  let kept = 0;
  for (let k = listed; k < pairs.length; k++) {
    if (from[k]! >= 0) continue;
    const p = pairs[k]!;
    const key = foldKey(p);
    const at = byKey.get(key);
    if (at === undefined || !samePairContent(p, base[at]!)) continue;
    // Each base pair stands for one pair of the answer.
    byKey.delete(key);
    from[k] = at;
    kept++;
  }
  if (kept === 0) return delta;
  // The listed pairs' come first in `added`, in order; then the folded pairs still sent.
  let listedAdded = delta.added.length;
  for (let k = listed; k < pairs.length; k++) if (delta.from[k]! < 0) listedAdded--;
  const added = delta.added.slice(0, listedAdded);
  for (let k = listed; k < pairs.length; k++) if (from[k]! < 0) added.push(pairs[k]!);
  return { baseLength: delta.baseLength, from, added };
}

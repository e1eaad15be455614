// Where each workload pair is drawn (which two shown nodes its edge joins), remembered between
// derives on the pair object itself (a non-enumerable symbol property: spreads, JSON and structured
// clone leave it behind; a WeakMap lookup per pair cost nearly as much as the string lookups). The page keeps unchanged pairs as the same objects from one
// answer to the next (src/workers/pairsDelta.ts), and the shown nodes rarely change on a toggle: so a
// toggle at 5,000 pods looks up 150,000 pairs by identity instead of resolving two node keys each
// by string (~4 string-keyed map lookups per pair were most of derive's time). Pure, no React.
import type { GPair, NodeKey } from '../../workers/analysis.ts';

/** Not drawn: an end is not on the canvas. */
export const NOT_SHOWN = -1;

export interface PairSlots {
  /** The slot of a pair: an index into `ends`, or NOT_SHOWN. */
  slot(p: GPair): number;
  /** The two shown nodes of each slot (equal for a pair inside one box). */
  readonly ends: ReadonlyArray<{ from: NodeKey; to: NodeKey }>;
}

/** On a pair: epoch * EPOCH + slot + 1 (a slot of another drawing is stale). */
const SLOT = Symbol('netpol.pairSlot');
const EPOCH = 1 << 22;
type Tagged = GPair & { [SLOT]?: number };

interface State {
  shownAs: ReadonlyMap<NodeKey, NodeKey>;
  epoch: number;
  ends: Array<{ from: NodeKey; to: NodeKey }>;
  slotByEnds: Map<NodeKey, Map<NodeKey, number>>;
}

/** The last two drawings (the canvas and a panel may derive different ones in turn). */
let recent: State[] = [];
let epochs = 0;

/** The same drawing of graph keys on shown nodes (entry by entry). */
function sameShownAs(a: ReadonlyMap<NodeKey, NodeKey>, b: ReadonlyMap<NodeKey, NodeKey>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The slots for this drawing: the last ones when it is the same, else new. */
export function pairSlots(shownAs: ReadonlyMap<NodeKey, NodeKey>): PairSlots {
  let state = recent.find((r) => sameShownAs(r.shownAs, shownAs));
  if (!state) {
    state = { shownAs, epoch: ++epochs, ends: [], slotByEnds: new Map() };
    recent = [state, ...recent.slice(0, 1)];
  }
  const st = state;
  const base = st.epoch * EPOCH;
  const slotFor = (from: NodeKey, to: NodeKey): number => {
    let byTo = st.slotByEnds.get(from);
    if (!byTo) st.slotByEnds.set(from, (byTo = new Map()));
    let s = byTo.get(to);
    if (s === undefined) {
      s = st.ends.length;
      st.ends.push({ from, to });
      byTo.set(to, s);
    }
    return s;
  };
  // Pairs come sorted by their source: its shown node is looked up once per run of them.
  let lastFrom: NodeKey | undefined;
  let lastFromShown: NodeKey | undefined;
  return {
    ends: st.ends,
    slot(p) {
      const tag = (p as Tagged)[SLOT];
      if (tag !== undefined && tag > base && tag <= base + EPOCH) return tag - base - 1;
      if (p.from !== lastFrom) {
        lastFrom = p.from;
        lastFromShown = shownAs.get(p.from);
      }
      const from = lastFromShown;
      const to = shownAs.get(p.to);
      const s = from && to ? slotFor(from, to) : NOT_SHOWN;
      if (s < EPOCH - 1) {
        if (tag === undefined) Object.defineProperty(p, SLOT, { value: base + s + 1, writable: true, enumerable: false, configurable: true });
        else (p as Tagged)[SLOT] = base + s + 1;
      }
      return s;
    },
  };
}

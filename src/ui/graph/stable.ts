// The canvas's nodes and edges keep their objects from one answer to the next when nothing about
// them changed: derive() builds new objects every time, and React Flow and the memoised node and
// edge components compare by identity, so after a toggle every one of them rendered and committed
// again (the largest share of the page's toggle task after the message). Pure.

/** How deep `same` compares before it asks for identity (node data holds the analysis's objects). */
const DEPTH = 4;
/** Arrays longer than this compare their elements by identity only. */
const LONG = 64;

/**
 * Whether two values drawn by the canvas are the same: equal primitives, the same object, or
 * plain objects and arrays of the same values down to DEPTH levels (below that, only the same
 * object). Functions and class instances (Map, Set) are the same only by identity.
 */
export function same(a: unknown, b: unknown, depth = DEPTH): boolean {
  if (a === b) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    // A long list (an overview edge's 100,000 pairs) is the same only element by element by
    // identity: comparing equal copies field by field cost more than drawing the edge again.
    const inner = a.length > LONG ? 0 : depth - 1;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], inner)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth - 1)) return false;
  }
  return true;
}

/**
 * `next` with each element that is the same as the element of `previous` with its id replaced by
 * that element; `previous` itself when every element and the order are unchanged.
 */
export function keepIdentity<T extends { id: string }>(previous: readonly T[] | undefined, next: T[]): T[] {
  if (!previous || previous.length === 0) return next;
  const byId = new Map(previous.map((x) => [x.id, x]));
  let unchanged = previous.length === next.length;
  const out = next.map((x, i) => {
    const before = byId.get(x.id);
    const kept = before !== undefined && same(before, x) ? before : x;
    if (kept !== previous[i]) unchanged = false;
    return kept;
  });
  return unchanged ? (previous as T[]) : out;
}

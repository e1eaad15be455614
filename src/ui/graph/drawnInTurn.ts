// The first drawing of a newly loaded large design, in a render of its own.
//
// The store is zustand, read through useSyncExternalStore, so every update it makes renders
// synchronously (SyncLane) in one task: the import's answer rendered the side panels, the toolbar,
// the search and the whole graph derive (tens of thousands of pairs from scratch) and then committed
// it all, one task of 750-1,700 ms for 5,000 pods. Here the canvas keeps the design it drew for that
// urgent render and takes the new one when the design's id, passed through useDeferredValue, catches
// up: React renders the canvas again at once, but in a lane of its own that it renders
// concurrently (it yields between components and after the derive), so the panels' render and commit, the derive, the graph's components and its commit stop
// adding up in one task. https://react.dev/reference/react/useDeferredValue
//
// Only a new design (a load, an import, a sample) that is large is deferred: an edit or a toggle of
// the same design, and small designs, are drawn in the same render as before (their repaint is
// measured against a 50 ms target and gains nothing from a second render).
import { useDeferredValue, useLayoutEffect, useRef } from 'react';
import { setGraphPending } from '../perf.ts';

/** What the canvas draws from: the design's id and whether it is large, plus anything else. */
export interface DrawInput {
  readonly designId: unknown;
  readonly large: boolean;
}

/**
 * `live` (memoised by its caller: an object that changes only when what it holds changes), or the
 * input drawn last while a newly loaded large design waits for its own render. The wait counts as
 * busy for the test hook's idle (perf.ts graphPending), so nothing reads the canvas half drawn.
 */
export function useDrawnInTurn<T extends DrawInput>(live: T): T {
  // Only the design's id is deferred: a change within a design (a toggle, an edit, a selection) and
  // every change of a small design leave the deferred value as it was, so React does not render the
  // canvas a second time for them.
  const deferredId = useDeferredValue(live.large ? live.designId : SMALL);
  const drawn = useRef<T>(live);
  const waiting = live.large && deferredId !== live.designId && drawn.current.designId !== live.designId;
  const input = waiting ? drawn.current : live;
  useLayoutEffect(() => {
    drawn.current = input;
    setGraphPending(waiting);
  }, [input, waiting]);
  // Unmounted while waiting (the view switched to the matrix): nothing is left to draw.
  useLayoutEffect(() => () => setGraphPending(false), []);
  return input;
}

/** The deferred id of a small design: one constant, whatever design it is. */
const SMALL = Symbol('small design');

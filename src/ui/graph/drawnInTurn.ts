// The first drawing of a newly loaded large design, in a render of its own.
//
// The store is zustand, read through useSyncExternalStore, so every update it makes renders
// synchronously (SyncLane) in one task: the import's answer rendered the side panels, the toolbar,
// the search and the whole graph derive (tens of thousands of pairs from scratch) and then committed
// it all, one task of 750-1,700 ms for 5,000 pods. Here the canvas keeps the design it drew for that
// urgent render and takes the new one in a transition, a lane React renders concurrently (it yields
// between components), so the panels' render and commit, the derive, the graph's components and its
// commit stop adding up in one task. https://react.dev/reference/react/startTransition
//
// The canvas's own render was still one task at pods5000 (~190 CPU ms): the graph's view and its
// derive from scratch, then React's render and commit. So the new design is prepared first, in
// steps that are tasks of their own (`prepare`: the shown graph, the pairs routed, the derive, each
// filling a cache the render then reads), and only then does the canvas take it, in a transition.
// Meanwhile the canvas shows the design it drew before, and the page counts as busy: nothing shows
// or reads a half-prepared graph as if it were the new design.
//
// A step may also say it has more to do (it returns false): it runs again in the next task, up to
// MAX_RUNS times in a row (prepareSteps.ts) (the steps fill caches; what is left, the render does).
//
// Only a new design (a load, an import, a sample) that is large is deferred: an edit or a toggle of
// the same design, and small designs, are drawn in the same render as before (their repaint is
// measured against a 50 ms target and gains nothing from a second render).
import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { setGraphPending } from '../perf.ts';
import { afterStep, type PrepareStep, type StepAt } from './prepareSteps.ts';

export type { PrepareStep } from './prepareSteps.ts';

/** What the canvas draws from: the design's id and whether it is large, plus anything else. */
export interface DrawInput {
  readonly designId: unknown;
  readonly large: boolean;
}

/**
 * `live` (memoised by its caller: an object that changes only when what it holds changes), or the
 * input drawn last while a newly loaded large design is prepared and waits for its own render. The
 * wait counts as busy for the test hook's idle (perf.ts graphPending), so nothing reads the canvas
 * half drawn. `prepare`: steps run one per task, with the input as it is when each runs; each only
 * fills caches (a step that fails leaves the work to the render); one that returns false runs again.
 */
export function useDrawnInTurn<T extends DrawInput>(live: T, prepare: readonly PrepareStep<T>[] = []): T {
  // Only the design's id waits: a change within a design (a toggle, an edit, a selection) and every
  // change of a small design draw at once, so React does not render the canvas a second time for them.
  const [readyId, setReadyId] = useState<unknown>(SMALL);
  const drawn = useRef<T>(live);
  const latest = useRef({ live, prepare });
  const waiting = live.large && readyId !== live.designId && drawn.current.designId !== live.designId;
  const input = waiting ? drawn.current : live;
  useLayoutEffect(() => {
    latest.current = { live, prepare };
    drawn.current = input;
    setGraphPending(waiting);
  });
  const waitingFor = waiting ? live.designId : SMALL;
  useEffect(() => {
    if (waitingFor === SMALL) return;
    let at: StepAt = { step: 0, runs: 0 };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const { live: now, prepare: steps } = latest.current;
      // Another design came meanwhile: its own wait takes over (this effect is cleaned up).
      if (now.designId !== waitingFor) return;
      if (at.step < steps.length) {
        let done: boolean | void = true;
        try {
          done = steps[at.step]!(now);
        } catch {
          // The render does the same work again and reports what fails there.
        }
        at = afterStep(at, done !== false);
        timer = setTimeout(next, 0);
        return;
      }
      startTransition(() => setReadyId(waitingFor));
    };
    timer = setTimeout(next, 0);
    return () => clearTimeout(timer);
  }, [waitingFor]);
  // Unmounted while waiting (the view switched to the matrix): nothing is left to draw.
  useLayoutEffect(() => () => setGraphPending(false), []);
  return input;
}

/** No design waits (the ready id before any large design, and the wait's "none"). */
const SMALL = Symbol('small design');

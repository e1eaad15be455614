// When the review of a design request may start. The review worker runs beside the page's thread
// on a machine with few cores: started the moment the analysis answer went out, it took CPU the
// page needed to draw that answer (a toggle at 200 pods: ~35 CPU ms of review against ~25 of the
// page's, repaint 40-150 ms on a loaded machine). So a review waits until the page says it has
// painted its request's answer (or a later one's), but never longer than `maxWaitMs`: on a large
// design the repaint itself takes long, and the findings must not wait for all of it. A review
// still waiting when a newer one comes is dropped: its findings would describe an older design.

/**
 * The longest a review waits for the page's paint. Past the repaint of a small design (the target:
 * 50 ms), short against the review of a large one (0.3-1 s at 5,000-20,000 pods), whose repaint
 * it then shares the cores with as before.
 */
export const REVIEW_WAIT_MS = 80;

export interface ReviewGate {
  /**
   * `start` runs once the page painted the answer of `seq` or a later one, or after the wait,
   * whichever comes first; `drop` instead, when a newer request is held first.
   */
  hold(seq: number, start: () => void, drop: () => void): void;
  /** The page painted the answer of `seq` (the page's answers come in the order of the requests). */
  painted(seq: number): void;
}

export interface GateTimers {
  set(run: () => void, ms: number): unknown;
  clear(id: unknown): void;
}

const realTimers: GateTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export function reviewGate(maxWaitMs: number, timers: GateTimers = realTimers): ReviewGate {
  let held: { seq: number; start: () => void; drop: () => void; timer: unknown } | undefined;
  /** The newest request whose answer the page painted (a painted message may come before its hold). */
  let paintedUpTo = 0;

  const release = () => {
    const h = held;
    if (!h) return;
    held = undefined;
    timers.clear(h.timer);
    h.start();
  };

  return {
    hold(seq, start, drop) {
      const older = held;
      held = undefined;
      if (older) {
        timers.clear(older.timer);
        older.drop();
      }
      if (seq <= paintedUpTo) return start();
      held = { seq, start, drop, timer: timers.set(release, maxWaitMs) };
    },
    painted(seq) {
      paintedUpTo = Math.max(paintedUpTo, seq);
      if (held && held.seq <= seq) release();
    },
  };
}

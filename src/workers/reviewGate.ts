// When the review of a design request may start. The review worker runs beside the page's thread
// on a machine with few cores: started the moment the analysis answer went out, it took CPU the
// page needed to draw that answer (a toggle on a 200-pod kubectl dump: ~35 CPU ms of review beside
// ~25 of the page's; repaint 30-110 ms at load 4-5, 29-65 ms with the review held). So the review
// of a small design waits until the page says it has painted its request's answer (or a later
// one's), but never longer than REVIEW_WAIT_MS. A large design's review starts at once: it takes
// several times its repaint, and held, it then shared the cores with the editor's update and the
// YAML worker's validation instead (findings after a toggle at 5,000 pods came ~200 ms later).
// A review still waiting when a newer one comes is dropped: its findings would describe an older design.

/** The longest a review waits for the page's paint (the repaint's target at 200 pods is 50 ms). */
export const REVIEW_WAIT_MS = 80;

/**
 * Designs up to this many objects have their review wait (a 200-pod kubectl dump has ~600 objects,
 * its review ~35 CPU ms; a 5,000-pod one ~14,000, its review ~110-150 CPU ms and its repaint ~150 ms).
 */
export const HELD_REVIEW_OBJECTS = 2000;

/** How long the review of a design of `objects` objects may wait for the page's paint. */
export const reviewWaitMs = (objects: number): number => (objects <= HELD_REVIEW_OBJECTS ? REVIEW_WAIT_MS : 0);

export interface ReviewGate {
  /**
   * `start` runs once the page painted the answer of `seq` or a later one, or after `waitMs`,
   * whichever comes first (at once for 0); `drop` instead, when a newer request is held first.
   */
  hold(seq: number, waitMs: number, start: () => void, drop: () => void): void;
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

export function reviewGate(timers: GateTimers = realTimers): ReviewGate {
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
    hold(seq, waitMs, start, drop) {
      const older = held;
      held = undefined;
      if (older) {
        timers.clear(older.timer);
        older.drop();
      }
      if (waitMs <= 0 || seq <= paintedUpTo) return start();
      held = { seq, start, drop, timer: timers.set(release, waitMs) };
    },
    painted(seq) {
      paintedUpTo = Math.max(paintedUpTo, seq);
      if (held && held.seq <= seq) release();
    },
  };
}

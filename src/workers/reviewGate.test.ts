import { describe, expect, it } from 'vitest';
import { HELD_REVIEW_OBJECTS, REVIEW_WAIT_MS, reviewGate, reviewWaitMs, type GateTimers } from './reviewGate.ts';

/** Timers run by hand: `fire()` runs those due at `now`. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: GateTimers = {
    set: (run, ms) => {
      due.set(++next, { at: now + ms, run });
      return next;
    },
    clear: (id) => void due.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at > now) continue;
      due.delete(id);
      t.run();
    }
  };
  return { timers, advance, pending: () => due.size };
}

function recorder() {
  const log: string[] = [];
  return { log, start: (seq: number) => () => log.push(`start ${seq}`), drop: (seq: number) => () => log.push(`drop ${seq}`) };
}

describe('reviewGate', () => {
  it('holds a review until the page painted its answer', () => {
    const { timers, advance, pending } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(1, 100, r.start(1), r.drop(1));
    advance(30);
    expect(r.log).toEqual([]);
    gate.painted(1);
    expect(r.log).toEqual(['start 1']);
    // Released once: neither its wait nor a second paint starts it again.
    advance(200);
    gate.painted(1);
    expect(r.log).toEqual(['start 1']);
    expect(pending()).toBe(0);
  });

  it('starts a review after the longest wait when the page says nothing (a hidden tab draws no frames)', () => {
    const { timers, advance } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(1, 100, r.start(1), r.drop(1));
    advance(99);
    expect(r.log).toEqual([]);
    advance(1);
    expect(r.log).toEqual(['start 1']);
  });

  it('does not start a review for the paint of an older answer', () => {
    const { timers, advance } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(2, 100, r.start(2), r.drop(2));
    gate.painted(1);
    expect(r.log).toEqual([]);
    advance(100);
    expect(r.log).toEqual(['start 2']);
  });

  it('starts at once a review whose answer (or a later one) was painted already', () => {
    const { timers } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.painted(3);
    gate.hold(3, 100, r.start(3), r.drop(3));
    expect(r.log).toEqual(['start 3']);
  });

  it('drops a waiting review when a newer one comes, and starts only the newest', () => {
    const { timers, advance } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(1, 100, r.start(1), r.drop(1));
    advance(60);
    gate.hold(2, 100, r.start(2), r.drop(2));
    expect(r.log).toEqual(['drop 1']);
    // The older one's wait is no more: the newer waits its own full time.
    advance(60);
    expect(r.log).toEqual(['drop 1']);
    gate.painted(2);
    expect(r.log).toEqual(['drop 1', 'start 2']);
  });

  it('does not drop a review that already started', () => {
    const { timers } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(1, 100, r.start(1), r.drop(1));
    gate.painted(1);
    gate.hold(2, 100, r.start(2), r.drop(2));
    expect(r.log).toEqual(['start 1']);
  });

  it('starts a review at once without a wait (a large design), dropping an older waiting one', () => {
    const { timers, pending } = manualTimers();
    const gate = reviewGate(timers);
    const r = recorder();
    gate.hold(1, 100, r.start(1), r.drop(1));
    gate.hold(2, 0, r.start(2), r.drop(2));
    expect(r.log).toEqual(['drop 1', 'start 2']);
    expect(pending()).toBe(0);
  });
});

describe('reviewWaitMs', () => {
  it('holds the reviews of small designs only', () => {
    expect(reviewWaitMs(600)).toBe(REVIEW_WAIT_MS);
    expect(reviewWaitMs(HELD_REVIEW_OBJECTS)).toBe(REVIEW_WAIT_MS);
    expect(reviewWaitMs(HELD_REVIEW_OBJECTS + 1)).toBe(0);
    expect(reviewWaitMs(14_000)).toBe(0);
  });
});

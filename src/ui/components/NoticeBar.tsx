import { useEffect, useRef } from 'react';
import { notify, undo, useStore } from '../store.ts';

/** How long a success message stays; errors and infos stay until dismissed (they ask for action). */
export const SUCCESS_MS = 6000;
let successMs = SUCCESS_MS;

/** For the end-to-end tests: on a loaded machine a test may look later than a success stays. */
export function setSuccessNoticeMs(ms: number | undefined): void {
  successMs = ms ?? SUCCESS_MS;
}

/** Set when the control that made the change goes away (a fixed finding): focus moves to Undo. */
let focusUndoNext = false;

/** Moves the keyboard focus to the next undoable notice's Undo button, once it is shown. */
export function focusNoticeUndo(): void {
  focusUndoNext = true;
}

export function NoticeBar() {
  const notice = useStore((s) => s.notice);
  const bar = useRef<HTMLDivElement>(null);
  // A success leaves on its own, but not from under the pointer or the keyboard focus; one that
  // offers Undo stays until dismissed: a control must not vanish on a timer (WCAG 2.2.1, Timing
  // Adjustable, https://www.w3.org/WAI/WCAG22/Understanding/timing-adjustable).
  useEffect(() => {
    if (notice?.kind !== 'success' || notice.undoable) return;
    let timer: ReturnType<typeof setTimeout>;
    const later = (ms: number) => {
      timer = setTimeout(() => {
        const el = bar.current;
        const s = useStore.getState();
        // Counted from when the page has settled: a slow analysis must not eat the reading time.
        if (s.busy || s.layoutBusy || s.emitting) later(successMs);
        else if (el && (el.matches(':hover') || el.contains(document.activeElement))) later(1500);
        else if (useStore.getState().notice === notice) notify(null);
      }, ms);
    };
    later(successMs);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return <div role="status" className="sr-only" />;
  return (
    <div ref={bar} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <div className="notice-text">
        <strong>{notice.title}</strong>
        {notice.details && notice.details.length > 0 && (
          <ul>
            {notice.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {notice.undoable && (
        <button
          type="button"
          ref={(button) => {
            if (button && focusUndoNext) {
              focusUndoNext = false;
              button.focus();
            }
          }}
          onClick={() => {
            undo();
            notify(null);
          }}
        >
          Undo
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => notify(null)}>
        ×
      </button>
    </div>
  );
}

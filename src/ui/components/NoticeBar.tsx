import { notify, undo, useStore } from '../store.ts';

/** Set when the control that made the change goes away (a fixed finding): focus moves to Undo. */
let focusUndoNext = false;

/** Moves the keyboard focus to the next undoable notice's Undo button, once it is shown. */
export function focusNoticeUndo(): void {
  focusUndoNext = true;
}

export function NoticeBar() {
  const notice = useStore((s) => s.notice);
  if (!notice) return <div role="status" className="sr-only" />;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
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

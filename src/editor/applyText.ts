// Puts the app's text into the editor's model with the least work for Monaco: it remembers the
// text it last put there (no getValue() of a multi-MB model per change), sends only the changed
// runs of lines (src/editor/textEdits.ts), and spreads a large batch of runs over several tasks
// so that no task holds the page's thread for long. A new design is set whole (nothing of the old
// one is worth keeping, and setValue is Monaco's cheapest way to take a new text).
import type * as Monaco from 'monaco-editor/editor';
import { textEdits, type TextEdit } from './textEdits.ts';

/** Edits applied in one task: Monaco's cost per edit grows with the file's lines (its line arrays). */
const EDITS_PER_TASK = 12;
/**
 * More runs than this and the text is replaced whole (keeping the view state): applying thousands
 * of edits to a 140,000-line model costs seconds in all (each splices Monaco's per-line arrays),
 * while setValue costs one task. Only the first change after a large import rewrites that much.
 */
const MAX_EDITS = 120;

export interface TextApplier {
  /** Brings the model to `text`; `whole` for a new design. `done` runs once the model holds it. */
  apply(text: string, whole: boolean, done: () => void): void;
  /** The text the model holds (the user typed it, or the app put it there). */
  readonly text: string;
  /** The user changed the model: this is its text now. */
  typed(text: string): void;
  /** A large change is still going in, over several tasks. */
  busy(): boolean;
  dispose(): void;
}

export function textApplier(monaco: typeof Monaco, editor: Monaco.editor.IStandaloneCodeEditor, model: Monaco.editor.ITextModel, initial: string, guard: (run: () => void) => void): TextApplier {
  let shown = initial;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const toMonaco = (e: TextEdit): Monaco.editor.IIdentifiedSingleEditOperation => ({ range: new monaco.Range(e.startLine, e.startColumn, e.endLine, e.endColumn), text: e.text });

  const replaceWhole = (text: string, keepView: boolean) => {
    const view = keepView ? editor.saveViewState() : null;
    guard(() => model.setValue(text));
    if (view) editor.restoreViewState(view);
  };

  return {
    get text() {
      return shown;
    },
    typed(text) {
      shown = text;
    },
    busy: () => timer !== undefined,
    apply(text, whole, done) {
      if (timer !== undefined) throw new Error('textApplier: a change is still going in');
      if (text === shown) return done();
      const edits = whole ? null : textEdits(shown, text, { maxEdits: MAX_EDITS });
      if (edits === null) {
        replaceWhole(text, !whole);
        shown = text;
        return done();
      }
      if (edits.length <= EDITS_PER_TASK) {
        guard(() => model.applyEdits(edits.map(toMonaco)));
        shown = text;
        return done();
      }
      // From the last run to the first: the runs not yet applied are above the ones applied, so
      // their lines and columns still hold. The user cannot type into a half-changed text meanwhile.
      editor.updateOptions({ readOnly: true });
      let end = edits.length;
      const step = () => {
        timer = undefined;
        if (disposed) return;
        const start = Math.max(0, end - EDITS_PER_TASK);
        guard(() => model.applyEdits(edits.slice(start, end).map(toMonaco)));
        end = start;
        if (end > 0) {
          timer = setTimeout(step, 0);
          return;
        }
        editor.updateOptions({ readOnly: false });
        shown = text;
        done();
      };
      step();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

// Puts the app's text into the editor's model with the least work for Monaco: it remembers the
// text it last put there (no getValue() of a multi-MB model per change), sends only the changed
// runs of lines (src/editor/textEdits.ts), and spreads a large batch of runs over several tasks
// so that no task holds the page's thread for long. A new design (nothing of the old one is worth
// keeping) is set whole: setValue is Monaco's cheapest way to take a new text.
import type * as Monaco from 'monaco-editor/editor';
import { rewritesMost, textEdits, type TextEdit } from './textEdits.ts';

/**
 * What one task applies: Monaco pays ~2 ms per edit at 146,000 lines (each splices its per-line
 * arrays) plus the lines the edit covers (their view lines, tokens). A task takes edits until
 * edits + covered lines / LINES_PER_EDIT reach this (at least one edit).
 */
const TASK_BUDGET = 12;
const LINES_PER_EDIT = 1000;
/**
 * More runs than this and the changed middle goes in as pieces of CHUNK_LINES lines instead (only
 * the first change after a large import rewrites that much: thousands of scattered runs would cost
 * seconds in all, setValue of 2.4 MB one task of ~140 CPU ms, the pieces ~50 tasks of ~10-20 CPU ms).
 */
const MAX_EDITS = 120;
const CHUNK_LINES = 3000;
/**
 * A rewrite of most of a text up to this size is set whole (keeping the view): setValue of 1 MB is a
 * task of ~50 CPU ms, its pieces were ~650 ms in one task on a 200-pod kubectl dump's List (Monaco's
 * view events and line counting per covered line). Larger texts still go in pieces.
 */
const WHOLE_BYTES = 1024 * 1024;
/**
 * A new design larger than this goes in with the editor's view detached. setValue of a 2.3 MB design
 * (pods5000, tenants400) was one task of ~106-160 CPU ms (load ~13-15), most of it the view making
 * a projection for each line of the text (asking each line for its content and injected text, even
 * without word wrap). Detached, the model takes the text in one task (< 40 CPU ms) and the view is
 * made again in the next (~81-124): still over 50 ms at that size, the rest is Monaco's per line.
 * Smaller texts keep the one setValue (one paint, nothing blank in between).
 */
export const DETACH_BYTES = 128 * 1024;

const cost = (e: TextEdit) => 1 + (e.endLine - e.startLine + e.newLines) / LINES_PER_EDIT;

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
      // A new design shares nothing with the old: no diff, setValue. In pieces it cost ~5 times the
      // CPU (Monaco makes an inserted line's view line at ~20 us, setValue at ~4), and an import's
      // text is bounded (a large one is summarised): ~60 CPU ms for a 5,000-pod import at load ~20.
      // The model indexes its lines: the line where the change starts without counting the lines
      // before it. Its length tells that it still holds `shown` (no getValue() of it).
      const lineAt = model.getValueLength() === shown.length ? { lineAt: (offset: number) => model.getPositionAt(offset).lineNumber } : {};
      const edits = whole ? null : textEdits(shown, text, { maxEdits: MAX_EDITS, chunkLines: CHUNK_LINES, ...lineAt });
      if (whole && text.length > DETACH_BYTES) {
        // The view is made again from the new text in the next task (the user cannot type into an
        // editor without a model meanwhile); nothing of the old design's view is kept.
        editor.setModel(null);
        guard(() => model.setValue(text));
        shown = text;
        timer = setTimeout(() => {
          timer = undefined;
          if (disposed) return;
          editor.setModel(model);
          done();
        }, 0);
        return;
      }
      if (edits === null || (text.length <= WHOLE_BYTES && rewritesMost(edits, model.getLineCount()))) {
        replaceWhole(text, !whole);
        shown = text;
        return done();
      }
      const finish = () => {
        shown = text;
        done();
      };
      if (edits.reduce((sum, e) => sum + cost(e), 0) <= TASK_BUDGET) {
        guard(() => model.applyEdits(edits.map(toMonaco)));
        return finish();
      }
      // From the last run to the first: the runs not yet applied are above the ones applied, so
      // their lines and columns still hold. The user cannot type into a half-changed text meanwhile.
      editor.updateOptions({ readOnly: true });
      // A rewrite in pieces keeps the cursor, scroll and folds where they were by line, as setValue
      // with the view state did (an edit over the cursor's line would move it to the edit's end).
      const view = edits.some((e) => e.endLine - e.startLine >= CHUNK_LINES / 2) ? editor.saveViewState() : null;
      let end = edits.length;
      const step = () => {
        timer = undefined;
        if (disposed) return;
        let start = end - 1;
        for (let budget = TASK_BUDGET - cost(edits[start]!); start > 0 && budget - cost(edits[start - 1]!) >= 0; start--) budget -= cost(edits[start - 1]!);
        guard(() => model.applyEdits(edits.slice(start, end).map(toMonaco)));
        end = start;
        if (end > 0) {
          timer = setTimeout(step, 0);
          return;
        }
        editor.updateOptions({ readOnly: false });
        if (view) editor.restoreViewState(view);
        finish();
      };
      // Not in this task: the diff was its work.
      timer = setTimeout(step, 0);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

// The YAML editor: Monaco on the text of record. Typing goes to the store (parsed off the main
// thread after a pause); text the app replaces (toggles, flows, undo) comes back in as an undoable
// edit. The editor never receives its own echo (see STACK.md, controlled-editor race).
import { useEffect, useRef } from 'react';
import { monaco, MODEL_URI } from './monaco.ts';
import { editorChanged, redo, undo, useStore } from '../ui/store.ts';
import { registerEditor } from '../ui/editorBridge.ts';
import { installTabEscape } from './tabEscape.ts';
import type { Diagnostic } from '../ui/core.ts';

const themeName = (t: 'light' | 'dark') => (t === 'dark' ? 'vs-dark' : 'vs');

function toMarkers(model: monaco.editor.ITextModel, diagnostics: readonly Diagnostic[]): monaco.editor.IMarkerData[] {
  const lines = model.getLineCount();
  return diagnostics
    .filter((d) => d.line !== undefined)
    .map((d) => {
      const line = Math.min(Math.max(1, d.line ?? 1), lines);
      const col = Math.max(1, d.col ?? 1);
      return {
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
        message: d.path ? `${d.message} (${d.path})` : d.message,
        source: 'netpol-designer',
        code: d.code,
        startLineNumber: line,
        startColumn: Math.min(col, model.getLineMaxColumn(line)),
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      };
    });
}

/**
 * An edit past this many lines replaces the text whole (setValue, keeping the view state) instead:
 * the first switch after an import rewrites every line of the imported text, and Monaco applying
 * that as one edit (its inverse, its line counts, its change events) held the page's thread ~1 s
 * per 2 MB at 400 namespaces.
 */
const WHOLE_TEXT_LINES = 2000;

/** Whether `text` has more than `max` line breaks (counting stops there). */
function linesOver(text: string, max: number): boolean {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++n > max) return true;
  return false;
}

/** One edit that turns `from` into `to`: the part between their common prefix and suffix. */
function minimalEdit(model: monaco.editor.ITextModel, from: string, to: string): monaco.editor.IIdentifiedSingleEditOperation {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(from.length - end);
  return { range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: to.slice(start, to.length - end) };
}

export default function YamlEditor() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const state = useStore.getState();
    const uri = monaco.Uri.parse(MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(state.text, 'yaml', uri);
    const editor = monaco.editor.create(element, {
      model,
      automaticLayout: true,
      theme: themeName(state.theme),
      minimap: { enabled: false },
      acceptSuggestionOnEnter: 'off',
      tabSize: 2,
      fontSize: 13,
      scrollBeyondLastLine: false,
      ariaLabel: 'YAML manifests',
      quickSuggestions: { other: true, comments: false, strings: true },
      renderWhitespace: 'none',
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      // The outline model asks monaco-yaml for every symbol of the file after each change: a
      // large message for a large design. Indentation gives the same headers for YAML.
      stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
      occurrencesHighlight: 'off',
      // Bracket pairs (colours, guides, matching) make Monaco parse the whole text into a bracket
      // tree on the first paint of a new text: 0.8 s of one task of the page's thread for the
      // 14,500 lines a 5,000-pod import shows (load ~10). YAML as kubectl and this app write it has
      // no brackets but `{}` and `[]`, so nothing is lost.
      bracketPairColorization: { enabled: false },
      guides: { bracketPairs: false, bracketPairsHorizontal: false, highlightActiveBracketPair: false },
      matchBrackets: 'never',
    });
    // One history for the page: Ctrl+Z in the editor is the header's Undo (typing is recorded there
    // in runs), so it also steps back over a switch or a flow and never undoes half of an app edit.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => undo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => redo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => redo());
    // Tab indents; Escape then Tab (or Shift+Tab) leaves the editor without changing the text.
    const tabEscape = installTabEscape(editor, element);
    let applying = false;
    const content = model.onDidChangeContent(() => {
      if (!applying) editorChanged(model.getValue());
    });
    monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, state.diagnostics));

    // Text the app replaced (toggles, flows, undo) goes in after the graph has repainted: Monaco's
    // re-tokenizing and monaco-yaml's re-validation of a large file must not delay the picture.
    // Only the changed middle is replaced, so tokens, folding and the cursor elsewhere survive.
    let pendingFrame = 0;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    /** A whole new design (an import, a sample, a restore) came since the text was last applied. */
    let newDesign = false;
    const applyExternal = () => {
      pendingFrame = 0;
      pendingTimer = undefined;
      const s = useStore.getState();
      const current = model.getValue();
      if (s.text !== current) {
        applying = true;
        try {
          // A new design shares nothing worth keeping (cursor, folding) with the old: its text is set
          // whole, which for a large import is much cheaper than an undoable edit of every line
          // (the page keeps its own history; Monaco's undo stack is not used).
          if (newDesign) model.setValue(s.text);
          else {
            const edit = minimalEdit(model, current, s.text);
            if (edit.range.endLineNumber - edit.range.startLineNumber > WHOLE_TEXT_LINES || linesOver(edit.text ?? '', WHOLE_TEXT_LINES)) {
              const view = editor.saveViewState();
              model.setValue(s.text);
              if (view) editor.restoreViewState(view);
            } else model.pushEditOperations([], [edit], () => null);
          }
        } finally {
          applying = false;
        }
      }
      newDesign = false;
      monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, s.diagnostics));
    };
    const scheduleExternal = () => {
      if (pendingFrame || pendingTimer) return;
      pendingFrame = requestAnimationFrame(() => {
        pendingTimer = setTimeout(applyExternal, 0);
      });
    };
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.designId !== prev.designId) newDesign = true;
      if (s.textVersion !== prev.textVersion || s.diagnostics !== prev.diagnostics) scheduleExternal();
      if (s.theme !== prev.theme) monaco.editor.setTheme(themeName(s.theme));
    });

    registerEditor({
      revealLine(line, col) {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: col });
        editor.focus();
      },
      showLine(line) {
        editor.revealLineNearTop(line, monaco.editor.ScrollType.Smooth);
        const marks = editor.createDecorationsCollection([{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'new-object-line' } }]);
        setTimeout(() => marks.clear(), 2500);
      },
      setTextAsUser(text) {
        editor.executeEdits('test', [{ range: model.getFullModelRange(), text }]);
      },
      getText: () => model.getValue(),
      pending: () => pendingFrame !== 0 || pendingTimer !== undefined,
      markerCount: () => monaco.editor.getModelMarkers({ resource: uri }).length,
      cursorLine: () => editor.getPosition()?.lineNumber ?? 1,
    });
    element.dataset.ready = 'true';

    return () => {
      cancelAnimationFrame(pendingFrame);
      clearTimeout(pendingTimer);
      registerEditor(undefined);
      unsubscribe();
      content.dispose();
      tabEscape.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);
  return <div ref={host} className="monaco-host" data-testid="yaml-editor" />;
}

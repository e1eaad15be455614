// The YAML editor: Monaco on the text of record. Typing goes to the store (parsed off the main
// thread after a pause); text the app replaces (toggles, flows, undo) comes back in as an undoable
// edit. The editor never receives its own echo (see STACK.md, controlled-editor race).
import { useEffect, useRef, useState } from 'react';
import { monaco, MODEL_URI } from './monaco.ts';
import { SYNTAX_LIMIT } from './largeDocument.ts';
import { editorChanged, redo, undo, useStore } from '../ui/store.ts';
import { registerEditor } from '../ui/editorBridge.ts';
import { installTabEscape } from './tabEscape.ts';
import { textApplier } from './applyText.ts';
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

/** A cheap key of what the markers show: the same diagnostics on the same text need no new markers. */
const diagnosticsKey = (diagnostics: readonly Diagnostic[]): string => diagnostics.map((d) => `${d.line}:${d.col}:${d.severity}:${d.code}:${d.message}:${d.path}`).join('\n');

/**
 * On Linux Monaco measures where each drawn line starts in the DOM (elsewhere it computes it for
 * monospace text), and the indent guides ask that of every line each time lines are drawn anew:
 * 20-45% of the editor's paint after a toggle (a forced layout of the new lines). Past
 * SYNTAX_LIMIT (a cluster's policies, where a toggle's reveal draws a whole new screen of lines)
 * they are off there.
 */
const GUIDES_READ_THE_DOM = typeof navigator !== 'undefined' && navigator.userAgent.includes('Linux');

/** What the large-document note says is off. */
const LARGE_NOTE = GUIDES_READ_THE_DOM ? 'Large document: folding, sticky headers and indent guides are off' : 'Large document: folding and sticky headers are off';

/**
 * Folding and sticky scroll look at the whole text again after every change (folding replaces a
 * decoration per fold region: ~90 ms of the page's thread per change at 254 KB, the policies of a
 * 5,000-pod kubectl dump): past SYNTAX_LIMIT they are off, and the editor says so.
 */
const sizeOptions = (large: boolean): monaco.editor.IEditorOptions => ({
  folding: !large,
  stickyScroll: { enabled: !large, defaultModel: 'indentationModel' },
  guides: { indentation: !(large && GUIDES_READ_THE_DOM), bracketPairs: false, bracketPairsHorizontal: false, highlightActiveBracketPair: false },
});

export default function YamlEditor() {
  const host = useRef<HTMLDivElement>(null);
  const [large, setLarge] = useState(() => useStore.getState().text.length > SYNTAX_LIMIT);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const state = useStore.getState();
    const uri = monaco.Uri.parse(MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(state.text, 'yaml', uri);
    // Bracket pair colorization is a MODEL option (the editor's bracketPairColorization below does not
    // reach a model made before the editor): left on, every paint after a new text parsed the whole
    // text into a bracket tree (~140 ms of the page's thread per 2.4 MB, in the frame after setValue).
    model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    let largeNow = model.getValueLength() > SYNTAX_LIMIT;
    setLarge(largeNow);
    const editor = monaco.editor.create(element, {
      model,
      automaticLayout: true,
      theme: themeName(state.theme),
      // Section headers (`// #region`, `MARK:` comments) are found by a scan of the whole text in
      // Monaco's worker after every change, minimap or not; nothing in a manifest is one.
      minimap: { enabled: false, showRegionSectionHeaders: false, showMarkSectionHeaders: false },
      // Colour swatches: the same whole-text scan for `#rrggbb`-like strings; manifests have no colours.
      colorDecorators: false,
      defaultColorDecorators: 'never',
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
      ...sizeOptions(largeNow),
      occurrencesHighlight: 'off',
      // Bracket pairs (colours, guides, matching) make Monaco parse the whole text into a bracket
      // tree on the first paint of a new text: 0.8 s of one task of the page's thread for the
      // 14,500 lines a 5,000-pod import shows (load ~10). YAML as kubectl and this app write it has
      // no brackets but `{}` and `[]`, so nothing is lost.
      bracketPairColorization: { enabled: false },
      // Their guides are off in sizeOptions (which sets `guides` whole).
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
    const guard = (run: () => void) => {
      applying = true;
      try {
        run();
      } finally {
        applying = false;
      }
    };
    const applier = textApplier(monaco, editor, model, state.text, guard);
    /** Folding and sticky scroll follow the text's size (the length is kept by the model: no scan). */
    const followSize = () => {
      const now = model.getValueLength() > SYNTAX_LIMIT;
      if (now === largeNow) return;
      largeNow = now;
      editor.updateOptions(sizeOptions(now));
      setLarge(now);
    };
    const content = model.onDidChangeContent(() => {
      followSize();
      if (applying) return;
      const text = model.getValue();
      applier.typed(text);
      editorChanged(text);
    });
    let markersKey = diagnosticsKey(state.diagnostics);
    monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, state.diagnostics));
    /** Markers follow the text's edits; new ones only when the diagnostics or the text changed. */
    const setMarkers = (diagnostics: readonly Diagnostic[], textChanged: boolean) => {
      const key = diagnosticsKey(diagnostics);
      if (key === markersKey && (!textChanged || key === '')) return;
      markersKey = key;
      monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, diagnostics));
    };

    // Text the app replaced (toggles, flows, undo) goes in after the graph has repainted: Monaco's
    // re-tokenizing of a large file must not delay the picture. Only the changed runs of lines are
    // replaced (src/editor/applyText.ts), so tokens, folding and the cursor elsewhere survive.
    let pendingFrame = 0;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    /** A whole new design (an import, a sample, a restore) came since the text was last applied. */
    let newDesign = false;
    /** A line of a text of the store's to show once the model holds that text (see showLine below). */
    let revealAfter: { line: number; text: string } | undefined;
    const reveal = (line: number) => {
      editor.revealLineNearTop(line, monaco.editor.ScrollType.Smooth);
      const marks = editor.createDecorationsCollection([{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'new-object-line' } }]);
      setTimeout(() => marks.clear(), 2500);
    };
    const applyExternal = () => {
      pendingFrame = 0;
      pendingTimer = undefined;
      if (applier.busy()) return;
      const s = useStore.getState();
      const before = applier.text;
      applier.apply(s.text, newDesign, () => {
        setMarkers(useStore.getState().diagnostics, applier.text !== before);
        // The store moved on while a large change went in over several tasks: go again.
        const now = useStore.getState();
        if (now.text !== applier.text || now.diagnostics !== s.diagnostics) return scheduleExternal();
        // In the task of the edit: Monaco paints the new text and the scroll to it in one frame.
        // A line of an older text is not shown (a newer change brings its own).
        if (revealAfter?.text === applier.text) reveal(revealAfter.line);
        revealAfter = undefined;
      });
      newDesign = false;
    };
    const scheduleExternal = () => {
      if (pendingFrame || pendingTimer || applier.busy()) return;
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
        // The line is one of the store's text: if the model does not hold it yet, the reveal goes
        // with the edit that brings it (one frame of Monaco's, not one for each).
        const text = useStore.getState().text;
        if (applier.busy() || pendingFrame !== 0 || pendingTimer !== undefined || text !== applier.text) {
          revealAfter = { line, text };
          scheduleExternal();
          return;
        }
        reveal(line);
      },
      setTextAsUser(text) {
        editor.executeEdits('test', [{ range: model.getFullModelRange(), text }]);
      },
      getText: () => model.getValue(),
      pending: () => pendingFrame !== 0 || pendingTimer !== undefined || applier.busy(),
      markerCount: () => monaco.editor.getModelMarkers({ resource: uri }).length,
      cursorLine: () => editor.getPosition()?.lineNumber ?? 1,
    });
    element.dataset.ready = 'true';

    return () => {
      applier.dispose();
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
  return (
    <>
      {large && (
        <p role="status" className="editor-note">
          {LARGE_NOTE}
        </p>
      )}
      <div ref={host} className={large ? 'monaco-host with-note' : 'monaco-host'} data-testid="yaml-editor" />
    </>
  );
}

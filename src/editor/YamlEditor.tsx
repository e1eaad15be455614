// The YAML editor: Monaco on the text of record. Typing goes to the store (parsed off the main
// thread after a pause); text the app replaces (toggles, flows, undo) comes back in as an undoable
// edit. The editor never receives its own echo (see STACK.md, controlled-editor race).
import { useEffect, useRef } from 'react';
import { monaco, MODEL_URI } from './monaco.ts';
import { editorChanged, useStore } from '../ui/store.ts';
import { registerEditor } from '../ui/editorBridge.ts';
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
    });
    let applying = false;
    const content = model.onDidChangeContent(() => {
      if (!applying) editorChanged(model.getValue());
    });
    monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, state.diagnostics));

    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.textVersion !== prev.textVersion && s.text !== model.getValue()) {
        applying = true;
        try {
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: s.text }], () => null);
        } finally {
          applying = false;
        }
      }
      if (s.diagnostics !== prev.diagnostics || s.textVersion !== prev.textVersion) {
        monaco.editor.setModelMarkers(model, 'netpol-designer', toMarkers(model, s.diagnostics));
      }
      if (s.theme !== prev.theme) monaco.editor.setTheme(themeName(s.theme));
    });

    registerEditor({
      revealLine(line, col) {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: col });
        editor.focus();
      },
      setTextAsUser(text) {
        editor.executeEdits('test', [{ range: model.getFullModelRange(), text }]);
      },
      getText: () => model.getValue(),
      markerCount: () => monaco.editor.getModelMarkers({ resource: uri }).length,
    });
    element.dataset.ready = 'true';

    return () => {
      registerEditor(undefined);
      unsubscribe();
      content.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);
  return <div ref={host} className="monaco-host" data-testid="yaml-editor" />;
}

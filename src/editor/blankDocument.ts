// An empty document (only whitespace and comments) is a valid start, not a broken manifest. The
// YAML language service validates a whitespace-only document as `{}` (to offer completions from the
// schema), which flags "Missing property apiVersion/kind" while the app's Problems list rightly says
// 0. This adapter drops monaco-yaml's markers for such a document; completion and hover stay.
import type * as Monaco from 'monaco-editor/editor';

type MonacoApi = typeof Monaco;

/** True when every line is blank or a comment. Stops at the first line with content. */
export function isBlankYaml(model: Monaco.editor.ITextModel): boolean {
  const lines = model.getLineCount();
  for (let i = 1; i <= lines; i++) {
    const line = model.getLineContent(i).trimStart();
    if (line !== '' && !line.startsWith('#')) return false;
  }
  return true;
}

/** The Monaco API for monaco-yaml, with its markers on a blank document left out. */
export function withoutBlankDocumentMarkers(monaco: MonacoApi): MonacoApi {
  const original = monaco.editor.setModelMarkers;
  const setModelMarkers: typeof original = (model, owner, markers) => original(model, owner, markers.length > 0 && isBlankYaml(model) ? [] : markers);
  return { ...monaco, editor: { ...monaco.editor, setModelMarkers } };
}

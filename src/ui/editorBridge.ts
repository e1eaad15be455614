// The lazily loaded editor registers itself here, so the rest of the page can talk to it
// without importing Monaco.
export interface EditorHandle {
  revealLine(line: number, col: number): void;
  /**
   * Scrolls the line (of the store's text) into view and marks it for a moment, leaving the focus
   * where it is; if that text is still to go into the editor, once it has (with its edit).
   */
  showLine?(line: number): void;
  /** Replaces the text as if the user had typed it (undoable in the editor, parsed like typing). */
  setTextAsUser(text: string): void;
  getText(): string;
  markerCount(): number;
  /** The line the cursor is on. */
  cursorLine(): number;
  /** Text from the app is waiting to go into the editor. */
  pending(): boolean;
}

let handle: EditorHandle | undefined;

export function registerEditor(h: EditorHandle | undefined): void {
  handle = h;
}

export function editorHandle(): EditorHandle | undefined {
  return handle;
}

export function revealLine(line: number, col: number): void {
  handle?.revealLine(line, col);
}

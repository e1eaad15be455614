// The id of the line under the YAML editor that says how keyboard users leave it. The editor's
// text input points at it with aria-describedby, so screen readers announce it on focus. Kept
// apart from the editor so the panel can use it without loading Monaco.
export const EDITOR_KEYS_HINT_ID = 'yaml-editor-keys-hint';

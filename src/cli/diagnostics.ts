import type { Diagnostic } from '../model/types.ts';

// C0 and C1 control characters (tab aside), DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One line of plain text: a newline in a name (possible in an invalid object) would split a
 * diagnostic in two, and an escape sequence would reach the terminal. Escaped as JSON escapes them.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** `file:line:col: severity: message [code] (path)`, the shape editors and CI annotate from. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.col].filter((x) => x !== undefined).join(':');
  const path = d.path ? ` (${d.path})` : '';
  return oneLine(`${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.code}]${path}`);
}

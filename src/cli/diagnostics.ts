import type { Diagnostic } from '../model/types.ts';

/** `file:line:col: severity: message [code] (path)`, the shape editors and CI annotate from. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.col].filter((x) => x !== undefined).join(':');
  const path = d.path ? ` (${d.path})` : '';
  return `${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.code}]${path}`;
}

// CSV and Markdown of a compact matrix, byte for byte what exportMatrixView writes for the same view
// (and so what the CLI `matrix` prints), built only when asked for and in parts: joined, the parts
// are the text; a Blob takes them as they are, so no single string has to hold a large matrix.
import type { PortProbe } from '../../engine/index.ts';
import type { MatrixExportFormat, MatrixExportOptions } from '../matrixView.ts';
import { cellAt } from './cells.ts';
import type { CompactMatrix } from './types.ts';

// The CLI's CSV quoting and Markdown escaping (src/format/matrix.ts, src/review/matrixView.ts).
const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const cliMarkdownEscape = (t: string) => t.replace(/\|/g, '\\|');
const portTitle = (p: PortProbe) => `${p.protocol}/${p.port}`;

/** Cells (rows x columns x ports) above which the page does not write an export: the CLI streams it. */
export const EXPORT_CELL_LIMIT = 4_000_000;

export const exportCellCount = (m: CompactMatrix): number => m.labels.length * m.labels.length * m.ports.length;

/** Why the page does not export this matrix, and what to do instead; undefined when it does. */
export function exportRefusal(m: CompactMatrix): string | undefined {
  const cells = exportCellCount(m);
  if (cells <= EXPORT_CELL_LIMIT) return undefined;
  return `The matrix has ${cells.toLocaleString('en-US')} cells, too many to export from the page (the limit is ${EXPORT_CELL_LIMIT.toLocaleString('en-US')}). Export the namespace level, choose one namespace, list fewer ports, or use the CLI: npm run cli -- matrix (it streams any size).`;
}

function* csv(m: CompactMatrix): Generator<string> {
  const namespaceLevel = m.level === 'namespace';
  yield namespaceLevel ? 'from,to,port,protocol,allowed,allowed_pairs,pairs' : 'from,to,port,protocol,allowed';
  const fields = m.labels.map(csvField);
  const n = fields.length;
  for (let p = 0; p < m.ports.length; p++) {
    const probe = m.ports[p]!;
    for (let i = 0; i < n; i++) {
      let chunk = '';
      for (let j = 0; j < n; j++) {
        const c = cellAt(m, p, i, j);
        if (!c.visible) continue;
        const head = `\n${fields[i]},${fields[j]},${probe.port},${probe.protocol},`;
        chunk += namespaceLevel ? `${head}${c.reach},${c.allowed},${c.total}` : `${head}${c.allowed === 1}`;
      }
      if (chunk) yield chunk;
    }
  }
}

function* markdown(m: CompactMatrix, escape: (text: string) => string): Generator<string> {
  const n = m.labels.length;
  const escaped = m.labels.map(escape);
  for (let p = 0; p < m.ports.length; p++) {
    if (p > 0) yield '\n\n';
    yield `| ${escape(portTitle(m.ports[p]!))} (from \\ to) | ${escaped.join(' | ')} |\n|---|${m.labels.map(() => ':-:').join('|')}|`;
    for (let i = 0; i < n; i++) {
      const marks: string[] = [];
      for (let j = 0; j < n; j++) {
        const c = cellAt(m, p, i, j);
        if (!c.visible) marks.push(' ');
        else if (m.level === 'workload') marks.push(c.reach === 'all' ? '✅' : '❌');
        else marks.push(c.reach === 'all' ? '✅' : c.reach === 'none' ? '❌' : `◐ ${c.allowed}/${c.total}`);
      }
      yield `\n| ${escaped[i]} | ${marks.join(' | ')} |`;
    }
  }
}

/** The export as parts; `parts.join('')` is exportMatrixView's text for the same matrix. */
export function exportCompactMatrix(m: CompactMatrix, format: MatrixExportFormat, options: MatrixExportOptions = {}): string[] {
  return [...(format === 'csv' ? csv(m) : markdown(m, options.escapeMarkdown ?? cliMarkdownEscape))];
}

// Two reachability matrices of one design under two network-plugin profiles: the cells that differ.
import type { ReachabilityMatrix } from '../engine/index.ts';
import type { MatrixFormat } from './matrix.ts';

export interface ProfileCellDifference {
  from: string;
  to: string;
  port: number;
  protocol: string;
  /** Allowed under the first profile, and under the second. */
  a: boolean;
  b: boolean;
}

/** Cells allowed under one profile and denied under the other; both matrices over the same endpoints and ports. */
export function matrixDifferences(a: ReachabilityMatrix, b: ReachabilityMatrix): ProfileCellDifference[] {
  const out: ProfileCellDifference[] = [];
  const n = a.labels.length;
  a.ports.forEach((probe, p) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = a.allowed[p]![i * n + j] === 1;
        const y = b.allowed[p]![i * n + j] === 1;
        if (x !== y) out.push({ from: a.labels[i]!, to: a.labels[j]!, port: probe.port, protocol: probe.protocol, a: x, b: y });
      }
    }
  });
  return out;
}

const word = (allowed: boolean) => (allowed ? 'allow' : 'deny');
const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function formatProfileComparison(
  differences: readonly ProfileCellDifference[], names: readonly [string, string], cells: number, format: MatrixFormat,
): string {
  const [na, nb] = names;
  if (format === 'json') return JSON.stringify({ profiles: names, cells, differences }, null, 1);
  if (format === 'csv') {
    return ['from,to,port,protocol,' + `${csvField(na)},${csvField(nb)}`, ...differences.map((d) => [csvField(d.from), csvField(d.to), d.port, d.protocol, d.a, d.b].join(','))].join('\n');
  }
  const summary = `${differences.length} of ${cells} cells differ between ${na} and ${nb}`;
  if (format === 'md') {
    const esc = (t: string) => t.replace(/\|/g, '\\|');
    return [`${summary}.`, '', `| from | to | port | ${esc(na)} | ${esc(nb)} |`, '|---|---|---|:-:|:-:|',
      ...differences.map((d) => `| ${esc(d.from)} | ${esc(d.to)} | ${d.protocol}/${d.port} | ${d.a ? '✅' : '❌'} | ${d.b ? '✅' : '❌'} |`)].join('\n');
  }
  const head = ['from', 'to', 'port', na, nb];
  const rows = differences.map((d) => [d.from, d.to, `${d.protocol}/${d.port}`, word(d.a), word(d.b)]);
  // A loop, not Math.max(...rows): a large design differs in a million cells.
  const widths = head.map((h) => h.length);
  for (const r of rows) r.forEach((cell, c) => { if (cell.length > widths[c]!) widths[c] = cell.length; });
  const line = (cells: string[]) => cells.map((t, c) => t.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line), `(${summary})`].join('\n');
}

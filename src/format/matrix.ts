import type { ReachabilityMatrix } from '../engine/index.ts';

export type MatrixFormat = 'table' | 'csv' | 'md' | 'json';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['table', 'csv', 'md', 'json'];

const portTitle = (m: ReachabilityMatrix, p: number) => `${m.ports[p]!.protocol}/${m.ports[p]!.port}`;
const cell = (m: ReachabilityMatrix, p: number, i: number, j: number) => m.allowed[p]![i * m.labels.length + j] === 1;

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A plain table per port: rows are sources, columns destinations. */
function table(m: ReachabilityMatrix): string {
  const n = m.labels.length;
  return m.ports
    .map((_, p) => {
      const head = [portTitle(m, p), ...m.labels];
      const rows = m.labels.map((from, i) => [from, ...m.labels.map((_, j) => (cell(m, p, i, j) ? 'allow' : 'deny'))]);
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
      const line = (cells: string[]) => cells.map((t, c) => t.padEnd(widths[c]!)).join('  ').trimEnd();
      const allowedCount = m.allowed[p]!.reduce((a, b) => a + b, 0);
      return [line(head), ...rows.map(line), `(${allowedCount} of ${n * n} pairs allowed; rows: from, columns: to)`].join('\n');
    })
    .join('\n\n');
}

function csv(m: ReachabilityMatrix): string {
  const lines = ['from,to,port,protocol,allowed'];
  m.ports.forEach((probe, p) => {
    m.labels.forEach((from, i) => {
      m.labels.forEach((to, j) => {
        lines.push([csvField(from), csvField(to), probe.port, probe.protocol, cell(m, p, i, j)].join(','));
      });
    });
  });
  return lines.join('\n');
}

function markdown(m: ReachabilityMatrix): string {
  const escape = (t: string) => t.replace(/\|/g, '\\|');
  return m.ports
    .map((_, p) => {
      const head = `| ${escape(portTitle(m, p))} (from \\ to) | ${m.labels.map(escape).join(' | ')} |`;
      const rule = `|---|${m.labels.map(() => ':-:').join('|')}|`;
      const rows = m.labels.map((from, i) => `| ${escape(from)} | ${m.labels.map((_, j) => (cell(m, p, i, j) ? '✅' : '❌')).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    })
    .join('\n\n');
}

function json(m: ReachabilityMatrix): string {
  return JSON.stringify(
    {
      endpoints: m.labels,
      ports: m.ports,
      allowed: m.ports.map((_, p) => m.labels.map((_, i) => m.labels.map((_, j) => cell(m, p, i, j)))),
    },
    null,
    1,
  );
}

export function formatMatrix(m: ReachabilityMatrix, format: MatrixFormat): string {
  switch (format) {
    case 'table': return table(m);
    case 'csv': return csv(m);
    case 'md': return markdown(m);
    case 'json': return json(m);
  }
}

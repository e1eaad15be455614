// Reading one cell of a compact matrix: what the Matrix view draws and the exports write. Only
// types imported, so the page reads cells without loading the engine.
import type { MatrixShow, Reach } from '../matrixView.ts';
import type { CompactMatrix, CompactWorkloadMatrix } from './types.ts';

export interface CompactCell {
  allowed: number;
  total: number;
  reach: Reach;
  visible: boolean;
}

const reachOf = (allowed: number, total: number): Reach => (allowed === 0 ? 'none' : allowed === total ? 'all' : 'some');
const isVisible = (show: MatrixShow, allowed: number, total: number) => show === 'all' || (show === 'allowed' ? allowed > 0 : allowed < total);

/** Workload pairs allowed and in all, for the cell (row, column) on port p. */
export function cellCounts(m: CompactMatrix, p: number, row: number, column: number): { allowed: number; total: number } {
  if (m.level === 'namespace') return { allowed: m.allowed[p]![row * m.labels.length + column]!, total: m.sizes[row]! * m.sizes[column]! };
  return { allowed: workloadAllowed(m, m.tables[p]!, row, column, m.slots), total: 1 };
}

export function cellAt(m: CompactMatrix, p: number, row: number, column: number): CompactCell {
  const { allowed, total } = cellCounts(m, p, row, column);
  return { allowed, total, reach: reachOf(allowed, total), visible: isVisible(m.show, allowed, total) };
}

/** Cells on port p whose allowed count differs between two matrices of the same rows and columns. */
export function countDiffering(a: CompactMatrix, b: CompactMatrix, p: number): number {
  const n = a.labels.length;
  if (b.labels.length !== n) return 0;
  let count = 0;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (cellCounts(a, p, r, c).allowed !== cellCounts(b, p, r, c).allowed) count++;
  return count;
}

/** 1 when the cell (r, c) of a workload-level table is allowed: the policies' answer, or a single pod's loopback. */
export function workloadAllowed(v: Pick<CompactWorkloadMatrix, 'row' | 'col' | 'colSame' | 'cls' | 'ident' | 'loop'>, table: Uint8Array, r: number, c: number, slots: number): number {
  if (v.loop[r] === 1 && v.ident[r] === v.ident[c]) return 1;
  return table[workloadSlot(v, r, c, slots)]!;
}

/** Index into a workload-level table of the cell (r, c): the policies' answer, without loopback (workloadAllowed). */
export function workloadSlot(v: Pick<CompactWorkloadMatrix, 'row' | 'col' | 'colSame' | 'cls' | 'ident'>, r: number, c: number, slots: number): number {
  const k = v.cls[r]!;
  const column = v.ident[r] !== v.ident[c] && k >= 0 && k === v.cls[c] ? v.colSame[c]! : v.col[c]!;
  return v.row[r]! * slots + column;
}

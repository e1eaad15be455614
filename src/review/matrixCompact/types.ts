// The Matrix view's data as the worker sends it: typed arrays (cloned in one copy each), labels, and
// the accessors below instead of a cell object per pair (403 x 403 x ports cells were 1.3 M objects).
import type { PortProbe } from '../../engine/index.ts';
import type { MatrixShow } from '../matrixView.ts';

interface CompactBase {
  ports: PortProbe[];
  /** Row and column headings (sources and destinations are the same list). */
  labels: string[];
  /** Which cells the view shows; the others are blank. */
  show: MatrixShow;
  /** Rows (and their columns) left out because `show` leaves nothing in them. */
  hidden: number;
}

export interface CompactNamespaceMatrix extends CompactBase {
  level: 'namespace';
  /** Workloads (or 1 for an address) per row. A cell's pairs: sizes[row] * sizes[column]. */
  sizes: Uint32Array;
  /** Per port, workload pairs allowed: `allowed[p][row * n + column]`. */
  allowed: Uint32Array[];
}

export interface CompactWorkloadMatrix extends CompactBase {
  level: 'workload';
  /** Width of the class tables. */
  slots: number;
  /** Per port, the class table: 1 where allowed, `tables[p][rowSlot * slots + columnSlot]`. */
  tables: Uint8Array[];
  /** Per row/column: its slot as a row, as a column, as a column of another member of its class. */
  row: Int32Array;
  col: Int32Array;
  colSame: Int32Array;
  /** Per row/column: its class (-1 for an address) and which workload it is (negative for an address). */
  cls: Int32Array;
  ident: Int32Array;
  /**
   * Per row/column: 1 for a single pod, which reaches itself (loopback) whatever the policies say.
   * The tables hold the policies' answers only: members of a class may differ in this alone.
   */
  loop: Uint8Array;
}

export type CompactMatrix = CompactNamespaceMatrix | CompactWorkloadMatrix;

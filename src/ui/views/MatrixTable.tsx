// The matrix as a table that renders only the rows and columns in view (403 x 403 cells were 160,000
// buttons and a 10 s block): spacer rows and cells keep the scroll size, sticky headings stay, and
// aria-rowcount/colcount/rowindex/colindex tell assistive technology the whole table's shape.
// Cells are read from the compact matrix as they are drawn (src/review/matrixCompact). The keyboard
// reaches every cell, drawn or not: one cell is in the tab order (roving tabindex), arrow keys,
// Home/End and Page Up/Down move it, scrolling the table so the cell is drawn and in view.
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
import { cellAt, type CompactMatrix } from '../../review/matrixCompact/index.ts';
import type { PortProbe } from '../../engine/index.ts';
import './matrixTable.css';

const SYMBOL = { all: '✓', some: '◐', none: '✗' } as const;
export const REACH_TEXT = { all: 'allowed', some: 'partly allowed', none: 'denied' } as const;

/** Fixed geometry, so the window of rows and columns is arithmetic. */
export const ROW_H = 28;
export const COL_W = 72;
const HEAD_W = 220;
const HEAD_H = 30;
/** Rows and columns drawn beyond the edges, so a fast scroll does not show blanks. */
const OVERSCAN = 4;

export interface MatrixWindow {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}

/** The rows and columns (inclusive ranges) a viewport of this size at this scroll shows. */
export function visibleWindow(count: number, scroll: { top: number; left: number }, size: { width: number; height: number }): MatrixWindow {
  const clamp = (x: number) => Math.max(0, Math.min(count - 1, x));
  return {
    firstRow: clamp(Math.floor(scroll.top / ROW_H) - OVERSCAN),
    lastRow: clamp(Math.ceil((scroll.top + size.height - HEAD_H) / ROW_H) + OVERSCAN),
    firstCol: clamp(Math.floor(scroll.left / COL_W) - OVERSCAN),
    lastCol: clamp(Math.ceil((scroll.left + size.width - HEAD_W) / COL_W) + OVERSCAN),
  };
}

/** The cell a key moves focus to from (row, col) in an n x n table; undefined for other keys. */
export function nextCell(key: string, ctrl: boolean, at: { row: number; col: number }, n: number, pageRows: number): { row: number; col: number } | undefined {
  const clamp = (x: number) => Math.max(0, Math.min(n - 1, x));
  switch (key) {
    case 'ArrowRight': return { row: at.row, col: clamp(at.col + 1) };
    case 'ArrowLeft': return { row: at.row, col: clamp(at.col - 1) };
    case 'ArrowDown': return { row: clamp(at.row + 1), col: at.col };
    case 'ArrowUp': return { row: clamp(at.row - 1), col: at.col };
    case 'Home': return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End': return ctrl ? { row: n - 1, col: n - 1 } : { row: at.row, col: n - 1 };
    case 'PageDown': return { row: clamp(at.row + pageRows), col: at.col };
    case 'PageUp': return { row: clamp(at.row - pageRows), col: at.col };
    default: return undefined;
  }
}

export function MatrixTable({ view, portIndex, port, caption, titleOf, onOpen, summary, other, seen }: {
  view: CompactMatrix;
  portIndex: number;
  port: PortProbe;
  caption: string;
  /** How a row or column is named on screen (outside addresses by their node's title). */
  titleOf: (label: string) => string;
  onOpen: (row: number, col: number) => void;
  /** Shown under the caption (the comparison with another network plugin). */
  summary?: ReactNode;
  /** A cell another network plugin decides differently: what to add to its text (marked ≠). */
  other?: (row: number, col: number) => { text: string } | undefined;
  /** A cell observed traffic used: what to add to its text (marked ●). */
  seen?: (row: number, col: number) => string | undefined;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [size, setSize] = useState({ width: 1200, height: 800 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
  };
  const n = view.labels.length;
  const [focus, setFocus] = useState({ row: 0, col: 0 });
  const focusAfterRender = useRef(false);
  const table = useRef<HTMLTableElement>(null);
  const at = { row: Math.min(focus.row, Math.max(0, n - 1)), col: Math.min(focus.col, Math.max(0, n - 1)) };
  useLayoutEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    const cell = table.current?.querySelector<HTMLElement>(`[data-cell="${at.row}:${at.col}"]`);
    (cell?.querySelector('button') ?? cell)?.focus({ preventScroll: true });
  });
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = box.current;
    if (!el || n === 0 || !(e.target as HTMLElement).closest('[data-cell]')) return;
    const next = nextCell(e.key, e.ctrlKey || e.metaKey, at, n, Math.max(1, Math.floor((el.clientHeight - HEAD_H) / ROW_H) - 1));
    if (!next) return;
    e.preventDefault();
    // Scroll so the cell is clear of the sticky headings; set the window at once so it is drawn now.
    // Where the table starts in the scrolled content (the caption is above it).
    const base = table.current ? table.current.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop : 0;
    const cellTop = base + HEAD_H + next.row * ROW_H;
    const cellLeft = HEAD_W + next.col * COL_W;
    let top = el.scrollTop;
    let left = el.scrollLeft;
    if (cellTop - HEAD_H < top) top = cellTop - HEAD_H;
    else if (cellTop + ROW_H > top + el.clientHeight) top = cellTop + ROW_H - el.clientHeight;
    if (cellLeft - HEAD_W < left) left = cellLeft - HEAD_W;
    else if (cellLeft + COL_W > left + el.clientWidth) left = cellLeft + COL_W - el.clientWidth;
    el.scrollTop = Math.max(0, top);
    el.scrollLeft = Math.max(0, left);
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
    focusAfterRender.current = true;
    setFocus(next);
  };
  const computed = visibleWindow(n, scroll, size);
  // A cell the keyboard moved to is drawn in this render whatever the window says, so it can take the focus.
  const w = focusAfterRender.current && n > 0
    ? { firstRow: Math.min(computed.firstRow, at.row), lastRow: Math.max(computed.lastRow, at.row), firstCol: Math.min(computed.firstCol, at.col), lastCol: Math.max(computed.lastCol, at.col) }
    : computed;
  const rows: number[] = [];
  const cols: number[] = [];
  if (n > 0) {
    for (let r = w.firstRow; r <= w.lastRow; r++) rows.push(r);
    for (let c = w.firstCol; c <= w.lastCol; c++) cols.push(c);
  }
  const before = w.firstCol * COL_W;
  const after = Math.max(0, (n - 1 - w.lastCol) * COL_W);
  // The focused cell is the tab stop; when it is not drawn, the first drawn cell is.
  const focusDrawn = rows.includes(at.row) && cols.includes(at.col);
  const tabStop = (r: number, c: number) => (focusDrawn ? r === at.row && c === at.col : r === rows[0] && c === cols[0]);
  const track = (r: number, c: number) => () => (r !== focus.row || c !== focus.col) && setFocus({ row: r, col: c });
  return (
    <div className="matrix-scroll" ref={box} onScroll={onScroll} tabIndex={-1}>
      {/* The caption names the table for screen readers; a table's caption is only as wide as the table, so the eye gets a paragraph. */}
      <p className="matrix-caption" aria-hidden="true">{caption}</p>
      {summary}
      <table ref={table} onKeyDown={onKeyDown} className="matrix matrix-virtual" aria-rowcount={n + 1} aria-colcount={n + 1} style={{ width: HEAD_W + n * COL_W }}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" aria-colindex={1} style={{ width: HEAD_W }}>from \ to</th>
            {before > 0 && <td className="matrix-spacer" style={{ width: before }} aria-hidden="true" />}
            {cols.map((c) => (
              <th key={c} scope="col" aria-colindex={c + 2} style={{ width: COL_W }} title={titleOf(view.labels[c]!)}>{titleOf(view.labels[c]!)}</th>
            ))}
            {after > 0 && <td className="matrix-spacer" style={{ width: after }} aria-hidden="true" />}
          </tr>
        </thead>
        <tbody>
          {w.firstRow > 0 && <tr className="matrix-spacer" aria-hidden="true" style={{ height: w.firstRow * ROW_H }} />}
          {rows.map((r) => {
            const rowLabel = titleOf(view.labels[r]!);
            return (
              <tr key={r} aria-rowindex={r + 2} style={{ height: ROW_H }}>
                <th scope="row" aria-colindex={1} title={rowLabel}>{rowLabel}</th>
                {before > 0 && <td className="matrix-spacer" aria-hidden="true" />}
                {cols.map((c) => {
                  const cell = cellAt(view, portIndex, r, c);
                  const tabIndex = tabStop(r, c) ? 0 : -1;
                  if (!cell.visible) {
                    return <td key={c} aria-colindex={c + 2} className="cell-hidden" data-cell={`${r}:${c}`} tabIndex={tabIndex} aria-label={`${rowLabel} to ${titleOf(view.labels[c]!)}: not shown by the filter`} onFocus={track(r, c)} />;
                  }
                  const o = other?.(r, c);
                  const observed = seen?.(r, c);
                  const text = `${rowLabel} to ${titleOf(view.labels[c]!)} on ${port.protocol}/${port.port}: ${REACH_TEXT[cell.reach]}${cell.total > 1 ? ` (${cell.allowed} of ${cell.total} pairs)` : ''}${o ? o.text : ''}${observed ?? ''}`;
                  return (
                    <td key={c} aria-colindex={c + 2} data-cell={`${r}:${c}`} className={`cell-${cell.reach}${o ? ' cell-differs' : ''}${observed ? ' cell-seen' : ''}`}>
                      <button type="button" tabIndex={tabIndex} aria-label={text} title={text} onFocus={track(r, c)} onClick={() => onOpen(r, c)}>
                        <span aria-hidden="true">{SYMBOL[cell.reach]}{cell.total > 1 ? ` ${cell.allowed}/${cell.total}` : ''}{o ? ' ≠' : ''}{observed ? ' ●' : ''}</span>
                      </button>
                    </td>
                  );
                })}
                {after > 0 && <td className="matrix-spacer" aria-hidden="true" />}
              </tr>
            );
          })}
          {w.lastRow < n - 1 && <tr className="matrix-spacer" aria-hidden="true" style={{ height: (n - 1 - w.lastRow) * ROW_H }} />}
        </tbody>
      </table>
    </div>
  );
}

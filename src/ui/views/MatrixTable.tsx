// The matrix as a table that renders only the rows and columns in view (403 x 403 cells were 160,000
// buttons and a 10 s block): spacer rows and cells keep the scroll size, sticky headings stay, and
// aria-rowcount/colcount/rowindex/colindex tell assistive technology the whole table's shape.
import { useLayoutEffect, useRef, useState, type ReactNode, type UIEvent } from 'react';
import type { MatrixView as View } from '../../review/matrixView.ts';
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

export function MatrixTable({ view, portIndex, port, caption, titleOf, onOpen, summary, other, seen }: {
  view: View;
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
  const w = visibleWindow(n, scroll, size);
  const rows: number[] = [];
  const cols: number[] = [];
  if (n > 0) {
    for (let r = w.firstRow; r <= w.lastRow; r++) rows.push(r);
    for (let c = w.firstCol; c <= w.lastCol; c++) cols.push(c);
  }
  const before = w.firstCol * COL_W;
  const after = Math.max(0, (n - 1 - w.lastCol) * COL_W);
  const cells = view.cells[portIndex]!;
  return (
    <div className="matrix-scroll" ref={box} onScroll={onScroll} tabIndex={-1}>
      {/* The caption names the table for screen readers; a table's caption is only as wide as the table, so the eye gets a paragraph. */}
      <p className="matrix-caption" aria-hidden="true">{caption}</p>
      {summary}
      <table className="matrix matrix-virtual" aria-rowcount={n + 1} aria-colcount={n + 1} style={{ width: HEAD_W + n * COL_W }}>
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
                  const cell = cells[r]![c]!;
                  if (!cell.visible) return <td key={c} aria-colindex={c + 2} className="cell-hidden" />;
                  const o = other?.(r, c);
                  const observed = seen?.(r, c);
                  const text = `${rowLabel} to ${titleOf(view.labels[c]!)} on ${port.protocol}/${port.port}: ${REACH_TEXT[cell.reach]}${cell.total > 1 ? ` (${cell.allowed} of ${cell.total} pairs)` : ''}${o ? o.text : ''}${observed ?? ''}`;
                  return (
                    <td key={c} aria-colindex={c + 2} className={`cell-${cell.reach}${o ? ' cell-differs' : ''}${observed ? ' cell-seen' : ''}`}>
                      <button type="button" aria-label={text} title={text} onClick={() => onOpen(r, c)}>
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

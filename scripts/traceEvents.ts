// Chromium trace events (the JSON `browser.stopTracing()` returns), as profile-page.ts and
// bench/editorTrace.ts read them.
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time: the CPU the event had, not the wall clock. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** The renderer main thread of the page: the thread named CrRendererMain with the most work. */
export function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const named = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = { pid: 0, tid: 0, busy: -1 };
  for (const t of named) {
    const busy = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').reduce((a, e) => a + (e.dur ?? 0), 0);
    if (busy > best.busy) best = { pid: t.pid, tid: t.tid, busy };
  }
  return best;
}

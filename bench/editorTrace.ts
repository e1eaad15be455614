// The YAML editor's share of the page's main thread in a trace saved by
// `npm run profile:page -- ... --save trace.json`, in THREAD time (tdur: the CPU the task had, not
// the wall clock, which on a shared machine counts other processes too). Each top-level task is
// credited to the script chunk of its first function call (YamlEditor-*.js: Monaco, monaco-yaml and
// our editor; index-*.js: the app) or to what the browser did (GC, paint, layout).
// Usage: node --import tsx bench/editorTrace.ts trace.json [more.json ...]
import { readFileSync } from 'node:fs';
import { mainThread, type TraceEvent } from '../scripts/traceEvents.ts';

const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';

function chunkOf(e: TraceEvent): string | undefined {
  const url = e.args?.data?.url;
  if (typeof url !== 'string' || url === '') return undefined;
  const file = url.replace(/^.*\//, '');
  return /^YamlEditor-/.test(file) ? 'editor' : /^index-/.test(file) ? 'app' : file;
}

function summarize(path: string): void {
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const { pid, tid } = mainThread(events);
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const tasks: TraceEvent[] = [];
  for (const e of mine) if (isTask(e) && !(tasks.length > 0 && e.ts < tasks[tasks.length - 1]!.ts + tasks[tasks.length - 1]!.dur!)) tasks.push(e);
  const byKind = new Map<string, { cpu: number; wall: number; n: number; over50: number; max: number }>();
  let j = 0;
  for (const t of tasks) {
    // The task's heaviest inner event by CPU decides what it was (a function call names its chunk).
    let kind = '';
    let best = -1;
    const perKind = new Map<string, number>();
    while (j < mine.length && mine[j]!.ts < t.ts) j++;
    for (let k = j; k < mine.length && mine[k]!.ts < t.ts + t.dur!; k++) {
      const e = mine[k]!;
      if (isTask(e)) continue;
      const c = e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'TimerFire' || e.name === 'FireIdleCallback' || e.name === 'FireAnimationFrame' || e.name === 'HandlePostMessage' ? chunkOf(e) : /GC/.test(e.name) ? 'gc' : /Paint|Layerize|Layout|UpdateLayoutTree|PrePaint|Commit|HitTest|ParseHTML/.test(e.name) ? 'render' : undefined;
      if (c === undefined) continue;
      perKind.set(c, (perKind.get(c) ?? 0) + (e.tdur ?? e.dur ?? 0));
    }
    for (const [k, v] of perKind) if (v > best) [kind, best] = [k, v];
    if (kind === '') kind = 'other';
    const cpu = (t.tdur ?? t.dur!) / 1000;
    const row = byKind.get(kind) ?? { cpu: 0, wall: 0, n: 0, over50: 0, max: 0 };
    row.cpu += cpu;
    row.wall += t.dur! / 1000;
    row.n++;
    if (cpu > 50) row.over50++;
    row.max = Math.max(row.max, cpu);
    byKind.set(kind, row);
  }
  console.log(`${path}: ${tasks.length} tasks on the page's main thread`);
  console.log('  kind        tasks  CPU ms  wall ms  tasks over 50 CPU ms  longest (CPU ms)');
  for (const [k, r] of [...byKind].sort((a, b) => b[1].cpu - a[1].cpu)) {
    console.log(`  ${k.padEnd(10)} ${String(r.n).padStart(6)} ${r.cpu.toFixed(0).padStart(7)} ${r.wall.toFixed(0).padStart(8)} ${String(r.over50).padStart(21)} ${r.max.toFixed(0).padStart(17)}`);
  }
  const long = tasks.filter((t) => (t.tdur ?? t.dur!) > 50_000);
  console.log(`  the tasks over 50 CPU ms: ${long.map((t) => `${((t.ts - tasks[0]!.ts) / 1000).toFixed(0)}:${((t.tdur ?? 0) / 1000).toFixed(0)}`).join(' ') || 'none'}`);
}

for (const path of process.argv.slice(2)) summarize(path);

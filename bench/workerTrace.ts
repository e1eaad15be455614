// The page's workers' CPU in a trace saved by `npm run profile:page -- ... --save trace.json`, in
// THREAD time (tdur: the CPU a task had, not the wall clock, which on a shared machine counts other
// processes too): per worker thread, named by the script its calls ran (analysis.worker-*.js,
// review.worker-*.js), the sum of its top-level tasks, and divided by --per (the toggles traced).
// Usage: node --import tsx bench/workerTrace.ts trace.json [more.json ...] [--per 3]
import { readFileSync } from 'node:fs';
import type { TraceEvent } from '../scripts/traceEvents.ts';

const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
const perAt = process.argv.indexOf('--per');
const per = perAt > 0 ? Number(process.argv[perAt + 1]) : 1;
const files = process.argv.slice(2).filter((a, i, all) => a !== '--per' && all[i - 1] !== '--per');

function summarize(path: string): void {
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const workers = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && /Worker/.test(e.args?.name ?? ''));
  console.log(`${path}:`);
  for (const w of workers) {
    const mine = events.filter((e) => e.pid === w.pid && e.tid === w.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
    const scripts = new Map<string, number>();
    for (const e of mine) {
      const url = e.args?.data?.url;
      if (typeof url === 'string' && url !== '') {
        const file = url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '');
        scripts.set(file, (scripts.get(file) ?? 0) + 1);
      }
    }
    const name = [...scripts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
    let cpu = 0;
    let wall = 0;
    let end = -1;
    for (const t of mine) {
      if (!isTask(t) || t.ts < end) continue;
      end = t.ts + t.dur!;
      cpu += t.tdur ?? t.dur!;
      wall += t.dur!;
    }
    if (wall === 0) continue;
    console.log(`  ${`${w.args?.name} (${name})`.padEnd(44)} ${(cpu / 1000).toFixed(0).padStart(6)} CPU ms (${(cpu / 1000 / per).toFixed(0)} per), ${(wall / 1000).toFixed(0).padStart(6)} wall ms`);
  }
}

for (const f of files) summarize(f);

// The replay's result as text, Markdown and JSON (the CLI's `replay` and the report share these).
import type { ObservedTraffic, ParsedFlows, ReplayGroup, ReplayResult } from '../../observed/index.ts';
import { observedEndLabel } from '../../observed/index.ts';
import { escapeMarkdown } from '../report/escape.ts';
import { rolloutChecklist, type NetworkPlugin } from './rollout.ts';

export const REPLAY_FORMATS = ['text', 'md', 'json'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** Everything the replay documents say: where the traffic came from, what matched, and the result. */
export interface ReplayReport {
  /** Each log's summary (its connections are in `traffic`). */
  sources: { name: string; flows: Omit<ParsedFlows, 'connections'> }[];
  traffic: ObservedTraffic;
  result: ReplayResult;
  plugin?: NetworkPlugin;
}

/** `2024-05-01 12:03:04Z`. */
export const formatTime = (ms: number | undefined): string =>
  ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function seenText(count: number, last: number | undefined): string {
  return `seen ${count.toLocaleString('en-US')} time${count === 1 ? '' : 's'}${last === undefined ? '' : `, last ${formatTime(last)}`}`;
}

const groupTitle = (g: ReplayGroup, arrow = ' -> ') => `${g.from}${arrow}${g.to} ${g.protocol}/${g.port}`;

function problemsOf(report: ReplayReport): string[] {
  return report.sources.flatMap(({ name, flows }) => [
    ...flows.problems.map((p) => `${name}:${p.line}: ${p.message}`),
    ...(flows.moreProblems > 0 ? [`${name}: ${flows.moreProblems} more broken line(s)`] : []),
  ]);
}

export function replayText(report: ReplayReport): string {
  const { result, traffic } = report;
  const out = [result.summary, ''];
  for (const { name, flows } of report.sources) {
    out.push(`${name}: ${flows.format}, ${flows.lines.toLocaleString('en-US')} lines, ${flows.records.toLocaleString('en-US')} records` +
      (flows.skipped.length ? `; skipped ${flows.skipped.map((s) => `${s.count} ${s.reason}`).join(', ')}` : ''));
  }
  if (result.wouldBreak.length > 0) {
    out.push('', 'would break:');
    for (const g of result.wouldBreak) {
      out.push(`  ${groupTitle(g)} (${seenText(g.count, g.last)})`, `    ${g.explanation}`);
      if (g.items.length > 1) for (const i of g.items) out.push(`    - ${observedEndLabel(i.connection.from)} -> ${observedEndLabel(i.connection.to)}`);
      if (!g.fix) out.push('    an admin policy denies it: no NetworkPolicy can allow it');
    }
  }
  const blocked = result.items.filter((i) => i.outcome === 'stays-blocked' || i.outcome === 'would-open');
  if (blocked.length > 0) {
    out.push('', 'dropped in the log:');
    for (const i of blocked) out.push(`  ${i.connection.key}: ${i.outcome === 'stays-blocked' ? 'the design denies it too' : 'the design would ALLOW it'}`);
  }
  if (traffic.unknown.length > 0) {
    out.push('', 'unknown endpoints (not in the design):');
    for (const u of traffic.unknown) out.push(`  ${u.label}: ${u.reason} (${u.count} record(s), first at line ${u.line})`);
  }
  const problems = problemsOf(report);
  if (problems.length > 0) out.push('', 'broken lines:', ...problems.map((p) => `  ${p}`));
  return `${out.join('\n')}\n`;
}

/** The Markdown section (also the report's): summary, would-break table, unknown endpoints, checklist. */
export function replayMarkdown(report: ReplayReport, level = 1): string {
  const h = (n: number) => '#'.repeat(level + n - 1);
  const { result, traffic } = report;
  const out = [`${h(1)} Observed traffic replay`, '', escapeMarkdown(result.summary), ''];
  out.push(`Traffic: ${report.sources.map(({ name, flows }) => `${escapeMarkdown(name)} (${flows.format}, ${flows.records.toLocaleString('en-US')} records)`).join(', ')}.`, '');
  if (result.wouldBreak.length > 0) {
    out.push(`${h(2)} Would break`, '', '| connection | seen | why | fix |', '| --- | --- | --- | --- |');
    for (const g of result.wouldBreak) {
      out.push(`| ${escapeMarkdown(groupTitle(g, ' → '))} | ${escapeMarkdown(seenText(g.count, g.last))} | ${escapeMarkdown(g.explanation)} | ${g.fix ? 'draw a flow' : 'admin policy: none'} |`);
    }
    out.push('');
  }
  if (traffic.unknown.length > 0) {
    out.push(`${h(2)} Unknown endpoints`, '');
    for (const u of traffic.unknown) out.push(`- ${escapeMarkdown(u.label)}: ${escapeMarkdown(u.reason)} (${u.count} record(s))`);
    out.push('');
  }
  out.push(`${h(2)} Staged rollout checklist`, '');
  rolloutChecklist(result, report.plugin).forEach((item, i) => out.push(`${i + 1}. **${escapeMarkdown(item.title)}**: ${escapeMarkdown(item.detail)}`));
  return `${out.join('\n')}\n`;
}

export function replayJson(report: ReplayReport): string {
  const { result, traffic } = report;
  return `${JSON.stringify({
    summary: result.summary,
    worked: result.worked,
    keepWorking: result.keepWorking,
    wouldBreak: result.wouldBreak.map((g) => ({
      from: g.from, to: g.to, port: g.port, protocol: g.protocol, count: g.count, ...(g.last === undefined ? {} : { last: new Date(g.last).toISOString() }),
      explanation: g.explanation, connections: g.items.map((i) => i.connection.key), ...(g.fix ? { fix: g.fix } : {}),
    })),
    connections: result.items.map((i) => ({
      key: i.connection.key, from: i.connection.from, to: i.connection.to, port: i.connection.port, protocol: i.connection.protocol,
      count: i.connection.count, forwarded: i.connection.forwarded, dropped: i.connection.dropped, audit: i.connection.audit,
      ...(i.connection.first === undefined ? {} : { first: new Date(i.connection.first).toISOString() }),
      ...(i.connection.last === undefined ? {} : { last: new Date(i.connection.last).toISOString() }),
      outcome: i.outcome, explanation: i.explanation,
    })),
    unknown: traffic.unknown,
    sources: report.sources.map(({ name, flows }) => ({ name, format: flows.format, lines: flows.lines, records: flows.records, problems: flows.problems, moreProblems: flows.moreProblems, skipped: flows.skipped })),
  }, null, 2)}\n`;
}

export function formatReplay(report: ReplayReport, format: ReplayFormat): string {
  return format === 'json' ? replayJson(report) : format === 'md' ? replayMarkdown(report) : replayText(report);
}

/** The report's HTML section (the caller escapes nothing: every string goes through `escape`). */
export function replayHtml(report: ReplayReport, escape: (s: string) => string): string {
  const { result, traffic } = report;
  const e = escape;
  const out = [`<h2>Observed traffic replay</h2><p><strong>${e(result.summary)}</strong></p>`,
    `<p class="muted">Traffic: ${report.sources.map(({ name, flows }) => `${e(name)} (${e(flows.format)}, ${flows.records.toLocaleString('en-US')} records)`).join(', ')}.</p>`];
  if (result.wouldBreak.length > 0) {
    out.push('<h3>Would break</h3><table><tr><th>connection</th><th>seen</th><th>why</th></tr>');
    for (const g of result.wouldBreak) out.push(`<tr><td>${e(groupTitle(g, ' → '))}</td><td>${e(seenText(g.count, g.last))}</td><td style="text-align:left">${e(g.explanation)}</td></tr>`);
    out.push('</table>');
  }
  if (traffic.unknown.length > 0) {
    out.push(`<h3>Unknown endpoints</h3><ul>${traffic.unknown.map((u) => `<li><code>${e(u.label)}</code>: ${e(u.reason)} (${u.count} record(s))</li>`).join('')}</ul>`);
  }
  out.push(`<h3>Staged rollout checklist</h3><ol>${rolloutChecklist(result, report.plugin).map((i) => `<li><strong>${e(i.title)}</strong>: ${e(i.detail)}</li>`).join('')}</ol>`);
  return out.join('');
}

// The diff for people (text, Markdown) and for machines (JSON).
import { formatConnections, isEmptyConnectionSet } from '../../engine/index.ts';
import { escapeMarkdown } from '../report/escape.ts';
import type { ConnectionChange, DesignDiff, FieldChange } from './types.ts';

export type DiffFormat = 'text' | 'md' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'md', 'json'];

const ABSENT = '(absent)';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const formatFieldChange = (c: FieldChange): string => `${c.path || '(object)'}: ${c.before ?? ABSENT} -> ${c.after ?? ABSENT}`;

/** `opened TCP 8080; closed TCP 80`, the short form of a connection change. */
export function describeConnectionChange(c: ConnectionChange): string {
  const parts: string[] = [];
  if (!isEmptyConnectionSet(c.opened)) parts.push(`opened ${formatConnections(c.opened)}`);
  if (!isEmptyConnectionSet(c.closed)) parts.push(`closed ${formatConnections(c.closed)}`);
  return parts.join('; ');
}

const presenceNote = (c: ConnectionChange): string => {
  const notes = [c.from, c.to].filter((e) => e.presentIn !== 'both').map((e) => `${e.label} only in ${e.presentIn}`);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
};

export function diffSummary(diff: DesignDiff): string {
  const p = diff.policies;
  return `policies: ${p.added.length} added, ${p.removed.length} removed, ${p.changed.length} changed; `
    + `workloads: ${diff.workloads.added.length} added, ${diff.workloads.removed.length} removed; `
    + `connections: ${plural(diff.totals?.pairs ?? diff.connections.length, 'pair')} changed`
    + (diff.totals && diff.totals.pairs > diff.connections.length ? ` (${diff.connections.length} listed; the CLI diff command lists them all)` : '');
}

function text(diff: DesignDiff): string {
  const lines = [diffSummary(diff)];
  const p = diff.policies;
  if (p.added.length + p.removed.length + p.changed.length > 0) {
    lines.push('', 'Policies');
    for (const r of p.added) lines.push(`  + ${r.key}`);
    for (const r of p.removed) lines.push(`  - ${r.key}`);
    for (const c of p.changed) {
      lines.push(`  ~ ${c.policy.key}`);
      for (const f of c.changes) lines.push(`      ${formatFieldChange(f)}`);
    }
  }
  if (diff.workloads.added.length + diff.workloads.removed.length > 0) {
    lines.push('', 'Workloads');
    for (const id of diff.workloads.added) lines.push(`  + ${id}`);
    for (const id of diff.workloads.removed) lines.push(`  - ${id}`);
  }
  if (diff.connections.length > 0) {
    lines.push('', 'Connections');
    for (const c of diff.connections) {
      lines.push(`  ${c.from.label} -> ${c.to.label}${presenceNote(c)}`);
      if (!isEmptyConnectionSet(c.opened)) lines.push(`      opened: ${formatConnections(c.opened)}`);
      if (!isEmptyConnectionSet(c.closed)) lines.push(`      closed: ${formatConnections(c.closed)}`);
      lines.push(`      now:    ${formatConnections(c.after)} (was ${formatConnections(c.before)})`);
    }
  }
  return lines.join('\n');
}

const code = (t: string) => `\`${t.replace(/`/g, "'")}\``;

/** Markdown sections starting at heading `level` (the report nests them). */
export function diffMarkdown(diff: DesignDiff, level = 2): string {
  const h = '#'.repeat(level);
  const out = [escapeMarkdown(diffSummary(diff))];
  const p = diff.policies;
  if (p.added.length + p.removed.length + p.changed.length > 0) {
    out.push('', `${h} Policies`, '');
    for (const r of p.added) out.push(`- added ${escapeMarkdown(r.key)}`);
    for (const r of p.removed) out.push(`- removed ${escapeMarkdown(r.key)}`);
    for (const c of p.changed) {
      out.push(`- changed ${escapeMarkdown(c.policy.key)}`);
      for (const f of c.changes) out.push(`  - ${escapeMarkdown(formatFieldChange(f))}`);
    }
  }
  if (diff.workloads.added.length + diff.workloads.removed.length > 0) {
    out.push('', `${h} Workloads`, '');
    for (const id of diff.workloads.added) out.push(`- added ${escapeMarkdown(id)}`);
    for (const id of diff.workloads.removed) out.push(`- removed ${escapeMarkdown(id)}`);
  }
  if (diff.connections.length > 0) {
    out.push('', `${h} Connections`, '', '| from | to | opened | closed | now |', '|---|---|---|---|---|');
    for (const c of diff.connections) {
      const cell = (set: ConnectionChange['opened']) => (isEmptyConnectionSet(set) ? '' : code(formatConnections(set)));
      out.push(`| ${escapeMarkdown(c.from.label)} | ${escapeMarkdown(c.to.label)}${escapeMarkdown(presenceNote(c))} | ${cell(c.opened)} | ${cell(c.closed)} | ${code(formatConnections(c.after))} |`);
    }
  }
  return out.join('\n');
}

export function formatDiff(diff: DesignDiff, format: DiffFormat): string {
  switch (format) {
    case 'text': return text(diff);
    case 'md': return diffMarkdown(diff);
    case 'json': return JSON.stringify(diff, null, 2);
  }
}

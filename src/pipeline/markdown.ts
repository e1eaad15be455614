// Markdown for a pull-request comment: a verdict line first (what a reviewer reads in the
// notification), a table, and the details folded away.
import type { InvariantResult } from '../invariants/index.ts';
import type { Finding } from '../review/types.ts';
import { FINDING_SEVERITIES } from '../review/types.ts';
import { describeInvariant } from './describe.ts';

/** Text in a table cell or inline: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const where = (at: { file: string; line: number; col: number } | undefined) => (at ? `\`${at.file.replace(/`/g, "'")}:${at.line}:${at.col}\`` : '');

export function findingsMarkdown(findings: readonly Finding[]): string {
  const counts = FINDING_SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const lines = [`### netpol-designer: ${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts})`, ''];
  if (findings.length === 0) return [...lines, 'No findings.'].join('\n');
  lines.push('| severity | finding | where |', '| --- | --- | --- |');
  for (const f of findings) lines.push(`| ${f.severity} | ${cell(f.title)} (\`${f.rule}\`) | ${where(f.location)} |`);
  lines.push('', '<details><summary>Risks and fixes</summary>', '');
  for (const f of findings) {
    lines.push(`- **${cell(f.title)}** ${where(f.location)}: ${cell(f.risk)}`);
    for (const fix of f.fixes) lines.push(`  - fix: ${cell(fix.title)}: ${cell(fix.description)}`);
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

export function invariantsMarkdown(results: readonly InvariantResult[]): string {
  const broken = results.filter((r) => !r.holds);
  const lines = [
    broken.length === 0
      ? `### netpol-designer: all ${results.length} invariant${results.length === 1 ? '' : 's'} hold`
      : `### netpol-designer: ${broken.length} of ${results.length} invariant${results.length === 1 ? '' : 's'} violated`,
    '',
    '| invariant | status | what |',
    '| --- | --- | --- |',
    ...results.map((r) => `| \`${r.invariant.name}\` | ${r.holds ? 'holds' : `**violated** (${r.violationCount})`} | ${cell(r.invariant.description ?? describeInvariant(r.invariant))} |`),
  ];
  for (const r of broken) {
    lines.push('', `<details><summary>${cell(r.invariant.name)}: ${r.violationCount} violation${r.violationCount === 1 ? '' : 's'}</summary>`, '');
    for (const v of r.violations) {
      const policy = v.policy ? ` via ${cell(`${v.policy.namespace ? `${v.policy.namespace}/` : ''}${v.policy.name}`)} ${where(v.policy.location)}` : '';
      lines.push(`- \`${cell(v.from)}\` -> \`${cell(v.to)}\` (${cell(v.ports)})${policy}: ${cell(v.explanation)}`);
    }
    if (r.violationCount > r.violations.length) lines.push(`- ... ${r.violationCount - r.violations.length} more`);
    for (const note of r.notes) lines.push(`- note: ${cell(note)}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

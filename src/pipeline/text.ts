// Plain text for terminals and CI logs: one line per invariant, the violations indented under it,
// each with file:line:col of the policy so editors and CI annotate it.
import type { InvariantResult } from '../invariants/index.ts';
import { describeInvariant } from './describe.ts';

const at = (l: { file: string; line: number; col: number } | undefined) => (l ? `${l.file}:${l.line}:${l.col}: ` : '');

export function invariantsText(results: readonly InvariantResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const inv = r.invariant;
    lines.push(`${at(inv.location)}${r.holds ? 'holds' : 'VIOLATED'}: ${inv.name}: ${describeInvariant(inv)}${r.holds ? '' : ` (${r.violationCount} violation${r.violationCount === 1 ? '' : 's'})`}`);
    for (const v of r.violations) {
      lines.push(`    ${at(v.policy?.location)}${v.from} -> ${v.to} (${v.ports})`);
      lines.push(`      ${v.explanation}`);
    }
    if (r.violationCount > r.violations.length) lines.push(`    ... ${r.violationCount - r.violations.length} more`);
    for (const note of r.notes) lines.push(`    note: ${note}`);
  }
  const broken = results.filter((r) => !r.holds).length;
  lines.push(`${results.length} invariant${results.length === 1 ? '' : 's'}: ${results.length - broken} hold, ${broken} violated`);
  return lines.join('\n');
}

// The review as one Markdown document. User strings are escaped (Markdown and HTML), YAML sits in
// a fence it cannot close, and the diagram is a data-URI image (renderers that allow those show it).
import { diffMarkdown, diffSummary } from '../diff/format.ts';
import { exportMatrixView } from '../matrixView.ts';
import { FINDING_SEVERITIES } from '../types.ts';
import { findingWhere, reportContent, svgDataUri, type ReportInput } from './content.ts';
import { escapeMarkdown as m, markdownCodeBlock } from './escape.ts';
import { replayMarkdown } from '../replay/format.ts';

export function renderMarkdownReport(input: ReportInput): string {
  const r = reportContent(input);
  const k = r.counts;
  const out = [
    `# ${m(r.title)}`,
    '',
    `${m(r.date)} · netpol-designer`,
    '',
    '## Summary',
    '',
    '| | |',
    '|---|---|',
    `| namespaces | ${k.namespaces} |`,
    `| workloads | ${k.workloads} |`,
    `| NetworkPolicies | ${k.networkPolicies} |`,
    `| admin policies | ${k.adminPolicies} |`,
    `| errors / warnings | ${k.errors} / ${k.warnings} |`,
    `| findings | ${FINDING_SEVERITIES.map((s) => `${r.findingCounts[s]} ${s}`).join(', ')} |`,
    ...(r.diff ? [`| changes | ${m(diffSummary(r.diff))} |`] : []),
    `| assumed | ${m(r.assumptions)} |`,
    `| network plugin | ${m(r.profile)} |`,
    '',
    '## Diagram',
    '',
    `![diagram of the design](${svgDataUri(r.diagram.svg)})`,
    '',
  ];
  if (r.invariants) {
    out.push('## Invariants', '');
    if (r.invariants.length === 0) out.push('No invariants.');
    for (const i of r.invariants) {
      out.push(`- **${i.holds ? 'HOLDS' : `VIOLATED (${i.violationCount})`}** ${m(i.name)}: ${m(i.what)}`);
      for (const v of i.violations) out.push(`  - \`${v.path.replace(/`/g, "'")}\`${v.where ? ` via \`${v.where.replace(/`/g, "'")}\`` : ''}: ${m(v.why)}`);
      if (i.violations.length > 0 && i.violationCount > i.violations.length) out.push(`  - and ${i.violationCount - i.violations.length} more`);
      for (const n of i.notes) out.push(`  - note: ${m(n)}`);
    }
    out.push('');
  }
  out.push('## Findings', '');
  if (r.findings.length === 0) out.push('No findings.');
  for (const f of r.findings) {
    out.push(`- **${f.severity.toUpperCase()}** ${m(f.title)}  `, `  ${m(f.risk)}  `, `  ${findingWhere(f) ? `\`${findingWhere(f).replace(/`/g, "'")}\` · ` : ''}${m(f.rule)}`);
    for (const x of f.fixes) out.push(`  - fix: **${m(x.title)}**: ${m(x.description)}`);
  }
  out.push(
    '',
    '## Reachability matrix',
    '',
    r.matrix.level === 'namespace' ? 'Per namespace: ✅ every workload pair allowed, ❌ none, ◐ allowed/total.' : 'Rows: from, columns: to.',
    '',
    r.matrix.labels.length > 0 ? exportMatrixView(r.matrix, 'md', { escapeMarkdown: m }) : 'No workloads.',
  );
  if (r.diff) out.push('', '## Changes against the baseline', '', diffMarkdown(r.diff, 3));
  if (r.replay) out.push('', replayMarkdown(r.replay, 2).trimEnd());
  out.push('', '## Policies', '', r.policiesYaml ? markdownCodeBlock(r.policiesYaml, 'yaml') : 'No policies.', '');
  return out.join('\n');
}

// The review as one self-contained HTML document: inline CSS, no scripts, no external resources
// (a Content-Security-Policy says so too), every user string escaped, readable when printed.
import { formatConnections, isEmptyConnectionSet } from '../../engine/index.ts';
import { replayHtml } from '../replay/format.ts';
import { formatFieldChange, diffSummary } from '../diff/format.ts';
import type { DesignDiff } from '../diff/types.ts';
import type { MatrixView } from '../matrixView.ts';
import { FINDING_SEVERITIES } from '../types.ts';
import { findingWhere, reportContent, svgDataUri, type ReportInput } from './content.ts';
import { escapeHtml as e } from './escape.ts';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232c;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ccd3dd;padding-bottom:.2rem;margin-top:2rem}
.muted{color:#5a6577}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccd3dd;padding:.2rem .45rem;vertical-align:top}
th{background:#f3f5f8;text-align:left}td.c{text-align:center}.allow{background:#e3f4e6}.deny{background:#fbe6e6}.some{background:#fff3d6}
.summary td{text-align:right}.sev{font-weight:bold;text-transform:uppercase;font-size:.8em;padding:.05rem .35rem;border-radius:3px}
.high{background:#c62828;color:#fff}.medium{background:#ef6c00;color:#fff}.low{background:#f9a825}.info{background:#90a4ae;color:#fff}
.finding{border:1px solid #ccd3dd;border-radius:6px;padding:.5rem .75rem;margin:.6rem 0;break-inside:avoid}
pre{background:#f6f8fa;border:1px solid #ccd3dd;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-word}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}.diagram svg,.diagram img{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,pre,.diagram{break-inside:avoid}a{color:inherit}}
`;

function matrixHtml(view: MatrixView): string {
  if (view.labels.length === 0) return '<p class="muted">No workloads.</p>';
  return view.ports.map((port, p) => {
    const head = `<tr><th>${e(`${port.protocol}/${port.port}`)} (from \\ to)</th>${view.labels.map((l) => `<th>${e(l)}</th>`).join('')}</tr>`;
    const rows = view.labels.map((from, i) => `<tr><th>${e(from)}</th>${view.labels.map((_, j) => {
      const c = view.cells[p]![i]![j]!;
      const text = c.reach === 'all' ? 'allow' : c.reach === 'none' ? 'deny' : `${c.allowed}/${c.total}`;
      return `<td class="c ${c.reach === 'all' ? 'allow' : c.reach === 'none' ? 'deny' : 'some'}">${text}</td>`;
    }).join('')}</tr>`);
    return `<table>${head}${rows.join('')}</table>`;
  }).join('\n');
}

function diffHtml(diff: DesignDiff): string {
  const p = diff.policies;
  const out = [`<p>${e(diffSummary(diff))}</p>`];
  if (p.added.length + p.removed.length + p.changed.length > 0) {
    out.push('<h3>Policies</h3><ul>');
    for (const r of p.added) out.push(`<li>added <code>${e(r.key)}</code></li>`);
    for (const r of p.removed) out.push(`<li>removed <code>${e(r.key)}</code></li>`);
    for (const c of p.changed) out.push(`<li>changed <code>${e(c.policy.key)}</code><ul>${c.changes.map((f) => `<li><code>${e(formatFieldChange(f))}</code></li>`).join('')}</ul></li>`);
    out.push('</ul>');
  }
  if (diff.workloads.added.length + diff.workloads.removed.length > 0) {
    out.push(`<h3>Workloads</h3><ul>${diff.workloads.added.map((id) => `<li>added <code>${e(id)}</code></li>`).join('')}${diff.workloads.removed.map((id) => `<li>removed <code>${e(id)}</code></li>`).join('')}</ul>`);
  }
  if (diff.connections.length > 0) {
    const cell = (s: typeof diff.connections[number]['opened']) => (isEmptyConnectionSet(s) ? '' : e(formatConnections(s)));
    out.push('<h3>Connections</h3><table><tr><th>from</th><th>to</th><th>opened</th><th>closed</th><th>now</th></tr>');
    for (const c of diff.connections) out.push(`<tr><td>${e(c.from.label)}</td><td>${e(c.to.label)}</td><td class="allow">${cell(c.opened)}</td><td class="deny">${cell(c.closed)}</td><td>${e(formatConnections(c.after))}</td></tr>`);
    out.push('</table>');
  }
  return out.join('\n');
}

function invariantsHtml(list: NonNullable<ReturnType<typeof reportContent>['invariants']>): string {
  if (list.length === 0) return '<p class="muted">No invariants.</p>';
  return list.map((i) => `<div class="finding"><span class="sev ${i.holds ? 'info' : 'high'}">${i.holds ? 'holds' : `violated (${i.violationCount})`}</span> <strong>${e(i.name)}</strong>`
    + `<p>${e(i.what)}</p>`
    + (i.violations.length > 0 ? `<ul>${i.violations.map((v) => `<li><code>${e(v.path)}</code>${v.where ? ` via <code>${e(v.where)}</code>` : ''}: ${e(v.why)}</li>`).join('')}</ul>` : '')
    + (i.violationCount > i.violations.length + (i.violations.length === 0 ? i.notes.length : 0) ? `<p class="muted">and ${i.violationCount - i.violations.length} more</p>` : '')
    + i.notes.map((n) => `<p class="muted">note: ${e(n)}</p>`).join('')
    + '</div>').join('\n');
}

export function renderHtmlReport(input: ReportInput): string {
  const r = reportContent(input);
  const k = r.counts;
  const diagram = r.diagram.trusted
    ? r.diagram.svg
    // A caller's SVG goes in as an image: images cannot run scripts or fetch anything.
    : `<img alt="diagram of the design" src="${e(svgDataUri(r.diagram.svg))}">`;
  const findings = r.findings.length === 0
    ? '<p class="muted">No findings.</p>'
    : r.findings.map((f) => `<div class="finding"><span class="sev ${f.severity}">${f.severity}</span> <strong>${e(f.title)}</strong>`
      + `<p>${e(f.risk)}</p>${findingWhere(f) ? `<p class="muted"><code>${e(findingWhere(f))}</code> · ${e(f.rule)}</p>` : `<p class="muted">${e(f.rule)}</p>`}`
      + (f.fixes.length > 0 ? `<ul>${f.fixes.map((x) => `<li>fix: <strong>${e(x.title)}</strong>: ${e(x.description)}</li>`).join('')}</ul>` : '')
      + '</div>').join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(r.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${e(r.title)}</h1><p class="muted">${e(r.date)} · netpol-designer</p>`,
    '<h2>Summary</h2><table class="summary">',
    `<tr><th>namespaces</th><td>${k.namespaces}</td><th>workloads</th><td>${k.workloads}</td></tr>`,
    `<tr><th>NetworkPolicies</th><td>${k.networkPolicies}</td><th>admin policies</th><td>${k.adminPolicies}</td></tr>`,
    `<tr><th>errors</th><td>${k.errors}</td><th>warnings</th><td>${k.warnings}</td></tr>`,
    `<tr><th>findings</th><td colspan="3">${FINDING_SEVERITIES.map((s) => `${r.findingCounts[s]} ${s}`).join(', ')}</td></tr>`,
    r.diff ? `<tr><th>changes</th><td colspan="3">${e(diffSummary(r.diff))}</td></tr>` : '',
    `<tr><th>assumed</th><td colspan="3" style="text-align:left">${e(r.assumptions)}</td></tr>`,
    `<tr><th>network plugin</th><td colspan="3" style="text-align:left">${e(r.profile)}</td></tr>`,
    '</table>',
    `<h2>Diagram</h2><div class="diagram">${diagram}</div>`,
    r.invariants ? `<h2>Invariants</h2>${invariantsHtml(r.invariants)}` : '',
    `<h2>Findings</h2>${findings}`,
    `<h2>Reachability matrix</h2><p class="muted">Rows: from, columns: to${r.matrix.level === 'namespace' ? '; per namespace: allowed workload pairs of all' : ''}.</p>${matrixHtml(r.matrix)}`,
    r.diff ? `<h2>Changes against the baseline</h2>${diffHtml(r.diff)}` : '',
    r.replay ? replayHtml(r.replay, e) : '',
    `<h2>Policies</h2>${r.policiesYaml ? `<pre><code>${e(r.policiesYaml)}</code></pre>` : '<p class="muted">No policies.</p>'}`,
    '</body></html>',
    '',
  ].filter((line) => line !== '').join('\n');
}

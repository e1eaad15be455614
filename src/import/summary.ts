// What the editor says about a large import: the header comment above the policies. The cluster's
// objects are held apart from the editor text (a 60 MB text in an editor is neither readable nor
// fast), but the design holds and evaluates them all, and the header says so.

/** Kinds held apart from the editor: the cluster inventory. Policies stay in the editor, editable. */
const SHOWN_KINDS = new Set(['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

export function isHeldKind(kind: string): boolean {
  return !SHOWN_KINDS.has(kind);
}

const plural = (n: number, kind: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? kind : kind.endsWith('s') ? `${kind}es` : kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`}`;

const list = (counts: Record<string, number>, filter: (kind: string) => boolean) =>
  Object.entries(counts)
    .filter(([kind]) => filter(kind))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => plural(n, kind))
    .join(', ');

/** Marks the header, so the page can tell a summarised editor text (and keep the header on rewrites). */
export const HEADER_MARK = '# netpol-designer: imported';

export interface SummaryFacts {
  file: string;
  chars: number;
  kept: Record<string, number>;
  ignored: Record<string, number>;
  held: number;
  shown: number;
}

/** The header comment (each line starts with `#`; ends with a newline). */
export function summaryHeader(f: SummaryFacts): string {
  const mb = (f.chars / 1024 / 1024).toFixed(1);
  const safeFile = f.file.replace(/[\r\n]/g, ' ');
  const lines = [
    `${HEADER_MARK} ${safeFile} (${mb} MB)`,
    `# Held apart, not shown here, but in the design and evaluated: ${list(f.kept, (k) => isHeldKind(k)) || 'nothing'}.`,
    '#   Only what policies read is kept: names, labels, annotations, container ports, pod IPs;',
    '#   managedFields, status and last-applied copies are dropped. Problems in them name the file and its lines.',
  ];
  const ignored = list(f.ignored, () => true);
  if (ignored) lines.push(`# Not imported (kinds the designer does not evaluate): ${ignored}.`);
  lines.push(
    f.shown > 0
      ? `# Below: the ${plural(f.shown, 'policy')}, which you can edit. Download (YAML) writes the whole design.`
      : '# The file holds no policies: add them here, or with the switches and by drawing flows. Download (YAML) writes the whole design.',
    '',
  );
  return lines.join('\n');
}

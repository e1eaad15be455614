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

/** A list (`a, b, c.`) as comment lines of at most about 90 characters, never breaking an item. */
function wrap(text: string): string[] {
  const out: string[] = [];
  let line = '#  ';
  const items = text.split(', ');
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line.length + piece.length + 1 > 90 && line !== '#  ') {
      out.push(line);
      line = '#  ';
    }
    line += ` ${piece}`;
  });
  out.push(line);
  return out;
}

/** The header comment (each line starts with `#`; ends with a newline). */
export function summaryHeader(f: SummaryFacts): string {
  const mb = (f.chars / 1024 / 1024).toFixed(1);
  const safeFile = f.file.replace(/[\r\n]/g, ' ');
  const lines = [
    `${HEADER_MARK} ${safeFile} (${mb} MB).`,
    '# Held apart from this editor, but in the design and evaluated:',
    ...wrap(`${list(f.kept, (k) => isHeldKind(k)) || 'nothing'}.`),
    '# Kept of them is what policies read: names, labels, annotations, container ports, pod IPs',
    '# (managedFields, status and last-applied copies are dropped). Problems in them name the file.',
  ];
  const ignored = list(f.ignored, () => true);
  if (ignored) lines.push('# Not imported (kinds the designer does not evaluate):', ...wrap(`${ignored}.`));
  lines.push(
    f.shown > 0 ? `# Below: the ${plural(f.shown, 'policy')}, which you can edit.` : '# The file holds no policies: write them here, use the switches or draw flows.',
    '# Download YAML writes the whole design.',
    '',
  );
  return lines.join('\n');
}

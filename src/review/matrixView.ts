// The review page's reachability matrix: per workload, or per namespace (all / some / none of the
// workload pairs allowed), filtered by namespace and by outcome. Built on the engine's matrix, and
// exported as CSV and Markdown exactly as the CLI `matrix` command prints them for the same inputs.
import { computeMatrix, type CompiledCluster, type Endpoint, type PortProbe, type ReachabilityMatrix } from '../engine/index.ts';
import type { ClusterModel } from '../model/types.ts';

/** Every port some workload declares (so the matrix speaks about real services); 80/TCP when none. */
export function defaultMatrixPorts(cluster: ClusterModel): PortProbe[] {
  const seen = new Map<string, PortProbe>();
  for (const w of cluster.workloads) {
    for (const p of w.ports) seen.set(`${p.protocol}/${p.containerPort}`, { port: p.containerPort, protocol: p.protocol });
  }
  const ports = [...seen.values()].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  return ports.length > 0 ? ports : [{ port: 80, protocol: 'TCP' }];
}

export interface ReviewMatrixOptions {
  /** Default: defaultMatrixPorts. */
  ports?: readonly PortProbe[];
  /** Outside addresses (`ip:`) added after the workloads. */
  extraEndpoints?: readonly Endpoint[];
}

/** The matrix the CLI `matrix` command prints: every workload, then the extra endpoints. */
export function computeReviewMatrix(c: CompiledCluster, options: ReviewMatrixOptions = {}): ReachabilityMatrix {
  const endpoints: Endpoint[] = [...c.workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...(options.extraEndpoints ?? [])];
  return computeMatrix(c, { endpoints, ports: [...(options.ports ?? defaultMatrixPorts(c.cluster))] });
}

export type MatrixLevel = 'workload' | 'namespace';
/** Which cells to show: every one, those with some pair allowed, or those with some pair denied. */
export type MatrixShow = 'all' | 'allowed' | 'denied';
export type Reach = 'all' | 'some' | 'none';

export interface MatrixViewOptions {
  level?: MatrixLevel;
  /** Keep only workloads of these namespaces (outside addresses always stay). Default: all. */
  namespaces?: readonly string[];
  show?: MatrixShow;
}

export interface MatrixViewCell {
  /** Workload pairs allowed, of `total` (1 at workload level). */
  allowed: number;
  total: number;
  reach: Reach;
  /** False when the `show` filter hides it. */
  visible: boolean;
}

export interface MatrixView {
  level: MatrixLevel;
  ports: PortProbe[];
  /** Row and column headings (sources and destinations are the same list). */
  labels: string[];
  /** `cells[port][row][column]`. */
  cells: MatrixViewCell[][][];
}

/** A workload's namespace; an outside address is its own group. */
const groupOf = (m: ReachabilityMatrix, i: number): string => {
  const e = m.endpoints[i]!;
  return e.kind === 'workload' ? e.id.slice(0, e.id.indexOf('/')) : m.labels[i]!;
};

const reachOf = (allowed: number, total: number): Reach => (allowed === 0 ? 'none' : allowed === total ? 'all' : 'some');

export function buildMatrixView(m: ReachabilityMatrix, options: MatrixViewOptions = {}): MatrixView {
  const level = options.level ?? 'workload';
  const show = options.show ?? 'all';
  const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
  const n = m.labels.length;
  const kept = m.labels.map((_, i) => i).filter((i) => !wanted || m.endpoints[i]!.kind === 'ip' || wanted.has(groupOf(m, i)));

  // Rows/columns: kept endpoints one by one, or grouped by namespace in order of first appearance.
  const groups: { label: string; members: number[] }[] = [];
  if (level === 'workload') for (const i of kept) groups.push({ label: m.labels[i]!, members: [i] });
  else {
    const byName = new Map<string, number[]>();
    for (const i of kept) {
      const name = groupOf(m, i);
      const members = byName.get(name);
      if (members) members.push(i);
      else {
        const list = [i];
        byName.set(name, list);
        groups.push({ label: name, members: list });
      }
    }
  }
  const isVisible = (allowed: number, total: number) => show === 'all' || (show === 'allowed' ? allowed > 0 : allowed < total);
  let cells = m.ports.map((_, p) => {
    const table = m.allowed[p]!;
    return groups.map((from) => groups.map((to) => {
      let allowed = 0;
      for (const i of from.members) for (const j of to.members) allowed += table[i * n + j]!;
      const total = from.members.length * to.members.length;
      return { allowed, total, reach: reachOf(allowed, total), visible: isVisible(allowed, total) };
    }));
  });
  // A heading with nothing to show in its row or column, on any port, is dropped (rows and columns together).
  let labels = groups.map((g) => g.label);
  if (show !== 'all') {
    const keep = groups.map((_, g) => cells.some((rows) => rows[g]!.some((c) => c.visible) || rows.some((row) => row[g]!.visible)));
    labels = labels.filter((_, g) => keep[g]);
    cells = cells.map((rows) => rows.filter((_, g) => keep[g]).map((row) => row.filter((_, g) => keep[g])));
  }
  return { level, ports: [...m.ports], labels, cells };
}

export type MatrixExportFormat = 'csv' | 'md';

export interface MatrixExportOptions {
  /** How Markdown escapes a heading; the default is the CLI's (pipes only), the report passes a stricter one. */
  escapeMarkdown?: (text: string) => string;
}

// The CLI's CSV quoting and Markdown escaping (src/format/matrix.ts), so exports match it byte for byte.
const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const cliMarkdownEscape = (t: string) => t.replace(/\|/g, '\\|');
const portTitle = (p: PortProbe) => `${p.protocol}/${p.port}`;

function csv(view: MatrixView): string {
  const namespaceLevel = view.level === 'namespace';
  const lines = [namespaceLevel ? 'from,to,port,protocol,allowed,allowed_pairs,pairs' : 'from,to,port,protocol,allowed'];
  view.ports.forEach((probe, p) => {
    view.labels.forEach((from, i) => {
      view.labels.forEach((to, j) => {
        const c = view.cells[p]![i]![j]!;
        if (!c.visible) return;
        const fields = [csvField(from), csvField(to), probe.port, probe.protocol];
        lines.push((namespaceLevel ? [...fields, c.reach, c.allowed, c.total] : [...fields, c.allowed === 1]).join(','));
      });
    });
  });
  return lines.join('\n');
}

function markdown(view: MatrixView, escape: (text: string) => string): string {
  const mark = (c: MatrixViewCell): string => {
    if (!c.visible) return ' ';
    if (view.level === 'workload') return c.reach === 'all' ? '✅' : '❌';
    return c.reach === 'all' ? '✅' : c.reach === 'none' ? '❌' : `◐ ${c.allowed}/${c.total}`;
  };
  return view.ports
    .map((probe, p) => {
      const head = `| ${escape(portTitle(probe))} (from \\ to) | ${view.labels.map(escape).join(' | ')} |`;
      const rule = `|---|${view.labels.map(() => ':-:').join('|')}|`;
      const rows = view.labels.map((from, i) => `| ${escape(from)} | ${view.labels.map((_, j) => mark(view.cells[p]![i]![j]!)).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    })
    .join('\n\n');
}

export function exportMatrixView(view: MatrixView, format: MatrixExportFormat, options: MatrixExportOptions = {}): string {
  return format === 'csv' ? csv(view) : markdown(view, options.escapeMarkdown ?? cliMarkdownEscape);
}

// The CLI `matrix` at cluster size: computed per port on the workload equivalence classes and
// written chunk by chunk, so neither the n x n tables nor the text sit in memory at once. The
// workload level prints exactly what formatMatrix prints (same bytes); the namespace level prints
// what the review page exports for its namespace level (CSV, Markdown) plus a table and JSON.
import { classPortMatrix, hasNodeEndpoint, loopsBack, placedClasses, workloadClasses, type ClassPortMatrix, type WorkloadClasses } from '../../engine/classes/index.ts';
import { endpointLabel, workloadOfEndpoint, type CompiledCluster, type Endpoint, type PortProbe } from '../../engine/index.ts';
import type { MatrixFormat } from '../../format/matrix.ts';
import { exportMatrixView, type MatrixLevel, type MatrixView, type MatrixViewCell, type Reach } from '../matrixView.ts';

export interface MatrixStreamOptions {
  ports: readonly PortProbe[];
  /** Outside addresses after the workloads, already without duplicates (as the CLI passes them). */
  extraEndpoints?: readonly Endpoint[];
  level: MatrixLevel;
  format: MatrixFormat;
}

/** Above this many rows (workloads plus addresses) the CLI matrix defaults to the namespace level. */
export const WORKLOAD_LEVEL_LIMIT = 1000;

const portTitle = (p: PortProbe) => `${p.protocol}/${p.port}`;
const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const mdEscape = (t: string) => t.replace(/\|/g, '\\|');

interface Context {
  c: CompiledCluster;
  classes: WorkloadClasses;
  extra: readonly Endpoint[];
  labels: string[];
  n: number;
}

const matrixFor = (ctx: Context, port: PortProbe): ClassPortMatrix => classPortMatrix(ctx.c, ctx.classes, port, ctx.extra);

/** The classes a table with these outside addresses reads (classPortMatrix: a node's address reads placement). */
const classesFor = (c: CompiledCluster, extra: readonly Endpoint[]): WorkloadClasses =>
  hasNodeEndpoint(c, extra) ? placedClasses(c, workloadClasses(c)) : workloadClasses(c);

// ---- workload level: formatMatrix's bytes, row by row ----------------------------------------------

function* workloadTable(ctx: Context, ports: readonly PortProbe[]): Generator<string> {
  const { labels, n } = ctx;
  for (let p = 0; p < ports.length; p++) {
    const m = matrixFor(ctx, ports[p]!);
    // Column widths need to know whether a column has an 'allow' before the first row is written.
    const anyAllow = new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (m.allowed(i, j)) { anyAllow[j] = 1; count++; }
    const title = portTitle(ports[p]!);
    const widths = [Math.max(title.length, ...labels.map((l) => l.length)), ...labels.map((l, j) => Math.max(l.length, anyAllow[j] ? 5 : 4))];
    const line = (cells: string[]) => cells.map((t, c) => t.padEnd(widths[c]!)).join('  ').trimEnd();
    if (p > 0) yield '\n\n';
    yield line([title, ...labels]);
    for (let i = 0; i < n; i++) {
      const cells = [labels[i]!];
      for (let j = 0; j < n; j++) cells.push(m.allowed(i, j) ? 'allow' : 'deny');
      yield `\n${line(cells)}`;
    }
    yield `\n(${count} of ${n * n} pairs allowed; rows: from, columns: to)`;
  }
}

function* workloadCsv(ctx: Context, ports: readonly PortProbe[]): Generator<string> {
  const { labels, n } = ctx;
  yield 'from,to,port,protocol,allowed';
  const fields = labels.map(csvField);
  for (const probe of ports) {
    const m = matrixFor(ctx, probe);
    for (let i = 0; i < n; i++) {
      let chunk = '';
      for (let j = 0; j < n; j++) chunk += `\n${fields[i]},${fields[j]},${probe.port},${probe.protocol},${m.allowed(i, j)}`;
      yield chunk;
    }
  }
}

function* workloadMarkdown(ctx: Context, ports: readonly PortProbe[]): Generator<string> {
  const { labels, n } = ctx;
  const escaped = labels.map(mdEscape);
  for (let p = 0; p < ports.length; p++) {
    const m = matrixFor(ctx, ports[p]!);
    if (p > 0) yield '\n\n';
    yield `| ${mdEscape(portTitle(ports[p]!))} (from \\ to) | ${escaped.join(' | ')} |\n|---|${labels.map(() => ':-:').join('|')}|`;
    for (let i = 0; i < n; i++) {
      const cells: string[] = [];
      for (let j = 0; j < n; j++) cells.push(m.allowed(i, j) ? '✅' : '❌');
      yield `\n| ${escaped[i]} | ${cells.join(' | ')} |`;
    }
  }
}

/** JSON.stringify({ endpoints, ports, allowed }, null, 1), written a row at a time. */
function* workloadJson(ctx: Context, ports: readonly PortProbe[]): Generator<string> {
  const { labels, n } = ctx;
  const PLACEHOLDER = '\u0000allowed\u0000';
  const [head, tail] = JSON.stringify({ endpoints: labels, ports, allowed: PLACEHOLDER }, null, 1).split(JSON.stringify(PLACEHOLDER)) as [string, string];
  yield head;
  if (ports.length === 0) {
    yield `[]${tail}`;
    return;
  }
  yield '[\n';
  for (let p = 0; p < ports.length; p++) {
    const m = matrixFor(ctx, ports[p]!);
    yield `${p > 0 ? ',\n' : ''}  ${n === 0 ? '[]' : '['}`;
    for (let i = 0; i < n; i++) {
      const cells: string[] = [];
      for (let j = 0; j < n; j++) cells.push(`    ${m.allowed(i, j)}`);
      yield `${i > 0 ? ',' : ''}\n   [\n${cells.join(',\n')}\n   ]`;
    }
    if (n > 0) yield '\n  ]';
  }
  yield `\n ]${tail}`;
}

// ---- namespace level ------------------------------------------------------------------------------

interface Group {
  label: string;
  /** Classes of the group's workloads, with how many of its workloads each has. */
  classes: Map<number, number>;
  /** Per class, how many of those are single pods, which reach themselves whatever the policies say. */
  singles: Map<number, number>;
  /** Universe indices of outside addresses (each is its own group). */
  outside: number[];
  /**
   * The pod an address group is (an address of a pod is that pod, resolveEndpoint). It is also in
   * its namespace's group and in the groups of its other addresses: those pairs are the pod with
   * itself (loopback for a single pod), not two members of its class.
   */
  pod?: number;
  /** Set on a namespace's group. */
  namespace?: string;
}

/** Groups as buildMatrixView makes them: namespaces in order of first workload, then each address. */
function groupsOf(ctx: Context): Group[] {
  const groups: Group[] = [];
  const byName = new Map<string, Group>();
  ctx.c.workloads.forEach((w, i) => {
    let g = byName.get(w.namespace);
    if (!g) {
      g = { label: w.namespace, classes: new Map(), singles: new Map(), outside: [], namespace: w.namespace };
      byName.set(w.namespace, g);
      groups.push(g);
    }
    const k = ctx.classes.classOf[i]!;
    g.classes.set(k, (g.classes.get(k) ?? 0) + 1);
    if (loopsBack(ctx.c, i)) g.singles.set(k, (g.singles.get(k) ?? 0) + 1);
  });
  ctx.extra.forEach((e, k) => {
    const pod = workloadOfEndpoint(ctx.c, e);
    groups.push(pod >= 0
      ? { label: endpointLabel(e), classes: new Map([[ctx.classes.classOf[pod]!, 1]]), singles: new Map(loopsBack(ctx.c, pod) ? [[ctx.classes.classOf[pod]!, 1]] : []), outside: [], pod }
      : { label: endpointLabel(e), classes: new Map(), singles: new Map(), outside: [ctx.c.workloads.length + k] });
  });
  return groups;
}

/**
 * Pairs of a single pod with itself (loopback) between two groups in class k: groups are disjoint
 * but for a pod's addresses.
 */
function loopPairs(ctx: Context, from: Group, to: Group, k: number): number {
  if (from === to) return from.singles.get(k) ?? 0;
  const pod = from.pod ?? to.pod;
  if (pod === undefined || ctx.classes.classOf[pod] !== k || !loopsBack(ctx.c, pod)) return 0;
  const other = from.pod === undefined ? from : to;
  return (other.pod !== undefined ? other.pod === pod : other.namespace === ctx.c.workloads[pod]!.namespace) ? 1 : 0;
}

const reachOf = (allowed: number, total: number): Reach => (allowed === 0 ? 'none' : allowed === total ? 'all' : 'some');

/** Allowed workload pairs between two groups, from one pair per class pair. */
function groupCell(ctx: Context, m: ClassPortMatrix, from: Group, to: Group): MatrixViewCell {
  const members = ctx.classes.members;
  let allowed = 0;
  for (const [a, countA] of from.classes) {
    const ra = members[a]![0]!;
    for (const [b, countB] of to.classes) {
      if (a !== b) {
        if (m.allowed(ra, members[b]![0]!)) allowed += countA * countB;
      } else {
        // A class with itself: the policies answer every pair of its members alike (a member with
        // itself too), and a single pod reaches itself whatever they say.
        const loops = loopPairs(ctx, from, to, a);
        allowed += loops;
        if (m.byPolicies(ra, ra)) allowed += countA * countB - loops;
      }
    }
    for (const j of to.outside) if (m.allowed(ra, j)) allowed += countA;
  }
  for (const i of from.outside) {
    for (const [b, countB] of to.classes) if (m.allowed(i, members[b]![0]!)) allowed += countB;
    for (const j of to.outside) if (m.allowed(i, j)) allowed += 1;
  }
  const size = (g: Group) => g.outside.length + [...g.classes.values()].reduce((s, x) => s + x, 0);
  const total = size(from) * size(to);
  return { allowed, total, reach: reachOf(allowed, total), visible: true };
}

function* namespacePorts(ctx: Context, ports: readonly PortProbe[]): Generator<{ port: PortProbe; view: MatrixView }> {
  const groups = groupsOf(ctx);
  const labels = groups.map((g) => g.label);
  for (const port of ports) {
    const m = matrixFor(ctx, port);
    const cells = groups.map((from) => groups.map((to) => groupCell(ctx, m, from, to)));
    yield { port, view: { level: 'namespace', ports: [port], labels, cells: [cells] } };
  }
}

function* namespaceLevel(ctx: Context, ports: readonly PortProbe[], format: MatrixFormat): Generator<string> {
  let p = 0;
  for (const { port, view } of namespacePorts(ctx, ports)) {
    const first = p++ === 0;
    if (format === 'csv') {
      const text = exportMatrixView(view, 'csv');
      yield first ? text : text.slice(text.indexOf('\n'));
    } else if (format === 'md') {
      yield `${first ? '' : '\n\n'}${exportMatrixView(view, 'md')}`;
    } else if (format === 'json') {
      const pairs = view.cells[0]!.map((row) => row.map((c) => [c.allowed, c.total]));
      yield `${first ? `{"level":"namespace","endpoints":${JSON.stringify(view.labels)},"ports":${JSON.stringify(ports)},"pairs":[` : ','}\n${JSON.stringify(pairs)}`;
    } else {
      const rows = view.cells[0]!.map((row) => row.map((c) => (c.reach === 'all' ? 'all' : c.reach === 'none' ? 'none' : `${c.allowed}/${c.total}`)));
      const title = portTitle(port);
      const widths = [Math.max(title.length, ...view.labels.map((l) => l.length)), ...view.labels.map((l, j) => Math.max(l.length, ...rows.map((r) => r[j]!.length)))];
      const line = (cells: string[]) => cells.map((t, c) => t.padEnd(widths[c]!)).join('  ').trimEnd();
      let allowed = 0;
      let total = 0;
      for (const row of view.cells[0]!) for (const c of row) { allowed += c.allowed; total += c.total; }
      yield `${first ? '' : '\n\n'}${line([title, ...view.labels])}`;
      for (let i = 0; i < rows.length; i++) yield `\n${line([view.labels[i]!, ...rows[i]!])}`;
      yield `\n(${allowed} of ${total} workload pairs allowed; namespace level: all, none, or allowed/pairs; rows: from, columns: to)`;
    }
  }
  if (format === 'json') yield p === 0 ? '{"level":"namespace","endpoints":[],"ports":[],"pairs":[]}' : '\n]}';
}

/**
 * buildMatrixView(computeReviewMatrix(c, ...), { level: 'namespace' }) without the n x n tables:
 * from the workload classes, port by port (the report's matrix on a cluster of 20,000 pods).
 */
export function namespaceMatrixView(c: CompiledCluster, ports: readonly PortProbe[], extraEndpoints: readonly Endpoint[] = []): MatrixView {
  const ctx: Context = { c, classes: classesFor(c, extraEndpoints), extra: extraEndpoints, labels: [], n: c.workloads.length + extraEndpoints.length };
  const view: MatrixView = { level: 'namespace', ports: [...ports], labels: [], cells: [] };
  for (const part of namespacePorts(ctx, ports)) {
    view.labels = part.view.labels;
    view.cells.push(part.view.cells[0]!);
  }
  if (ports.length === 0) view.labels = groupsOf(ctx).map((g) => g.label);
  return view;
}

/** The matrix as text chunks; joined they are the whole output (without a final newline). */
export function* streamMatrix(c: CompiledCluster, options: MatrixStreamOptions): Generator<string> {
  const extra = options.extraEndpoints ?? [];
  const ctx: Context = { c, classes: classesFor(c, extra), extra, labels: [...c.workloads.map((w) => w.id), ...extra.map(endpointLabel)], n: c.workloads.length + extra.length };
  if (options.level === 'namespace') {
    yield* namespaceLevel(ctx, options.ports, options.format);
    return;
  }
  switch (options.format) {
    case 'table': yield* workloadTable(ctx, options.ports); break;
    case 'csv': yield* workloadCsv(ctx, options.ports); break;
    case 'md': yield* workloadMarkdown(ctx, options.ports); break;
    case 'json': yield* workloadJson(ctx, options.ports); break;
  }
}

// A simple, deterministic SVG of a design: namespaces as boxes holding their workloads, the
// outside world on the right, and an arrow for every allowed path that some policy decides
// (paths open only because nothing isolates either end are noted on the nodes instead, as the
// page does). A pure string builder, so the page can offer it as "export diagram as SVG".
import { inCluster } from '../../cluster/assumed/index.ts';
import { EXTERNAL_NODES, externalEndpoint } from '../../design/external.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { compile, formatConnections, isEmptyConnectionSet, type CompiledCluster, type Endpoint } from '../../engine/index.ts';
import type { Design } from '../../model/types.ts';
import { pairConnections, pairTable } from '../diff/connectivity.ts';
import { portIntervals } from '../../engine/intervals.ts';
import { arrowsByClass } from './diagramClasses.ts';
import { escapeHtml } from './escape.ts';

export interface DiagramOptions {
  settings?: DesignSettings;
  /** Above this many workload arrows, arrows join per namespace pair. Default 150. */
  maxArrows?: number;
  /** Above this many endpoints the arrows come from the workload classes (diagramClasses.ts). Default 1,000. */
  classesAbove?: number;
}

interface Box { x: number; y: number; w: number; h: number }
interface Node { label: string; caption: string; box: Box; group: string }
interface Arrow { from: number; to: number; label: string }

const NODE_W = 220;
const NODE_H = 44;
const NS_PAD = 12;
/** Room between stacked workloads for an arrow and its label. */
const ROW_GAP = 30;
const NS_HEAD = 30;
const GAP = 60;
const MARGIN = 20;

// Isolation is the NetworkPolicy notion (as on the page): admin and baseline rules do not isolate,
// traffic they do not match falls through, so they are only noted on the node.
const isolatedEgress = (c: CompiledCluster, i: number) => c.egressPolicies[i]!.length > 0;
const isolatedIngress = (c: CompiledCluster, i: number) => c.ingressPolicies[i]!.length > 0;
const hasAdminRules = (c: CompiledCluster, i: number) => c.admin.adminFor[i]!.length > 0 || c.admin.baselineFor[i]!.length > 0;

/** Where the segment from a box's centre towards `toward` leaves the box. */
function edgePoint(b: Box, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const t = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  return { x: cx + dx * t, y: cy + dy * t };
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
const r = (n: number) => Math.round(n * 10) / 10;

export function renderDiagramSvg(input: Design, options: DiagramOptions = {}): string {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const design = inCluster(input, settings);
  const maxArrows = options.maxArrows ?? 150;
  const c = compile(design.cluster, { profile: settings.profile });

  // Endpoints: workloads, then the outside nodes that are addresses (DNS is its workload when present).
  const endpoints: Endpoint[] = c.workloads.map((w) => ({ kind: 'workload', id: w.id }));
  const externals = EXTERNAL_NODES(settings)
    .map((node) => ({ node, endpoint: externalEndpoint(node.id, settings, design.cluster) }))
    .filter((e) => e.endpoint.kind === 'ip');
  endpoints.push(...externals.map((e) => e.endpoint));

  // Layout: namespaces in a grid of columns, sorted by name; the outside world in a last column.
  const byNamespace = new Map<string, number[]>();
  c.workloads.forEach((w, i) => byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), i]));
  const namespaces = [...byNamespace.keys()].sort();
  const columns = Math.max(1, Math.ceil(Math.sqrt(namespaces.length)));
  const nodes: Node[] = new Array<Node>(endpoints.length);
  const nsBoxes: { name: string; box: Box }[] = [];
  const columnY = new Array<number>(columns).fill(MARGIN);
  namespaces.forEach((name, k) => {
    const col = k % columns;
    const members = byNamespace.get(name)!;
    const box = { x: MARGIN + col * (NODE_W + 2 * NS_PAD + GAP), y: columnY[col]!, w: NODE_W + 2 * NS_PAD, h: NS_HEAD + members.length * (NODE_H + ROW_GAP) - ROW_GAP + NS_PAD };
    nsBoxes.push({ name, box });
    members.forEach((i, m) => {
      const caption = `in: ${isolatedIngress(c, i) ? 'isolated' : 'open'} · out: ${isolatedEgress(c, i) ? 'isolated' : 'open'}${hasAdminRules(c, i) ? ' · admin rules' : ''}`;
      nodes[i] = { label: c.workloads[i]!.name, caption, group: name, box: { x: box.x + NS_PAD, y: box.y + NS_HEAD + m * (NODE_H + ROW_GAP), w: NODE_W, h: NODE_H } };
    });
    columnY[col] = box.y + box.h + GAP;
  });
  const outsideX = MARGIN + columns * (NODE_W + 2 * NS_PAD + GAP) + NS_PAD;
  externals.forEach((e, k) => {
    const ip = e.endpoint.kind === 'ip' ? e.endpoint.ip : '';
    nodes[c.workloads.length + k] = { label: e.node.title, caption: ip, group: '', box: { x: outsideX, y: MARGIN + NS_HEAD + k * (NODE_H + ROW_GAP), w: NODE_W, h: NODE_H } };
  });

  // Arrows: every allowed pair that a policy decides, over all ports (exact, admin tiers included).
  const n = endpoints.length;
  const workloadCount = c.workloads.length;
  const intervals = portIntervals([design.cluster]);
  // A large design: from one pair per class pair, not an n x n table per port interval.
  const byClass = n > (options.classesAbove ?? 1000)
    ? arrowsByClass(c, externals.map((e) => e.endpoint), intervals, maxArrows, (i) => isolatedEgress(c, i), (j) => isolatedIngress(c, j))
    : undefined;
  const table = byClass ? undefined : pairTable(c, endpoints, intervals);
  let arrows: Arrow[] = byClass?.arrows ?? [];
  for (let i = 0; table && i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || (i >= workloadCount && j >= workloadCount)) continue;
      const decided = (i < workloadCount && isolatedEgress(c, i)) || (j < workloadCount && isolatedIngress(c, j));
      if (!decided) continue;
      const set = pairConnections(table, i, j);
      if (!isEmptyConnectionSet(set)) arrows.push({ from: i, to: j, label: formatConnections(set) });
    }
  }
  const aggregated = byClass ? byClass.joined !== undefined : arrows.length > maxArrows;
  let arrowBoxes = (a: Arrow) => ({ from: nodes[a.from]!.box, to: nodes[a.to]!.box });
  const groupBoxOf = (i: number) => (i < workloadCount ? nsBoxes.find((b) => b.name === nodes[i]!.group)!.box : nodes[i]!.box);
  if (byClass?.joined) {
    const list = byClass.joined.map((j) => ({ from: groupBoxOf(j.from), to: groupBoxOf(j.to), count: j.count }));
    arrows = list.map((j, k) => ({ from: k, to: k, label: `${j.count} path${j.count === 1 ? '' : 's'}` }));
    arrowBoxes = (a: Arrow) => ({ from: list[a.from]!.from, to: list[a.to]!.to });
  } else if (aggregated) {
    // Too many to read: one arrow per namespace pair (outside nodes stay themselves), counting paths.
    const groupBox = (i: number) => (i < workloadCount ? nsBoxes.find((b) => b.name === nodes[i]!.group)!.box : nodes[i]!.box);
    const joined = new Map<string, { from: Box; to: Box; count: number }>();
    for (const a of arrows) {
      const from = groupBox(a.from);
      const to = groupBox(a.to);
      if (from === to) continue;
      const key = `${a.from < workloadCount ? nodes[a.from]!.group : a.from}\u0000${a.to < workloadCount ? nodes[a.to]!.group : a.to}`;
      const hit = joined.get(key);
      if (hit) hit.count++;
      else joined.set(key, { from, to, count: 1 });
    }
    const list = [...joined.values()];
    arrows = list.map((j, k) => ({ from: k, to: k, label: `${j.count} path${j.count === 1 ? '' : 's'}` }));
    arrowBoxes = (a: Arrow) => ({ from: list[a.from]!.from, to: list[a.to]!.to });
  }

  const width = outsideX + NODE_W + MARGIN;
  const height = Math.max(...columnY, MARGIN + NS_HEAD + externals.length * (NODE_H + ROW_GAP)) + MARGIN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="system-ui, sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3b6ea5"/></marker></defs>',
    `<rect width="${r(width)}" height="${r(height)}" fill="#ffffff"/>`,
  ];
  for (const { name, box } of nsBoxes) {
    out.push(`<g class="namespace"><rect x="${r(box.x)}" y="${r(box.y)}" width="${r(box.w)}" height="${r(box.h)}" rx="8" fill="#f3f5f8" stroke="#8a96a8"/>`
      + `<text x="${r(box.x + NS_PAD)}" y="${r(box.y + 20)}" font-weight="bold">${escapeHtml(name)}</text></g>`);
  }
  if (externals.length > 0) out.push(`<text x="${r(outsideX)}" y="${r(MARGIN + 20)}" font-weight="bold">outside the cluster</text>`);
  const showLabels = arrows.length <= 40;
  const labels: string[] = [];
  for (const a of arrows) {
    const { from, to } = arrowBoxes(a);
    const start = edgePoint(from, centre(to));
    const end = edgePoint(to, centre(from));
    // A slight bend to the right of the direction of travel: a -> b and b -> a stay apart, and
    // arrows along a column of workloads do not hide each other.
    const dx = end.x - start.x;
    const dy = end.y - start.y;
    const length = Math.hypot(dx, dy) || 1;
    const bend = Math.min(60, 0.15 * length + 8);
    const control = { x: (start.x + end.x) / 2 - (dy / length) * bend, y: (start.y + end.y) / 2 + (dx / length) * bend };
    const label = escapeHtml(a.label);
    out.push(`<g class="path"><title>${label}</title><path d="M${r(start.x)},${r(start.y)} Q${r(control.x)},${r(control.y)} ${r(end.x)},${r(end.y)}" fill="none" stroke="#3b6ea5" stroke-width="1.4" marker-end="url(#arrow)"/></g>`);
    if (showLabels) {
      const mid = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
      labels.push(`<text x="${r(mid.x)}" y="${r(mid.y + 3)}" text-anchor="middle" fill="#1f3d5c" font-size="10" stroke="#ffffff" stroke-width="3" paint-order="stroke">${label}</text>`);
    }
  }
  nodes.forEach((node, i) => {
    const b = node.box;
    const fill = i < workloadCount ? '#ffffff' : '#fff8e6';
    out.push(`<g class="${i < workloadCount ? 'workload' : 'external'}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="6" fill="${fill}" stroke="#4a5566"/>`
      + `<text x="${r(b.x + 8)}" y="${r(b.y + 18)}">${escapeHtml(node.label)}</text>`
      + `<text x="${r(b.x + 8)}" y="${r(b.y + 34)}" fill="#5a6577" font-size="10">${escapeHtml(node.caption)}</text></g>`);
  });
  out.push(...labels);
  const legend = aggregated ? `arrows join ${arrows.length} namespace pairs (too many workload paths to draw)` : `${arrows.length} path${arrows.length === 1 ? '' : 's'} through isolated ends; "open" ends also accept or send anything else that admin rules do not deny`;
  out.push(`<text x="${MARGIN}" y="${r(height - 6)}" fill="#5a6577" font-size="10">${escapeHtml(legend)}</text>`, '</svg>');
  return out.join('\n');
}

// Paths nobody drew, bundled: between two namespaces (or a namespace and an outside node) every
// pair of workloads the policies happen to allow is an orange line of its own, and a design
// without egress rules draws a thicket of them. Two or more such lines between the same two boxes
// are drawn as one, with their count; choosing it (click, Enter) draws them one by one again.
// Paths someone drew, admin rules, changes and failures are never bundled.
import { MarkerType } from '@xyflow/react';
import type { AppEdge, AppNode } from './derive.ts';

export const BUNDLE_PREFIX = 'b:';

/** The bundle an edge id stands for, or undefined for an ordinary edge. */
export const bundleKey = (edgeId: string): string | undefined => (edgeId.startsWith(BUNDLE_PREFIX) ? edgeId.slice(BUNDLE_PREFIX.length) : undefined);

const bundles = (e: AppEdge): boolean =>
  e.data?.kind === 'unintended' && !e.data.change && !e.selected && e.data.flows.length === 0 && !(e.className ?? '').includes('invariant-violated');

/**
 * Replaces each set of two or more undrawn paths between the same two top-level boxes with one
 * edge between the boxes, except the bundles in `open`. The members' ids are on the bundle
 * (`data.members`), in the order they were drawn.
 */
export function bundleUndrawn(nodes: readonly AppNode[], edges: readonly AppEdge[], open: ReadonlySet<string>): AppEdge[] {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const title = new Map<string, string>();
  const top = (id: string) => parent.get(id) ?? id;
  const groups = new Map<string, AppEdge[]>();
  for (const e of edges) {
    if (!bundles(e)) continue;
    const from = top(e.source);
    const to = top(e.target);
    if (from === to || (from === e.source && to === e.target)) continue;
    const key = `${from}->${to}`;
    if (open.has(key)) continue;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
    if (!title.has(from)) title.set(from, from === e.source ? e.data!.fromTitle : from.startsWith('ns:') ? `namespace ${from.slice(3)}` : from);
    if (!title.has(to)) title.set(to, to === e.target ? e.data!.toTitle : to.startsWith('ns:') ? `namespace ${to.slice(3)}` : to);
  }
  const gone = new Set<string>();
  const out: AppEdge[] = [];
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    for (const m of members) gone.add(m.id);
    const [from, to] = [top(members[0]!.source), top(members[0]!.target)];
    const fromTitle = title.get(from) ?? from;
    const toTitle = title.get(to) ?? to;
    out.push({
      id: `${BUNDLE_PREFIX}${key}`,
      source: from,
      target: to,
      type: 'path',
      data: {
        kind: 'unintended',
        label: `${members.length} paths nobody drew`,
        pairs: members.flatMap((m) => m.data!.pairs),
        flows: [],
        cuts: [],
        showLabel: true,
        fromTitle,
        toTitle,
        members: members.map((m) => m.id),
      },
      ariaLabel: `${members.length} paths nobody drew, from ${fromTitle} to ${toTitle}, drawn as one: Enter shows them one by one`,
      className: 'edge-unintended edge-bundle',
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: 'var(--warn)' },
      zIndex: 2,
    });
  }
  if (out.length === 0) return edges as AppEdge[];
  return [...edges.filter((e) => !gone.has(e.id)), ...out];
}

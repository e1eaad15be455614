import { useId } from 'react';
import { useStore } from '../store.ts';
import { AdminChip } from '../admin/AdminChip.tsx';
import { setShowCuts, useGraphOptions } from '../admin/viewOptions.ts';
import type { AdminPolicyChip } from '../admin/tiers.ts';
import { useChangesView, useGraphChanges } from '../graph/changes.ts';

const EMPTY: readonly AdminPolicyChip[] = [];

/** What the cluster-scoped policies look like on the canvas; shown only when the design has some. */
function AdminLegend({ clusterWide }: { clusterWide: readonly AdminPolicyChip[] }) {
  const showCuts = useGraphOptions((s) => s.showCuts);
  const id = useId();
  return (
    <>
      <li className="legend-break" aria-hidden="true" />
      <li className="legend-admin-title">Admin policies:</li>
      <li><span className="swatch sw-admin" aria-hidden="true" /> allowed by an admin rule</li>
      <li><span className="swatch sw-admin-pass" aria-hidden="true" /> Pass flow</li>
      <li>
        <span className="swatch sw-admin-cut" aria-hidden="true" /> denied{' '}
        <label className="legend-toggle" htmlFor={id}>
          <input id={id} type="checkbox" checked={showCuts} onChange={(e) => setShowCuts(e.target.checked)} /> show admin denies
        </label>
      </li>
      <li><span className="chip chip-baseline">in</span><span className="chip chip-baseline">out</span> baseline decides</li>
      <li title="An admin policy selecting pods of the namespace: action, direction and priority (lower is evaluated first)">
        <span className="achip achip-admin act-deny"><span className="achip-what">Deny in · 30</span></span> on a namespace
      </li>
      {clusterWide.length > 0 && (
        <li className="legend-cluster">
          <span className="legend-cluster-title">On every pod:</span>
          {clusterWide.map((chip) => (
            <AdminChip key={chip.policy} chip={chip} withName />
          ))}
        </li>
      )}
    </>
  );
}

/** The changes the graph marks, and against what. */
function ChangesLegend({ since }: { since: string }) {
  return (
    <>
      <li className="legend-break" aria-hidden="true" />
      <li className="legend-changes-title">Changes {since}:</li>
      <li><span className="swatch sw-opened" aria-hidden="true" /> + opened</li>
      <li><span className="swatch sw-closed" aria-hidden="true" /> − closed</li>
      <li><span className="new-badge">new</span> workload</li>
    </>
  );
}

export function Legend() {
  const changes = useGraphChanges();
  // The graph on show: a presentation step's, else the design's.
  const shownGraph = useChangesView((s) => s.shown?.graph);
  const designGraph = useStore((s) => s.analysis?.graph);
  const graph = shownGraph ?? designGraph;
  const hasAdmin = graph?.hasAdmin ?? false;
  const clusterWide = graph?.clusterAdmin ?? EMPTY;
  return (
    <ul className="legend" aria-label="Legend">
      <li><span className="swatch sw-flow-allowed" aria-hidden="true" /> drawn flow, allowed</li>
      <li><span className="swatch sw-flow-blocked" aria-hidden="true" /> drawn flow, blocked</li>
      <li><span className="swatch sw-intended" aria-hidden="true" /> opened by a switch</li>
      <li><span className="swatch sw-unintended" aria-hidden="true" /> allowed, nobody drew it</li>
      <li><span className="chip chip-isolated">in</span><span className="chip chip-isolated">out</span> isolated: only allowed traffic</li>
      <li><span className="chip chip-open">in</span><span className="chip chip-open">out</span> open: no policy, all traffic</li>
      <li><span className="chip chip-peers chip-blocked">peers</span> red: its own pods may not reach each other</li>
      {hasAdmin && <AdminLegend clusterWide={clusterWide} />}
      {changes && <ChangesLegend since={changes.since} />}
    </ul>
  );
}

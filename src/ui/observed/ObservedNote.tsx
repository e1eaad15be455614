// Explain's line about observed traffic: "Observed: seen 1,204 times, last 2026-12-01 12:03:04Z".
import { seenText } from '../../review/replay/index.ts';
import { useStore, type ProbeDraft } from '../store.ts';
import { outsideAliases } from './observedEdges.tsx';
import { useObserved } from './observedStore.ts';

const keyOf = (e: { kind: string; id?: string }) => (e.kind === 'workload' ? `wl:${e.id}` : e.kind === 'external' ? `ext:${e.id}` : '');

export function ObservedNote({ probe }: { probe: ProbeDraft }) {
  const traffic = useObserved((s) => s.traffic);
  const externals = useStore((s) => s.analysis?.graph.externals);
  if (!traffic || !probe.from || !probe.to) return null;
  // The DNS pods are the graph's (and Explain's) DNS node.
  const aliases = outsideAliases(externals);
  const shown = (e: Parameters<typeof keyOf>[0]) => {
    const k = keyOf(e);
    return aliases.get(k) ?? k;
  };
  const seen = traffic.connections.filter((c) => shown(c.from) === probe.from && shown(c.to) === probe.to && c.protocol === probe.protocol && String(c.port) === probe.port.trim());
  if (seen.length === 0) return null;
  const count = seen.reduce((n, c) => n + c.count, 0);
  const last = seen.reduce<number | undefined>((m, c) => (c.last !== undefined && (m === undefined || c.last > m) ? c.last : m), undefined);
  const dropped = seen.reduce((n, c) => n + c.dropped, 0);
  return (
    <p className="observed-note" role="note">
      Observed: {seenText(count, last)}{dropped > 0 ? ` (${dropped.toLocaleString('en-US')} dropped)` : ''}.
    </p>
  );
}

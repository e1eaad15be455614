// The imported traffic kept with the design: in IndexedDB beside the autosave (written only when
// the traffic changes: it may be large), in share links when it fits (folded connections, never the
// log's raw lines), and as a download ("folded traffic", a JSON Lines file the page and the CLI's
// `replay --flows` read back). src/ui/persistence.ts calls in here; the logic stays with the feature.
import { formatFolded, readFoldedSources, type FoldedSource } from '../../observed/index.ts';
import { downloadBlob } from '../actions.ts';
import { dbGet } from '../designDb.ts';
import { notify } from '../store.ts';
import { newTrafficId, showTraffic, useObserved, type StoredTraffic } from './observedStore.ts';

/** The IndexedDB key of the traffic record. */
export const DB_TRAFFIC = 'traffic';
export const FOLDED_FILE = 'observed-traffic.jsonl';

interface TrafficRecord {
  id: string;
  sources: FoldedSource[];
}

/** The traffic last written to IndexedDB. */
let savedId: string | undefined;

/** What the autosave writes for the traffic: its id in the saved design, and the record when it changed. */
export function trafficToSave(): { id?: string; entries: Record<string, unknown>; written(): void } {
  const stored = useObserved.getState().stored;
  if (!stored) return { entries: {}, written: () => undefined };
  const entries: Record<string, unknown> = savedId === stored.id ? {} : { [DB_TRAFFIC]: { id: stored.id, sources: stored.sources } satisfies TrafficRecord };
  return { id: stored.id, entries, written: () => (savedId = stored.id) };
}

/** Calls `fn` whenever the traffic changes (the autosave schedules a save). */
export function onTrafficChange(fn: () => void): () => void {
  return useObserved.subscribe((s, prev) => {
    if (s.stored !== prev.stored) fn();
  });
}

/** Puts back the autosaved traffic `id` (no undo step: it is where the page starts). */
export async function restoreSavedTraffic(id: string | undefined): Promise<void> {
  if (!id) return;
  const record = await dbGet<unknown>(DB_TRAFFIC);
  const r = record as Partial<TrafficRecord> | undefined;
  if (!r || r.id !== id) {
    notify({ kind: 'error', title: 'The imported traffic of the last session could not be read back from browser storage: import the log again.' });
    return;
  }
  const read = readFoldedSources(r.sources);
  if (!read) return;
  savedId = id;
  showTraffic({ id, sources: read.sources });
}

/** The traffic for a share link: the folded sources, or nothing. */
export function trafficToShare(): FoldedSource[] | undefined {
  return useObserved.getState().stored?.sources;
}

/** The traffic a share link carried, checked (a link is text anyone can write). */
export function readSharedTraffic(value: unknown): FoldedSource[] | undefined {
  const read = readFoldedSources(value);
  return read && read.sources.length > 0 ? read.sources : undefined;
}

/** Shows the traffic a share link brought (the opening of the link is the undo step). */
export function openSharedTraffic(sources: readonly FoldedSource[]): void {
  const stored: StoredTraffic = { id: newTrafficId(), sources: [...sources] };
  showTraffic(stored);
}

export function trafficSummary(): { connections: number; sources: number } | undefined {
  const stored = useObserved.getState().stored;
  return stored ? { connections: stored.sources.reduce((n, s) => n + s.connections.length, 0), sources: stored.sources.length } : undefined;
}

/** Downloads the folded traffic: the file the Traffic tab (and `replay --flows`) imports again. */
export function downloadFoldedTraffic(): void {
  const stored = useObserved.getState().stored;
  if (!stored) return;
  downloadBlob(FOLDED_FILE, new Blob([formatFolded(stored.sources)], { type: 'application/jsonl' }));
}

// The undo history's memory bound. Snapshots share their objects with the design (objects are
// never mutated), but each keeps its own text: at cluster size a hundred 10 MB texts would be a
// gigabyte. The history keeps the newest steps whose texts fit UNDO_BUDGET characters and drops
// the oldest beyond; the store counts the dropped steps and the Undo button says so.
export const UNDO_BUDGET = 48 * 1024 * 1024;

export interface SizedSnapshot {
  text?: string;
  unfinished?: string;
  objects: readonly unknown[];
}

/** What a snapshot costs: its texts, and a pointer per object of its (shared) object list. */
export const snapshotSize = (snap: SizedSnapshot): number => (snap.text?.length ?? 0) + (snap.unfinished?.length ?? 0) + snap.objects.length * 8;

/** The newest steps within `limit` steps and `budget` (the newest one always stays), and how many were dropped. */
export function boundHistory<T extends SizedSnapshot>(past: T[], limit: number, budget = UNDO_BUDGET): { kept: T[]; dropped: number } {
  let total = 0;
  let from = past.length;
  while (from > 0 && past.length - from < limit) {
    const size = snapshotSize(past[from - 1]!);
    if (total + size > budget && from < past.length) break;
    total += size;
    from--;
  }
  return { kept: from === 0 ? past : past.slice(from), dropped: from };
}

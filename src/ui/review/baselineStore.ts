// The baseline a review compares against (a snapshot of the design, or an imported file), and the
// diff of the current design against it, recomputed in the worker as the design changes.
import { create } from 'zustand';
import { runReviewJobAsync } from '../../workers/client.ts';
import type { DesignDiff } from '../../review/diff/types.ts';
import { useStore } from '../store.ts';

const STORAGE_KEY = 'netpol-designer:baseline';

export interface Baseline {
  name: string;
  text: string;
  savedAt: string;
}

interface BaselineState {
  baseline: Baseline | null;
  diff: DesignDiff | null;
  /** The pairs the baseline's graph draws as paths (`from>to`): only those can be drawn as closed. */
  drawnBefore: ReadonlySet<string>;
  /** The text of record the diff was computed for. */
  diffedText: string | null;
  error: string | null;
}

function restore(): Baseline | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Baseline>;
    return typeof value.name === 'string' && typeof value.text === 'string' && typeof value.savedAt === 'string'
      ? { name: value.name, text: value.text, savedAt: value.savedAt }
      : null;
  } catch {
    return null;
  }
}

const NONE: ReadonlySet<string> = new Set();

export const useBaseline = create<BaselineState>()(() => ({ baseline: null, diff: null, drawnBefore: NONE, diffedText: null, error: null }));

let latest = 0;

async function recompute(): Promise<void> {
  const { baseline } = useBaseline.getState();
  const mine = ++latest;
  if (!baseline) {
    useBaseline.setState({ diff: null, drawnBefore: NONE, diffedText: null, error: null });
    return;
  }
  const { validText, settings } = useStore.getState();
  const r = await runReviewJobAsync(validText, settings, { job: 'diff', baselineText: baseline.text, baselineName: baseline.name });
  if (mine !== latest) return;
  useBaseline.setState(
    r.ok
      ? { diff: r.diff ?? null, drawnBefore: new Set(r.drawnBefore ?? []), diffedText: validText, error: null }
      : { diff: null, drawnBefore: NONE, diffedText: validText, error: r.message },
  );
}

export function setBaseline(baseline: Baseline | null): void {
  useBaseline.setState({ baseline });
  try {
    if (baseline) localStorage.setItem(STORAGE_KEY, JSON.stringify(baseline));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or disabled: the baseline lives for this session only.
  }
  void recompute();
}

export function snapshotBaseline(): void {
  const now = new Date();
  setBaseline({ name: `snapshot ${now.toLocaleString()}`, text: useStore.getState().validText, savedAt: now.toISOString() });
}

let started = false;

export function startBaselineSync(): void {
  if (started) return;
  started = true;
  const restored = restore();
  if (restored) setBaseline(restored);
  let timer: ReturnType<typeof setTimeout> | undefined;
  useStore.subscribe((s, prev) => {
    if (!useBaseline.getState().baseline || (s.validText === prev.validText && s.settings === prev.settings)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void recompute(), 250);
  });
}

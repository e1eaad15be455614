// Presenting a design's story in a meeting: the steps come from the worker in one go, then moving
// between them only swaps the graph on show (read-only), so every step appears at once.
import { create } from 'zustand';
import { runReviewJobAsync } from '../../workers/client.ts';
import type { PresentationStep } from '../../workers/presentation.ts';
import { showGraph } from '../graph/changes.ts';
import { notify, setCanvasView, useStore } from '../store.ts';

interface PresentationState {
  status: 'off' | 'loading' | 'on';
  steps: PresentationStep[];
  index: number;
}

export const usePresentation = create<PresentationState>()(() => ({ status: 'off', steps: [], index: 0 }));

const NO_NEW_NODES: ReadonlySet<string> = new Set();

function show(index: number): void {
  const { steps } = usePresentation.getState();
  const step = steps[index];
  if (!step) return;
  usePresentation.setState({ index });
  showGraph({ graph: step.graph, changes: { changes: step.changes, addedNodes: NO_NEW_NODES, since: 'at this step' } });
}

/** Ends the presentation when the design changes under it (an undo shortcut, say): its steps are of the old one. */
let unwatch: (() => void) | undefined;

function watchDesign(): void {
  unwatch?.();
  unwatch = useStore.subscribe((s, prev) => {
    if (s.validText === prev.validText && s.settings === prev.settings) return;
    stopPresentation();
    notify({ kind: 'info', title: 'The design changed, so the presentation ended. Present again to tell the new story.' });
  });
}

export async function startPresentation(): Promise<void> {
  if (usePresentation.getState().status !== 'off') return;
  const { validText, settings, objects } = useStore.getState();
  if (objects.length === 0) {
    notify({ kind: 'info', title: 'Nothing to present yet: load a sample, import manifests or write YAML first.' });
    return;
  }
  usePresentation.setState({ status: 'loading' });
  const r = await runReviewJobAsync(validText, settings, { job: 'story' });
  if (usePresentation.getState().status !== 'loading') return;
  if (!r.ok || !r.story || r.story.length === 0) {
    usePresentation.setState({ status: 'off' });
    notify({ kind: 'error', title: r.ok ? 'This design has nothing to present.' : r.message });
    return;
  }
  setCanvasView('graph');
  usePresentation.setState({ status: 'on', steps: r.story });
  show(0);
  watchDesign();
}

export function stopPresentation(): void {
  unwatch?.();
  unwatch = undefined;
  usePresentation.setState({ status: 'off', steps: [], index: 0 });
  showGraph(null);
}

export function goToStep(index: number): void {
  const { steps } = usePresentation.getState();
  show(Math.max(0, Math.min(steps.length - 1, index)));
}

export const nextStep = () => goToStep(usePresentation.getState().index + 1);
export const previousStep = () => goToStep(usePresentation.getState().index - 1);

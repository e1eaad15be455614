// What the end-to-end tests read that the page does not show in a readable way. Not an API.
import { editorHandle } from './editorBridge.ts';
import { isGraphPending, repaints } from './perf.ts';
import { useStore } from './store.ts';
import { findingsPending, setAnalysisDeadline } from '../workers/client.ts';
import { setSmallImportLimit } from './importLarge.ts';
import { setSuccessNoticeMs } from './components/NoticeBar.tsx';

export interface TestHook {
  /** The YAML text of record. */
  text(): string;
  /** What the Monaco model holds, once the editor has loaded. */
  editorText(): string | undefined;
  editorMarkers(): number | undefined;
  editorCursorLine(): number | undefined;
  setEditorText(text: string): boolean;
  repaints(): number[];
  /** Shortens the analysis worker's deadline (undefined: back to the default), to test the timeout. */
  setAnalysisDeadline(ms: number | undefined): void;
  /** Lowers the size over which a file takes the large-import path (undefined: the default). */
  setSmallImportLimit(bytes: number | undefined): void;
  /** How long a success message stays (undefined: the default). */
  setSuccessNoticeMs(ms: number | undefined): void;
  counts(): { objects: number; workloads: number; pairs: number; flows: number; busy: boolean };
  /** Whether a review of a design the page sent is still to come (its worker CPU is still being spent). */
  reviewing(): boolean;
}

declare global {
  interface Window {
    __netpol?: TestHook;
  }
}

export function installTestHook(): void {
  window.__netpol = {
    text: () => useStore.getState().text,
    editorText: () => editorHandle()?.getText(),
    editorMarkers: () => editorHandle()?.markerCount(),
    editorCursorLine: () => editorHandle()?.cursorLine(),
    setEditorText: (text) => {
      const h = editorHandle();
      if (!h) return false;
      h.setTextAsUser(text);
      return true;
    },
    repaints: () => [...repaints],
    setAnalysisDeadline,
    setSmallImportLimit,
    setSuccessNoticeMs,
    counts: () => {
      const s = useStore.getState();
      return {
        objects: s.objects.length,
        workloads: s.analysis?.graph.workloads.length ?? 0,
        pairs: s.analysis?.graph.pairs.length ?? 0,
        flows: s.analysis?.graph.flows.length ?? 0,
        busy: s.busy || s.layoutBusy || s.emitting || editorHandle()?.pending() === true || isGraphPending(),
      };
    },
    reviewing: findingsPending,
  };
}

// Measures how long a design change takes to reach the screen: from the action (toggle, undo)
// to the first frame painted after the graph re-rendered with the new analysis. The numbers are
// User Timing entries, so anyone can read them in the browser's performance tools:
//   netpol:graph-painted   (mark)    the first frame with graph nodes on screen
//   netpol:change-repaint  (measure) change start -> first frame with the new analysis
import { useStore } from './store.ts';

let measuredStart = 0;
let graphPainted = false;
export const repaints: number[] = [];
let paintedListeners: (() => void)[] = [];
/** A newly loaded large design is waiting for its own render of the canvas (graph/drawnInTurn.ts). */
let graphPending = false;

export function setGraphPending(pending: boolean): void {
  graphPending = pending;
}

/** True while the canvas still shows the design before the one loaded (the test hook's busy). */
export const isGraphPending = (): boolean => graphPending;

/** Resolves once the graph has been painted the first time (or after `fallbackMs`, whichever comes first). */
export function whenGraphPainted(fallbackMs: number): Promise<void> {
  if (graphPainted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    paintedListeners.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `fn` once the frame being prepared has been painted. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    // The frame callback runs before paint; a message posted from it runs once the frame is out.
    const channel = new MessageChannel();
    channel.port1.onmessage = fn;
    channel.port2.postMessage(null);
  });
}

/** Called by the canvas after each render with a new derived graph. */
export function recordRepaint(nodeCount: number): void {
  if (!graphPainted && nodeCount > 0) {
    graphPainted = true;
    afterPaint(() => {
      performance.mark('netpol:graph-painted');
      const listeners = paintedListeners;
      paintedListeners = [];
      for (const l of listeners) l();
    });
  }
  const started = useStore.getState().changeStartedAt;
  if (started === 0 || started === measuredStart) return;
  if (useStore.getState().busy) return;
  measuredStart = started;
  afterPaint(() => {
    const end = performance.now();
    repaints.push(end - started);
    if (repaints.length > 50) repaints.shift();
    try {
      performance.measure('netpol:change-repaint', { start: started, end });
    } catch {
      // User Timing can be unavailable (very old browsers); the array above still has it.
    }
  });
}

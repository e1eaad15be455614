// Measures how long a design change takes to reach the screen: from the action (toggle, undo)
// to the first frame painted after the graph re-rendered with the new analysis.
import { useStore } from './store.ts';

let measuredStart = 0;
export const repaints: number[] = [];

export function recordRepaint(): void {
  const started = useStore.getState().changeStartedAt;
  if (started === 0 || started === measuredStart) return;
  if (useStore.getState().busy) return;
  measuredStart = started;
  requestAnimationFrame(() => {
    // The frame callback runs before paint; the message after it runs once the frame is out.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      repaints.push(performance.now() - started);
      if (repaints.length > 50) repaints.shift();
    };
    channel.port2.postMessage(null);
  });
}

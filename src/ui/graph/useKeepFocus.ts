// A node or edge chosen with the keyboard keeps the focus. Selecting re-draws the graph (dimming,
// edges lifted to another layer), and an element React Flow mounts anew drops the focus to the
// page: the keyboard user would start again from the top. After each re-draw, focus lost to the
// page goes back to the node or edge that had it.
import { useEffect, useRef } from 'react';

export function useKeepFocus(redrawn: unknown): void {
  const last = useRef<{ kind: 'node' | 'edge'; id: string } | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement | SVGElement>('.react-flow__node, .react-flow__edge') : null;
      const id = el?.dataset['id'];
      last.current = el && id ? { kind: el.classList.contains('react-flow__edge') ? 'edge' : 'node', id } : null;
    };
    // A click elsewhere moves on on purpose: nothing to give back.
    const onPointer = () => {
      last.current = null;
    };
    document.addEventListener('focusin', onFocus);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);
  useEffect(() => {
    const want = last.current;
    if (!want) return;
    // The element may be mounted anew a few frames later (the layer it is lifted to, the panel
    // that opens beside the canvas): watch for a short while.
    let frames = 30;
    let id = 0;
    const check = () => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && last.current === want) {
        document.querySelector<HTMLElement | SVGElement>(`.react-flow__${want.kind}[data-id="${CSS.escape(want.id)}"]`)?.focus();
      }
      if (--frames > 0) id = requestAnimationFrame(check);
    };
    id = requestAnimationFrame(check);
    return () => cancelAnimationFrame(id);
  }, [redrawn]);
}

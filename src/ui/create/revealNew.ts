// After a change that adds a policy (a switch, a flow, a fix), the editor scrolls to it once its YAML
// is written, so the user sees what was generated. The focus stays where the user is.
import { editorHandle } from '../editorBridge.ts';
import { useStore } from '../store.ts';
import type { KubeObject } from '../core.ts';
import { lineOfObject } from './lineOfObject.ts';

export { lineOfObject };

let installed = false;

export function installRevealNew(): void {
  if (installed) return;
  installed = true;
  let before: Set<KubeObject> | null = null;
  useStore.subscribe((s, prev) => {
    // A design action replaces the objects first and the text later (written in the worker).
    if (s.objects !== prev.objects && s.textObjects !== s.objects) before = new Set(prev.objects);
    if (s.textVersion === prev.textVersion || s.textObjects !== s.objects || !before) return;
    const old = before;
    before = null;
    const added = s.objects.find((o) => !old.has(o) && /Policy$/.test(o.kind));
    if (!added) return;
    const line = lineOfObject(s.text, added);
    // The editor shows it once its model holds this text, with the edit that brings it.
    if (line !== undefined) editorHandle()?.showLine?.(line);
  });
}

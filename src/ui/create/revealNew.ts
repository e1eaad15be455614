// After a change that adds a policy (a switch, a flow, a fix), the editor scrolls to it once its YAML
// is written, so the user sees what was generated. The focus stays where the user is.
import { editorHandle } from '../editorBridge.ts';
import { useStore } from '../store.ts';
import type { KubeObject } from '../core.ts';

/** The 1-based line of `metadata.name` of the document that is `object` (by kind, name, namespace). */
export function lineOfObject(text: string, object: KubeObject): number | undefined {
  const lines = text.split('\n');
  let start = 0;
  const check = (from: number, to: number): number | undefined => {
    const doc = lines.slice(from, to);
    const has = (re: RegExp) => doc.some((l) => re.test(l));
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!has(new RegExp(`^kind: ${esc(object.kind)}\\s*$`))) return undefined;
    const nameAt = doc.findIndex((l) => new RegExp(`^  name: ["']?${esc(object.metadata.name)}["']?\\s*$`).test(l));
    if (nameAt < 0) return undefined;
    const ns = object.metadata.namespace;
    if (ns !== undefined && !has(new RegExp(`^  namespace: ["']?${esc(ns)}["']?\\s*$`))) return undefined;
    return from + nameAt + 1;
  };
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lines[i] === '---') {
      const found = check(start, i);
      if (found !== undefined) return found;
      start = i + 1;
    }
  }
  return undefined;
}

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
    if (line !== undefined) requestAnimationFrame(() => setTimeout(() => editorHandle()?.showLine?.(line), 50));
  });
}

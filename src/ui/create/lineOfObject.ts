// Where an object's document is in the YAML the editor shows (pure: no store, no DOM).
import type { KubeObject } from '../../model/types.ts';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The 1-based line of `metadata.name` of the document that is `object` (by kind, name, namespace).
 * Only the documents with that name line are looked at (a regular expression over the whole text,
 * no split into lines): splitting 2 MB of YAML and testing every document took ~140 ms of the page's
 * thread after each switch at 400 namespaces.
 */
export function lineOfObject(text: string, object: KubeObject): number | undefined {
  const names = new RegExp(`^  name: ["']?${esc(object.metadata.name)}["']?[ \\t\\r]*$`, 'gm');
  const kind = new RegExp(`^kind: ${esc(object.kind)}[ \\t\\r]*$`, 'm');
  const ns = object.metadata.namespace;
  const namespace = ns !== undefined ? new RegExp(`^  namespace: ["']?${esc(ns)}["']?[ \\t\\r]*$`, 'm') : undefined;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    // The document around the match: from after the `---` line before it to the `---` line after.
    const before = text.lastIndexOf('\n---\n', m.index);
    const start = before < 0 ? (text.startsWith('---\n') ? 4 : 0) : before + 5;
    const after = text.indexOf('\n---\n', m.index);
    const end = after < 0 ? (text.endsWith('\n---') ? text.length - 4 : text.length) : after;
    const doc = text.slice(start, end);
    if (!kind.test(doc) || (namespace && !namespace.test(doc))) {
      names.lastIndex = Math.max(names.lastIndex, end);
      continue;
    }
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    return line;
  }
  return undefined;
}

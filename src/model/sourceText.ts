// The text each parsed object was read from, when that text is a document of its own: the YAML
// writer's memo (emitCache.ts) starts from it, so after an import a toggle writes only the objects
// it changed and every other document keeps its text byte for byte (comments, anchors, key order),
// where writing them all again took ~2 s at 400 namespaces and dropped the comments.
// By object identity: parsed objects are never changed in place (the design is changed by copies).
import type { KubeObject } from './types.ts';

// Weak: the objects of designs no longer held are let go with their text.
const texts = new WeakMap<KubeObject, string>();

/**
 * `text` is a whole document (no `---` line, ending with a line break) that the parser reads as
 * exactly `object` alone, whatever documents stand before or after it in a stream.
 */
export function rememberSourceText(object: KubeObject, text: string): void {
  texts.set(object, text);
}

/** The document `object` was parsed from, if it can stand for it alone. */
export function sourceText(object: KubeObject): string | undefined {
  return texts.get(object);
}

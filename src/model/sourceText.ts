// The text each parsed object was read from, when that text is a document of its own: the YAML
// writer's memo (emitCache.ts) starts from it, so after an import a toggle writes only the objects
// it changed and every other document keeps its text byte for byte (comments, anchors, key order),
// where writing them all again took ~2 s at 400 namespaces and dropped the comments.
// Keyed by the parsed object: parsed objects are never changed in place (the design is changed by
// copies), so the object is its content. A copy of one (the page sends every object when most
// changed; Undo brings back an object the worker holds no more) is found by its content too.
import type { KubeObject } from './types.ts';

// Weak: the objects of designs no longer held are let go with their text.
const texts = new WeakMap<KubeObject, string | undefined>();

interface Parsed {
  objects: KubeObject[];
  /** The objects by name, made at the first look-up by content. */
  byName?: Map<string, KubeObject[]>;
}
/** The last parses that kept texts, newest first: a copy is looked for among their objects. */
let recent: Parsed[] = [];
const RECENT = 4;

/**
 * `texts[i]` is a whole document (no `---` line, ending with a line break) that the parser reads
 * as exactly `objects[i]` alone, whatever documents stand before or after it in a stream.
 */
export function rememberSourceTexts(objects: KubeObject[], documents: readonly (string | undefined)[]): void {
  if (objects.length === 0) return;
  for (let i = 0; i < objects.length; i++) texts.set(objects[i]!, documents[i]);
  recent = [{ objects }, ...recent.slice(0, RECENT - 1)];
}

/** The document remembered for this very object (no look-up of a copy by content). */
export const rememberedText = (object: KubeObject): string | undefined => texts.get(object);

/** The document `object` (or an object of the same content) was parsed from, if it can stand for it alone. */
export function sourceText(object: KubeObject): string | undefined {
  const own = texts.get(object);
  if (own !== undefined) return own;
  const key = nameKey(object);
  if (key === undefined) return undefined;
  for (const parsed of recent) {
    parsed.byName ??= byName(parsed.objects);
    for (const candidate of parsed.byName.get(key) ?? []) if (sameContent(candidate, object)) return texts.get(candidate);
  }
  return undefined;
}

/** The name alone (kind and namespace are compared with the rest): no key built per object. */
function nameKey(object: KubeObject): string | undefined {
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

function byName(objects: readonly KubeObject[]): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const key = nameKey(object);
    if (key === undefined) continue;
    const same = out.get(key);
    if (same) same.push(object);
    else out.set(key, [object]);
  }
  return out;
}

/** The same JSON value, key order included (the writer keeps it). */
function sameContent(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const k = keysA[i]!;
    if (k !== keysB[i] || !sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

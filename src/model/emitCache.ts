// emitYaml with a memory: the YAML of each object is kept by object identity, so writing a design
// again after a toggle (one policy of 6,750 objects changed; the others keep their identity through
// src/workers/objectsPatch.ts) writes only the changed objects and joins the rest. Writing all of
// them took 2 s at 5,000 pods, during which the analysis worker could not start the next toggle.
// An object parsed from a document of its own starts with that document's text (sourceText.ts):
// after an import or a typed text, a toggle keeps every other document as it was written (its
// comments, anchors and key order) and writes only the changed objects, not the whole design.
// The caller vouches that objects are never changed in place (the worker's are copies no one edits).
import { emitOne } from './emit.ts';
import { sourceText } from './sourceText.ts';
import type { KubeObject } from './types.ts';

export interface YamlCache {
  /**
   * Text that parses to exactly `objects`, one document each in order: the document an object was
   * parsed from where it stands alone, else emitOne's (then byte for byte what emitYaml writes).
   */
  emit(objects: readonly KubeObject[]): string;
  /** How many objects the last `emit` had to write (for tests and measurements). */
  written(): number;
}

export function yamlCache(): YamlCache {
  // Weak: objects of designs no longer held are let go with their text.
  let texts = new WeakMap<KubeObject, string>();
  let written = 0;
  return {
    emit(objects) {
      written = 0;
      const parts = new Array<string>(objects.length);
      for (let i = 0; i < objects.length; i++) {
        const object = objects[i]!;
        let text = texts.get(object);
        if (text === undefined) {
          text = sourceText(object);
          if (text === undefined) {
            text = emitOne(object);
            written++;
          }
          texts.set(object, text);
        }
        parts[i] = text;
      }
      return parts.join('---\n');
    },
    written: () => written,
  };
}

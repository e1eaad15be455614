// emitYaml with a memory: the YAML of each object is kept by object identity, so writing a design
// again after a toggle (one policy of 6,750 objects changed; the others keep their identity through
// src/workers/objectsPatch.ts) writes only the changed objects and joins the rest. Writing all of
// them took 2 s at 5,000 pods, during which the analysis worker could not start the next toggle.
// The caller vouches that objects are never changed in place (the worker's are copies no one edits).
import { emitOne } from './emit.ts';
import type { KubeObject } from './types.ts';

export interface YamlCache {
  /** The same text as emitYaml(objects), byte for byte. */
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
          text = emitOne(object);
          texts.set(object, text);
          written++;
        }
        parts[i] = text;
      }
      return parts.join('---\n');
    },
    written: () => written,
  };
}

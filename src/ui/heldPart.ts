// The part of a design held apart from the editor (a large import, src/import): its objects come
// first in the design's objects, and the editor shows a header and the rest. Design actions may
// replace a held object (a fix on a Namespace): the held part is then the unchanged prefix, and the
// changed objects move to the editor text, so nothing is lost or counted twice.
import type { KubeObject } from './core.ts';
import type { HeldPart, HeldPayload, HeldRef } from '../workers/held.ts';

export type { HeldPart };

/** How many leading objects of `objects` are the held ones, unchanged. */
export function heldPrefix(held: HeldPart, objects: readonly KubeObject[]): number {
  const n = Math.min(held.objects.length, objects.length);
  let i = 0;
  while (i < n && objects[i] === held.objects[i]) i++;
  return i;
}

/** The held part reduced to its first `count` objects. */
export function shrinkHeld(held: HeldPart, count: number): HeldPart {
  return count === held.objects.length ? held : { ...held, objects: held.objects.slice(0, count), lines: held.lines.slice(0, count) };
}

export const heldRef = (held: HeldPart): HeldRef => ({ count: held.objects.length, file: held.file, lines: held.lines, header: held.header });
export const heldPayload = (held: HeldPart): HeldPayload => ({ ...heldRef(held), objects: held.objects });

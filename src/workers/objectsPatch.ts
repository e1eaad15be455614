// A design request's objects sent as the change against the objects sent before: a switch adds,
// replaces or removes one policy among thousands of objects, and copying them all to the worker
// (structured clone on the page's thread) was the page's longest task of a toggle at 5,000 pods.
// Pure: the page encodes (by object identity: the store keeps unchanged objects), the worker decodes.
import type { KubeObject } from '../model/types.ts';

export interface ObjectsPatch {
  /** How many objects the base had, a check that the worker decodes against the right one. */
  baseLength: number;
  /** The base's first `prefix` and last `suffix` objects are kept; the request's objects go between. */
  prefix: number;
  suffix: number;
}

/** The patch and the objects between, or undefined when most objects changed (send them all). */
export function encodeObjects(objects: readonly KubeObject[], base: readonly KubeObject[] | undefined): { patch: ObjectsPatch; middle: KubeObject[] } | undefined {
  if (!base) return undefined;
  const most = Math.min(objects.length, base.length);
  let prefix = 0;
  while (prefix < most && objects[prefix] === base[prefix]) prefix++;
  let suffix = 0;
  while (suffix < most - prefix && objects[objects.length - 1 - suffix] === base[base.length - 1 - suffix]) suffix++;
  const middle = objects.slice(prefix, objects.length - suffix);
  if (middle.length > objects.length / 2) return undefined;
  return { patch: { baseLength: base.length, prefix, suffix }, middle };
}

/** The objects a patch stands for; undefined when `base` is not the one it was encoded against. */
export function decodeObjects(patch: ObjectsPatch, middle: readonly KubeObject[], base: readonly KubeObject[] | undefined): KubeObject[] | undefined {
  if (!base || base.length !== patch.baseLength || patch.prefix + patch.suffix > base.length) return undefined;
  return [...base.slice(0, patch.prefix), ...middle, ...base.slice(base.length - patch.suffix)];
}

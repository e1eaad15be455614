// Model elements that differ only in where they were read from. A memoized cluster build
// (src/model/cluster.ts ClusterMemo) gives an object that moved in the list a copy of its element
// with the new reference; the copy remembers the element it came from, so later stages (compiling,
// the analysis's "did anything but the policies change" check) compare elements by identity instead
// of serializing thousands of them after every toggle.
import type { ObjectRef } from './types.ts';

const origins = new WeakMap<object, object>();

/** The element `x` was copied from by `withRef` (itself when it is no such copy). */
export function contentOrigin<T extends object>(x: T): T {
  return (origins.get(x) as T | undefined) ?? x;
}

/** `x` with another reference: the same content. */
export function withRef<T extends { ref?: ObjectRef }>(x: T, ref: ObjectRef): T {
  const copy = { ...x, ref };
  origins.set(copy, contentOrigin(x));
  return copy;
}

/** Elements as JSON without their reference, each written once (elements are never changed in place). */
const texts = new WeakMap<object, string>();
const textOf = (x: object): string => {
  const origin = contentOrigin(x);
  let text = texts.get(origin);
  if (text === undefined) texts.set(origin, (text = JSON.stringify({ ...origin, ref: undefined })));
  return text;
};

/** Same content apart from the reference: by identity when both come from one element, else by value. */
export function sameExceptRef<T extends object>(a: T, b: T): boolean {
  return contentOrigin(a) === contentOrigin(b) || textOf(a) === textOf(b);
}

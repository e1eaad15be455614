// Readable, valid and unique names for generated objects.
import type { KubeObject } from '../model/types.ts';
import { namespaceOf } from './objects.ts';

/** A DNS-1123 label is at most 63 characters; NetworkPolicy names may be longer, but short names read better. */
export const MAX_NAME = 63;

/** FNV-1a, 32 bits, as 8 hex digits: a short stable suffix for names that had to be shortened. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Lowercase letters, digits and single dashes; never empty. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}

/** A valid DNS-1123 label from any text: slugged, and when too long cut with a hash of the full text appended. */
export function dnsLabel(text: string, max = MAX_NAME): string {
  const s = slug(text);
  if (s.length <= max) return s;
  const hash = shortHash(s);
  const head = s.slice(0, max - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}

/**
 * `base` as a label, made unique among the NetworkPolicies of `namespace` in `objects` (ignoring the
 * objects for which `ignore` is true, i.e. the ones being replaced): `-2`, `-3`, ... when taken.
 */
export function uniquePolicyName(
  base: string,
  namespace: string,
  objects: readonly KubeObject[],
  ignore: (o: KubeObject) => boolean = () => false,
): string {
  const taken = new Set(
    objects.filter((o) => o.kind === 'NetworkPolicy' && namespaceOf(o) === namespace && !ignore(o)).map((o) => o.metadata.name),
  );
  const first = dnsLabel(base);
  if (!taken.has(first)) return first;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = `${dnsLabel(base, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

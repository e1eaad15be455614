// Results of a check kept from one review to the next (the review worker's session): a toggle
// changes one namespace's policies, so a check whose findings about a namespace depend only on that
// namespace's objects and a few shared ones (named by the check) keeps them for every namespace
// whose objects did not change. Keys name objects by identity and place in the manifest list, so a
// kept finding's references (manifest indices) are still right; locations are looked up anew.
import type { KubeObject } from '../../model/types.ts';

export interface KeptResults {
  /** What the last review (or this one) kept under `check` and `key`, else `compute()`, kept for the next. */
  take<T>(check: string, key: string, compute: () => T): T;
  /** Whether `take` would find a value for `check` and `key` (without keeping it). */
  has(check: string, key: string): boolean;
  /** Called as a review starts: what the last review did not use is let go. */
  nextReview(): void;
}

export function keptResults(): KeptResults {
  let current = new Map<string, unknown>();
  let previous = new Map<string, unknown>();
  return {
    take<T>(check: string, key: string, compute: () => T): T {
      const k = `${check}\u0000${key}`;
      if (current.has(k)) return current.get(k) as T;
      const value = previous.has(k) ? (previous.get(k) as T) : compute();
      current.set(k, value);
      return value;
    },
    has(check: string, key: string): boolean {
      const k = `${check}\u0000${key}`;
      return current.has(k) || previous.has(k);
    },
    nextReview() {
      previous = current;
      current = new Map();
    },
  };
}

const ids = new WeakMap<object, number>();
let nextId = 0;
/** A number per object, the same for the same object (objects of a design are never changed in place). */
const identity = (o: object): number => {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++nextId));
  return id;
};

export interface NamespaceKeys {
  /** The objects of each namespace (metadata.namespace), each as identity@index, in order. */
  byNamespace: ReadonlyMap<string, string>;
  /** The same for objects without a namespace (Namespaces, admin policies, Nodes, objects defaulting to `default`). */
  clusterScoped: string;
}

const keysCache = new WeakMap<readonly KubeObject[], NamespaceKeys>();

/** The objects of a manifest set by namespace, as keys (once per manifest set). */
export function namespaceKeys(objects: readonly KubeObject[]): NamespaceKeys {
  const cached = keysCache.get(objects);
  if (cached) return cached;
  const parts = new Map<string, string[]>();
  const scoped: string[] = [];
  objects.forEach((o, i) => {
    const ns = o.metadata.namespace;
    const item = `${identity(o)}@${i}`;
    if (typeof ns !== 'string' || ns === '') {
      scoped.push(item);
      return;
    }
    const list = parts.get(ns);
    if (list) list.push(item);
    else parts.set(ns, [item]);
  });
  const keys = { byNamespace: new Map([...parts].map(([ns, list]) => [ns, list.join(',')])), clusterScoped: scoped.join(',') };
  keysCache.set(objects, keys);
  return keys;
}

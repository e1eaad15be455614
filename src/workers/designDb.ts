// Autosave storage that holds a design of any size: IndexedDB (localStorage stops at about 5 MB).
// Used by the page (src/ui/persistence.ts) and by the import worker, which reads the held part of a
// large design back itself (src/workers/import.worker.ts), so the page never decodes it in one task.
// A small wrapper, no dependency: one database, one object store, values stored by structured
// clone (no JSON text of a 60 MB design on the page's thread). Every call resolves, never throws:
// undefined / false say the browser refused (private mode, quota, blocked).
const DB_NAME = 'netpol-designer';
const STORE = 'designs';

let opening: Promise<IDBDatabase | undefined> | undefined;

function open(): Promise<IDBDatabase | undefined> {
  if (opening) return opening;
  opening = new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(undefined);
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return opening;
}

export async function dbGet<T>(key: string): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      req.onsuccess = () => resolve(req.result as T | undefined);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Runs one read-write transaction (all or none); the error message when it failed. */
async function write(apply: (store: IDBObjectStore) => void, what: 'write' | 'delete'): Promise<string | undefined> {
  const db = await open();
  if (!db) return 'the browser does not allow IndexedDB here';
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(STORE, 'readwrite');
      apply(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(undefined);
      tx.onerror = () => resolve(tx.error?.message ?? `the ${what} failed`);
      tx.onabort = () => resolve(tx.error?.message ?? (what === 'write' ? 'the write was aborted (storage full?)' : 'the delete was aborted'));
    } catch (error) {
      resolve(error instanceof Error ? error.message : String(error));
    }
  });
}

/** Stores several values in one transaction (all or none); the error message when it failed. */
export function dbPut(entries: Record<string, unknown>): Promise<string | undefined> {
  return write((store) => {
    for (const [key, value] of Object.entries(entries)) store.put(value, key);
  }, 'write');
}

/**
 * Stores `entries`, and in the same transaction `guarded.entries` unless the value under
 * `guarded.key` already is `guarded.value` (then it is set to it): read within the transaction, so
 * that no other tab's write comes between the check and the writes. The error message when it failed.
 */
export function dbPutGuarded(entries: Record<string, unknown>, guarded: { key: string; value: string; entries: Record<string, unknown> }): Promise<string | undefined> {
  return write((store) => {
    const mark = store.get(guarded.key);
    mark.onsuccess = () => {
      if (mark.result === guarded.value) return;
      for (const [key, value] of Object.entries(guarded.entries)) store.put(value, key);
      store.put(guarded.value, guarded.key);
    };
    for (const [key, value] of Object.entries(entries)) store.put(value, key);
  }, 'write');
}

/** The values of these keys, read in one transaction (undefined when IndexedDB is not available). */
export async function dbGetMany(keys: readonly string[]): Promise<unknown[] | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const reqs = keys.map((k) => store.get(k));
      tx.oncomplete = () => resolve(reqs.map((r) => r.result as unknown));
      tx.onerror = () => resolve(undefined);
      tx.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Deletes these keys in one transaction; the error message when it failed. */
export async function dbDelete(keys: readonly string[]): Promise<string | undefined> {
  if (keys.length === 0) return undefined;
  return write((store) => {
    for (const key of keys) store.delete(key);
  }, 'delete');
}

/** The keys stored (empty when IndexedDB is not available). */
export async function dbKeys(): Promise<string[]> {
  const db = await open();
  if (!db) return [];
  return new Promise((resolve) => {
    try {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).getAllKeys();
      req.onsuccess = () => resolve(req.result.filter((k): k is string => typeof k === 'string'));
      req.onerror = () => resolve([]);
    } catch {
      resolve([]);
    }
  });
}

// A small kubectl List (what `kubectl get -A -o yaml|json` prints, under the large-import size) as
// the editor should hold it: one document per object, without what the server and kubectl added.
// Kept as the List, the editor showed every managedFields entry and status, and the first change
// rewrote the whole text as documents (the editor's view jumped, ~125 ms of setValue at 200 pods).
// Written by emitYaml, every document is then what the emitter writes for its object, so a change
// rewrites only the documents it changes (src/model/emitCache.ts keeps the others as they are).
// Pure: runs in the import worker (src/workers/import.worker.ts) and in tests.
import { emitYaml } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';
import { parseKubectlManifests } from './manifests.ts';
import { LAST_APPLIED } from './slim.ts';
import { splitStream } from './split.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** metadata the API server writes: never part of what anyone applies (a stale resourceVersion even makes an apply fail). */
const SERVER_METADATA = ['managedFields', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink'] as const;

/** status fields the model reads (src/model/normalize.ts, admin.ts): the addresses policies are judged on. */
const KEPT_STATUS: Record<string, readonly string[]> = { Pod: ['podIP', 'podIPs', 'hostIP', 'hostIPs'], Node: ['addresses'] };

/** The names of the fields removed, in the order a notice lists them. */
export const REMOVED_FIELDS = [...SERVER_METADATA, LAST_APPLIED, 'status'] as const;
export type RemovedField = (typeof REMOVED_FIELDS)[number];

export interface ListDocuments {
  /** The objects as YAML documents, without the removed fields. */
  text: string;
  objects: number;
  /** The fields removed from at least one object (REMOVED_FIELDS' order); `status` also when only part of it went. */
  removed: RemovedField[];
}

/** The object without what the server and kubectl added; `removed` collects the names of the fields taken out. */
export function withoutServerFields(object: KubeObject, removed: Set<RemovedField>): KubeObject {
  const raw = object as unknown as Obj;
  const out: Obj = { ...raw };
  if (isObj(raw.metadata)) {
    const meta: Obj = { ...raw.metadata };
    for (const key of SERVER_METADATA) {
      if (!(key in meta)) continue;
      delete meta[key];
      removed.add(key);
    }
    if (isObj(meta.annotations) && LAST_APPLIED in meta.annotations) {
      const { [LAST_APPLIED]: _copy, ...rest } = meta.annotations;
      removed.add(LAST_APPLIED);
      if (Object.keys(rest).length > 0) meta.annotations = rest;
      else delete meta.annotations;
    }
    out.metadata = meta;
  }
  if ('status' in raw) {
    const status = raw.status;
    const kept: Obj = {};
    for (const key of KEPT_STATUS[object.kind] ?? []) if (isObj(status) && status[key] !== undefined) kept[key] = status[key];
    const all = isObj(status) && Object.keys(kept).length === Object.keys(status).length;
    if (!all) removed.add('status');
    if (Object.keys(kept).length > 0) out.status = kept;
    else delete out.status;
  }
  return out as unknown as KubeObject;
}

/** Whether the text is one kubectl List and nothing else (a comment, another document, would be lost). */
function isOneList(text: string): boolean {
  if (/^\uFEFF?\s*\{/.test(text)) {
    try {
      const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
      return isObj(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
    } catch {
      return false;
    }
  }
  if (/^\s*#/m.test(text)) return false;
  const pieces = splitStream(text);
  return pieces.length > 0 && pieces.every((p) => p.list !== undefined);
}

/**
 * The List's objects as documents, or undefined when the text is not one kubectl List, or has a
 * problem the parser reports (then it is imported as it is, and the problems point into the file).
 */
export function listAsDocuments(text: string, file: string): ListDocuments | undefined {
  if (!isOneList(text)) return undefined;
  const parsed = parseKubectlManifests([{ name: file, text }]);
  if (parsed.manifests.length === 0 || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const removed = new Set<RemovedField>();
  const objects = parsed.manifests.map((m) => withoutServerFields(m.object, removed));
  return { text: emitYaml(objects), objects: objects.length, removed: REMOVED_FIELDS.filter((f) => removed.has(f)) };
}

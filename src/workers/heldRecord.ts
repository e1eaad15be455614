// The held part of an autosaved design as stored in IndexedDB (src/workers/designDb.ts), one record
// per held part under a key of its own id. The import worker writes the record of a large import
// itself, when the page's first autosave after it asks: the page's thread never copies 24,000 objects into
// storage (a structured clone of ~1 s at 20,000 pods). The autosaved design names the id it uses;
// older versions kept one record under LEGACY_HELD_KEY, which is still read.
import type { ImportedDesign } from '../import/index.ts';
import type { KubeObject } from '../model/types.ts';
import type { HeldPart } from './held.ts';
import type { WrittenText } from './heldStore.ts';

/** The single key older versions stored the held part under (with its id inside). */
export const LEGACY_HELD_KEY = 'held';

export const heldKey = (id: string): string => `held:${id}`;

/** A new id for a held part: unique enough for one browser's storage. */
export const newHeldId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export interface HeldRecord {
  id: string;
  held: HeldPart;
  /**
   * Written by the import: the indexes of held objects it did not validate without a diagnostic
   * (the others need no validation again when the design is read back), and the editor text it
   * wrote with its objects (no parse when the autosaved text is still that text).
   */
  unchecked?: number[];
  written?: WrittenText;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isHeldPart(v: unknown): v is HeldPart {
  return isRecord(v) && typeof v.file === 'string' && typeof v.chars === 'number' && Array.isArray(v.objects) && Array.isArray(v.lines) && typeof v.header === 'string';
}

/** The stored value as a held record with this id, or undefined (another part, or not that shape). */
export function readHeldRecord(value: unknown, id: string): HeldRecord | undefined {
  if (!isRecord(value) || value.id !== id || !isHeldPart(value.held)) return undefined;
  const unchecked = Array.isArray(value.unchecked) && value.unchecked.every((i) => typeof i === 'number') ? (value.unchecked as number[]) : undefined;
  const w = value.written;
  const written = isRecord(w) && typeof w.text === 'string' && Array.isArray(w.objects) ? { text: w.text, objects: w.objects as KubeObject[] } : undefined;
  return { id, held: value.held, ...(unchecked ? { unchecked } : {}), ...(written ? { written } : {}) };
}

/** The held part of an imported design, with its remarks (warnings with the file's lines). */
export function importedHeldPart(d: ImportedDesign): HeldPart {
  const remarks = d.diagnostics.filter((x) => x.severity !== 'error');
  return { file: d.file, chars: d.chars, objects: d.held, lines: d.heldLines, header: d.header, ...(remarks.length > 0 ? { remarks } : {}) };
}

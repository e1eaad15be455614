// The autosave's record in IndexedDB keeps the design's text apart: the text is written only when
// it changed, the rest (positions, panels, theme...) at every save. IndexedDB copies a value on the
// page's thread when it is put (~5 ms at a 2 MB text, tens to hundreds of ms at 17 MB), so moving a
// node or switching a panel no longer copies the whole text. The record names its text by an id,
// and the id stored beside the text says which text is there (both are written in one transaction).

export interface StoredText {
  text: string;
  draft?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The record without its text (it names the text `textId` instead), and the text. */
export function splitSaved<T extends StoredText>(saved: T, textId: string): { record: Omit<T, 'text' | 'draft'> & { textId: string }; text: StoredText } {
  const { text, draft, ...rest } = saved;
  return { record: { ...rest, textId }, text: draft === undefined ? { text } : { text, draft } };
}

/**
 * The stored record with its text again, as read: `textMark` is the id stored beside `text`. A
 * record of older versions holds its text and is returned as it is; a record whose text is not the
 * one stored is not returned (undefined).
 */
export function joinSaved(record: unknown, textMark: unknown, text: unknown): unknown {
  if (!isRecord(record) || typeof record.text === 'string') return record;
  if (typeof record.textId !== 'string' || record.textId !== textMark || !isRecord(text) || typeof text.text !== 'string') return undefined;
  const { textId: _textId, ...rest } = record;
  return { ...rest, text: text.text, ...(typeof text.draft === 'string' ? { draft: text.draft } : {}) };
}

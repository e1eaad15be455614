import { describe, expect, it } from 'vitest';
import { joinSaved, splitSaved } from './savedText.ts';

describe('the autosave record and its text apart', () => {
  const saved = { v: 1 as const, text: 'kind: Namespace\n', draft: 'kind: [', positions: { a: { x: 1, y: 2 } } };

  it('comes back whole when the text stored is the record\'s', () => {
    const { record, text } = splitSaved(saved, 't1');
    expect(record).toEqual({ v: 1, positions: { a: { x: 1, y: 2 } }, textId: 't1' });
    expect(joinSaved(record, 't1', text)).toEqual(saved);
    const { draft: _draft, ...noDraft } = saved;
    const plain = splitSaved(noDraft, 't2');
    expect(plain.text).toEqual({ text: saved.text });
    expect(joinSaved(plain.record, 't2', plain.text)).toEqual(noDraft);
  });

  it('is not returned with a text that is not its own', () => {
    const mine = splitSaved(saved, 't1');
    const other = splitSaved({ ...saved, text: 'kind: Service\n' }, 't2');
    expect(joinSaved(mine.record, 't2', other.text)).toBeUndefined();
    expect(joinSaved(mine.record, undefined, undefined)).toBeUndefined();
    expect(joinSaved(mine.record, 't1', undefined)).toBeUndefined();
  });

  it('reads a record of older versions, which holds its text, as it is', () => {
    expect(joinSaved(saved, undefined, undefined)).toBe(saved);
    expect(joinSaved(saved, 't9', { text: 'other' })).toBe(saved);
    expect(joinSaved(undefined, 't1', { text: 'x' })).toBeUndefined();
  });
});

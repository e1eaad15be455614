// The held record as stored in IndexedDB: read back only when it is the part asked for, in shape.
import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { importLarge } from '../import/index.ts';
import { heldKey, importedHeldPart, newHeldId, readHeldRecord } from './heldRecord.ts';

describe('held records', () => {
  const r = importLarge(kubectlDump({ pods: 30, seed: 2 }).text, 'cluster.yaml');
  if (!r.ok) throw new Error('import failed');
  const d = r.design;
  const held = importedHeldPart(d);

  it('keep the held part of an import as the page builds it, with what the import checked and wrote', () => {
    expect(held.file).toBe('cluster.yaml');
    expect(held.objects).toBe(d.held);
    expect(held.lines).toBe(d.heldLines);
    const id = newHeldId();
    const stored = structuredClone({ id, held, unchecked: [1, 2], written: { text: d.text, objects: d.shown } });
    const back = readHeldRecord(stored, id);
    expect(back?.held.objects).toEqual(d.held);
    expect(back?.unchecked).toEqual([1, 2]);
    expect(back?.written?.text).toBe(d.text);
    expect(back?.written?.objects).toEqual(d.shown);
  });

  it('refuse another part, a broken shape, and leave out broken extras', () => {
    const id = newHeldId();
    expect(readHeldRecord({ id, held }, 'other')).toBeUndefined();
    expect(readHeldRecord({ id, held: { ...held, objects: 'x' } }, id)).toBeUndefined();
    expect(readHeldRecord(undefined, id)).toBeUndefined();
    const back = readHeldRecord({ id, held, unchecked: ['a'], written: { text: 1 } }, id);
    expect(back).toEqual({ id, held });
    expect(heldKey(id)).not.toBe(heldKey(newHeldId()));
  });
});

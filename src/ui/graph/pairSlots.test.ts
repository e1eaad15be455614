import { describe, expect, it } from 'vitest';
import type { GPair, NodeKey } from '../../workers/analysis.ts';
import { NOT_SHOWN, pairSlots } from './pairSlots.ts';

const conn = { all: true, byProtocol: { TCP: [], UDP: [], SCTP: [] } };
const pair = (from: NodeKey, to: NodeKey): GPair => ({ from, to, conn, intent: 'intended', tier: 'NetworkPolicy' });

describe('pair slots', () => {
  it('puts pairs between the same shown nodes in one slot, remembers it, and starts over when the drawing changes', () => {
    const collapsed = new Map<NodeKey, NodeKey>([['wl:a/x', 'ns:a'], ['wl:a/y', 'ns:a'], ['wl:b/z', 'ns:b']]);
    const p1 = pair('wl:a/x', 'wl:b/z');
    const p2 = pair('wl:a/y', 'wl:b/z');
    const p3 = pair('wl:a/x', 'wl:a/y');
    const p4 = pair('wl:a/x', 'wl:c/gone');
    const s = pairSlots(collapsed);
    expect(s.slot(p1)).toBe(s.slot(p2));
    expect(s.ends[s.slot(p1)]).toEqual({ from: 'ns:a', to: 'ns:b' });
    expect(s.ends[s.slot(p3)]).toEqual({ from: 'ns:a', to: 'ns:a' });
    expect(s.slot(p4)).toBe(NOT_SHOWN);
    // The tag stays out of copies and of equality.
    expect({ ...p1 }).toEqual(pair('wl:a/x', 'wl:b/z'));
    expect(Object.keys(p1)).toEqual(['from', 'to', 'conn', 'intent', 'tier']);
    // The same drawing (another map, same entries): the same slots.
    const again = pairSlots(new Map(collapsed));
    expect(again.slot(p2)).toBe(s.slot(p1));
    // Another drawing (namespace a expanded): slots of the old one are not used.
    const expanded = new Map<NodeKey, NodeKey>([['wl:a/x', 'wl:a/x'], ['wl:a/y', 'wl:a/y'], ['wl:b/z', 'ns:b']]);
    const e = pairSlots(expanded);
    expect(e.ends[e.slot(p1)]).toEqual({ from: 'wl:a/x', to: 'ns:b' });
    expect(e.ends[e.slot(p2)]).toEqual({ from: 'wl:a/y', to: 'ns:b' });
    expect(e.slot(p1)).not.toBe(e.slot(p2));
    expect(e.ends[e.slot(p3)]).toEqual({ from: 'wl:a/x', to: 'wl:a/y' });
  });
});

// Objects sent as a patch come out as the objects on the other side.
import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../design/allowRules.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import type { KubeObject } from '../model/types.ts';
import { decodeObjects, encodeObjects } from './objectsPatch.ts';

describe('objects sent as a patch', () => {
  it('rebuilds switches on and off, an edit in place and a removal, sending only the changed objects', () => {
    const page0 = setAllowRule(baseCluster(), 'defaultDenyIngress', { namespace: 'shop' }, true, DEFAULT_SETTINGS);
    let worker: KubeObject[] = structuredClone(page0);
    let page = page0;
    const changes: ((o: KubeObject[]) => KubeObject[])[] = [
      (o) => setAllowRule(o, 'sameNamespace', { namespace: 'shop' }, true, DEFAULT_SETTINGS),
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, false, DEFAULT_SETTINGS),
      (o) => o.map((x, i) => (i === 3 ? { ...x, metadata: { ...x.metadata, labels: { edited: 'yes' } } } : x)),
      (o) => o.filter((_, i) => i !== 0),
    ];
    for (const change of changes) {
      const next = change(page);
      const encoded = encodeObjects(next, page)!;
      expect(encoded.middle.length).toBeLessThanOrEqual(1);
      worker = decodeObjects(encoded.patch, structuredClone(encoded.middle), worker)!;
      expect(worker).toEqual(next);
      page = next;
    }
    expect(decodeObjects({ baseLength: 3, prefix: 1, suffix: 1 }, [], worker)).toBeUndefined();
    expect(encodeObjects(structuredClone(page), page)).toBeUndefined();
  });
});

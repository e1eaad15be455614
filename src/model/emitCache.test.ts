// The worker's YAML memory (issue 12): the text must be byte for byte what emitYaml writes, and a
// toggle must write only the objects it changed (the rest come through the objects patch unchanged).
import { describe, expect, it } from 'vitest';
import { setAllowRule } from '../design/allowRules.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { decodeObjects, encodeObjects } from '../workers/objectsPatch.ts';
import { emitYaml } from './emit.ts';
import { yamlCache } from './emitCache.ts';
import type { KubeObject } from './types.ts';

describe('yamlCache', () => {
  it('writes what emitYaml writes, and after a toggle only the changed objects', () => {
    const cache = yamlCache();
    const settings = DEFAULT_SETTINGS;
    let page = baseCluster();
    // The worker holds copies, patched as the page sends them (identity kept for unchanged objects).
    let worker: KubeObject[] = structuredClone(page);
    expect(cache.emit(worker)).toBe(emitYaml(worker));
    expect(cache.written()).toBe(worker.length);
    const steps: ((o: KubeObject[]) => KubeObject[])[] = [
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, true, settings),
      (o) => setAllowRule(o, 'sameNamespace', { namespace: 'other' }, true, settings),
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, false, settings),
      (o) => o.filter((_, i) => i !== 1),
    ];
    for (const step of steps) {
      const next = step(page);
      const encoded = encodeObjects(next, page)!;
      worker = decodeObjects(encoded.patch, structuredClone(encoded.middle), worker)!;
      page = next;
      expect(cache.emit(worker)).toBe(emitYaml(worker));
      expect(cache.written()).toBe(encoded.middle.length);
    }
    expect(cache.emit([])).toBe(emitYaml([]));
  });

  it('writes each object as emitYaml does, quoting and order included', () => {
    const odd: KubeObject = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { namespace: 'x', name: 'odd', labels: { a: 'on', b: '<<', c: '1.0' } },
      data: { empty: '', list: [] as unknown as string, nested: { no: 'no' } as unknown as string },
    } as KubeObject;
    const cache = yamlCache();
    const list = [odd, baseCluster()[0]!, odd];
    expect(cache.emit(list)).toBe(emitYaml(list));
    // The same object twice is written once.
    expect(cache.written()).toBe(2);
  });
});

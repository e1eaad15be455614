import { describe, expect, it } from 'vitest';
import { isLarge, LARGE_DOCUMENT, skippingProxy } from './largeDocument.ts';

interface YamlWorker {
  doValidation(uri: string): Promise<unknown[]>;
  getFoldingRanges(uri: string): Promise<unknown[] | undefined>;
  findLinks(uri: string): Promise<unknown[]>;
  doHover(uri: string, at: number): Promise<string>;
}

describe('largeDocument', () => {
  it('a document is large past LARGE_DOCUMENT characters', () => {
    expect(isLarge([LARGE_DOCUMENT])).toBe(false);
    expect(isLarge([10, LARGE_DOCUMENT + 1])).toBe(true);
  });

  it('answers the whole-document requests itself and passes the others to the worker', async () => {
    const asked: string[] = [];
    const worker: YamlWorker = {
      doValidation: async () => (asked.push('doValidation'), [{ message: 'x' }]),
      getFoldingRanges: async () => (asked.push('getFoldingRanges'), [{ start: 1, end: 2 }]),
      findLinks: async () => (asked.push('findLinks'), [{}]),
      doHover: async (_uri, at) => (asked.push('doHover'), `hover at ${at}`),
    };
    let synced = 0;
    const proxy = skippingProxy<YamlWorker>(async () => (synced++, worker));
    // Awaiting the proxy gives the proxy (it is not a promise), as monaco-yaml does with the worker.
    expect(await Promise.resolve(proxy)).toBe(proxy);
    expect(await proxy.doValidation('u')).toEqual([]);
    expect(await proxy.getFoldingRanges('u')).toBeUndefined();
    expect(await proxy.findLinks('u')).toEqual([]);
    expect(synced).toBe(0);
    expect(await proxy.doHover('u', 7)).toBe('hover at 7');
    expect(asked).toEqual(['doHover']);
    expect(synced).toBe(1);
  });
});

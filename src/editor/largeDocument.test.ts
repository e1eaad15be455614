import { describe, expect, it } from 'vitest';
import { isLarge, LARGE_DOCUMENT, limitingProxy, MAX_YIELD_MS, PROMPT_VALIDATION, settleMs, SYNTAX_LIMIT, type DocumentState } from './largeDocument.ts';

interface YamlWorker {
  doValidation(uri: string): Promise<unknown[]>;
  getFoldingRanges(uri: string): Promise<unknown[] | undefined>;
  findLinks(uri: string): Promise<unknown[]>;
  doHover(uri: string, at: number): Promise<string>;
}

/** A worker that records what it was asked, and a document whose state the test changes. */
function setup(length: number, busyFor = 0) {
  const asked: string[] = [];
  const worker: YamlWorker = {
    doValidation: async () => (asked.push('doValidation'), [{ message: 'x' }]),
    getFoldingRanges: async () => (asked.push('getFoldingRanges'), [{ start: 1, end: 2 }]),
    findLinks: async () => (asked.push('findLinks'), [{}]),
    doHover: async (_uri, at) => (asked.push('doHover'), `hover at ${at}`),
  };
  const doc: DocumentState = { length, version: 1 };
  let clock = 0;
  const waits: number[] = [];
  /** Edits that land while a wait runs (by the clock at its end). */
  const edits: number[] = [];
  let synced = 0;
  const proxy = limitingProxy<YamlWorker>(async () => (synced++, worker), {
    state: () => ({ ...doc }),
    busy: () => clock < busyFor,
    wait: async (ms) => {
      waits.push(ms);
      clock += ms;
      while (edits.length > 0 && edits[0]! <= clock) (edits.shift(), doc.version++);
    },
  });
  return { asked, proxy, waits, edits, synced: () => synced };
}

describe('largeDocument', () => {
  it('a document is large past LARGE_DOCUMENT characters', () => {
    expect(isLarge([LARGE_DOCUMENT])).toBe(false);
    expect(isLarge([10, LARGE_DOCUMENT + 1])).toBe(true);
  });

  it('answers the whole-document requests itself on a large document and passes the others to the worker', async () => {
    const { asked, proxy, synced } = setup(LARGE_DOCUMENT + 1);
    // Awaiting the proxy gives the proxy (it is not a promise), as monaco-yaml does with the worker.
    expect(await Promise.resolve(proxy)).toBe(proxy);
    expect(await proxy.doValidation('u')).toEqual([]);
    expect(await proxy.getFoldingRanges('u')).toBeUndefined();
    expect(await proxy.findLinks('u')).toEqual([]);
    expect(synced()).toBe(0);
    expect(await proxy.doHover('u', 7)).toBe('hover at 7');
    expect(asked).toEqual(['doHover']);
    expect(synced()).toBe(1);
  });

  it('past SYNTAX_LIMIT folding ranges and links are not asked, validation still is', async () => {
    const { asked, proxy } = setup(SYNTAX_LIMIT + 1);
    expect(await proxy.getFoldingRanges('u')).toBeUndefined();
    expect(await proxy.findLinks('u')).toEqual([]);
    expect(await proxy.doValidation('u')).toEqual([{ message: 'x' }]);
    expect(asked).toEqual(['doValidation']);
  });

  it('a small text is validated and folded by the worker without waiting', async () => {
    const { asked, proxy, waits } = setup(PROMPT_VALIDATION);
    expect(await proxy.doValidation('u')).toEqual([{ message: 'x' }]);
    expect(await proxy.getFoldingRanges('u')).toEqual([{ start: 1, end: 2 }]);
    expect(waits).toEqual([]);
    expect(asked).toEqual(['doValidation', 'getFoldingRanges']);
  });

  it('the settle time grows with the text', () => {
    expect(settleMs(PROMPT_VALIDATION)).toBe(0);
    expect(settleMs(128 * 1024)).toBeGreaterThan(0);
    expect(settleMs(250 * 1024)).toBeGreaterThan(settleMs(128 * 1024));
  });

  it('a larger text is validated after its settle time, once the app is no longer busy', async () => {
    const length = 200 * 1024;
    const { asked, proxy, waits } = setup(length, settleMs(length) + 600);
    expect(await proxy.doValidation('u')).toEqual([{ message: 'x' }]);
    expect(waits[0]).toBe(settleMs(length));
    expect(waits.length).toBe(4); // the settle time, then three polls until the app is idle
    expect(asked).toEqual(['doValidation']);
  });

  it('a busy app delays validation by at most MAX_YIELD_MS', async () => {
    const { asked, proxy, waits } = setup(200 * 1024, Infinity);
    await proxy.doValidation('u');
    expect(waits.slice(1).reduce((a, b) => a + b, 0)).toBe(MAX_YIELD_MS);
    expect(asked).toEqual(['doValidation']);
  });

  it('a change while validation waits means the worker is not asked (the newer change is validated)', async () => {
    const length = 200 * 1024;
    const { asked, proxy, edits } = setup(length);
    edits.push(settleMs(length) - 1);
    expect(await proxy.doValidation('u')).toEqual([]);
    expect(asked).toEqual([]);
    // The same while it gives way to a busy app.
    const busy = setup(length, settleMs(length) + 1000);
    busy.edits.push(settleMs(length) + 500);
    expect(await busy.proxy.doValidation('u')).toEqual([]);
    expect(busy.asked).toEqual([]);
  });
});

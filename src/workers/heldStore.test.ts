import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types.ts';
import { heldStore, type HeldPortMessage } from './heldStore.ts';

const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const ref = (count: number) => ({ count, file: 'dump.yaml', lines: Array.from({ length: count }, (_, i) => i + 1), header: '# h\n' });

describe('heldStore', () => {
  it('keeps the objects a request brings in full, for the next request that brings only the reference', () => {
    const store = heldStore();
    const objects = [ns('a'), ns('b')];
    expect(store.resolve({ ...ref(2), objects }).objects).toBe(objects);
    expect(store.ready(ref(2))).toBe(true);
    expect(store.resolve(ref(2)).objects).toBe(objects);
    // A held part shrunk to a prefix (a fix moved a held object to the editor) still resolves.
    expect(store.resolve(ref(1)).objects.slice(0, 1)).toEqual([ns('a')]);
  });

  it('fails loudly when a reference names more objects than it keeps', () => {
    const store = heldStore();
    expect(() => store.resolve(ref(1))).toThrow(/does not hold/);
    store.resolve({ ...ref(1), objects: [ns('a')] });
    expect(() => store.resolve(ref(2))).toThrow(/does not hold/);
  });

  it('receives the objects from a port in slices; a reference waits until the end arrives', async () => {
    const store = heldStore();
    const channel = new MessageChannel();
    let completed = 0;
    const done = new Promise<void>((resolve) =>
      store.receive(channel.port2, () => {
        completed++;
        resolve();
      }),
    );
    expect(store.ready(ref(3))).toBe(false);
    // Requests in full, or without a held part, need not wait.
    expect(store.ready(undefined)).toBe(true);
    expect(store.ready({ ...ref(1), objects: [ns('x')] })).toBe(true);
    const send = (m: HeldPortMessage) => channel.port1.postMessage(m);
    send({ objects: [ns('a'), ns('b')], unchecked: [1] });
    send({ objects: [ns('c')], unchecked: 'all' });
    send({ written: { text: '# header\n', objects: [ns('shown')] } });
    send({ end: true });
    await done;
    expect(completed).toBe(1);
    expect(store.ready(ref(3))).toBe(true);
    const kept = store.resolve(ref(3)).objects;
    expect(kept.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    // Only what the import validated without a diagnostic counts as validated.
    expect(kept.map((o) => store.checked().has(o))).toEqual([true, false, false]);
    // The written text's objects, for that text only.
    expect(store.written('# header\n')?.map((o) => o.metadata.name)).toEqual(['shown']);
    expect(store.written('# header\nedited')).toBeUndefined();
    channel.port1.close();
  });

  it('a request in full while a port is still delivering replaces it (the import was cancelled)', async () => {
    const store = heldStore();
    const channel = new MessageChannel();
    let completed = false;
    store.receive(channel.port2, () => (completed = true));
    const objects = [ns('z')];
    store.resolve({ ...ref(1), objects });
    channel.port1.postMessage({ objects: [ns('late')], unchecked: 'all' } satisfies HeldPortMessage);
    channel.port1.postMessage({ end: true } satisfies HeldPortMessage);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(completed).toBe(false);
    expect(store.resolve(ref(1)).objects).toBe(objects);
    channel.port1.close();
  });
});

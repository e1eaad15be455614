// The held objects of a large import (src/workers/held.ts), kept by the analysis worker so they
// cross the page's thread once at most. A 20,000-pod import holds 24,000 objects: copying them from
// the page with every request (the import's first analysis, each pause in typing) was a structured
// clone of 1-1.5 s on the page's thread. The import worker sends them here itself through a
// MessagePort (the page never serializes them), or a request brings them once in full; later
// requests carry only the HeldRef. Pure bookkeeping: no DOM, no model code.
import type { KubeObject } from '../model/types.ts';
import type { HeldPayload, HeldRef } from './held.ts';

/**
 * What the import worker posts on the port: slices of the held objects in order (`unchecked`: the
 * indexes in the slice of those the import did not validate without a diagnostic, 'all' when not known), the editor text
 * it wrote with the objects it holds (only when all validated without a diagnostic), then the end.
 */
export type HeldPortMessage = { objects: KubeObject[]; unchecked: number[] | 'all' } | { written: WrittenText } | { end: true };

/** The editor text a large import wrote and the objects it holds, in order (the same as parsing it gives). */
export interface WrittenText {
  /** The header comment, then one document per object (its YAML alone) between `---` lines (src/workers/seedWritten.ts relies on it). */
  text: string;
  objects: KubeObject[];
}

/** A request's held part: in full, or only its reference when this worker keeps the objects. */
export type HeldInRequest = HeldPayload | HeldRef;

export const carriesObjects = (held: HeldInRequest): held is HeldPayload => 'objects' in held;

export interface HeldStore {
  /** The objects kept, once all have arrived (undefined while a port is still delivering them). */
  objects(): KubeObject[] | undefined;
  /** Whether a request with this held part can be answered now (else it waits for the port). */
  ready(held: HeldInRequest | undefined): boolean;
  /** The held part with its objects: the request's own (kept for the next), or the kept ones. */
  resolve(held: HeldInRequest): HeldPayload;
  /** Starts receiving objects from a port; `onComplete` runs when the last has arrived. */
  receive(port: MessagePort, onComplete: () => void): void;
  /**
   * Held objects the import validated without a diagnostic (so a build need not validate them
   * again: at 5,000 pods that was a third of the cluster build).
   */
  checked(): WeakSet<KubeObject>;
  /**
   * The objects of `text` when it is the editor text the import wrote (they need no parse: parsing
   * the 250 KB of policies at 5,000 pods took over a second); undefined otherwise.
   */
  written(text: string): KubeObject[] | undefined;
}

export function heldStore(): HeldStore {
  let kept: KubeObject[] | undefined;
  let checked = new WeakSet<KubeObject>();
  let written: WrittenText | undefined;
  /** The port still delivering, and what it delivered so far. */
  let incoming: { port: MessagePort; objects: KubeObject[] } | undefined;
  const stopIncoming = () => {
    if (!incoming) return;
    incoming.port.onmessage = null;
    incoming.port.close();
    incoming = undefined;
  };
  return {
    objects: () => kept,
    checked: () => checked,
    written: (text) => (written && written.text === text ? written.objects : undefined),
    ready: (held) => !held || carriesObjects(held) || !incoming,
    resolve(held) {
      if (carriesObjects(held)) {
        // A request in full replaces whatever was kept or still arriving.
        stopIncoming();
        kept = held.objects;
        return held;
      }
      // The page sends a bare reference only for objects it knows are here; a mismatch is a bug,
      // and analyzing a design without its cluster would be worse than failing.
      if (!kept || kept.length < held.count) throw new Error('The analysis worker does not hold the imported objects this design refers to.');
      return { ...held, objects: kept };
    },
    receive(port, onComplete) {
      stopIncoming();
      kept = undefined;
      checked = new WeakSet();
      written = undefined;
      const mine = { port, objects: [] as KubeObject[] };
      incoming = mine;
      port.onmessage = (event: MessageEvent<HeldPortMessage>) => {
        if (incoming !== mine) return;
        const m = event.data;
        if ('objects' in m) {
          const unchecked = m.unchecked === 'all' ? undefined : new Set(m.unchecked);
          m.objects.forEach((o, i) => {
            mine.objects.push(o);
            if (unchecked && !unchecked.has(i)) checked.add(o);
          });
          return;
        }
        if ('written' in m) {
          written = m.written;
          return;
        }
        stopIncoming();
        kept = mine.objects;
        onComplete();
      };
    },
  };
}

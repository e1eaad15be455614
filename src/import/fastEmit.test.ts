// fastEmitOne must write exactly what emitOne writes (the editor text of an import is tested to be
// emitYaml's), or decline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { SAMPLES } from '../design/samples.ts';
import { emitOne } from '../model/emit.ts';
import { parseManifests } from '../model/parse.ts';
import type { KubeObject } from '../model/types.ts';
import { fastEmitOne } from './fastEmit.ts';
import { importLarge } from './index.ts';

function same(objects: readonly KubeObject[]): number {
  let written = 0;
  for (const o of objects) {
    const fast = fastEmitOne(o);
    if (fast === undefined) continue;
    written++;
    expect(fast).toBe(emitOne(o));
  }
  return written;
}

/** Strings YAML 1.1 or 1.2 reads as something else, or that need quotes or escapes. */
const AWKWARD = ['yes', 'No', 'ON', 'off', 'y', 'n', '~', 'null', 'Null', 'true', 'False', '1.0', '1e3', '0x1F', '0o17', '017', '2024-01-01', '12:30', '.inf', '-.Inf', '.nan',
  '', ' ', ' lead', 'trail ', 'a: b', 'a #b', '#c', '- x', '-', '? q', ':', '@at', '`tick', '%p', '!bang', '&amp', '*star', '|pipe', '>gt', '"dq"', "'sq'", '{a}', '[b]', ',',
  'multi\nline', 'tab\there', 'ü-ñ', '日本', '<<', '=', 'a/b.c_d-e', '0.0.0.0/0', '10.0.0.0/8', 'fd00::/8', 'x'.repeat(200), '443', '-1', '+1', 'é'];

const scalarArb = fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: false }));
const keyArb = fc.oneof(fc.constantFrom('app', 'app.kubernetes.io/name', 'a b', 'a: b', '#k', 'yes', '1', '<<', '', '__proto__', 'ports'), fc.string({ maxLength: 8 }));
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalarArb, tie('map'), tie('seq')),
  map: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  seq: fc.array(tie('value'), { maxLength: 3 }),
})).value;

describe('fastEmitOne', () => {
  it('writes the policies of kubectl dumps (an app-only namespace and a whole cluster) as emitOne does', () => {
    for (const [pods, namespaces] of [[60, 1], [600, undefined]] as const) {
      const r = importLarge(kubectlDump({ pods, seed: 3, ...(namespaces ? { namespaces } : {}) }).text, 'dump.yaml');
      if (!r.ok) throw new Error('import failed');
      expect(same(r.design.shown)).toBe(r.design.shown.length);
      // The held kinds too (Namespaces, workloads, Pods, Services): not written by the import, but the same writer.
      expect(same(r.design.held)).toBe(r.design.held.length);
    }
  });

  it('writes every sample design object as emitOne does, or declines', () => {
    for (const sample of SAMPLES) {
      const parsed = parseManifests([{ name: `${sample.id}.yaml`, text: sample.yaml }]);
      same(parsed.manifests.map((m) => m.object));
    }
  });

  it('writes awkward strings, keys and numbers as emitOne does, or declines', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'awkward', labels: Object.fromEntries(AWKWARD.map((s, i) => [`k${i}`, s])), annotations: Object.fromEntries(AWKWARD.map((s) => [s, 'v'])) },
      data: { list: AWKWARD, empty: {}, none: [], nums: [0, 1, -1, 2 ** 40, 80], items: [{}, { a: [] }, { b: { c: 'd' } }] },
    } as unknown as KubeObject;
    same([object]);
    let written = 0;
    for (const s of AWKWARD) written += same([{ apiVersion: 'v1', kind: 'X', metadata: { name: s }, spec: { s, l: [s], m: { [s]: s } } } as unknown as KubeObject]);
    // Declined: only the multi-line string and `<<`.
    expect(written).toBe(AWKWARD.length - 2);
  });

  it('writes random objects as emitOne does, or declines', () => {
    let written = 0;
    fc.assert(
      fc.property(fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 5 }), (spec) => {
        written += same([{ apiVersion: 'v1', kind: 'X', metadata: { name: 'r' }, spec } as unknown as KubeObject]);
      }),
      { numRuns: 400, seed: 19 },
    );
    // It must not decline everything.
    expect(written).toBeGreaterThan(100);
  });
});

// The first toggle after a large import: the analysis worker got the editor text with its objects
// (not parsed), and writes only the objects the toggle changed; the text still reads back as the
// design, and is what writing every object gives, byte for byte.
import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { importLargeParallel, readPieces, type ImportedDesign } from '../import/index.ts';
import { emitYaml, parseManifests, yamlCache } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { emitHeldText, type HeldRef } from './held.ts';
import { seedWrittenText } from './seedWritten.ts';

/** A dump imported as the import worker does (two readers writing the shown documents). */
async function imported(pods: number): Promise<ImportedDesign> {
  const outcome = await importLargeParallel(kubectlDump({ pods, seed: 3 }).text, 'cluster.yaml', (pieces, file, stopOnAlias, emitShown) =>
    Promise.resolve(readPieces(pieces, file, { stopOnAlias, emitShown })));
  if (!outcome.ok) throw new Error('import failed');
  return outcome.design;
}

/** The shown objects as the analysis worker receives them through the port: copies. */
const received = (d: ImportedDesign): KubeObject[] => structuredClone(d.shown);

const heldRef = (d: ImportedDesign): HeldRef => ({ count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header });

function toggle(objects: KubeObject[]): KubeObject[] {
  const policy = objects.find((o) => o.kind === 'NetworkPolicy');
  const namespace = (policy?.metadata as { namespace?: string } | undefined)?.namespace;
  if (!namespace) throw new Error('no policy');
  return setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, DEFAULT_SETTINGS);
}

describe('seedWrittenText', () => {
  it('lets the first toggle after a large import write only the objects it changed, as writing them all would', async () => {
    const d = await imported(300);
    const shown = received(d);
    expect(shown.length).toBeGreaterThan(20);
    expect(seedWrittenText({ text: d.text, objects: shown }, d.header)).toBe(true);
    const objects = toggle([...d.held, ...shown]);
    const rest = objects.slice(d.held.length);
    const changed = rest.filter((o) => !shown.includes(o)).length;
    expect(changed).toBeGreaterThan(0);
    const cache = yamlCache();
    const text = emitHeldText(objects, heldRef(d), cache.emit);
    expect(cache.written()).toBe(changed);
    // Correctness first: the same text as writing every object, and it reads back as the design.
    expect(text).toBe(`${d.header}${emitYaml(rest)}`);
    const back = parseManifests([{ name: 'editor.yaml', text }]);
    expect(back.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(back.manifests.map((m) => m.object)).toEqual(rest);
  });

  it('keeps nothing from a text that is not the header and one document per object', async () => {
    const d = await imported(40);
    // Renamed, so that no parse elsewhere holds a text of the same content: only a seed could give one.
    const renamed = (): KubeObject[] => received(d).map((o) => ({ ...o, metadata: { ...o.metadata, name: `${String(o.metadata.name)}-unseeded` } }));
    const lists = [renamed(), renamed(), renamed(), renamed()];
    // Another header; one object fewer than documents; an unterminated last document; two documents run together.
    expect(seedWrittenText({ text: d.text, objects: lists[0]! }, `${d.header}# more\n`)).toBe(false);
    expect(seedWrittenText({ text: d.text, objects: lists[1]!.slice(1) }, d.header)).toBe(false);
    expect(seedWrittenText({ text: d.text.slice(0, -1), objects: lists[2]! }, d.header)).toBe(false);
    expect(seedWrittenText({ text: d.text.replace(/\n---\n/, '\n'), objects: lists[3]! }, d.header)).toBe(false);
    const cache = yamlCache();
    cache.emit(lists.flat());
    expect(cache.written()).toBe(lists.flat().length);
  });
});

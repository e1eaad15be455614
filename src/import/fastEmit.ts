// The YAML of an imported policy as emitOne (src/model/emit.ts) writes it, without building a yaml
// Document per object: a large import writes the editor text of hundreds of policies, and the yaml
// library's Document, visit and toString took ~0.3 CPU s per reader at 5,000 pods (700 policies,
// cold: ~0.6 s in one worker). Only the layout is written here (block mappings, block sequences
// not indented under their key, `{}` and `[]` for empty ones); every distinct scalar and key is
// written once by emitOne itself and remembered, so quoting follows the same YAML 1.1 rules. What
// this does not lay out the same way for sure (a sequence in a sequence, a multi-line string, a
// float, undefined, `<<`) makes it decline: the caller uses emitOne. Tested equal to emitOne.
import { emitOne, orderFields } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';

/** Scalars and keys as emitOne writes them (a key may be written otherwise than the same value). */
const scalars = new Map<unknown, string | null>();
const keys = new Map<string, string | null>();
/** Beyond this many distinct strings the memory stops growing (a dump of random names). */
const MAX_REMEMBERED = 50_000;

const remember = <K>(map: Map<K, string | null>, key: K, value: string | null): string | null => {
  if (map.size < MAX_REMEMBERED) map.set(key, value);
  return value;
};

/** The text of `value` as a mapping value, or null when it is not one line. */
function scalar(value: string | number | boolean | null): string | null {
  const known = scalars.get(value);
  if (known !== undefined) return known;
  const text = emitOne({ k: value } as unknown as KubeObject);
  // "k: <scalar>\n" and nothing else: a block scalar (|-) or a folded line is declined.
  const one = text.startsWith('k: ') && text.indexOf('\n') === text.length - 1 ? text.slice(3, -1) : null;
  return remember(scalars, value, one);
}

function key(name: string): string | null {
  const known = keys.get(name);
  if (known !== undefined) return known;
  const text = emitOne({ [name]: 0 } as unknown as KubeObject);
  const one = text.endsWith(': 0\n') && text.indexOf('\n') === text.length - 1 && !text.startsWith('?') ? text.slice(0, -4) : null;
  return remember(keys, name, one);
}

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalarOf(v: unknown): string {
  if (v === null || typeof v === 'boolean') return scalar(v) ?? decline();
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? (scalar(v) ?? decline()) : decline();
  if (typeof v === 'string') return v === '<<' ? decline() : (scalar(v) ?? decline());
  return decline();
}

const pads: string[] = [];
const pad = (n: number): string => (pads[n] ??= ' '.repeat(n));

/** The lines of a non-empty mapping at `indent`. */
function mapping(m: Record<string, unknown>, indent: number, out: string[]): void {
  for (const name of Object.keys(m)) {
    const v = m[name];
    if (v === undefined) return decline();
    const k = `${pad(indent)}${key(name) ?? decline()}:`;
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${k} []`);
      else {
        out.push(k);
        sequence(v, indent, out);
      }
    } else if (isMap(v)) {
      if (Object.keys(v).length === 0) out.push(`${k} {}`);
      else {
        out.push(k);
        mapping(v, indent + 2, out);
      }
    } else out.push(`${k} ${scalarOf(v)}`);
  }
}

/** The lines of a non-empty sequence whose dashes are at `indent`. */
function sequence(s: readonly unknown[], indent: number, out: string[]): void {
  const dash = `${pad(indent)}- `;
  for (const v of s) {
    if (Array.isArray(v)) return decline();
    if (isMap(v)) {
      if (Object.keys(v).length === 0) out.push(`${dash}{}`);
      else {
        const first = out.length;
        mapping(v, indent + 2, out);
        // The item's first key goes on the dash's line.
        out[first] = dash + out[first]!.slice(indent + 2);
      }
    } else if (v === undefined) return decline();
    else out.push(`${dash}${scalarOf(v)}`);
  }
}

/** emitOne's text of `object`, or undefined when this writer declines it (then use emitOne). */
export function fastEmitOne(object: KubeObject): string | undefined {
  const ordered = orderFields(object) as unknown as Record<string, unknown>;
  if (Object.keys(ordered).length === 0) return undefined;
  const out: string[] = [];
  try {
    mapping(ordered, 0, out);
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
  return `${out.join('\n')}\n`;
}

// Where the fields of one document that `emitYaml` wrote are, without a YAML parser: that writer
// uses a small, regular part of YAML (block mappings and lists, a list at its key's indentation,
// plain or quoted one-line scalars, `{}` and `[]`, block scalars for text with line breaks), and
// the findings of a first review at 5,000 pods point at ~1,000 documents: parsing each with the
// YAML library was ~40% of that review. Anything outside that part (anchors, tags, comments, flow
// collections with content, keys that would not read back as the same string) answers undefined,
// and the caller parses the document. Positions follow src/model/parse.ts collectPositions: a
// field's value, or its key when the value is empty or a block collection; a list item's start.
// Tested against the parser's positions on emitted designs (locateEmitted.test.ts).
import { joinIndex, joinKey } from '../model/paths.ts';
import type { Position } from '../model/types.ts';

export interface EmittedPositions {
  /** Where the object starts (its first key), from the document's first line. */
  start: Position;
  positions: Record<string, Position>;
}

interface Line {
  /** 1-based. */
  line: number;
  indent: number;
  /** The line after its indentation. */
  text: string;
}

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/**
 * Keys that read back as the same string under YAML 1.1 (the page parses with version 1.1): no
 * numbers, booleans, nulls or anything needing quotes.
 */
const PLAIN_KEY = /^[A-Za-z_](?:[A-Za-z0-9_./:-]*[A-Za-z0-9_./-])?$/;
const SPECIAL_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
/** Starts of a value this reader does not take on: flow collections, anchors, aliases, tags, directives, comments... */
const UNSUPPORTED_VALUE_START = /^[[{&*!%@`#?,\]}]/;

export function locateEmitted(text: string): EmittedPositions | undefined {
  try {
    return locate(text);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function locate(text: string): EmittedPositions | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const body = t.trimStart();
    // Blank lines only appear inside block scalars, which skip them by indentation (kept as deep).
    lines.push({ line: i + 1, indent: body === '' ? Number.MAX_SAFE_INTEGER : t.length - body.length, text: body });
  }
  // The writer ends the document with a line break; what follows it is nothing.
  while (lines.length > 0 && lines[lines.length - 1]!.text === '') lines.pop();
  if (lines.length === 0 || lines[0]!.indent !== 0 || lines[0]!.text.startsWith('- ')) return undefined;
  const positions: Record<string, Position> = Object.create(null);
  const reader = { lines, at: 0, positions };
  readMap(reader, 0, '');
  if (reader.at !== lines.length) return undefined;
  return { start: { line: lines[0]!.line, col: 1 }, positions };
}

interface Reader {
  lines: Line[];
  at: number;
  positions: Record<string, Position>;
}

/** The key of a `key: value` or `key:` line and where its value starts (-1: none). */
/** Where a `key:` ends: the first colon followed by a space or the end of the line (-1: none). */
function keyColon(text: string): number {
  const spaced = text.indexOf(': ');
  if (spaced !== -1) return spaced;
  return text.endsWith(':') ? text.length - 1 : -1;
}

function splitKey(text: string): { key: string; valueAt: number } {
  const colon = keyColon(text);
  if (colon <= 0) return unsupported();
  const key = text.slice(0, colon);
  if (!PLAIN_KEY.test(key) || SPECIAL_WORDS.test(key)) return unsupported();
  if (colon === text.length - 1) return { key, valueAt: -1 };
  if (text[colon + 1] !== ' ' || text[colon + 2] === ' ' || colon + 2 >= text.length) return unsupported();
  return { key, valueAt: colon + 2 };
}

/** A block mapping whose keys sit at `indent` (the reader is at its first key). */
function readMap(r: Reader, indent: number, path: string): void {
  while (r.at < r.lines.length) {
    const current = r.lines[r.at]!;
    if (current.indent < indent) return;
    if (current.indent > indent || current.text.startsWith('-')) {
      // A list at its key's indentation ends the mapping only where the caller expects it.
      if (current.indent === indent && current.text.startsWith('- ')) return;
      return unsupported();
    }
    const { key, valueAt } = splitKey(current.text);
    const childPath = joinKey(path, key);
    const keyPos = { line: current.line, col: indent + 1 };
    r.at++;
    if (valueAt === -1) {
      const next = r.lines[r.at];
      if (next && next.indent > indent && next.indent !== Number.MAX_SAFE_INTEGER) {
        r.positions[childPath] = keyPos;
        if (next.text.startsWith('- ') || next.text === '-') readSeq(r, next.indent, childPath);
        else readMap(r, next.indent, childPath);
      } else if (next && next.indent === indent && (next.text.startsWith('- ') || next.text === '-')) {
        r.positions[childPath] = keyPos;
        readSeq(r, indent, childPath);
      } else {
        // `key:` and nothing: an empty value, placed at its key.
        r.positions[childPath] = keyPos;
      }
      continue;
    }
    readScalar(r, current, indent, valueAt, childPath);
  }
}

/** A one-line value (or a block scalar) of the line `current`, starting at `valueAt` of its text. */
function readScalar(r: Reader, current: Line, indent: number, valueAt: number, path: string): void {
  const value = current.text.slice(valueAt);
  r.positions[path] = { line: current.line, col: current.indent + valueAt + 1 };
  if (value === '{}' || value === '[]') return;
  if (UNSUPPORTED_VALUE_START.test(value)) return unsupported();
  if (value[0] === '|' || value[0] === '>') {
    if (!/^[|>][+-]?[1-9]?$/.test(value)) return unsupported();
    // Its content: the lines deeper than the key (and blank ones).
    while (r.at < r.lines.length && r.lines[r.at]!.indent > indent) r.at++;
    return;
  }
  checkOneLineScalar(value);
  // A plain or quoted scalar continued on the next lines would be deeper.
  const next = r.lines[r.at];
  if (next && next.indent > indent && next.indent !== Number.MAX_SAFE_INTEGER) unsupported();
  if (next && next.indent === Number.MAX_SAFE_INTEGER) unsupported();
}

/** A block list whose `- ` marks sit at `indent` (the reader is at its first item). */
function readSeq(r: Reader, indent: number, path: string): void {
  let index = 0;
  while (r.at < r.lines.length) {
    const current = r.lines[r.at]!;
    if (current.indent < indent) return;
    if (current.indent > indent) return unsupported();
    if (!current.text.startsWith('- ')) {
      // The mapping around a list at its key's indentation goes on.
      if (current.text === '-') return unsupported();
      return;
    }
    const itemPath = joinIndex(path, index++);
    const rest = current.text.slice(2);
    if (rest === '' || rest.startsWith(' ') || rest.startsWith('-')) return unsupported();
    const itemIndent = indent + 2;
    r.positions[itemPath] = { line: current.line, col: itemIndent + 1 };
    const looksLikeKey = keyColon(rest) > 0 && rest[0] !== '"' && rest[0] !== "'";
    if (looksLikeKey) {
      // A mapping item: its first key is on the `- ` line, the others below at the item's indentation.
      r.lines[r.at] = { line: current.line, indent: itemIndent, text: rest };
      readMap(r, itemIndent, itemPath);
    } else {
      const item = { line: current.line, indent: itemIndent, text: rest };
      r.at++;
      // A list item scalar: placed as a value is (readScalar's checks), at the item.
      readScalarItem(r, item, indent);
    }
  }
}

function readScalarItem(r: Reader, item: Line, indent: number): void {
  const value = item.text;
  if (value === '{}' || value === '[]') return;
  if (UNSUPPORTED_VALUE_START.test(value) || value[0] === '|' || value[0] === '>') return unsupported();
  checkOneLineScalar(value);
  const next = r.lines[r.at];
  if (next && (next.indent > indent || next.indent === Number.MAX_SAFE_INTEGER)) unsupported();
}

/** A scalar on one line this reader can place: quoted whole, or plain without a comment or a `: `. */
function checkOneLineScalar(value: string): void {
  if (value[0] === '"') {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) unsupported();
  } else if (value[0] === "'") {
    if (!/^'(?:[^']|'')*'$/.test(value)) unsupported();
  } else if (/ #|: |:$/.test(value)) unsupported();
}

// A fast reader for the YAML kubectl prints (sigs.k8s.io/yaml, go-yaml v2 output): block mappings
// and sequences, one-line plain and quoted scalars, `|`/`|-` block scalars, `{}` and `[]`. Anything
// else (anchors, aliases, tags, flow collections, multi-line or ambiguous scalars, tabs, duplicate
// keys) makes it give up on the piece, which is then read by the full parser (src/model/parse.ts):
// it never guesses. The `yaml` library reads about 1-2 MB/s; this reads kubectl output many times
// faster, and skips what the model never reads (managedFields, status but pod IPs, ...) unparsed.
//
// Scalars resolve as in YAML 1.1 (what Kubernetes reads, https://yaml.org/type/bool.html): the
// booleans y/yes/on/true..., null/~; plain decimal integers; everything that could be another type
// in YAML 1.1 (numbers in other forms, sexagesimal, timestamps) is left to the full parser.

import { joinIndex, joinKey } from '../model/paths.ts';
import type { Position } from '../model/types.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Says whether the value at `path` (keys and `#` for sequence items) is read; false: skipped. */
export type KeepFn = (path: readonly string[], root: Record<string, Json>) => boolean;

class GiveUp extends Error {}
const MAX_NESTING = 64;
const giveUp = (): never => {
  throw new GiveUp();
};

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
/** Characters a plain scalar cannot start with, or that start something this reader leaves alone. */
const INDICATOR = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '<', '=', '.', '+']);
const INT = /^-?(?:0|[1-9][0-9]*)$/;
/** Dotted numbers with two dots or more (IPv4 addresses, CIDRs, versions) are strings in YAML 1.1 as yaml reads it. */
const DOTTED = /^[0-9]+(?:\.[0-9]+){2,}(?:\/[0-9]+)?$/;
/** Fields whose values must be strings: a boolean or number there is for the full parser to warn about. */
const STRING_FIELDS = new Set(['name', 'namespace', 'generateName', 'labels', 'annotations', 'matchLabels', 'selector', 'values', 'key']);

/**
 * The plain scalars YAML 1.1 reads as numbers (https://yaml.org/type/int.html, float.html: binary,
 * octal, decimal, hex, exponent and dotted floats, base 60), as the `yaml` library's 1.1 schema
 * tests them (yaml/dist/schema/yaml-1.1/int.js, float.js, timestamp.js), and dates.
 */
const YAML11_NUMBER = [
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

/**
 * A plain scalar led by a digit that no YAML 1.1 type claims is a string: uids
 * (`07e19cfc-affa-...`, in every object kubectl prints), quantities (`500m`, `512Mi`), versions.
 * Anything a number or date form matches stays the full parser's.
 */
const digitLedString = (s: string): boolean => !YAML11_NUMBER.some((re) => re.test(s));

function plain(s: string, path: readonly string[]): Json {
  const first = s[0]!;
  if (DOTTED.test(s)) return s;
  if (NULLS.has(s)) return null;
  let value: Json;
  if (BOOL_TRUE.has(s)) value = true;
  else if (BOOL_FALSE.has(s)) value = false;
  else if (INT.test(s)) {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) giveUp();
    value = n;
  } else {
    // `--flag` and `-name` are strings; `-1.5`, `-.inf`, `- x` are not this reader's to judge.
    const dashWord = first === '-' && /^-[-A-Za-z]/.test(s);
    const digit = first >= '0' && first <= '9';
    if ((INDICATOR.has(first) && !dashWord) || (digit && !digitLedString(s)) || s.includes(': ') || s.endsWith(':') || s.includes('\t')) giveUp();
    return s;
  }
  // The full parser keeps the text of a name or label written as a boolean or number, and warns.
  if (path.slice(-2).some((key) => STRING_FIELDS.has(key))) giveUp();
  return value;
}

/** A one-line scalar (after `key: ` or `- `); `rest` has no leading spaces. */
function scalar(rest: string, path: readonly string[]): Json {
  const first = rest[0];
  if (first === '"') {
    const close = closingDoubleQuote(rest);
    if (close < 0 || !isBlankOrComment(rest.slice(close + 1))) giveUp();
    try {
      return JSON.parse(rest.slice(0, close + 1)) as string;
    } catch {
      return giveUp();
    }
  }
  if (first === "'") {
    let i = 1;
    let out = '';
    for (;;) {
      const q = rest.indexOf("'", i);
      if (q < 0) giveUp();
      out += rest.slice(i, q);
      if (rest[q + 1] === "'") {
        out += "'";
        i = q + 2;
        continue;
      }
      if (!isBlankOrComment(rest.slice(q + 1))) giveUp();
      return out;
    }
  }
  if (rest === '{}' || rest.startsWith('{} #')) return {};
  if (rest === '[]' || rest.startsWith('[] #')) return [];
  const hash = rest.indexOf(' #');
  const text = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
  if (text === '') return null;
  return plain(text, path);
}

function closingDoubleQuote(s: string, start = 0): number {
  for (let i = start + 1; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i;
  }
  return -1;
}

const isBlankOrComment = (s: string): boolean => {
  const t = s.trimStart();
  return t === '' || t[0] === '#';
};

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** Whether a plain key could be a YAML 1.1 boolean or null (all of those are 1 to 5 characters). */
const boolOrNull = (key: string): boolean => key.length <= 5 && (BOOL_TRUE.has(key) || BOOL_FALSE.has(key) || NULLS.has(key));

/**
 * A mapping key at `start` of `s` (what comes before is the indentation): the key and what follows
 * its `:`; undefined when there is no key. Indexes into the line rather than a copy of its rest, and
 * character codes rather than one-character strings: this runs for every line of a 60 MB dump.
 */
function splitKey(s: string, start = 0): { key: string; rest: string } | undefined {
  let key: string;
  let after: number;
  const first = s.charCodeAt(start);
  if (first === 34 /* " */) {
    const close = closingDoubleQuote(s, start);
    if (close < 0 || s.charCodeAt(close + 1) !== 58 /* : */) return undefined;
    try {
      key = JSON.parse(s.slice(start, close + 1)) as string;
    } catch {
      return giveUp();
    }
    after = close + 2;
  } else if (first === 39 /* ' */) {
    const close = s.indexOf("'", start + 1);
    if (close < 0 || s.charCodeAt(close + 1) !== 58) return undefined;
    key = s.slice(start + 1, close);
    after = close + 2;
  } else {
    let colon = -1;
    const end = s.length;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 58 && (i + 1 === end || s.charCodeAt(i + 1) === 32)) {
        colon = i;
        break;
      }
      if (c === 35 /* # */ && i > start && s.charCodeAt(i - 1) === 32) return undefined;
    }
    if (colon <= start) return undefined;
    key = s.slice(start, colon);
    if (INDICATOR.has(key[0]!) && key[0] !== '.' && key[0] !== '-' && key[0] !== '+') giveUp();
    // `n:`, `on:`, `~:` or `0x1:` are not string keys in YAML 1.1; plain integers print the same.
    const c0 = key.charCodeAt(0);
    const numberLike = c0 === 45 || c0 === 43 || c0 === 46 || (c0 >= 48 && c0 <= 57);
    if (boolOrNull(key) || (numberLike && !INT.test(key) && !DOTTED.test(key))) giveUp();
    if (key.charCodeAt(key.length - 1) === 32 || key.includes('\t')) giveUp();
    after = colon + 1;
  }
  if (after < s.length && s.charCodeAt(after) !== 32) return undefined;
  return { key, rest: s.slice(after).trimStart() };
}

class Reader {
  private i = 0;
  root: Record<string, Json> = {};
  /** Each line's indentation, or -1 for a line without content (blank, or only a comment); computed once. */
  private readonly indents: Int32Array;
  /**
   * `positions`: filled as src/model/parse.ts's collectPositions does (API-style path -> the value's
   * line:col, or the key's when the value is empty or a block collection; a sequence item's start),
   * so a manifest read here is the one the full parser gives, diagnostics' places included.
   */
  constructor(
    private readonly lines: string[],
    private readonly keep: KeepFn | undefined,
    private readonly positions?: Record<string, Position>,
    /** The file's line number of `lines[0]`, for positions. */
    private readonly firstLine = 1,
  ) {
    this.indents = new Int32Array(lines.length);
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j]!;
      const n = indentOf(line);
      const ch = line.charCodeAt(n);
      // Nothing, a comment, or a carriage return / tab (tabs in indentation are the full parser's to judge).
      if (Number.isNaN(ch) || ch === 35 /* # */) this.indents[j] = -1;
      else if (line.includes('\t')) giveUp();
      else this.indents[j] = n;
    }
  }

  /** Index of the next line with content (not blank, not only a comment), or lines.length. */
  private next(): number {
    while (this.i < this.lines.length && this.indents[this.i]! < 0) this.i++;
    return this.i;
  }

  document(): Json {
    let at = this.next();
    if (at < this.lines.length && this.lines[at]!.startsWith('---')) {
      if (this.lines[at]!.trimEnd() !== '---') giveUp();
      this.i++;
      at = this.next();
    }
    if (at >= this.lines.length) return null;
    const indent = this.indents[at]!;
    const value = this.node(indent, [], '', true);
    if (this.next() < this.lines.length) giveUp(); // a second document or stray text
    return value;
  }

  private node(indent: number, path: string[], api: string, isRoot = false): Json {
    // Deep nesting is the full parser's to refuse (MAX_DEPTH) with its own words; no manifest is this deep.
    if (path.length > MAX_NESTING) giveUp();
    const line = this.lines[this.next()]!;
    const body = line.slice(indent);
    if (body[0] === '-' && (body.length === 1 || body[1] === ' ')) return this.seq(indent, path, api);
    return this.map(indent, path, api, isRoot);
  }

  private map(indent: number, path: string[], api: string, isRoot = false): Json {
    const out: Record<string, Json> = {};
    if (isRoot) this.root = out;
    for (;;) {
      const at = this.next();
      if (at >= this.lines.length) break;
      const line = this.lines[at]!;
      const n = this.indents[at]!;
      if (n < indent) break;
      if (n > indent) giveUp();
      if (line.charCodeAt(indent) === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32)) break; // a sequence at the parent's level
      const kv = splitKey(line, indent);
      if (!kv) giveUp();
      const { key, rest } = kv!;
      if (key === '<<' || key === '__proto__' || Object.hasOwn(out, key)) giveUp();
      this.i++;
      // The path grows and shrinks in place (no copy per key); nothing keeps it past the call.
      path.push(key);
      const kept = !this.keep || this.keep(path, this.root);
      const childApi = this.positions ? joinKey(api, key) : '';
      if (this.positions) {
        // The value's place (its first character is where `rest` starts), or the key's for `key:` alone.
        const col = rest === '' || rest[0] === '#' ? indent + 1 : line.length - rest.length + 1;
        this.positions[childApi] = { line: at + this.firstLine, col };
      }
      const value = this.value(indent, rest, path, kept, childApi);
      path.pop();
      if (kept) out[key] = value;
    }
    return out;
  }

  private seq(indent: number, path: string[], api: string): Json {
    const out: Json[] = [];
    const childPath = [...path, '#'];
    for (;;) {
      const at = this.next();
      if (at >= this.lines.length) break;
      const line = this.lines[at]!;
      const n = this.indents[at]!;
      if (n !== indent) {
        if (n > indent) giveUp();
        break;
      }
      const body = line.slice(indent);
      if (!(body[0] === '-' && (body.length === 1 || body[1] === ' '))) break;
      let offset = 1;
      while (body[offset] === ' ') offset++;
      const rest = body.slice(offset);
      if (rest === '' || rest[0] === '#' || (rest[0] === '-' && (rest.length === 1 || rest[1] === ' '))) giveUp();
      const itemApi = this.positions ? joinIndex(api, out.length) : '';
      if (this.positions) this.positions[itemApi] = { line: at + this.firstLine, col: indent + offset + 1 };
      const kv = rest[0] === '"' || rest[0] === "'" || rest[0] === '{' || rest[0] === '[' ? undefined : splitKey(rest);
      if (kv || (rest[0] === '"' && splitKey(rest))) {
        // `- key: value`: a mapping at the key's column; the line is read again as if the dash were a space.
        this.lines[at] = ' '.repeat(indent + offset) + rest;
        this.indents[at] = indent + offset;
        out.push(this.map(indent + offset, childPath, itemApi));
      } else {
        this.i++;
        out.push(this.afterScalar(indent, scalar(rest, childPath)));
      }
    }
    return out;
  }

  /** The value after `key:` on a line of the mapping at `indent`. */
  private value(indent: number, rest: string, path: string[], kept: boolean, api: string): Json {
    if (!kept) {
      this.skip(indent);
      return null;
    }
    if (rest === '' || rest[0] === '#') {
      const at = this.next();
      if (at >= this.lines.length) return null;
      const line = this.lines[at]!;
      const n = this.indents[at]!;
      const body = line.slice(n);
      const dash = body[0] === '-' && (body.length === 1 || body[1] === ' ');
      if (n > indent || (n === indent && dash)) return this.node(n, path, api);
      return null;
    }
    if (rest[0] === '|') return this.block(indent, rest);
    if (rest[0] === '>' || rest[0] === '&' || rest[0] === '*' || rest[0] === '!') giveUp();
    if ((rest[0] === '{' || rest[0] === '[') && rest !== '{}' && rest !== '[]' && !rest.startsWith('{} #') && !rest.startsWith('[] #')) giveUp();
    return this.afterScalar(indent, scalar(rest, path));
  }

  /** A one-line scalar must not continue on more indented lines (a multi-line scalar: full parser). */
  private afterScalar(indent: number, value: Json): Json {
    const at = this.next();
    if (at < this.lines.length && this.indents[at]! > indent) giveUp();
    return value;
  }

  /** `|` or `|-` with the indentation found from its first line. */
  private block(indent: number, header: string): string {
    const h = header.replace(/\s+#.*$/, '').trimEnd();
    if (h !== '|' && h !== '|-') giveUp();
    const content: string[] = [];
    let contentIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.trim() === '') {
        content.push('');
        this.i++;
        continue;
      }
      const n = indentOf(line);
      if (n <= indent) break;
      if (contentIndent < 0) contentIndent = n;
      if (n < contentIndent || line.includes('\t')) giveUp();
      content.push(line.slice(contentIndent));
      this.i++;
    }
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    if (content.length === 0) return '';
    const text = content.join('\n');
    return h === '|' ? `${text}\n` : text;
  }

  /** Skips the value of a key at `indent`: its more indented lines, and a sequence at the key's level. */
  private skip(indent: number): void {
    let inSeq = false;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const n = this.indents[this.i]!;
      if (n < 0) {
        this.i++;
        continue;
      }
      if (n > indent) {
        this.i++;
        continue;
      }
      const body = line.slice(n);
      const dash = body[0] === '-' && (body.length === 1 || body[1] === ' ');
      if (n === indent && dash && (inSeq || this.startsSeqAfterKey())) {
        inSeq = true;
        this.i++;
        continue;
      }
      break;
    }
  }

  /** Whether the line before the current one is the key whose value is skipped (a sequence may follow at its level). */
  private startsSeqAfterKey(): boolean {
    for (let j = this.i - 1; j >= 0; j--) {
      const line = this.lines[j]!;
      if (isBlankOrComment(line)) continue;
      return /:\s*(#.*)?$/.test(line);
    }
    return false;
  }
}

/**
 * The value of one YAML document in kubectl's style, or undefined when it uses anything this reader
 * leaves to the full parser. Keys for which `keep` says false are skipped unparsed. `positions`, when
 * given, receives every field's place as the full parser records it (`firstLine`: the file's line
 * number of the text's first line).
 */
export function readKubectlYaml(text: string, keep?: KeepFn, positions?: Record<string, Position>, firstLine = 1): Json | undefined {
  if (text.startsWith('\uFEFF') || text.includes('\r')) return undefined;
  try {
    return new Reader(text.split('\n'), keep, positions, firstLine).document();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

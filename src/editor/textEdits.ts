// The edits that turn the editor's text into the app's new text, computed from the two strings
// alone (no Monaco here: this is pure and unit-tested). A switch or a drawn flow changes a few
// lines of a multi-MB text; the first change after an import rewrites lines all over it (anchors
// written out, quoting), which as ONE edit spans the whole file. Monaco pays for an edit by its
// size (tokens, decorations, view lines of every line it covers), so the change is cut into one
// edit per run of changed lines, found by a line diff that resynchronises in a small window.

/** One replacement in the OLD text: 1-based lines and columns (Monaco's), and the same as offsets. */
export interface TextEdit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Offsets in the old text: [start, end) is replaced by `text`. */
  start: number;
  end: number;
  text: string;
  /** The lines `text` spans (its line breaks), for what the edit costs to apply. */
  newLines: number;
}

export interface EditOptions {
  /** A changed middle of at most this many lines (either side) is one edit, cut to the changed characters. */
  oneEditLines?: number;
  /** More runs than this: give up (the caller replaces the text whole). */
  maxEdits?: number;
  /** The farthest (in lines, each side) the diff looks for the two texts to agree again. */
  maxWindow?: number;
  /**
   * Past maxEdits, instead of giving up: the changed middle replaced in pieces of about this many
   * lines (a rewrite of the whole text in pieces a task can apply, not one setValue of it all).
   */
  chunkLines?: number;
  /**
   * The 1-based line of `offset` (a line start) in the OLD text, from an index of its lines (Monaco's
   * model has one). Without it the lines before the change are counted: a scan of the text up to
   * it, on every change (146,000 lines of a 2.4 MB design).
   */
  lineAt?: (offset: number) => number;
}

/** Characters compared at once: comparing two slices is a memory compare, a loop of charCodeAt is not. */
const CHUNK = 4096;

/** The length of the common start of `a` and `b` (at most `max`). */
function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(n, n + CHUNK) === b.slice(n, n + CHUNK)) n += CHUNK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** The length of the common end of `a` and `b` (at most `max`). */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Line and column (1-based) of `offset` in `text`, counting from a known line start. */
function positionOf(text: string, offset: number, fromOffset: number, fromLine: number): { line: number; column: number } {
  let line = fromLine;
  let lineStart = fromOffset;
  for (let i = text.indexOf('\n', fromOffset); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offsets where each line of text[from, to) starts (`to` is a line boundary), and `to` last. */
function lineStarts(text: string, from: number, to: number): number[] {
  if (to === from) return [from];
  const starts = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i < to - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  starts.push(to);
  return starts;
}

/**
 * Edits (sorted, not overlapping, all against the OLD text) that turn `from` into `to`; [] when
 * they are equal; null when the texts differ in too many places (or hold a carriage return, whose
 * lines Monaco counts differently, or start with a byte order mark): replace the text whole then.
 */
export function textEdits(from: string, to: string, options: EditOptions = {}): TextEdit[] | null {
  if (from === to) return [];
  // Monaco splits lines at \r\n, \r and \n and writes its own end of line into inserted text.
  if (from.includes('\r') || to.includes('\r')) return null;
  // Monaco keeps a byte order mark apart from the first line: its columns there would be off by one.
  if (from.charCodeAt(0) === 0xfeff || to.charCodeAt(0) === 0xfeff) return null;
  const oneEditLines = options.oneEditLines ?? 64;
  const maxEdits = options.maxEdits ?? 2000;
  const maxWindow = options.maxWindow ?? 4096;

  // The common prefix and suffix (not overlapping).
  const max = Math.min(from.length, to.length);
  const prefix = commonPrefix(from, to, max);
  const suffix = commonSuffix(from, to, max - prefix);

  // The changed middle, widened to whole lines: it starts at a line start and ends after a line
  // break (or at the end of the text), the same in both texts since prefix and suffix are shared.
  const midStart = prefix === 0 ? 0 : from.lastIndexOf('\n', prefix - 1) + 1;
  const startPos = options.lineAt ? { line: options.lineAt(midStart), column: 1 } : positionOf(from, midStart, 0, 1);
  const breakAfter = from.indexOf('\n', from.length - suffix);
  const fromEnd = breakAfter < 0 ? from.length : breakAfter + 1;
  const toEnd = fromEnd + (to.length - from.length);

  const fromStarts = lineStarts(from, midStart, fromEnd);
  const toStarts = lineStarts(to, midStart, toEnd);
  const nA = fromStarts.length - 1;
  const nB = toStarts.length - 1;

  if (nA <= oneEditLines && nB <= oneEditLines) {
    // Small: one edit of just the changed characters (cursor and tokens around it stay).
    const a = positionOf(from, prefix, midStart, startPos.line);
    const b = positionOf(from, from.length - suffix, midStart, startPos.line);
    const text = to.slice(prefix, to.length - suffix);
    return [{ startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column, start: prefix, end: from.length - suffix, text, newLines: positionOf(text, text.length, 0, 0).line }];
  }

  // Lines (with their line break) are cut out only where compared: most are equal and skipped.
  const lineA = (i: number) => from.slice(fromStarts[i], fromStarts[i + 1]);
  const lineB = (j: number) => to.slice(toStarts[j], toStarts[j + 1]);
  const same = (i: number, j: number) => fromStarts[i + 1]! - fromStarts[i]! === toStarts[j + 1]! - toStarts[j]! && lineA(i) === lineB(j);

  // Where line k of the old middle starts, as a Monaco position. The last line of the text may
  // have no line break: the position after it is at its end, not on a next line.
  const posA = (k: number): { line: number; column: number } => {
    if (k < nA || nA === 0) return { line: startPos.line + k, column: 1 };
    const last = lineA(nA - 1);
    return last.endsWith('\n') ? { line: startPos.line + nA, column: 1 } : { line: startPos.line + nA - 1, column: last.length + 1 };
  };

  const edits: TextEdit[] = [];
  const push = (into: TextEdit[], i: number, i2: number, j: number, j2: number) => {
    const a = posA(i);
    const b = posA(i2);
    into.push({ startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column, start: fromStarts[i]!, end: fromStarts[i2]!, text: to.slice(toStarts[j], toStarts[j2]), newLines: j2 - j });
  };
  const emit = (i: number, i2: number, j: number, j2: number): boolean => {
    if (edits.length >= maxEdits) return false;
    push(edits, i, i2, j, j2);
    return true;
  };
  /** The whole middle, cut into pieces of about chunkLines lines; null without chunkLines. */
  const chunks = (): TextEdit[] | null => {
    if (options.chunkLines === undefined) return null;
    const k = Math.max(1, Math.ceil(Math.max(nA, nB) / options.chunkLines));
    const out: TextEdit[] = [];
    for (let c = 0; c < k; c++) {
      const [i, i2, j, j2] = [Math.floor((c * nA) / k), Math.floor(((c + 1) * nA) / k), Math.floor((c * nB) / k), Math.floor(((c + 1) * nB) / k)];
      if (i < i2 || j < j2) push(out, i, i2, j, j2);
    }
    return out;
  };
  /** The two texts agree at (i2, j2) and for the next lines too (so `---` or `spec:` alone is no anchor). */
  const anchored = (i2: number, j2: number): boolean => {
    for (let k = 0; k < 3; k++) {
      if (i2 + k >= nA || j2 + k >= nB) return i2 + k >= nA && j2 + k >= nB;
      if (!same(i2 + k, j2 + k)) return false;
    }
    return true;
  };

  let i = 0;
  let j = 0;
  while (i < nA && j < nB) {
    if (same(i, j)) {
      i++;
      j++;
      continue;
    }
    if (edits.length >= maxEdits) return chunks();
    // A run of changed lines starts here: find the nearest (i2, j2) where the texts agree again,
    // looking in a window that grows (most runs are a line or two).
    let found: [number, number] | undefined;
    for (let w = 8; found === undefined; w *= 4) {
      const window = Math.min(w, maxWindow);
      const firstInB = new Map<string, number[]>();
      for (let j2 = j; j2 < Math.min(nB, j + window); j2++) {
        const l = lineB(j2);
        const list = firstInB.get(l);
        if (list) list.push(j2);
        else firstInB.set(l, [j2]);
      }
      let best = Infinity;
      for (let i2 = i; i2 < Math.min(nA, i + window) && i2 - i < best; i2++) {
        for (const j2 of firstInB.get(lineA(i2)) ?? []) {
          const cost = i2 - i + (j2 - j);
          if (cost >= best) break;
          if (anchored(i2, j2)) {
            best = cost;
            found = [i2, j2];
            break;
          }
        }
      }
      if (window >= maxWindow) break;
    }
    // No agreement nearby: the rest of the middle is one run.
    const [i2, j2] = found ?? [nA, nB];
    if (!emit(i, i2, j, j2)) return chunks();
    i = i2;
    j = j2;
  }
  if ((i < nA || j < nB) && !emit(i, nA, j, nB)) return chunks();
  return edits;
}

/** `from` with `edits` applied (what the editor will hold): for tests and checks. */
export function applyEdits(from: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += from.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + from.slice(at);
}

/**
 * Whether `edits` rewrite most of a text of `lines` lines (the first change after importing a
 * kubectl List, whose items the app writes as documents of their own): then setting the new text
 * whole costs Monaco less than the edits, which pay per view line they cover.
 */
export function rewritesMost(edits: readonly TextEdit[], lines: number): boolean {
  let covered = 0;
  for (const e of edits) covered += e.endLine - e.startLine + 1;
  return covered * 2 >= lines;
}

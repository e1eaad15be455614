// A cheap line scan that cuts a YAML stream into pieces the `yaml` library can parse one at a time:
// its documents, and the items of a `kind: List` document (what `kubectl get -o yaml` prints).
// yaml composes a whole document before anything comes out, and its cost grows faster than the
// text: a 17 MB List takes about 70 s as one document, while its items parse in a few seconds.
//
// Every piece keeps its original line and column numbers (a list item's `- ` becomes two spaces,
// so the item is an indented mapping at the same columns), so diagnostics point into the file.

/** A piece of the stream: a whole document or one item of a List document. */
export interface Piece {
  /** The text to parse; lines and columns as in the file once `line - 1` is added to line numbers. */
  text: string;
  /** 1-based line of the file the piece starts on. */
  line: number;
  /** Where the piece ends in the file (for progress). */
  end: number;
  /** Set for List items: the list's kind and apiVersion (typed lists let items omit theirs). */
  list?: { kind: string; apiVersion?: string; index: number };
}

interface Line {
  start: number;
  /** Index of the `\n` ending the line, or the text's length. */
  end: number;
}

/** Calls `fn` for each line; stops when it returns false. */
function eachLine(text: string, from: number, to: number, fn: (line: Line) => boolean | void): void {
  for (let start = from; start < to; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 || nl > to ? to : nl;
    if (fn({ start, end }) === false) return;
    start = end + 1;
  }
}

const isDocumentMarker = (text: string, start: number, end: number): boolean =>
  text.startsWith('---', start) && (end - start === 3 || text[start + 3] === ' ' || text[start + 3] === '\t' || text[start + 3] === '\r');

/** A line that carries nothing: blank, or only a comment. */
function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    return ch === '#';
  }
  return true;
}

function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text[i] === ' ') i++;
  return i - start;
}

const TOP_LEVEL_VALUE = {
  kind: /^kind:[ \t]+(?:"([^"\\]*)"|'([^']*)'|([^\s#'"][^#]*?))[ \t]*(?:#.*)?\r?$/,
  apiVersion: /^apiVersion:[ \t]+(?:"([^"\\]*)"|'([^']*)'|([^\s#'"][^#]*?))[ \t]*(?:#.*)?\r?$/,
};

/** The plain or quoted scalar of a top-level `kind:` or `apiVersion:` line, else undefined. */
function topLevelValue(line: string, key: keyof typeof TOP_LEVEL_VALUE): string | undefined {
  const m = TOP_LEVEL_VALUE[key].exec(line);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * The documents of a stream (each from its `---` line, which yaml reads as the document start).
 * A stream with directives (`%YAML`) is one piece: directives apply across documents.
 */
export function splitDocuments(text: string): Array<{ start: number; end: number; line: number }> {
  const docs: Array<{ start: number; end: number; line: number }> = [];
  let start = 0;
  let startLine = 1;
  let line = 0;
  let directives = false;
  eachLine(text, 0, text.length, ({ start: s, end }) => {
    line++;
    if (text[s] === '%') directives = true;
    if (isDocumentMarker(text, s, end) && s > start) {
      docs.push({ start, end: s, line: startLine });
      start = s;
      startLine = line;
    }
  });
  if (directives) return [{ start: 0, end: text.length, line: 1 }];
  docs.push({ start, end: text.length, line: startLine });
  return docs;
}

/**
 * The items of a `kind: ...List` document whose `items:` is a block sequence, as pieces; undefined
 * when the document is not such a list (or is laid out in a way this scan does not follow: then it
 * is parsed whole, which is always right, only slower).
 */
export function splitListItems(text: string, doc: { start: number; end: number; line: number }): Piece[] | undefined {
  let kind: string | undefined;
  let apiVersion: string | undefined;
  let itemsLine = -1;
  let itemsAt = -1;
  let line = doc.line - 1;
  // Top-level keys first: kubectl sorts keys, so `items:` comes before `kind: List`.
  eachLine(text, doc.start, doc.end, ({ start, end }) => {
    line++;
    const ch = text[start];
    // Only the `kind:`, `apiVersion:` and `items:` lines matter here.
    if (ch !== 'k' && ch !== 'a' && ch !== 'i') return;
    const content = text.slice(start, end);
    kind ??= topLevelValue(content, 'kind');
    apiVersion ??= topLevelValue(content, 'apiVersion');
    if (/^items:[ \t]*(#.*)?\r?$/.test(content)) {
      if (itemsAt >= 0) itemsAt = -2; // twice: a duplicate key the full parser reports
      else {
        itemsAt = end + 1;
        itemsLine = line + 1;
      }
    }
  });
  if (kind === undefined || !kind.endsWith('List') || itemsAt < 0) return undefined;
  const pieces: Piece[] = [];
  let indent = -1;
  let current: { start: number; line: number } | undefined;
  let ok = true;
  let index = 0;
  const close = (end: number) => {
    if (!current) return;
    // `- ` becomes two spaces: the item is an indented mapping at its own columns.
    const body = text.slice(current.start, end);
    const dash = current.start + indent;
    const first = text.slice(current.start, dash) + ' ' + text.slice(dash + 1, current.start + body.length);
    pieces.push({ text: first, line: current.line, end, list: { kind: kind!, ...(apiVersion !== undefined ? { apiVersion } : {}), index: index++ } });
    current = undefined;
  };
  line = itemsLine - 1;
  eachLine(text, itemsAt, doc.end, ({ start, end }) => {
    line++;
    if (isBlankOrComment(text, start, end)) return;
    const at = indentOf(text, start, end);
    if (indent < 0) {
      if (text[start + at] !== '-') {
        ok = false; // `items:` followed by a mapping or a flow sequence: not the usual layout
        return false;
      }
      indent = at;
    }
    const isItem = at === indent && text[start + at] === '-' && (text[start + at + 1] === ' ' || text[start + at + 1] === '\t');
    if (isItem) {
      close(start);
      current = { start, line };
      return;
    }
    if (at === indent && text[start + at] === '-') {
      ok = false; // `-` alone on its line (the item starts below): rare, parse the document whole
      return false;
    }
    if (at > indent) return; // inside the current item
    close(start);
    return false; // the next top-level key: the sequence ended
  });
  if (!ok) return undefined;
  close(doc.end);
  // Anything after the sequence is top-level keys (kind, metadata), read by the scan above.
  return pieces;
}

/** The pieces of a whole stream: List items where the scan can, whole documents elsewhere. */
export function splitStream(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const doc of splitDocuments(text)) {
    const items = splitListItems(text, doc);
    if (items) pieces.push(...items);
    else pieces.push({ text: text.slice(doc.start, doc.end), line: doc.line, end: doc.end });
  }
  return pieces;
}

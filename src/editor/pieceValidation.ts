// monaco-yaml's validation, document by document. The language service validates a YAML stream's
// documents one by one (a document's schema check and syntax errors never look at another), but it
// parses and checks the WHOLE text each time: ~200 CPU ms of the yaml worker per toggle on the
// 254 KB of a 5,000-pod kubectl dump's policies, where a toggle rewrites one policy. Here each
// document is validated alone, once per distinct text, and the answers of the documents that did
// not change are kept: a toggle then validates the one or two documents it rewrote.
// A text whose meaning crosses documents is validated whole, as before: a directive (`%YAML`), a
// modeline (`# yaml-language-server: $schema=...`, which sets the schema of the whole file), or a
// syntax error in a document (the parser of the whole text lets an unclosed quote run on over the
// next `---` and reports it elsewhere, and says nothing of the documents it swallowed).
// No Monaco and no DOM: the yaml worker's host (src/editor/yamlWorkerHost.ts) and tests use it.

/** A position and range as the language server reports them (0-based lines). */
export interface Position {
  line: number;
  character: number;
}
export interface Diagnostic {
  range: { start: Position; end: Position };
  /** `YAML` for a syntax error (the schema's complaints name the schema). */
  source?: string;
}

/** A document of the stream: its text (from its `---` line to the next one) and its first line. */
export interface Piece {
  text: string;
  line: number;
}

/** A document start marker: `---` at the start of a line, then a space or the end of the line. */
const MARKER = /^---(?:[ \t\r\n]|$)/;
/** Texts validated whole: a directive, or a modeline choosing a schema (both reach across documents). */
const WHOLE = /^%|yaml-language-server:/m;
/** The source of the language service's syntax errors. */
const SYNTAX = 'YAML';
/** How long one run of document validations may hold the worker before other requests get a turn. */
const SLICE_MS = 40;

/** The text's documents, split before each `---` line (no document marker can occur inside content). */
export function splitDocuments(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    if (at > start && MARKER.test(text.slice(at, at + 4))) {
      pieces.push({ text: text.slice(start, at), line: startLine });
      start = at;
      startLine = line;
    }
    at = next;
    line++;
  }
  pieces.push({ text: text.slice(start), line: startLine });
  return pieces;
}

const shift = <D extends Diagnostic>(d: D, by: number): D =>
  by === 0 ? d : { ...d, range: { start: { ...d.range.start, line: d.range.start.line + by }, end: { ...d.range.end, line: d.range.end.line + by } } };

export interface PieceValidator<D extends Diagnostic> {
  /** The diagnostics of the whole text, as validating it whole gives them. */
  validate(text: string): Promise<D[]>;
}

export interface PieceOptions {
  /** Gives the worker's other requests a turn between runs of documents. */
  pause(): Promise<void>;
  now?(): number;
  /**
   * More new documents than this (a new design) and the text is validated whole, in one call:
   * validating 400 documents one by one costs ~2 times the whole text (the service's work per call).
   */
  wholeAbove?: number;
}

const WHOLE_ABOVE = 8;

/** Each piece's diagnostics (lines from the piece's first), from those of the whole text. */
function byPiece<D extends Diagnostic>(pieces: readonly Piece[], all: readonly D[]): Map<string, D[]> {
  const found = pieces.map((): D[] => []);
  for (const d of all) {
    // The last piece starting at or before the diagnostic's line (pieces are in order).
    let lo = 0;
    for (let hi = pieces.length - 1; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.line <= d.range.start.line) lo = mid;
      else hi = mid - 1;
    }
    found[lo]!.push(shift(d, -pieces[lo]!.line));
  }
  const map = new Map<string, D[]>();
  pieces.forEach((p, i) => map.has(p.text) || map.set(p.text, found[i]!));
  return map;
}

/**
 * Validates texts by document with `validate` (the language service on a text of its own), keeping
 * each document's answer (lines from the document's first) for the next text. A text of many new
 * documents is validated whole and its answer shared out to them by line: without a syntax error
 * each document's complaints lie within its own lines.
 */
export function pieceValidator<D extends Diagnostic>(validate: (text: string) => Promise<D[]>, options: PieceOptions): PieceValidator<D> {
  const now = options.now ?? (() => performance.now());
  const wholeAbove = options.wholeAbove ?? WHOLE_ABOVE;
  let known = new Map<string, D[]>();
  const syntax = (ds: readonly D[]) => ds.some((d) => d.source === SYNTAX);
  return {
    async validate(text) {
      if (WHOLE.test(text)) {
        known = new Map();
        return validate(text);
      }
      const pieces = splitDocuments(text);
      if (new Set(pieces.filter((p) => !known.has(p.text)).map((p) => p.text)).size > wholeAbove) {
        const all = await validate(text);
        known = syntax(all) ? new Map() : byPiece(pieces, all);
        return all;
      }
      const next = new Map<string, D[]>();
      let sliceStart = now();
      for (const piece of pieces) {
        if (next.has(piece.text)) continue;
        let found = known.get(piece.text);
        if (!found) {
          if (now() - sliceStart > SLICE_MS) {
            await options.pause();
            sliceStart = now();
          }
          found = await validate(piece.text);
        }
        next.set(piece.text, found);
      }
      known = next;
      if (pieces.some((p) => syntax(next.get(p.text)!))) return validate(text);
      return pieces.flatMap((p) => next.get(p.text)!.map((d) => shift(d, p.line)));
    },
  };
}

export interface MirrorModel {
  readonly uri: unknown;
  readonly version: number;
  getValue(): string;
}
export interface WorkerContext {
  getMirrorModels(): MirrorModel[];
}
export type Service = Record<string, (...args: unknown[]) => unknown>;

/** Matches the schema's fileMatch (`**\/*.netpol.yaml`) as the editor's model does. */
const PIECE_URI = 'file:///document.netpol.yaml';

/**
 * monaco-yaml's language service (made by `create` on the worker's context) with its doValidation
 * answered by document: each is validated as a text of its own, in a model only the worker has.
 */
export function withPieceValidation(create: (ctx: WorkerContext, createData: unknown) => Service, ctx: WorkerContext, createData: unknown): Service {
  let piece: MirrorModel = { uri: PIECE_URI, version: 0, getValue: () => '' };
  const withPiece = Object.create(ctx) as WorkerContext;
  withPiece.getMirrorModels = () => [...ctx.getMirrorModels(), piece];
  const service = create(withPiece, createData);
  const validateText = (text: string) => {
    piece = { uri: PIECE_URI, version: piece.version + 1, getValue: () => text };
    return service.doValidation!(PIECE_URI) as Promise<Diagnostic[]>;
  };
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const validators = new Map<string, PieceValidator<Diagnostic>>();
  return {
    ...service,
    doValidation(uri: unknown) {
      const model = ctx.getMirrorModels().find((m) => String(m.uri) === uri);
      if (typeof uri !== 'string' || !model) return service.doValidation!(uri);
      let validator = validators.get(uri);
      if (!validator) validators.set(uri, (validator = pieceValidator(validateText, { pause })));
      return validator.validate(model.getValue());
    },
  };
}

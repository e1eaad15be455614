// Import at cluster size: what `kubectl get ... -A -o yaml` prints, up to MAX_IMPORT_BYTES. The
// stream is cut into documents and List items by a cheap scan (split.ts) and each piece is parsed
// on its own, so progress can be reported and the `yaml` library never composes a 60 MB document.
// Objects are validated with their original line numbers, then slimmed to what the model reads
// (slim.ts). Kinds the designer does not evaluate are counted, not kept. Pure: runs in a worker
// (src/workers/import.worker.ts) and in tests.
import { buildCluster } from '../model/cluster.ts';
import { emitOne, emitYaml } from '../model/emit.ts';
import { kindStatus } from '../model/kinds.ts';
import { parseManifests } from '../model/parse.ts';
import type { Diagnostic, KubeObject, Manifest, Position } from '../model/types.ts';
import { validateManifest } from '../model/validate.ts';
import { readKubectlYaml } from './fastYaml.ts';
import { fastEmitOne } from './fastEmit.ts';
import { keepForModel } from './keep.ts';
import { slimObject } from './slim.ts';
import { splitStream, type Piece } from './split.ts';

export { splitStream, splitDocuments, splitListItems, type Piece } from './split.ts';
export { slimObject, LAST_APPLIED } from './slim.ts';
export { summaryHeader, isHeldKind } from './summary.ts';
import { isHeldKind, summaryHeader } from './summary.ts';

export { MAX_IMPORT_BYTES, SMALL_IMPORT_BYTES } from './limits.ts';

export interface ImportProgress {
  /** Characters of the file read so far. */
  done: number;
  total: number;
}

/** A large import: the design (lossless for evaluation) and what the editor shows of it. */
export interface ImportedDesign {
  file: string;
  /** Size of the file's text, in characters. */
  chars: number;
  /**
   * Objects held apart from the editor (Namespaces, workloads, Services, Nodes), slimmed, in file
   * order, and the line of the file each starts on.
   */
  held: KubeObject[];
  heldLines: number[];
  /** The objects the editor shows (the policies), slimmed. */
  shown: KubeObject[];
  /** What the editor shows: a header comment saying what was imported, then the policies' YAML. */
  text: string;
  /** The header comment alone (the start of `text`). */
  header: string;
  /** Problems, with lines of the original file. */
  diagnostics: Diagnostic[];
  /** Objects kept, by kind. */
  kept: Record<string, number>;
  /** Objects not kept (kinds the designer does not evaluate), by kind. */
  ignored: Record<string, number>;
  /**
   * The held objects (by index into `held`) not validated without a diagnostic when read (read by
   * the full parser): the analysis validates these again, and may take the others as validated.
   */
  heldUnchecked: number[];
  /** Every object of `shown` was validated without a diagnostic when read. */
  shownChecked: boolean;
}

export type ImportOutcome = { ok: true; design: ImportedDesign } | { ok: false; diagnostics: Diagnostic[] };

const shift = <T extends Position>(p: T, lines: number): T => (lines === 0 ? p : { ...p, line: p.line + lines });

/** Parses one piece; its lines become lines of the file. */
function parsePiece(piece: Piece, file: string): { manifests: Manifest[]; diagnostics: Diagnostic[] } {
  const parsed = parseManifests([{ name: file, text: piece.text }]);
  const lines = piece.line - 1;
  const prefix = piece.list ? `items[${piece.list.index}]: ` : '';
  const diagnostics = parsed.diagnostics.map((d) => ({
    ...(d.line !== undefined ? shift(d as Diagnostic & Position, lines) : d),
    ...(prefix && !d.message.startsWith(prefix) ? { message: `${prefix}${d.message}` } : {}),
  }));
  if (lines === 0) return { manifests: parsed.manifests, diagnostics };
  const manifests = parsed.manifests.map((m): Manifest => {
    const positions: Record<string, Position> = {};
    for (const [path, at] of Object.entries(m.positions)) positions[path] = shift(at, lines);
    return { object: m.object, source: shift(m.source, lines), positions };
  });
  return { manifests, diagnostics };
}

/** The line and column the object of a piece starts at (its first line with content). */
function objectStart(piece: Piece): Position {
  let line = piece.line;
  for (let at = 0; at < piece.text.length; line++) {
    const nl = piece.text.indexOf('\n', at);
    const content = piece.text.slice(at, nl < 0 ? piece.text.length : nl);
    const trimmed = content.trimStart();
    if (trimmed !== '' && trimmed[0] !== '#' && !content.startsWith('---')) return { line, col: content.length - trimmed.length + 1 };
    if (nl < 0) break;
    at = nl + 1;
  }
  return { line: piece.line, col: 1 };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The piece read by the fast reader, when it can and the object needs no diagnostic (diagnostics
 * need field positions: then the full parser reads the piece again). Undefined: use the full parser.
 */
function fastPiece(piece: Piece, file: string): { manifests: Manifest[]; diagnostics: Diagnostic[] } | undefined {
  const value = readKubectlYaml(piece.text, keepForModel);
  if (value === null) return { manifests: [], diagnostics: [] }; // an empty document, as kubectl skips it
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || value.kind.endsWith('List')) return undefined;
  const meta = value.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') return undefined;
  const manifest: Manifest = { object: value as unknown as KubeObject, source: { file, ...objectStart(piece) }, positions: {} };
  if (validateManifest(manifest).length > 0) return undefined;
  return { manifests: [manifest], diagnostics: [] };
}

const ALIAS_TROUBLE = /alias/i;
/** Pieces larger than this are not given to the full parser (it reads about 1-2 MB/s, and worse on one big document). */
const MAX_FULL_PARSE = 4 * 1024 * 1024;

/** What reading a run of pieces gave: in file order; `validated` indexes the manifests validated without a diagnostic. */
export interface PiecesRead {
  manifests: Manifest[];
  diagnostics: Diagnostic[];
  validated: number[];
  /** A List item failed on an alias (its anchor is in another item): the stream must be read whole. */
  aliasTrouble: boolean;
  /**
   * With `emitShown`: for each manifest the editor shows (an evaluated kind not held apart), its
   * slimmed object's YAML document (emitOne); null for the others. Written by each reader for its
   * pieces, so the two halves of a large import write the editor text on two cores (at 5,000 pods
   * the 700 policies' YAML took ~0.8 CPU s in one worker).
   */
  emitted?: (string | null)[];
}

/**
 * Reads pieces (src/import/split.ts) one by one: the fast reader where it can, else the full parser.
 * With `stopOnAlias`, stops at a List item whose alias points into another item (aliasTrouble).
 * `fullOnly`: the full parser only (a stream read whole). `onProgress`: the end of the last piece read.
 */
export function readPieces(pieces: readonly Piece[], file: string, options: { stopOnAlias: boolean; fullOnly?: boolean; emitShown?: boolean; onProgress?: (done: number) => void }): PiecesRead {
  const read = readPiecesOnly(pieces, file, options);
  if (!options.emitShown || read.aliasTrouble) return read;
  // Only what is shown if the import succeeds (then every evaluated object is kept, slimmed).
  // fastEmitOne writes what emitOne writes, without a yaml Document per policy (src/import/fastEmit.ts).
  const write = (o: KubeObject) => fastEmitOne(o) ?? emitOne(o);
  const emitted = read.manifests.map((m) => (kindStatus(m.object) === 'evaluated' && !isHeldKind(m.object.kind) ? write(slimObject(m.object)) : null));
  return { ...read, emitted };
}

function readPiecesOnly(pieces: readonly Piece[], file: string, options: { stopOnAlias: boolean; fullOnly?: boolean; onProgress?: (done: number) => void }): PiecesRead {
  const manifests: Manifest[] = [];
  const diagnostics: Diagnostic[] = [];
  const validated: number[] = [];
  let lastReport = 0;
  for (const piece of pieces) {
    const fast = options.fullOnly ? undefined : fastPiece(piece, file);
    if (!fast && piece.text.length > MAX_FULL_PARSE) {
      // No Kubernetes object is megabytes of YAML: such a document is not a manifest, and the full
      // parser would take minutes on it.
      diagnostics.push({
        severity: 'error',
        code: 'document-too-large',
        message: `this document is ${(piece.text.length / 1024 / 1024).toFixed(1)} MB of YAML that is not a List of objects as kubectl prints it; split it into documents (---) or a List`,
        file,
        line: piece.line,
        col: 1,
      });
      continue;
    }
    const r = fast ?? parsePiece(piece, file);
    if (options.stopOnAlias && piece.list && r.diagnostics.some((d) => d.severity === 'error' && ALIAS_TROUBLE.test(d.message))) {
      return { manifests, diagnostics, validated, aliasTrouble: true };
    }
    if (fast) for (let i = 0; i < fast.manifests.length; i++) validated.push(manifests.length + i);
    manifests.push(...r.manifests);
    diagnostics.push(...r.diagnostics);
    const now = Date.now();
    if (options.onProgress && now - lastReport > 50) {
      lastReport = now;
      options.onProgress(piece.end);
    }
  }
  return { manifests, diagnostics, validated, aliasTrouble: false };
}

const binaryFile = (text: string, file: string): ImportOutcome | undefined =>
  text.slice(0, 8192).includes('\0')
    ? { ok: false, diagnostics: [{ severity: 'error', code: 'binary-file', message: 'this looks like a binary file (it contains NUL bytes), not YAML or JSON; it was not read', file, line: 1, col: 1 }] }
    : undefined;

/**
 * Imports a large text. `onProgress` is called now and then while parsing (the worker posts it).
 * Errors (the API server would reject an object, or the YAML is broken) fail the import with
 * their lines; the caller keeps the design it has.
 */
export function importLarge(text: string, file: string, onProgress?: (p: ImportProgress) => void): ImportOutcome {
  const binary = binaryFile(text, file);
  if (binary) return binary;
  const total = text.length;
  const progress = onProgress && ((done: number) => onProgress({ done, total }));
  const pieces = splitStream(text);
  let read = readPieces(pieces, file, { stopOnAlias: text.length <= MAX_FULL_PARSE, ...(progress ? { onProgress: progress } : {}) });
  // An alias to an anchor in another item cannot resolve within one item: read the stream whole
  // (when that is small enough to parse whole; else the item's error stands).
  if (read.aliasTrouble) read = readPieces([{ text, line: 1, end: text.length }], file, { stopOnAlias: false, fullOnly: true });
  onProgress?.({ done: total, total });
  return finishImport(text, file, read);
}

/** Pieces read elsewhere (a second worker): resolves with what `readPieces` gives for them. */
export type ReadElsewhere = (pieces: Piece[], file: string, stopOnAlias: boolean, emitShown: boolean) => Promise<PiecesRead>;

/** Below this many pieces a second reader is not worth its start and copies. */
const PARALLEL_MIN_PIECES = 400;

/**
 * `importLarge` with the pieces of the second half of the file read by `readElsewhere` (another
 * worker) while this one reads the first: on two cores the parse takes about half the time. The
 * outcome is the same as importLarge's (same manifests in the same order, same diagnostics).
 */
export async function importLargeParallel(text: string, file: string, readElsewhere: ReadElsewhere, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
  const binary = binaryFile(text, file);
  if (binary) return binary;
  const total = text.length;
  const pieces = splitStream(text);
  if (pieces.length < PARALLEL_MIN_PIECES) return importLarge(text, file, onProgress);
  let cut = pieces.findIndex((p) => p.end >= total / 2);
  if (cut <= 0) cut = pieces.length >> 1;
  const stopOnAlias = text.length <= MAX_FULL_PARSE;
  const rest = readElsewhere(pieces.slice(cut), file, stopOnAlias, true);
  // The other half reads at about the same pace: progress counts both.
  const firstEnd = pieces[cut - 1]!.end;
  const progress = onProgress && ((done: number) => onProgress({ done: Math.min(total, Math.round((done / firstEnd) * total)), total }));
  const first = readPieces(pieces.slice(0, cut), file, { stopOnAlias, emitShown: true, ...(progress ? { onProgress: progress } : {}) });
  const second = await rest;
  if (first.aliasTrouble || second.aliasTrouble) return importLarge(text, file, onProgress);
  onProgress?.({ done: total, total });
  const offset = first.manifests.length;
  return finishImport(text, file, {
    manifests: [...first.manifests, ...second.manifests],
    diagnostics: [...first.diagnostics, ...second.diagnostics],
    validated: [...first.validated, ...second.validated.map((i) => i + offset)],
    aliasTrouble: false,
    ...(first.emitted && second.emitted ? { emitted: [...first.emitted, ...second.emitted] } : {}),
  });
}

/** Validates, de-duplicates and slims what was read, and writes what the editor shows. */
function finishImport(text: string, file: string, read: PiecesRead): ImportOutcome {
  const { manifests } = read;
  const diagnostics = [...read.diagnostics];
  const validated = new Set<Manifest>(read.validated.map((i) => manifests[i]!));
  const total = text.length;
  const ignored: Record<string, number> = {};
  const evaluated: Manifest[] = [];
  /** The shown objects' documents, as the readers wrote them (all, or none). */
  const documents: string[] | undefined = read.emitted ? [] : undefined;
  manifests.forEach((m, i) => {
    if (kindStatus(m.object) === 'evaluated') evaluated.push(m);
    else ignored[m.object.kind] = (ignored[m.object.kind] ?? 0) + 1;
    const doc = read.emitted?.[i];
    if (documents && typeof doc === 'string') documents.push(doc);
  });
  // The model's own validation and de-duplication, with the file's lines.
  // Only its diagnostics: the analysis builds the model of the slimmed objects.
  const built = buildCluster(evaluated, undefined, validated, true);
  diagnostics.push(...built.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: sortByLine(diagnostics) };

  const held: KubeObject[] = [];
  const heldLines: number[] = [];
  const heldUnchecked: number[] = [];
  const shown: KubeObject[] = [];
  let shownChecked = true;
  const kept: Record<string, number> = {};
  for (const m of evaluated) {
    const slim = slimObject(m.object);
    kept[slim.kind] = (kept[slim.kind] ?? 0) + 1;
    if (isHeldKind(slim.kind)) {
      if (!validated.has(m)) heldUnchecked.push(held.length);
      held.push(slim);
      heldLines.push(m.source.line);
    } else {
      if (!validated.has(m)) shownChecked = false;
      shown.push(slim);
    }
  }
  const header = summaryHeader({ file, chars: total, kept, ignored, held: held.length, shown: shown.length });
  // emitYaml joins the same documents: the text is the same either way (tested).
  const body = shown.length === 0 ? '' : documents?.length === shown.length ? documents.join('---\n') : emitYaml(shown);
  return {
    ok: true,
    design: { file, chars: total, held, heldLines, shown, text: `${header}${body}`, header, diagnostics: sortByLine(diagnostics), kept, ignored, heldUnchecked, shownChecked },
  };
}

function sortByLine(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d, i) => ({ d, i })).sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || a.i - b.i).map(({ d }) => d);
}

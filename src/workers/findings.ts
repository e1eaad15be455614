// The security review that follows each analysis in the worker. Findings must point at lines of the
// YAML the editor shows, so they are computed on a design whose locations are lines of that text:
// the design parsed from it, or, when the worker wrote the text itself, the objects' design with
// locations looked up in the written text. Pure (no DOM), so it is tested in Node.
import type { DesignSettings } from '../design/types.ts';
import { loadDesign, parseManifests, type ClusterMemo } from '../model/index.ts';
import type { ClusterModel, Design, Diagnostic, KubeObject, Manifest, Position, SourceLocation } from '../model/types.ts';
import { reviewDesign, type ReviewOptions } from '../review/findings/index.ts';
import type { Finding } from '../review/types.ts';
import { inCluster } from '../cluster/assumed/index.ts';
import { parseKubectlManifests } from '../import/manifests.ts';
import { analyzeCluster, type AnalyzeResult, type GraphAnalyzer } from './analysis.ts';
import { locateEmitted } from './locateEmitted.ts';

const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

/**
 * What `analyzeText` returns, plus the design it parsed, so the review after it does not parse the
 * text a second time (parsing is the costly part: about 0.4 s at 1,000 pods). Kept equal to
 * `analyzeText` by a test. `memo`: the worker's build memory (src/model/cluster.ts), so the first
 * toggle after a text's analysis builds only the objects it changed, as later toggles do.
 */
export function analyzeTextForReview(text: string, fileName: string, settings: DesignSettings, analyze: GraphAnalyzer = analyzeCluster, memo?: ClusterMemo): { result: AnalyzeResult; design?: Design } {
  // Plain `---` streams (the editor's text, a design file) document by document, fast where the
  // kubectl-style reader can: the full parser read tenants400's 2.4 MB in ~1 s. Same objects, places,
  // diagnostics and remembered document texts (src/import/manifests.test.ts).
  const loaded = loadDesign([{ name: fileName, text }], parseKubectlManifests, memo);
  if (hasErrors(loaded.diagnostics)) return { result: { ok: false, diagnostics: loaded.diagnostics } };
  const design = inCluster(loaded, settings);
  const objects = design.manifests.map((m) => m.object);
  return {
    result: { ok: true, analysis: { objects, cluster: design.cluster, diagnostics: design.diagnostics, graph: analyze(objects, design.cluster, settings) } },
    design,
  };
}

/** One document of a YAML stream: the line it starts on (1-based) and its text. */
export interface EmittedDocument {
  line: number;
  text: string;
}

/**
 * The documents of YAML that `emitYaml` wrote: it separates them by `---` lines and never writes
 * such a line inside a document (multi-line strings become indented block scalars).
 */
export function splitDocuments(text: string): EmittedDocument[] {
  if (text === '') return [];
  const docs: EmittedDocument[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  for (let i = 0; i <= text.length; ) {
    const end = text.indexOf('\n', i);
    const lineEnd = end === -1 ? text.length : end;
    // Compared in place: slicing out every line of a 5,000-pod design cost ~250 ms.
    if (lineEnd - i === 3 && text.startsWith('---', i)) {
      docs.push({ line: startLine, text: text.slice(start, i) });
      start = lineEnd + 1;
      startLine = line + 1;
    }
    if (end === -1) break;
    i = end + 1;
    line++;
  }
  docs.push({ line: startLine, text: text.slice(start) });
  return docs;
}

const shifted = <T extends Position>(p: T, lines: number): T => ({ ...p, line: p.line + lines });

type Located = { source: SourceLocation; positions: Record<string, Position> };

/**
 * Documents already located, by file name and text, with lines counted from the document's start.
 * A worker reviews design after design that differ in a few documents (a toggle), and the findings
 * point at the same policies each time: parsing each of them again was most of a large review
 * (~1,000 documents at 5,000 pods). Bounded; the oldest entries go first.
 */
const locatedDocuments = new Map<string, Located | null>();
const LOCATED_LIMIT = 4096;

/**
 * Whether the parser makes a manifest of this object's document (src/model/parse.ts addObject): one
 * object (not a List) with apiVersion, kind and metadata.name.
 */
function isPlainObject(object: KubeObject): boolean {
  const { apiVersion, kind, metadata } = object as { apiVersion?: unknown; kind?: unknown; metadata?: unknown };
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as { name?: unknown }).name : undefined;
  const list = typeof kind === 'string' && kind.endsWith('List') && Array.isArray((object as { items?: unknown }).items);
  return typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== '' && typeof name === 'string' && name !== '' && !list;
}

function parseDocument(text: string, fileName: string, object: KubeObject, root: boolean): Located | null {
  const key = `${fileName}\u0000${text}`;
  const hit = locatedDocuments.get(key);
  if (hit !== undefined) return hit;
  // The writer's documents are read without the YAML parser where they allow (src/workers/locateEmitted.ts).
  const fast = root && isPlainObject(object) ? locateEmitted(text) : undefined;
  const parsed = fast ? undefined : parseManifests([{ name: fileName, text }]).manifests[0];
  const located = fast ? { source: { file: fileName, ...fast.start }, positions: fast.positions } : parsed ? { source: parsed.source, positions: parsed.positions } : null;
  if (locatedDocuments.size >= LOCATED_LIMIT) locatedDocuments.delete(locatedDocuments.keys().next().value!);
  locatedDocuments.set(key, located);
  return located;
}

/** Where a written document's fields are, in lines of the whole text (parsed on demand). */
function locateDocument(doc: EmittedDocument, fileName: string, object: KubeObject, root: boolean): Located {
  const parsed = parseDocument(doc.text, fileName, object, root);
  const lines = doc.line - 1;
  if (!parsed) return { source: { file: fileName, line: doc.line, col: 1 }, positions: {} };
  const positions: Record<string, Position> = {};
  for (const [path, position] of Object.entries(parsed.positions)) positions[path] = shifted(position, lines);
  return { source: shifted(parsed.source, lines), positions };
}

/** A manifest whose locations are read from its document only when asked for (only findings ask). */
function lazyManifest(object: KubeObject, doc: EmittedDocument, fileName: string, root = true): Manifest {
  let located: ReturnType<typeof locateDocument> | undefined;
  const locate = () => (located ??= locateDocument(doc, fileName, object, root));
  return {
    object,
    get source() {
      return locate().source;
    },
    get positions() {
      return locate().positions;
    },
  };
}

/**
 * The design of `objects` (with the cluster the analysis built from them, in the same order) whose
 * locations are lines of `text`, the YAML `emitYaml` wrote for them. Only the documents of
 * manifests a finding names are parsed. Undefined when the text does not split into one document
 * per object (then only a full parse can tell).
 */
export function emittedDesign(objects: readonly KubeObject[], text: string, fileName: string, cluster: ClusterModel, diagnostics: Diagnostic[]): Design | undefined {
  const docs = splitDocuments(text);
  if (docs.length !== objects.length) return undefined;
  return { manifests: objects.map((object, i) => lazyManifest(object, docs[i]!, fileName)), cluster, diagnostics };
}

/**
 * Like `emittedDesign`, for a text of record (opened, pasted, typed) whose objects were parsed
 * already (by the analysis worker): `lines` is the line each object's manifest starts on. Its
 * locations are those of a full parse when each document between `---` lines holds exactly one
 * object (a document parsed alone places its fields as the stream does, lines shifted); undefined
 * otherwise (a List, a separator with a comment...), when only a full parse can tell.
 */
export function textDesign(objects: readonly KubeObject[], lines: readonly number[], text: string, fileName: string, cluster: ClusterModel, diagnostics: Diagnostic[]): Design | undefined {
  if (lines.length !== objects.length) return undefined;
  const docs = splitDocuments(text);
  // Each object's document: the one its line is in. Documents with no object (a leading `---`,
  // comments only) are passed over; one with two (a List) leaves it to the full parse.
  const mine: EmittedDocument[] = [];
  let d = 0;
  for (let i = 0; i < objects.length; i++) {
    const line = lines[i]!;
    while (d + 1 < docs.length && docs[d + 1]!.line <= line) d++;
    if (line < docs[d]!.line || (i > 0 && mine[i - 1] === docs[d])) return undefined;
    mine.push(docs[d]!);
  }
  // The writer's reader only where the object is the document's root, from its first line.
  return { manifests: objects.map((object, i) => lazyManifest(object, mine[i]!, fileName, lines[i] === mine[i]!.line)), cluster, diagnostics };
}

/** The findings of objects whose YAML the worker just wrote, located in that YAML. */
export function reviewEmitted(
  objects: readonly KubeObject[],
  text: string,
  fileName: string,
  settings: DesignSettings,
  built: { cluster: ClusterModel; diagnostics: Diagnostic[] },
  options: ReviewOptions = {},
): Finding[] {
  const design = emittedDesign(objects, text, fileName, built.cluster, built.diagnostics) ?? loadDesign([{ name: fileName, text }]);
  return reviewDesign(design, settings, options);
}

/** The findings of a text (parsed in full); undefined when it does not parse. */
export function reviewText(text: string, fileName: string, settings: DesignSettings): Finding[] | undefined {
  const design = loadDesign([{ name: fileName, text }]);
  return hasErrors(design.diagnostics) ? undefined : reviewDesign(design, settings);
}

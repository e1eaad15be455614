// Designs with a part held apart from the editor (a large import, src/import): the design's objects
// are the held ones first, then those of the editor text. The held objects keep the file and line
// they were read from, so diagnostics and findings about them point into that file; the editor's
// point into the editor. Pure (no DOM): runs in the analysis worker and in tests.
import type { DesignSettings } from '../design/types.ts';
import { buildCluster, emitYaml, parseManifests, type ClusterMemo } from '../model/index.ts';
import { parseKubectlManifests } from '../import/manifests.ts';
import type { Design, Diagnostic, KubeObject, Manifest } from '../model/types.ts';
import { reviewDesign, type ReviewOptions } from '../review/findings/index.ts';
import type { Finding } from '../review/types.ts';
import { analyzeCluster, type AnalyzeResult, type GraphAnalyzer } from './analysis.ts';
import { emittedDesign } from './findings.ts';

/** What the worker needs to know of the held part when the page sends all objects anyway. */
export interface HeldRef {
  /** The first `count` objects of the design are held. */
  count: number;
  /** The file they were imported from, and the line each starts on. */
  file: string;
  lines: number[];
  /** The header comment the editor text starts with (kept when the worker writes the text). */
  header: string;
}

/** The held part with its objects, for requests that carry only the editor text. */
export interface HeldPayload extends HeldRef {
  objects: KubeObject[];
}

const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

/**
 * What a build of a design with a held part may reuse: the worker's build memo (objects built before,
 * by identity) and the held objects the import validated without a diagnostic (not validated again).
 */
export interface HeldBuild {
  memo?: ClusterMemo;
  checked?: WeakSet<KubeObject>;
  /** Called between the cluster build and the graph's analysis (a large import's progress bar). */
  built?: () => void;
}

/** The held manifests of the last build and those of them the import validated: a toggle keeps both (24,000 at 20,000 pods). */
let lastValidated: { manifests: readonly Manifest[]; checked: WeakSet<KubeObject>; validated: Set<Manifest> } | undefined;

function build(manifests: Manifest[], count: number, reuse: HeldBuild): ReturnType<typeof buildCluster> {
  const checked = reuse.checked;
  let validated: Set<Manifest> | undefined;
  if (checked) {
    const last = lastValidated;
    if (last && last.checked === checked && sameStart(manifests, last.manifests, count)) validated = last.validated;
    else {
      validated = new Set();
      for (let i = 0; i < count; i++) if (checked.has(manifests[i]!.object)) validated.add(manifests[i]!);
      lastValidated = { manifests: manifests.slice(0, count), checked, validated };
    }
  }
  // The held part is the stable start of the design: the build resumes after it when it is the same.
  return buildCluster(manifests, reuse.memo, validated, false, count);
}

/** Whether the first `count` of `a` are those of `b`, by identity. */
function sameStart<T>(a: readonly T[], b: readonly T[], count: number): boolean {
  if (a.length < count || b.length < count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The held manifests last made: the same objects from the same lines get the same manifests. */
let lastHeld: { file: string; lines: readonly number[]; manifests: Manifest[] } | undefined;

function heldManifests(objects: readonly KubeObject[], held: HeldRef): Manifest[] {
  const last = lastHeld;
  if (last && last.file === held.file && last.manifests.length === held.count && sameStart(held.lines, last.lines, held.count) && last.manifests.every((m, i) => m.object === objects[i])) return last.manifests;
  const out: Manifest[] = [];
  for (let i = 0; i < held.count; i++) out.push({ object: objects[i]!, source: { file: held.file, line: held.lines[i] ?? 1, col: 1 }, positions: {} });
  lastHeld = { file: held.file, lines: held.lines.slice(0, held.count), manifests: out };
  return out;
}

/** Diagnostics in reading order: the held file's first, then the editor's, each by line. */
function sorted(diagnostics: Diagnostic[], heldFile: string): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.file === heldFile ? 0 : 1);
  return diagnostics.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || (a.d.line ?? 0) - (b.d.line ?? 0) || a.i - b.i).map(({ d }) => d);
}

/** The editor text with the held objects before it: the design, and what the review needs. */
export function analyzeHeldText(text: string, fileName: string, settings: DesignSettings, held: HeldPayload, analyze: GraphAnalyzer = analyzeCluster, reuse: HeldBuild = {}): { result: AnalyzeResult; design?: Design } {
  // Document by document, fast where it can (src/import/manifests.ts): same result as parseManifests.
  const parsed = parseKubectlManifests([{ name: fileName, text }]);
  const manifests = [...heldManifests(held.objects, held), ...parsed.manifests];
  const built = build(manifests, held.count, reuse);
  const diagnostics = sorted([...parsed.diagnostics, ...built.diagnostics], held.file);
  if (hasErrors(diagnostics)) return { result: { ok: false, diagnostics } };
  reuse.built?.();
  const objects = manifests.map((m) => m.object);
  const design: Design = { manifests, cluster: built.cluster, diagnostics };
  return { result: { ok: true, analysis: { objects, cluster: built.cluster, diagnostics, graph: analyze(objects, built.cluster, settings) } }, design };
}

/** The objects of a design with a held part: like `analyzeObjects`, with the held objects' lines. */
export function analyzeHeldObjects(objects: KubeObject[], settings: DesignSettings, held: HeldRef, analyze: GraphAnalyzer = analyzeCluster, reuse: HeldBuild = {}): AnalyzeResult & { ok: true } {
  const { cluster, diagnostics } = buildHeldObjects(objects, held, reuse);
  reuse.built?.();
  return { ok: true, analysis: { objects, cluster, diagnostics, graph: analyze(objects, cluster, settings) } };
}

/** The model of a design with a held part, as `analyzeHeldObjects` builds it (the review worker builds its own). */
export function buildHeldObjects(objects: readonly KubeObject[], held: HeldRef, reuse: HeldBuild = {}): { cluster: Design['cluster']; diagnostics: Diagnostic[] } {
  const manifests = [...heldManifests(objects, held), ...objects.slice(held.count).map((object): Manifest => ({ object, source: { file: 'design', line: 1, col: 1 }, positions: {} }))];
  const { cluster, diagnostics } = build(manifests, held.count, reuse);
  return { cluster, diagnostics: sorted(diagnostics, held.file) };
}

/** The editor text of a design with a held part: its header, then the YAML of the objects after the held ones. */
export function emitHeldText(objects: KubeObject[], held: HeldRef, emit: (objects: KubeObject[]) => string = emitYaml): string {
  const rest = objects.slice(held.count);
  return `${held.header}${rest.length > 0 ? emit(rest) : ''}`;
}

/**
 * The review of a design with a held part, located in the held file and in `text` (the editor's),
 * which holds the objects after the held ones. `written`: the worker wrote `text` itself (only the
 * documents findings name are parsed); else it is parsed. Undefined when the text does not hold them.
 */
export function reviewHeld(
  objects: KubeObject[],
  held: HeldRef,
  text: string,
  fileName: string,
  settings: DesignSettings,
  built: { cluster: Design['cluster']; diagnostics: Diagnostic[] },
  written: boolean,
  /** The review worker's session: compilations and check results of its last review (src/workers/reviewSession.ts). */
  options: ReviewOptions = {},
): Finding[] | undefined {
  const rest = objects.slice(held.count);
  let located: Manifest[] | undefined;
  if (written) located = emittedDesign(rest, text, fileName, built.cluster, built.diagnostics)?.manifests;
  else {
    const parsed = parseManifests([{ name: fileName, text }]);
    if (!hasErrors(parsed.diagnostics) && parsed.manifests.length === rest.length) located = parsed.manifests;
  }
  if (!located) return undefined;
  return reviewDesign({ manifests: [...heldManifests(objects, held), ...located], cluster: built.cluster, diagnostics: built.diagnostics }, settings, options);
}

/** The held part of a design: the objects a large import keeps out of the editor text (autosaved as is). */
export interface HeldPart {
  /** The file the objects were imported from (diagnostics about them name it) and its size. */
  file: string;
  chars: number;
  objects: KubeObject[];
  /** The line of the file each object starts on. */
  lines: number[];
  /** The comment the editor text starts with. */
  header: string;
  /** Remarks of the import (warnings, with the file's lines). */
  remarks?: Diagnostic[];
}

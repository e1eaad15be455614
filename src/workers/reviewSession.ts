// What the review worker keeps from one review to the next, as the analysis worker does for its
// analysis: the objects of the last design (the next comes as a patch against them), the cluster
// build's memory of each object's model element, and the last compilations (src/review/findings/
// compileMemo.ts). A toggle changes one policy among thousands of objects: only that is sent, built
// and compiled again. Pure (no DOM), so it is tested in Node.
import { withAssumedServices } from '../cluster/assumed/index.ts';
import type { DesignSettings } from '../design/types.ts';
import { buildClusterFromObjects, clusterMemo, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { compileMemo, keptResults, reviewDesign } from '../review/findings/index.ts';
import type { Finding } from '../review/types.ts';
import { reviewEmitted, textDesign } from './findings.ts';
import { buildHeldObjects, reviewHeld, type HeldRef } from './held.ts';
import { decodeObjects, type ObjectsPatch } from './objectsPatch.ts';

export type SessionTask =
  | { kind: 'objects'; objects: KubeObject[]; text: string; fileName: string; settings: DesignSettings }
  | { kind: 'objectsPatch'; patch: ObjectsPatch; middle: KubeObject[]; text: string; fileName: string; settings: DesignSettings }
  | HeldSessionTask;

/**
 * A design with a part held apart from the editor (a large import): `text` is the editor's, holding
 * the objects after the held ones; `written` as for `reviewHeld` (src/workers/held.ts). The session
 * builds the model itself, as `analyzeHeldObjects` does, so the analysis worker sends only the
 * objects (the first time) and then the change (`heldPatch`, against the same held part): copying
 * ~6,800 objects and their model to the review worker was ~2/3 of a toggle's analysis CPU at 5,000 pods.
 */
export type HeldSessionTask =
  | { kind: 'heldObjects'; objects: KubeObject[]; held: HeldRef; text: string; fileName: string; settings: DesignSettings; written: boolean }
  | { kind: 'heldPatch'; patch: ObjectsPatch; middle: KubeObject[]; text: string; fileName: string; settings: DesignSettings; written: boolean };

/** A text of record (a design opened, pasted or typed), parsed by the review. */
export interface SessionTextTask {
  text: string;
  fileName: string;
  settings: DesignSettings;
  /**
   * The objects the analysis worker parsed from the text, and the line each starts on: with them the
   * review parses only the documents its findings point at (textDesign in src/workers/findings.ts),
   * not the whole text again (~4 of the ~6 CPU s of the first review after loading 5,000 pods).
   */
  parsed?: { objects: KubeObject[]; lines: number[] };
}

export interface ReviewSession {
  /**
   * The findings of the task's objects, located in its text (undefined when a held design's text does
   * not hold them). Throws when a patch does not fit the objects kept, or the kind of design they were.
   */
  review(task: SessionTask): Finding[] | undefined;
  /**
   * The findings of a text (undefined when it does not parse), as `reviewText` in
   * src/workers/findings.ts. The session keeps the objects it parsed, in the order the analysis
   * worker's parse of the same text has them, so the toggle after a load comes as a patch against
   * them and its review reuses this one's compilations and kept results (it was a review from
   * nothing: ~3 CPU s at 5,000 pods).
   */
  reviewText(task: SessionTextTask): Finding[] | undefined;
}

export function reviewSession(): ReviewSession {
  let objects: KubeObject[] | undefined;
  let memo = clusterMemo();
  let compiles = compileMemo();
  let kept = keptResults();
  /** The held part of the objects kept (a held design's patch is against the same part), else undefined. */
  let heldPart: HeldRef | undefined;
  return {
    review(task) {
      const whole = task.kind === 'objects' || task.kind === 'heldObjects';
      const next = whole ? task.objects : decodeObjects(task.patch, task.middle, objects);
      // The analysis worker patches only against what it sent this worker; a mismatch is a bug, and a wrong review would be worse than none.
      if (!next) throw new Error('The objects patch does not fit the objects this review worker holds.');
      if (task.kind === 'objectsPatch' && heldPart) throw new Error('The objects patch does not fit the objects this review worker holds (a held design).');
      const held = task.kind === 'heldObjects' ? task.held : task.kind === 'heldPatch' ? heldPart : undefined;
      if (task.kind === 'heldPatch' && !held) throw new Error('The objects patch does not fit the objects this review worker holds (no held part).');
      // Forget first: should the review fail, the next task must not patch objects this worker may not hold.
      objects = undefined;
      heldPart = undefined;
      if (whole) {
        // Another design (or a restarted analysis): nothing of the last one is of use.
        memo = clusterMemo();
        compiles = compileMemo();
        kept = keptResults();
      }
      if (held && (task.kind === 'heldObjects' || task.kind === 'heldPatch')) {
        // As the analysis worker builds it (analyzeHeldObjects), and reviews it (reviewHeld).
        const facts = buildHeldObjects(next, held, { memo });
        const findings = reviewHeld(next, held, task.text, task.fileName, task.settings, facts, task.written, { compile: compiles, kept });
        objects = next;
        heldPart = held;
        return findings;
      }
      // As the analysis worker builds it (analyzeObjects in src/workers/analysis.ts).
      const built = buildClusterFromObjects(next, 'design', memo);
      const facts = { cluster: withAssumedServices(built.cluster, task.settings), diagnostics: built.diagnostics };
      const findings = reviewEmitted(next, task.text, task.fileName, task.settings, facts, { compile: compiles, kept });
      objects = next;
      return findings;
    },
    reviewText(task) {
      objects = undefined;
      heldPart = undefined;
      // The cluster memory and the kept results go by object identity, and a parse makes new objects;
      // the compile memo checks what it reuses (a text edited line by line keeps its workloads).
      memo = clusterMemo();
      kept = keptResults();
      if (task.parsed) {
        const { objects: parsedObjects, lines } = task.parsed;
        // As `review` builds objects: the toggle after it builds only the objects that changed.
        const built = buildClusterFromObjects(parsedObjects, 'design', memo);
        const cluster = withAssumedServices(built.cluster, task.settings);
        const located = textDesign(parsedObjects, lines, task.text, task.fileName, cluster, built.diagnostics);
        if (located && !built.diagnostics.some((d) => d.severity === 'error')) {
          const findings = reviewDesign(located, task.settings, { compile: compiles, kept });
          objects = parsedObjects;
          return findings;
        }
      }
      // Built with the session's memory: the toggle after it builds only the objects that changed.
      const design = loadDesign([{ name: task.fileName, text: task.text }], undefined, memo);
      if (design.diagnostics.some((d) => d.severity === 'error')) return undefined;
      const findings = reviewDesign(design, task.settings, { compile: compiles, kept });
      objects = design.manifests.map((m) => m.object);
      return findings;
    },
  };
}

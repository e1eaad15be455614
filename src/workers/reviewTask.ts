// What the review worker is asked: plain data only (it crosses a worker boundary), one case per way
// the analysis worker used to review in place.
import type { ClusterModel, Diagnostic, KubeObject } from '../model/types.ts';
import type { DesignSettings } from '../design/types.ts';
import type { Finding } from '../review/types.ts';
import { reviewEmitted } from './findings.ts';
import { reviewHeld, type HeldRef } from './held.ts';
import type { ObjectsPatch } from './objectsPatch.ts';
import { reviewSession, type HeldSessionTask, type ReviewSession } from './reviewSession.ts';

type Facts = { cluster: ClusterModel; diagnostics: Diagnostic[] };

export type ReviewTask =
  /**
   * A text of record, parsed again by the review (the parse is the review worker's time, not the
   * analysis'), or, with `parsed`, the analysis' objects of it and their lines: then only the
   * documents the findings point at are parsed (src/workers/reviewSession.ts reviewText).
   */
  | { kind: 'text'; text: string; fileName: string; settings: DesignSettings; parsed?: { objects: KubeObject[]; lines: number[] } }
  /** Objects whose YAML the analysis worker just wrote. */
  | { kind: 'emitted'; objects: KubeObject[]; text: string; fileName: string; settings: DesignSettings; facts: Facts }
  /**
   * Objects whose YAML the analysis worker just wrote, without the model built from them: the
   * review worker builds it (remembering the objects' elements) and keeps the objects, so the next
   * task may send only what changed (`objectsPatch`). Copying thousands of objects and their model
   * to the review worker after every toggle cost the analysis worker ~200 ms at 5,000 pods.
   */
  | { kind: 'objects'; objects: KubeObject[]; text: string; fileName: string; settings: DesignSettings }
  /** Like `objects`, as the change against the objects of the review worker's previous task (src/workers/objectsPatch.ts). */
  | { kind: 'objectsPatch'; patch: ObjectsPatch; middle: KubeObject[]; text: string; fileName: string; settings: DesignSettings }
  /**
   * A design with a part held apart from the editor (a large import), its model built by the review
   * worker's session, which keeps the objects: the next comes as `heldPatch` (src/workers/reviewSession.ts).
   */
  | HeldSessionTask
  /** A design with a part held apart from the editor, with the model the analysis worker built (a parsed editor text). */
  | { kind: 'held'; objects: KubeObject[]; held: HeldRef; text: string; fileName: string; settings: DesignSettings; facts: Facts; written: boolean };

/** The review worker's one session (what it keeps from one task to the next). */
const session = reviewSession();

export function runReviewTask(task: ReviewTask, kept: ReviewSession = session): Finding[] | undefined {
  switch (task.kind) {
    case 'objects':
    case 'objectsPatch':
    case 'heldObjects':
    case 'heldPatch':
      return kept.review(task);
    case 'text':
      return kept.reviewText(task);
    case 'emitted':
      return reviewEmitted(task.objects, task.text, task.fileName, task.settings, task.facts);
    case 'held':
      return reviewHeld(task.objects, task.held, task.text, task.fileName, task.settings, task.facts, task.written);
  }
}

export interface ReviewTaskRequest {
  seq: number;
  task: ReviewTask;
}
export interface ReviewTaskResult {
  seq: number;
  findings: Finding[] | undefined;
}

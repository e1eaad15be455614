// Messages between the page and the analysis worker.
import type { DesignSettings } from '../design/types.ts';
import type { Diagnostic, KubeObject } from '../model/types.ts';
import type { Finding } from '../review/types.ts';
import type { AnalyzeResult } from './analysis.ts';
import type { ReviewJob, ReviewJobResult } from './reviewJobs.ts';
import type { HeldRef } from './held.ts';
import type { HeldInRequest } from './heldStore.ts';
import type { PairsDelta } from './pairsDelta.ts';
import type { StablePart } from './clusterDelta.ts';
import type { ListDeltas } from './listDelta.ts';
import type { ObjectsPatch } from './objectsPatch.ts';
import type { SliceMessage, SlicedPart } from './slices.ts';
import type { FirstProgressMessage } from './firstProgress.ts';

export type AnalysisRequest =
  /**
   * With `held`, the design is the held objects (a large import, src/workers/held.ts) and then the
   * text's; `held` comes without its objects when the worker keeps them (src/workers/heldStore.ts).
   */
  | { seq: number; kind: 'text'; text: string; fileName: string; settings: DesignSettings; held?: HeldInRequest }
  /**
   * Without `emit`, `reviewText` is the YAML the objects were parsed from (the editor shows it): the
   * review after the analysis locates its findings there. Without either, no findings follow.
   */
  | { seq: number; kind: 'objects'; objects: KubeObject[]; settings: DesignSettings; emit: boolean; reviewText?: string; held?: HeldRef;
      /** Set when `objects` are only the change against the objects of the last `objects` request (src/workers/objectsPatch.ts). */
      patch?: ObjectsPatch }
  /** The review's findings for a text of record, so their locations are lines of that text. */
  | { seq: number; kind: 'review'; text: string; fileName: string; settings: DesignSettings }
  /** Diff, report, test plan or diagram of the text of record. */
  | { seq: number; kind: 'job'; text: string; settings: DesignSettings; job: ReviewJob };

/** Not a request: the port the import worker sends the held objects of a large import on (src/workers/heldStore.ts). */
export interface HeldPortHandOff {
  kind: 'held-port';
  port: MessagePort;
}

/** Not a request: the page painted the answer of request `seq`, whose review may start now (src/workers/reviewGate.ts). */
export interface PaintedNotice {
  kind: 'painted';
  seq: number;
}

export type AnalysisResponse = { seq: number; ms: number } & (AnalyzeResult | { ok: false; diagnostics: Diagnostic[]; crashed: true });

/**
 * What the worker posts. For an `objects` request with `emit`, the analysis comes first (the graph
 * repaints at once) and the YAML text follows in a second message: writing YAML is the slow part.
 * Every `text` and `objects` request then gets one `findings` message: the review of the text the
 * editor shows (the request's text, the written YAML or `reviewText`), located in it; `findings` is
 * undefined when there is none (analysis failed, no text to locate in, or a newer design came first).
 */
export type WorkerMessage =
  /**
   * With `pairs`, the graph's pairs are that change against the pairs of the last analysis sent (its
   * own are empty); the cluster's parts named in `same` are those of the last analysis sent (empty here).
   */
  | { type: 'analysis'; response: AnalysisResponse; textFollows: boolean; pairs?: PairsDelta; same?: StablePart[];
      /** Parts of the analysis sent ahead in `slice` messages (src/workers/slices.ts), empty here. */
      sliced?: SlicedPart[];
      /** Lists sent as a change against those of the last analysis sent (src/workers/listDelta.ts), empty here. */
      lists?: ListDeltas }
  | SliceMessage
  /** How far the first analysis of a large import is (src/workers/firstProgress.ts). */
  | FirstProgressMessage
  | { type: 'text'; seq: number; text: string | undefined; error?: string }
  | { type: 'findings'; seq: number; findings: Finding[] | undefined; superseded?: boolean }
  | { type: 'review'; seq: number; findings: Finding[] | undefined }
  | { type: 'job'; seq: number; result: ReviewJobResult };

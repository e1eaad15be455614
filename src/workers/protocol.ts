// Messages between the page and the analysis worker.
import type { DesignSettings, Diagnostic, Finding, KubeObject } from '../ui/core.ts';
import type { AnalyzeResult } from './analysis.ts';

export type AnalysisRequest =
  | { seq: number; kind: 'text'; text: string; fileName: string; settings: DesignSettings }
  | { seq: number; kind: 'objects'; objects: KubeObject[]; settings: DesignSettings; emit: boolean }
  /** The review's findings for a text of record, so their locations are lines of that text. */
  | { seq: number; kind: 'review'; text: string; fileName: string; settings: DesignSettings };

export type AnalysisResponse = { seq: number; ms: number } & (AnalyzeResult | { ok: false; diagnostics: Diagnostic[]; crashed: true });

/**
 * What the worker posts. For an `objects` request with `emit`, the analysis comes first (the graph
 * repaints at once) and the YAML text follows in a second message: writing YAML is the slow part.
 */
export type WorkerMessage =
  | { type: 'analysis'; response: AnalysisResponse; textFollows: boolean }
  | { type: 'text'; seq: number; text: string | undefined; error?: string }
  | { type: 'review'; seq: number; findings: Finding[] | undefined };

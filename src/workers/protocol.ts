// Messages between the page and the analysis worker.
import type { DesignSettings, Diagnostic, KubeObject } from '../ui/core.ts';
import type { AnalyzeResult } from './analysis.ts';

export type AnalysisRequest =
  | { seq: number; kind: 'text'; text: string; fileName: string; settings: DesignSettings }
  | { seq: number; kind: 'objects'; objects: KubeObject[]; settings: DesignSettings; emit: boolean };

export type AnalysisResponse = { seq: number; ms: number } & (AnalyzeResult | { ok: false; diagnostics: Diagnostic[]; crashed: true });

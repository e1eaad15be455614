// The review layer's vocabulary: findings (lint with judgement) and the fixes they offer. Every
// type here is plain data (structured-clone safe), because findings are computed in the analysis
// worker and shipped to the page, and printed by the CLI as JSON.
import type { KubeObject, ObjectRef, SourceLocation } from '../model/types.ts';

/** How much a finding matters to a security review, most severe first. */
export const FINDING_SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** A change to the manifest set, by index into the design's objects (= its manifests, in order). */
export type ObjectChange =
  | { op: 'replace'; index: number; object: KubeObject }
  | { op: 'remove'; index: number }
  | { op: 'add'; object: KubeObject };

/** A one-click fix: applying it yields a new manifest set; undo is the UI's ordinary undo. */
export interface FindingFix {
  title: string;
  /** What the fix changes and what it allows or stops allowing, in one or two sentences. */
  description: string;
  changes: ObjectChange[];
}

export interface Finding {
  /** Stable across re-analysis of the same design: `${rule}:${subject}` (for keys, filters, tests). */
  id: string;
  /** The check that raised it, e.g. `namespace-unprotected`, `split-rule`, `admin-shadowed-rule`. */
  rule: string;
  severity: FindingSeverity;
  /** One line, naming the object: "Namespace shop: no policy isolates its pods for ingress". */
  title: string;
  /** The risk, in one or two sentences a reviewer can read out loud. */
  risk: string;
  /** The object the finding is about, when there is one. */
  object?: ObjectRef;
  /** Where in the YAML (file:line:col of the field, or of the object when no field applies). */
  location?: SourceLocation;
  /** Field path in API style, e.g. `spec.egress[1].to[0].ipBlock`. */
  path?: string;
  /** Empty when no mechanical fix exists; the risk text then says what to do. */
  fixes: FindingFix[];
}

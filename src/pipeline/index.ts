// Renderings for pipelines: SARIF for code scanning, Markdown for pull-request comments, text for
// logs; for the review's findings and for invariants.
export { describeInvariant, describePorts, invariantHelp } from './describe.ts';
export { findingsToSarif, invariantsToSarif, SARIF_SCHEMA_URI, type SarifLog, type SarifOptions, type SarifResult, type SarifRule } from './sarif.ts';
export { findingsMarkdown, invariantsMarkdown } from './markdown.ts';
export { invariantsText } from './text.ts';

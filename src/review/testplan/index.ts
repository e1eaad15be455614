// Public API of the test plan: live-cluster probes that prove a design, as a script or a table.
export type * from './types.ts';
export { planTests, defaultOutsideTargets, DEFAULT_PROBE_IMAGE, DEFAULT_PROBE_TIMEOUT, type TestPlanOptions } from './plan.ts';
export { renderTestScript, renderTestPlanMarkdown, probeTitle, PROBE_LABEL } from './script.ts';
export { shellQuote } from './shell.ts';

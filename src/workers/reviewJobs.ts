// The review tools' heavy work, run in the analysis worker: diff against a baseline, the report,
// the test plan and the diagram. Pure (no DOM), so it is tested in Node like the core.
import { withAssumedServices } from '../cluster/assumed/index.ts';
import type { DesignSettings } from '../design/types.ts';
import type { ReplayReport } from '../review/replay/index.ts';
import { loadDesign } from '../model/index.ts';
import type { ClusterModel, Design, Diagnostic } from '../model/types.ts';
import { diffDesigns, formatDiff, type DesignDiff, type DiffPairFilter } from '../review/diff/index.ts';
import { reviewDesign } from '../review/findings/index.ts';
import { renderDiagramSvg, renderHtmlReport, renderMarkdownReport } from '../review/report/index.ts';
import { checkInvariants, parseInvariants } from '../invariants/index.ts';
import { planTests, renderTestPlanMarkdown, renderTestScript } from '../review/testplan/index.ts';
import { buildMatrixView, computeReviewMatrix, exportMatrixView, type MatrixLevel, type MatrixShow, type MatrixView } from '../review/matrixView.ts';
import { compile, type Endpoint, type NetworkProfileId, type PortProbe } from '../engine/index.ts';
import { EXTERNAL_NODES, externalEndpoint } from '../design/external.ts';
import { addressNodes, drawnPairs, presentStory, type PresentationStep } from './presentation.ts';
import { analyzeObjects, type GraphData } from './analysis.ts';

export type TestPlanScope = 'all' | 'allowed' | 'denied';

export type ReviewJob =
  /** Without `full`, the diff lists the pairs the graph marks and a few more (big designs change millions). */
  | { job: 'diff'; baselineText: string; baselineName: string; full?: boolean; listed?: number }
  | { job: 'report'; format: 'html' | 'md'; baselineText?: string; baselineName?: string; date?: string; invariantsText?: string; replay?: ReplayReport }
  | { job: 'testplan'; format: 'sh' | 'md'; scope: TestPlanScope; outside: boolean }
  | { job: 'diagram' }
  /** With `outside`, the graph's outside nodes (internet, private ranges, metadata, API server, DNS) are rows and columns too. */
  | { job: 'matrix'; level: MatrixLevel; show: MatrixShow; namespaces?: string[]; ports?: PortProbe[]; compareProfile?: NetworkProfileId; outside?: boolean }
  | { job: 'story' };

export type ReviewJobResult =
  | { ok: true; text: string; diff?: DesignDiff; probes?: number; matrix?: MatrixView; compare?: MatrixView; markdown?: string; story?: PresentationStep[]; drawnBefore?: string[] }
  | { ok: false; message: string };

const DESIGN_FILE = 'design.yaml';

function errorsOf(design: Design): Diagnostic[] {
  return design.diagnostics.filter((d) => d.severity === 'error');
}

const describe = (d: Diagnostic) => `${d.line !== undefined ? `line ${d.line}: ` : ''}${d.message}`;

function loadBaseline(text: string, name: string): Design | string {
  const baseline = loadDesign([{ name, text }]);
  const errors = errorsOf(baseline);
  if (errors.length > 0) return `The baseline ${name} has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.slice(0, 3).map(describe).join('; ')}`;
  return baseline;
}

/** Changed pairs listed beyond those the graph marks, unless the job says otherwise. */
const LISTED_PAIRS = 200;

const objectsOf = (d: Design) => d.manifests.map((m) => m.object);

/** A design's graph, as the page draws it. */
function graphOf(design: Design, settings: DesignSettings): GraphData | undefined {
  const r = analyzeObjects(objectsOf(design), settings, false);
  return r.ok ? r.analysis.graph : undefined;
}

const drawnIn = (graph: GraphData | undefined): Set<string> => (graph ? drawnPairs(graph) : new Set());

/**
 * The diff as the page shows it: every pair the graph marks (a drawn path that opens, one drawn
 * before that closes) and the first others up to a budget, with the totals of all.
 */
function pageDiff(baseline: Design, design: Design, settings: DesignSettings, listed = LISTED_PAIRS): { diff: DesignDiff; drawnBefore: Set<string> } {
  const graphBefore = graphOf(baseline, settings);
  const graphNow = graphOf(design, settings);
  const drawnBefore = drawnIn(graphBefore);
  const drawnNow = drawnIn(graphNow);
  const addresses = addressNodes(...[graphBefore, graphNow].filter((g): g is GraphData => g !== undefined));
  let budget = listed;
  const only: DiffPairFilter = (from, to, opens) => {
    const key = `${from.key}>${to.key}`;
    return (opens && drawnNow.has(key)) || drawnBefore.has(key) || budget-- > 0;
  };
  return { diff: diffDesigns(baseline, design, { settings, only, addresses }), drawnBefore };
}

/**
 * Runs a job on the design of `text`. `known` is that design's cluster when the caller has it
 * already, without errors (the analysis worker keeps the last one it analyzed): the matrix then
 * skips parsing the text again, which on a large design took longer than the matrix.
 */
export function runReviewJob(text: string, settings: DesignSettings, job: ReviewJob, known?: { cluster: ClusterModel }): ReviewJobResult {
  if (job.job === 'matrix' && known) return matrixJob(known.cluster, settings, job);
  const design = loadDesign([{ name: DESIGN_FILE, text }]);
  if (errorsOf(design).length > 0) return { ok: false, message: 'The design has errors; fix them in the YAML first.' };
  switch (job.job) {
    case 'diff': {
      const baseline = loadBaseline(job.baselineText, job.baselineName);
      if (typeof baseline === 'string') return { ok: false, message: baseline };
      if (job.full) {
        const diff = diffDesigns(baseline, design, { settings });
        return { ok: true, diff, text: formatDiff(diff, 'md') };
      }
      const { diff, drawnBefore } = pageDiff(baseline, design, settings, job.listed);
      return { ok: true, diff, drawnBefore: [...drawnBefore], text: formatDiff(diff, 'md') };
    }
    case 'report': {
      const baseline = job.baselineText !== undefined ? loadBaseline(job.baselineText, job.baselineName ?? 'baseline.yaml') : undefined;
      if (typeof baseline === 'string') return { ok: false, message: baseline };
      // The design's invariants, checked here where the manifests' positions are known.
      const invariants = job.invariantsText ? parseInvariants([{ name: 'netpol-invariants.yaml', text: job.invariantsText }]).invariants : [];
      const input = {
        design, settings, findings: reviewDesign(design, settings),
        ...(baseline ? { baseline, diff: pageDiff(baseline, design, settings).diff } : {}), ...(job.date ? { date: job.date } : {}),
        ...(invariants.length > 0 ? { invariants: checkInvariants(design, invariants, { settings }) } : {}),
        ...(job.replay ? { replay: job.replay } : {}),
      };
      return { ok: true, text: job.format === 'html' ? renderHtmlReport(input) : renderMarkdownReport(input) };
    }
    case 'testplan': {
      const plan = planTests(design, {
        settings,
        ...(job.outside ? {} : { outside: [] }),
        ...(job.scope === 'all' ? {} : { include: (p) => p.expected === (job.scope === 'allowed' ? 'allow' : 'deny') }),
      });
      return { ok: true, probes: plan.probes.length, text: job.format === 'sh' ? renderTestScript(plan) : renderTestPlanMarkdown(plan) };
    }
    case 'diagram':
      return { ok: true, text: renderDiagramSvg(design, { settings }) };
    case 'matrix':
      return matrixJob(design.cluster, settings, job);
    case 'story': {
      const story = presentStory(design.manifests.map((m) => m.object), settings);
      return { ok: true, story, text: story.map((s, i) => `${i + 1}. ${s.title}: ${s.narration}`).join('\n') };
    }
  }
}

function matrixJob(cluster: ClusterModel, settings: DesignSettings, job: Extract<ReviewJob, { job: 'matrix' }>): ReviewJobResult {
  const inClusterModel = withAssumedServices(cluster, settings);
  const options = {
    ...(job.ports && job.ports.length > 0 ? { ports: job.ports } : {}),
    ...(job.outside ? { extraEndpoints: outsideEndpoints({ cluster }, settings) } : {}),
  };
  const viewOptions = { level: job.level, show: job.show, ...(job.namespaces ? { namespaces: job.namespaces } : {}) };
  const m = computeReviewMatrix(compile(inClusterModel, { profile: settings.profile }), options);
  const view = buildMatrixView(m, viewOptions);
  // The same matrix under another network plugin, to mark the cells where the two disagree.
  const compare = job.compareProfile ? buildMatrixView(computeReviewMatrix(compile(inClusterModel, { profile: job.compareProfile }), options), viewOptions) : undefined;
  return { ok: true, matrix: view, ...(compare ? { compare } : {}), text: exportMatrixView(view, 'csv'), markdown: exportMatrixView(view, 'md') };
}

/**
 * The outside nodes of the graph as matrix endpoints: the address each node's explanation probes.
 * The DNS node of a design with DNS pods is those pods (already a row).
 */
export function outsideEndpoints(design: Pick<Design, 'cluster'>, settings: DesignSettings): Endpoint[] {
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  for (const node of EXTERNAL_NODES(settings)) {
    const e = externalEndpoint(node.id, settings, withAssumedServices(design.cluster, settings));
    if (e.kind !== 'ip' || seen.has(e.ip)) continue;
    seen.add(e.ip);
    out.push(e);
  }
  return out;
}

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
import { compile, profileById, type CompiledCluster, type Endpoint, type NetworkProfileId, type PortProbe } from '../engine/index.ts';
import { computeCompactMatrix, countDiffering, exportCompactMatrix, exportRefusal, type CompactMatrix } from '../review/matrixCompact/index.ts';
import { defaultMatrixPorts } from '../review/matrixView.ts';
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
  | { job: 'story' }
  /**
   * The Matrix view at cluster size: the same matrix as `matrix` (outside nodes always, the DNS node
   * as a row of its own) as typed arrays, without the exports (src/review/matrixCompact).
   */
  | ({ job: 'matrixCompact' } & CompactMatrixJob)
  /** The export of that matrix, in parts (joined: the text), refused above EXPORT_CELL_LIMIT cells. */
  | ({ job: 'matrixExport'; format: 'csv' | 'md' } & CompactMatrixJob);

export interface CompactMatrixJob {
  level: MatrixLevel;
  show: MatrixShow;
  /**
   * matrixCompact with `show: 'all'`: compute only the port of this index (the view shows one port at
   * a time; each port costs as much as the first). The answer lists every port in `matrixPorts`.
   */
  portIndex?: number;
  namespaces?: string[];
  ports?: PortProbe[];
  compareProfile?: NetworkProfileId;
}

export type ReviewJobResult =
  | {
    ok: true; text: string; diff?: DesignDiff; probes?: number; matrix?: MatrixView; compare?: MatrixView; markdown?: string; story?: PresentationStep[]; drawnBefore?: string[];
    /** matrixCompact: the matrix, the one under `compareProfile`, and per port how many cells differ. */
    compact?: CompactMatrix; compactCompare?: CompactMatrix; differing?: number[];
    /** matrixCompact: every port of the matrix (`compact.ports` may hold only the one asked for). */
    matrixPorts?: PortProbe[];
    /** matrixExport: the text in parts. */
    parts?: string[];
  }
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
export function runReviewJob(text: string, settings: DesignSettings, job: ReviewJob, known?: { cluster: ClusterModel; compiled?: CompiledCluster | undefined }): ReviewJobResult {
  if (job.job === 'matrix' && known) return matrixJob(known.cluster, settings, job);
  if ((job.job === 'matrixCompact' || job.job === 'matrixExport') && known) return compactMatrixJob(known.cluster, settings, job, known.compiled);
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
    case 'matrixCompact':
    case 'matrixExport':
      return compactMatrixJob(design.cluster, settings, job);
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

/**
 * The compiled cluster of the last compact matrix: changing the level, filter or port of the Matrix
 * view, or exporting it, reuses it (the cluster object is the same while the design is unchanged).
 */
const compiledFor = new Map<string, { cluster: ClusterModel; compiled: CompiledCluster; outside: Endpoint[]; dns: string | undefined }>();

function compiledMatrixInput(cluster: ClusterModel, settings: DesignSettings, profile: NetworkProfileId | undefined, analyzed?: CompiledCluster) {
  const key = `${profile ?? ''}\u0000${JSON.stringify(settings)}`;
  const known = compiledFor.get(key);
  if (known?.cluster === cluster) return known;
  // Another design: what was compiled for the last one is of no more use.
  if ([...compiledFor.values()].some((e) => e.cluster !== cluster)) compiledFor.clear();
  const inClusterModel = withAssumedServices(cluster, settings);
  // The DNS node is the DNS workload when the cluster has one (declared or assumed): its row and
  // column are that workload's, under the node's name, as the graph draws it.
  const dns = externalEndpoint('dns', settings, inClusterModel);
  // The analysis compiled this very cluster (same object) under the design's plugin: reuse it.
  const reuse = analyzed && analyzed.cluster === inClusterModel && analyzed.profile.id === profileById(profile ?? settings.profile).id ? analyzed : undefined;
  const entry = {
    cluster, compiled: reuse ?? compile(inClusterModel, { profile: profile ?? settings.profile }),
    outside: outsideEndpoints({ cluster }, settings), dns: dns.kind === 'workload' ? dns.id : undefined,
  };
  compiledFor.set(key, entry);
  return entry;
}

/** The label of the DNS node's row and column (the graph's node key, also a probe key for Explain). */
export const DNS_ROW = 'ext:dns';

function compactMatrixJob(cluster: ClusterModel, settings: DesignSettings, job: Extract<ReviewJob, { job: 'matrixCompact' | 'matrixExport' }>, analyzed?: CompiledCluster): ReviewJobResult {
  let matrixPorts: PortProbe[] = [];
  const compute = (profile: NetworkProfileId | undefined): CompactMatrix => {
    const input = compiledMatrixInput(cluster, settings, profile, profile === undefined ? analyzed : undefined);
    matrixPorts = job.ports && job.ports.length > 0 ? job.ports : defaultMatrixPorts(input.compiled.cluster);
    // One port when asked (and no filter needs the others: `show` hides rows empty on every port).
    const one = job.job === 'matrixCompact' && job.show === 'all' && job.portIndex !== undefined ? matrixPorts[Math.min(job.portIndex, matrixPorts.length - 1)] : undefined;
    return computeCompactMatrix(input.compiled, {
      level: job.level, show: job.show, ...(job.namespaces ? { namespaces: job.namespaces } : {}),
      ports: one ? [one] : matrixPorts,
      extraEndpoints: input.outside,
      // The exports are the CLI's bytes: the DNS pods are there under their own name only.
      ...(input.dns && job.job === 'matrixCompact' ? { aliases: [{ label: DNS_ROW, workloads: [input.dns] }] } : {}),
    });
  };
  const compact = compute(undefined);
  if (job.job === 'matrixExport') {
    const refusal = exportRefusal(compact);
    if (refusal) return { ok: false, message: refusal };
    return { ok: true, text: '', parts: exportCompactMatrix(compact, job.format) };
  }
  if (!job.compareProfile) return { ok: true, text: '', compact, matrixPorts };
  const other = compute(job.compareProfile);
  return { ok: true, text: '', compact, matrixPorts, compactCompare: other, differing: compact.ports.map((_, p) => countDiffering(compact, other, p)) };
}

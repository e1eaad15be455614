// What a review report says, computed once and rendered as HTML or Markdown.
import { assumedItems, inCluster } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { compile, profileById, type PortProbe } from '../../engine/index.ts';
import { emitYaml } from '../../model/index.ts';
import type { Design } from '../../model/types.ts';
import { diffDesigns } from '../diff/index.ts';
import { POLICY_KINDS } from '../diff/policies.ts';
import type { DesignDiff } from '../diff/types.ts';
import { buildMatrixView, computeReviewMatrix, defaultMatrixPorts, type MatrixLevel, type MatrixView } from '../matrixView.ts';
import { namespaceMatrixView } from '../matrixStream/index.ts';
import { FINDING_SEVERITIES, type Finding, type FindingSeverity } from '../types.ts';
import { renderDiagramSvg } from './diagram.ts';
import { describeInvariant, type InvariantResult } from '../../invariants/index.ts';
import type { ReplayReport } from '../replay/format.ts';

export interface ReportInput {
  design: Design;
  title?: string;
  /** Shown as given; default: today's date (UTC), YYYY-MM-DD. */
  date?: string;
  /** From the review (reviewDesign); listed most severe first. */
  findings?: readonly Finding[];
  /** The design before the change under review: adds the diff. */
  baseline?: Design;
  /** A diff already computed (the page has one); else computed from `baseline`. */
  diff?: DesignDiff;
  /** Matrix ports; default: every declared container port. */
  ports?: readonly PortProbe[];
  /** Default: per workload up to 40 workloads, per namespace above. */
  matrixLevel?: MatrixLevel;
  /** The page's drawing of the graph; when absent the report draws its own (diagram.ts). */
  diagramSvg?: string;
  settings?: DesignSettings;
  /** The design's invariants, checked (checkInvariants): adds their section. */
  invariants?: readonly InvariantResult[];
  /** Observed traffic replayed against the design: adds its section and the rollout checklist. */
  replay?: ReplayReport;
}

/** One invariant in a report: whether it holds and, when not, the paths that break it. */
export interface ReportInvariant {
  name: string;
  what: string;
  holds: boolean;
  violationCount: number;
  violations: { path: string; why: string; where?: string }[];
  /** Why the check covered less than meant (an end that matches nothing). */
  notes: string[];
}

export interface ReportContent {
  title: string;
  date: string;
  counts: { namespaces: number; workloads: number; networkPolicies: number; adminPolicies: number; errors: number; warnings: number };
  findingCounts: Record<FindingSeverity, number>;
  findings: Finding[];
  /** The caller's SVG (embedded as an image, never as markup) or ours (inline). */
  diagram: { svg: string; trusted: boolean };
  matrix: MatrixView;
  diff?: DesignDiff;
  policiesYaml: string;
  /** What the review assumed about the cluster (its settings): the answers depend on them. */
  assumptions: string;
  invariants?: ReportInvariant[];
  /** The network-plugin profile the verdicts follow, with its one-line summary. */
  profile: string;
  replay?: ReplayReport;
}

const REPORT_VIOLATIONS = 10;

function reportInvariants(results: readonly InvariantResult[]): ReportInvariant[] {
  return results.map((r) => ({
    name: r.invariant.name,
    what: r.invariant.description ?? describeInvariant(r.invariant),
    holds: r.holds,
    violationCount: r.violationCount,
    notes: [...r.notes],
    violations: r.violations.slice(0, REPORT_VIOLATIONS).map((v) => {
      const at = v.policy?.location;
      const policy = v.policy ? `${v.policy.namespace ? `${v.policy.namespace}/` : ''}${v.policy.name}` : undefined;
      return {
        path: `${v.from} -> ${v.to} (${v.ports})`,
        why: v.explanation,
        ...(policy ? { where: `${policy}${at ? ` (${at.file}:${at.line}:${at.col})` : ''}` } : {}),
      };
    }),
  }));
}

const MATRIX_WORKLOAD_LIMIT = 40;

export function reportContent(input: ReportInput): ReportContent {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const design = inCluster(input.design, settings);
  const compiled = compile(design.cluster, { profile: settings.profile });
  const ports = input.ports ?? defaultMatrixPorts(design.cluster);
  const level = input.matrixLevel ?? (compiled.workloads.length > MATRIX_WORKLOAD_LIMIT ? 'namespace' : 'workload');
  // The namespace level from the workload classes: the workload tables of 20,000 pods do not fit in memory.
  const matrix = level === 'namespace' ? namespaceMatrixView(compiled, ports) : buildMatrixView(computeReviewMatrix(compiled, { ports }), { level });
  const findings = [...(input.findings ?? [])].sort((a, b) => FINDING_SEVERITIES.indexOf(a.severity) - FINDING_SEVERITIES.indexOf(b.severity));
  const findingCounts = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<FindingSeverity, number>;
  const diff = input.diff ?? (input.baseline ? diffDesigns(input.baseline, design, { settings }) : undefined);
  const policies = design.manifests.map((m) => m.object).filter((o) => POLICY_KINDS.includes(o.kind));
  return {
    title: input.title ?? 'NetworkPolicy review',
    date: input.date ?? new Date().toISOString().slice(0, 10),
    counts: {
      namespaces: new Set([...design.cluster.namespaces.map((n) => n.name), ...design.cluster.workloads.map((w) => w.namespace)]).size,
      workloads: design.cluster.workloads.length,
      networkPolicies: design.cluster.policies.length,
      adminPolicies: design.cluster.adminPolicies.length,
      errors: design.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: design.diagnostics.filter((d) => d.severity === 'warning').length,
    },
    findingCounts,
    findings,
    diagram: input.diagramSvg !== undefined ? { svg: input.diagramSvg, trusted: false } : { svg: renderDiagramSvg(design, { settings }), trusted: true },
    matrix,
    ...(diff ? { diff } : {}),
    policiesYaml: policies.length > 0 ? emitYaml(policies) : '',
    assumptions: [describeSettings(settings), ...assumedServices(design.cluster)].join('; '),
    ...(input.invariants ? { invariants: reportInvariants(input.invariants) } : {}),
    profile: `${profileById(settings.profile).name}${settings.profile && settings.profile !== 'spec' ? '' : ' (default)'}: ${profileById(settings.profile).summary}`,
    ...(input.replay ? { replay: input.replay } : {}),
  };
}

/** What the model has that the files do not declare (src/cluster/assumed), for the summary. */
function assumedServices(cluster: Design['cluster']): string[] {
  const all = assumedItems(cluster);
  return all.length > 0 ? [`assumed, not in the files: ${all.join(', ')}`] : [];
}

/** The cluster services the review judged the design against, in one line. */
export function describeSettings(settings: DesignSettings): string {
  const labels = Object.entries(settings.dns.podLabels).map(([k, v]) => `${k}=${v}`).join(',');
  return [
    settings.apiServer
      ? `kube-apiserver endpoint ${settings.apiServer.address}:${settings.apiServer.port} (Service ${settings.apiServerVip.address}:${settings.apiServerVip.port})`
      : `kube-apiserver endpoint not set (Service ${settings.apiServerVip.address}:${settings.apiServerVip.port})`,
    `cluster DNS pods ${labels} in ${settings.dns.namespace}`,
    `ingress controller in ${settings.ingressControllerNamespace}`,
    settings.podCidrs.length > 0 ? `pod CIDRs ${settings.podCidrs.join(', ')}` : 'pod CIDRs not given',
    `Service CIDRs ${settings.serviceCidrs.join(', ') || 'not given'}`,
    ...(settings.nodeLocalDns ? ['NodeLocal DNSCache 169.254.20.10'] : []),
  ].join('; ');
}

/** Base64 of UTF-8 text, without Node's Buffer (the page runs this too). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    out += alphabet[(triple >> 18) & 63]! + alphabet[(triple >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(triple >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[triple & 63]! : '=';
  }
  return out;
}

export const svgDataUri = (svg: string): string => `data:image/svg+xml;base64,${base64Utf8(svg)}`;

export const findingWhere = (f: Finding): string =>
  [f.location ? `${f.location.file}:${f.location.line}:${f.location.col}` : undefined, f.path].filter(Boolean).join(' ');

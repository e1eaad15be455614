// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): the review's findings and the
// invariants' violations as results on file:line:col of the policy.
// Spec: OASIS SARIF v2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html);
// `security-severity` is GitHub's property for code scanning severities
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
import type { InvariantResult } from '../invariants/index.ts';
import { FINDING_RULES } from '../review/findings/index.ts';
import type { Finding, FindingSeverity } from '../review/types.ts';
import type { SourceLocation } from '../model/types.ts';
import { describeInvariant, invariantHelp } from './describe.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

interface SarifMessage { text: string; markdown?: string }

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
  message?: SarifMessage;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: SarifMessage;
  locations?: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number })[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
    results: SarifResult[];
  }[];
}

export interface SarifOptions {
  version: string;
  /** A file name as given to the tool -> a URI relative to the repository root; undefined to leave it out. */
  uri: (file: string) => string | undefined;
}

const LEVELS: Record<FindingSeverity, Level> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub ranks >= 7 high, >= 4 medium, > 0 low. */
const SECURITY_SEVERITY: Record<FindingSeverity, string> = { high: '8.0', medium: '5.0', low: '3.0', info: '1.0' };

function location(options: SarifOptions, at: SourceLocation | undefined, message?: string): SarifLocation | undefined {
  if (!at) return undefined;
  const uri = options.uri(at.file);
  if (uri === undefined) return undefined;
  return {
    physicalLocation: { artifactLocation: { uri }, region: { startLine: Math.max(1, at.line), startColumn: Math.max(1, at.col) } },
    ...(message ? { message: { text: message } } : {}),
  };
}

function log(options: SarifOptions, rules: SarifRule[], results: SarifResult[]): SarifLog {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'netpol-designer', version: options.version, semanticVersion: options.version, rules } }, results }],
  };
}

function rule(id: string, title: string, description: string, help: string, severity: FindingSeverity, tag: string): SarifRule {
  return {
    id,
    name: id.replace(/(^|[-.])([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: help },
    defaultConfiguration: { level: LEVELS[severity] },
    properties: { tags: ['security', 'kubernetes', 'network-policy', tag], 'security-severity': SECURITY_SEVERITY[severity], precision: 'very-high' },
  };
}

/** Findings: one rule per check that raised something, one result per finding; fixes in the message as text. */
export function findingsToSarif(findings: readonly Finding[], options: SarifOptions): SarifLog {
  const ids = [...new Set(findings.map((f) => f.rule))].sort();
  const catalogue = FINDING_RULES as Record<string, { title: string; description: string; severity: FindingSeverity } | undefined>;
  const rules = ids.map((id) => {
    const known = catalogue[id];
    const description = known?.description ?? id;
    return rule(id, known?.title ?? id, description, `${description} The result's message says what to change; the page offers the same fixes with one click.`, known?.severity ?? 'medium', 'finding');
  });
  const results = findings.map((f): SarifResult => {
    const fixes = f.fixes.map((fix) => `fix: ${fix.title}: ${fix.description}`);
    const at = location(options, f.location);
    return {
      ruleId: f.rule,
      ruleIndex: ids.indexOf(f.rule),
      level: LEVELS[f.severity],
      message: { text: [`${f.title}${f.path ? ` (${f.path})` : ''}`, f.risk, ...fixes].join('\n') },
      ...(at ? { locations: [at] } : {}),
      properties: { severity: f.severity, findingId: f.id, ...(fixes.length > 0 ? { fixes: f.fixes.map((fix) => fix.title) } : {}) },
    };
  });
  return log(options, rules, results);
}

/** Invariants: one rule per invariant, one result per violation, on the policy that opened (or closed) the path. */
export function invariantsToSarif(results: readonly InvariantResult[], options: SarifOptions): SarifLog {
  const rules = results.map((r) => {
    const inv = r.invariant;
    const text = describeInvariant(inv);
    return rule(inv.name, inv.description ?? text, `${inv.description ? `${inv.description}: ` : ''}${text}`, invariantHelp(inv), inv.severity, `invariant-${inv.kind}`);
  });
  const out: SarifResult[] = [];
  results.forEach((r, index) => {
    const inv = r.invariant;
    const invariantAt = location(options, inv.location, `the invariant ${inv.name}`);
    for (const v of r.violations) {
      const policyAt = location(options, v.policy?.location, v.policy ? `${v.policy.kind} ${v.policy.namespace ? `${v.policy.namespace}/` : ''}${v.policy.name}${v.policy.path ? ` ${v.policy.path}` : ''}` : undefined);
      const primary = policyAt ?? invariantAt;
      out.push({
        ruleId: inv.name,
        ruleIndex: index,
        level: LEVELS[inv.severity],
        message: { text: [v.message, `why: ${v.explanation}`, `path: ${v.from} -> ${v.to} (${v.ports}); probe ${v.probe.from} -> ${v.probe.to} ${v.probe.protocol}/${v.probe.port}`, `fix: ${invariantHelp(inv)}`].join('\n') },
        ...(primary ? { locations: [primary] } : {}),
        ...(policyAt && invariantAt ? { relatedLocations: [{ id: 1, ...invariantAt }] } : {}),
        properties: { from: v.from, to: v.to, ports: v.ports, chain: v.chain },
      });
    }
    // More violations than listed: one result says how many, so the count is not lost.
    if (r.violationCount > r.violations.length) {
      out.push({
        ruleId: inv.name,
        ruleIndex: index,
        level: LEVELS[inv.severity],
        message: { text: `${inv.name}: ${r.violationCount - r.violations.length} more violation(s) not listed` },
        ...(invariantAt ? { locations: [invariantAt] } : {}),
      });
    }
    if (!r.holds && r.violations.length === 0) {
      out.push({ ruleId: inv.name, ruleIndex: index, level: LEVELS[inv.severity], message: { text: `${inv.name}: ${r.notes.join('; ')}` }, ...(invariantAt ? { locations: [invariantAt] } : {}) });
    }
  });
  return log(options, rules, out);
}

// The review commands: diff, report, testplan, findings.
import { loadDesign } from '../model/index.ts';
import type { Design } from '../model/types.ts';
import { diffDesigns, DIFF_FORMATS, formatDiff, isEmptyDiff, type DiffFormat } from '../review/diff/index.ts';
import { compareFindings, reviewDesign } from '../review/findings/index.ts';
import { renderHtmlReport, renderMarkdownReport } from '../review/report/index.ts';
import { planTests, renderTestPlanMarkdown, renderTestScript } from '../review/testplan/index.ts';
import { FINDING_SEVERITIES, type Finding, type FindingSeverity } from '../review/types.ts';
import { portOptions, UsageError, type ParsedArgs } from './args.ts';
import type { CommandResult } from './commands.ts';
import { formatDiagnostic, oneLine } from './diagnostics.ts';
import { parserOf, readSources, type CliIo } from './io.ts';
import { settingsFromArgs } from './settings.ts';
import { FINDINGS_FORMATS, findingsExitCode, renderFindings, reportInvariants, type FindingsFormat } from './pipeline.ts';
import { compareProfileFromArgs } from './profile.ts';
import { assumedItems } from '../cluster/assumed/index.ts';
import { describeSettings } from '../review/report/content.ts';
import { replayFromArgs } from './replay.ts';

function single(args: ParsedArgs, name: string, fallback: string): string {
  const values = args.options.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  return values[0] ?? fallback;
}

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = single(args, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const errorsOf = (design: Design) => design.diagnostics.filter((d) => d.severity === 'error');

// ---- diff -------------------------------------------------------------------------------------

/**
 * `diff A B`: each file is one design. Exit codes as diff(1): 0 no differences, 1 differences,
 * 2 trouble (also `--strict` with errors in either design, since 1 already means "different").
 */
export function diffCommand(args: ParsedArgs, io: CliIo): CommandResult {
  if (args.files.length !== 2) throw new UsageError(`diff takes exactly two files, the baseline and the current design (got ${args.files.length})`);
  if (args.files[0] === '-' && args.files[1] === '-') throw new UsageError('only one of the two files can be - (standard input)');
  const format = oneOf<DiffFormat>(args, '--format', DIFF_FORMATS, 'text');
  const [baseline, current] = args.files.map((file) => loadDesign(readSources([file], false, io), parserOf(io))) as [Design, Design];
  const errors = [...errorsOf(baseline), ...errorsOf(current)];
  const stderr = errors.map(formatDiagnostic).join('\n');
  if (errors.length > 0 && args.flags.has('--strict')) {
    return { stdout: '', stderr: `${stderr}\n${errors.length} error(s) in the designs (--strict)`, exitCode: 2 };
  }
  const compareProfile = compareProfileFromArgs(args);
  const diff = diffDesigns(baseline, current, { settings: settingsFromArgs(args), ...(compareProfile ? { compareProfile } : {}) });
  return { stdout: formatDiff(diff, format), ...(stderr ? { stderr } : {}), exitCode: isEmptyDiff(diff) ? 0 : 1 };
}

// ---- report -----------------------------------------------------------------------------------

export function reportCommand(design: Design, args: ParsedArgs, io: CliIo): CommandResult {
  const format = oneOf(args, '--format', ['html', 'md'] as const, 'html');
  const baselineFiles = args.options.get('--baseline') ?? [];
  const stdinTaken = args.files.includes('-') && 'standard input is already read for the design; --baseline - needs the design as files';
  const baseline = baselineFiles.length > 0 ? loadDesign(readSources(baselineFiles, stdinTaken, io), parserOf(io)) : undefined;
  // The baseline's errors matter as much as the design's: a baseline that does not parse is empty,
  // and the report would show every policy as added.
  const baselineErrors = baseline ? errorsOf(baseline) : [];
  const stderr = baselineErrors.map((d) => `${formatDiagnostic(d)} (baseline)`).join('\n');
  if (baselineErrors.length > 0 && args.flags.has('--strict')) {
    return { stdout: '', stderr: `${stderr}\n${baselineErrors.length} error(s) in the baseline (--strict)`, exitCode: 1 };
  }
  const title = args.options.get('--title')?.at(-1);
  const date = args.options.get('--date')?.at(-1);
  const settings = settingsFromArgs(args);
  const invariants = reportInvariants(design, args, io, settings);
  // `--flows LOG`: the observed-traffic replay and the rollout checklist join the report.
  const replayed = args.options.has('--flows') ? replayFromArgs(design, args, io) : undefined;
  if (replayed && 'exitCode' in replayed) return replayed;
  const input = {
    design,
    settings,
    ...(replayed ? { replay: replayed.report } : {}),
    findings: reviewDesign(design, settings),
    ...(invariants ? { invariants } : {}),
    ...(baseline ? { baseline } : {}),
    ...(args.options.has('--port') ? { ports: portOptions(args)! } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(date !== undefined ? { date } : {}),
  };
  const allStderr = [stderr, ...(replayed?.problems ?? [])].filter((l) => l !== '').join('\n');
  return { stdout: format === 'html' ? renderHtmlReport(input) : renderMarkdownReport(input), ...(allStderr ? { stderr: allStderr } : {}), exitCode: 0 };
}

// ---- testplan ---------------------------------------------------------------------------------

export function testplanCommand(design: Design, args: ParsedArgs): CommandResult {
  const format = oneOf(args, '--format', ['sh', 'md'] as const, 'sh');
  const timeoutText = single(args, '--timeout', '2');
  if (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 1 || Number(timeoutText) > 300) throw new UsageError('--timeout must be a whole number of seconds, 1-300');
  const image = single(args, '--image', '');
  const namespaces = args.options.get('--namespace');
  // A namespace without workloads gives a plan without probes, and a script that proves nothing passes.
  const withWorkloads = [...new Set(design.cluster.workloads.map((w) => w.namespace))].sort();
  for (const ns of namespaces ?? []) {
    if (!withWorkloads.includes(ns)) {
      throw new UsageError(`--namespace ${ns}: no workload of the design is in namespace "${ns}" (namespaces with workloads: ${withWorkloads.join(', ') || 'none'})`);
    }
  }
  const plan = planTests(design, {
    ...(args.options.has('--port') ? { ports: portOptions(args)! } : {}),
    ...(namespaces ? { namespaces } : {}),
    ...(image ? { image } : {}),
    ...(args.flags.has('--no-outside') ? { outside: [] } : {}),
    timeoutSeconds: Number(timeoutText),
    settings: settingsFromArgs(args),
  });
  return { stdout: format === 'sh' ? renderTestScript(plan).trimEnd() : renderTestPlanMarkdown(plan), exitCode: 0 };
}

// ---- findings ---------------------------------------------------------------------------------

function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.col}: ` : '';
  const lines = [`${where}${f.severity}: ${f.title} [${f.rule}]${f.path ? ` (${f.path})` : ''}`, `    ${f.risk}`];
  for (const fix of f.fixes) lines.push(`    fix: ${fix.title}`);
  return lines.map(oneLine).join('\n');
}

/**
 * `findings FILE...`: the review's findings, most severe first; `--severity` is the least severe to
 * show. Exit 1 when any is shown (like `lint` with errors), so `--severity high` can gate a pipeline.
 */
export function findingsCommand(design: Design, args: ParsedArgs): CommandResult {
  const format = oneOf<FindingsFormat>(args, '--format', FINDINGS_FORMATS, 'text');
  const threshold = oneOf<FindingSeverity>(args, '--severity', FINDING_SEVERITIES, 'info');
  const settings = settingsFromArgs(args);
  const all = reviewDesign(design, settings);
  const findings = all
    .filter((f) => FINDING_SEVERITIES.indexOf(f.severity) <= FINDING_SEVERITIES.indexOf(threshold))
    .sort(compareFindings);
  const exitCode = findingsExitCode(args, all, findings);
  const assumptions = describeSettings(settings);
  if (format === 'json') return { stdout: JSON.stringify({ findings, assumptions }, null, 2), exitCode };
  const rendered = renderFindings(format, findings);
  if (rendered !== undefined) return { stdout: rendered, exitCode };
  const counts = FINDING_SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const inCluster = assumedItems(design.cluster);
  return {
    // The summary stays the last line (pipelines read it); what the review assumed comes first.
    stdout: [
      `Judged against: ${assumptions}${inCluster.length > 0 ? `; assumed, not in the files: ${inCluster.join(', ')}` : ''}`,
      ...findings.map(formatFinding),
      `${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts})`,
    ].join('\n'),
    exitCode,
  };
}

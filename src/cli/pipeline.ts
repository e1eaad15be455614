// The pipeline side of the command line: `check --invariants`, SARIF and PR-comment Markdown for
// `findings` and `check`, `--fail-on`, and file names as the URIs code scanning wants.
import { relative, resolve, sep } from 'node:path';
import { checkInvariants, parseInvariants, type InvariantResult } from '../invariants/index.ts';
import type { DesignSettings } from '../design/types.ts';
import type { Design } from '../model/types.ts';
import { findingsMarkdown, findingsToSarif, invariantsMarkdown, invariantsText, invariantsToSarif, type SarifOptions } from '../pipeline/index.ts';
import { FINDING_SEVERITIES, type Finding, type FindingSeverity } from '../review/types.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import type { CommandResult } from './commands.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { readSources, type CliIo } from './io.ts';
import { settingsFromArgs } from './settings.ts';
import { VERSION } from './version.ts';

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const values = args.options.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  const value = values[0] ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * A file as given on the command line -> a URI relative to the working directory (the repository
 * root in CI), with forward slashes, as code scanning resolves `artifactLocation.uri`. Standard
 * input has no file: its results carry no location.
 */
export function fileUri(file: string, cwd = process.cwd()): string | undefined {
  if (file === '<stdin>' || file === '') return undefined;
  const rel = relative(cwd, resolve(cwd, file)).split(sep).join('/');
  return encodeURI(rel === '' ? file : rel).replace(/[?#]/g, encodeURIComponent);
}

export const sarifOptions = (): SarifOptions => ({ version: VERSION, uri: (file) => fileUri(file) });

export const FINDINGS_FORMATS = ['text', 'json', 'sarif', 'md'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];
const FAIL_ON = ['high', 'medium', 'low'] as const;

/**
 * The exit code of `findings`: with `--fail-on`, 1 when a finding at or above that severity exists
 * (listed or not); without it, 1 when any is listed, as it always was.
 */
export function findingsExitCode(args: ParsedArgs, all: readonly Finding[], listed: readonly Finding[]): number {
  if (!args.options.has('--fail-on')) return listed.length > 0 ? 1 : 0;
  const threshold = oneOf<FindingSeverity>(args, '--fail-on', FAIL_ON, 'high');
  const rank = FINDING_SEVERITIES.indexOf(threshold);
  return all.some((f) => FINDING_SEVERITIES.indexOf(f.severity) <= rank) ? 1 : 0;
}

/** `findings --format sarif|md`: undefined for the formats `findings` renders itself. */
export function renderFindings(format: FindingsFormat, findings: readonly Finding[]): string | undefined {
  if (format === 'sarif') return JSON.stringify(findingsToSarif(findings, sarifOptions()), null, 2);
  if (format === 'md') return findingsMarkdown(findings);
  return undefined;
}

/** `report --invariants FILE`: the invariants checked for the report's section; a broken file is a usage error. */
export function reportInvariants(design: Design, args: ParsedArgs, io: CliIo, settings: DesignSettings): InvariantResult[] | undefined {
  const files = args.options.get('--invariants');
  if (!files) return undefined;
  const stdinTaken = args.files.includes('-') && 'standard input is already read for the design; --invariants - needs the design as files';
  const parsed = parseInvariants(readSources(files, stdinTaken, io));
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new UsageError(formatDiagnostic(error));
  return checkInvariants(design, parsed.invariants, { settings });
}

/**
 * `check FILE... --invariants FILE`: exit 0 when every invariant holds, 1 when one is violated,
 * 2 when the invariants file (or, with --strict, the design) has errors, or on usage errors.
 */
export function checkCommand(design: Design, args: ParsedArgs, io: CliIo): CommandResult {
  const format = oneOf(args, '--format', ['text', 'json', 'md', 'sarif'] as const, 'text');
  const files = args.options.get('--invariants') ?? [];
  if (files.length === 0) throw new UsageError('check needs --invariants FILE (netpol-invariants.yaml)');
  const stdinTaken = args.files.includes('-') && 'standard input is already read for the design; --invariants - needs the design as files';
  const parsed = parseInvariants(readSources(files, stdinTaken, io));
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const warnings = parsed.diagnostics.filter((d) => d.severity !== 'error').map(formatDiagnostic);
  if (errors.length > 0) {
    return { stdout: '', stderr: [...warnings, ...errors.map(formatDiagnostic), `${errors.length} error(s) in the invariants`].join('\n'), exitCode: 2 };
  }
  if (parsed.invariants.length === 0) throw new UsageError(`${files.join(', ')}: no invariants to check (spec.invariants is empty)`);
  const results = checkInvariants(design, parsed.invariants, { settings: settingsFromArgs(args) });
  const exitCode = results.every((r) => r.holds) ? 0 : 1;
  const stderr = warnings.join('\n');
  const out = (stdout: string): CommandResult => ({ stdout, ...(stderr ? { stderr } : {}), exitCode });
  switch (format) {
    case 'json': return out(JSON.stringify({ holds: exitCode === 0, results }, null, 2));
    case 'md': return out(invariantsMarkdown(results));
    case 'sarif': return out(JSON.stringify(invariantsToSarif(results, sarifOptions()), null, 2));
    default: return out(invariantsText(results));
  }
}

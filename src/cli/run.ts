// The command line without the process: argv in, stdout/stderr/exit code out (tests run it in-process).
import { loadDesign } from '../model/index.ts';
import { COMMAND_SPECS, ignoredWarnings, parseArgs, UsageError } from './args.ts';
import { explainCommand, lintCommand, matrixCommand, probeCommand, type CommandResult } from './commands.ts';
import { formatDiagnostic, oneLine } from './diagnostics.ts';
import { nodeIo, parserOf, readSources, readStdinInput, type CliIo } from './io.ts';
import { SETTINGS_HELP, settingsFromArgs } from './settings.ts';
import { PROFILE_HELP } from './profile.ts';
import { inCluster } from '../cluster/assumed/index.ts';
import { diffCommand, findingsCommand, reportCommand, testplanCommand } from './reviewCommands.ts';
import { checkCommand } from './pipeline.ts';
import { commandHelp } from './help.ts';
import { VERSION } from './version.ts';
import { replayCommand } from './replay.ts';

export const HELP = `usage: netpol-designer <command> FILE... [options]    (from a clone: npm run --silent cli -- <command> ...)

FILE is YAML or JSON (multi-document, kind: List); - reads standard input. Several files are one design.
Options go before or after the files; -- ends the options (a file named -x: -- -x, or ./-x).

commands:
  probe FILE...      read {"probes":[{"from":"ns/name","to":"ns/name"|"ip:ADDR"|"svc:ns/name","port":80,"protocol":"TCP"}]}
                     on stdin, print the same probes with "allowed" added. --explain adds "reason".
  matrix FILE...     reachability matrix. --port 80/TCP (repeatable; default: every declared container
                     port), --endpoint ip:ADDR (repeatable, adds outside addresses),
                     --format table|csv|md|json, --level workload|namespace (default: workload,
                     namespace past 1000 workloads; stderr says so). Streamed as it is computed.
  explain FILE...    --from ns/name|ip:ADDR --to ns/name|ip:ADDR|svc:ns/name --port 80/TCP|name/TCP
                     [--format text|json]
                     the verdict with its reasons: isolation, the rule that allowed it, or what is missing
  lint FILE...       diagnostics as file:line:col; exit 1 on errors. [--format text|json] [--quiet]
  diff A B           what changed from design A (baseline) to design B: policies added, removed and
                     changed (field by field), connections opened and closed per pair, on every port.
                     One file each, - for standard input. [--format text|md|json]
                     exit 0 no differences, 1 differences, 2 trouble (like diff(1); --strict too)
  report FILE...     one self-contained review document on stdout: summary, diagram, findings, matrix,
                     policies, and the changes when --baseline FILE (repeatable) is given.
                     [--format html|md] [--port 80/TCP ...] [--title TEXT] [--date TEXT]
                     [--invariants FILE] (adds whether each invariant holds)
                     [--flows LOG ...] adds the observed-traffic replay and a staged-rollout checklist
                     ([--flow-format ...] [--plugin cilium|calico] as for replay)
  testplan FILE...   a bash script that proves the design on a live cluster (kubectl, probe pods with
                     each source's labels, nc/dig), PASS/FAIL per probe, exit 1 on any surprise.
                     [--port 80/TCP ...] [--namespace NS ...] [--image IMG] [--timeout SECONDS]
                     [--no-outside] [--format sh|md]
  findings FILE...   the review's findings, most severe first; exit 1 when any is listed.
                     [--format text|json|sarif|md] [--severity high|medium|low|info] (the least severe to list)
                     [--fail-on high|medium|low] (exit 1 only when a finding at or above it exists)
  check FILE...      --invariants FILE (repeatable): does the design keep its invariants (never, only,
                     always, isolated)? Each violation with its path, the policy that opened it, and why.
                     [--format text|json|md|sarif] exit 0 all hold, 1 one is violated, 2 invalid input
  replay FILE...     observed traffic judged by the design: --flows LOG (repeatable; - for standard input;
                     hubble observe -o json, from,to,port,protocol[,count] CSV or JSON, or test-plan output)
                     "N of M observed connections keep working" and what would break, with the reasons.
                     [--format text|md|json] [--flow-format hubble|csv|json|testplan] [--plugin cilium|calico]
                     exit 1 when something would break; 2 when a log is unreadable or has no readable
                     flow (broken lines are listed on stderr; with --strict any broken line exits 2)

options for every command: --strict (fail when the design has errors), --help (COMMAND --help: that command's)
--version prints the version

${SETTINGS_HELP}

${PROFILE_HELP}

exit codes: 0 answered; 1 lint found errors, findings listed (or one at --fail-on), diff found
differences, check found a violated invariant, replay found connections
that would break, or --strict and the design (or report's baseline) has
errors (diff and check --strict: 2); 2 invalid input or usage (unknown option, unreadable file, bad
probe, broken invariants file). stdout carries only the answer (lint's answer is its
diagnostics); the design's errors and every message go to stderr, as file:line:col: where known.`;

const COMMANDS = Object.keys(COMMAND_SPECS);

function withStderr(result: CommandResult, before: readonly string[]): CommandResult {
  const lines = [...before, ...(result.stderr ? [result.stderr] : [])].filter((l) => l !== '');
  if (lines.length > 0) return { ...result, stderr: lines.join('\n') };
  return { stdout: result.stdout, exitCode: result.exitCode, ...(result.stream ? { stream: result.stream } : {}) };
}

function dispatch(argv: readonly string[], io: CliIo): CommandResult {
  // `cli --help` puts the flag where the command goes.
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { stdout: HELP, exitCode: 0 };
  // No arguments prints the help on stdout and exits 0, as it always did (pipelines may rely on it).
  if (argv.length === 0 || argv[0] === '') return { stdout: HELP, exitCode: 0 };
  if (argv[0] === '--version' || argv[0] === '-v') return { stdout: VERSION, exitCode: 0 };
  const args = parseArgs(argv);
  if (args.flags.has('--help') || args.flags.has('-h')) return { stdout: commandHelp(HELP, args.command) ?? HELP, exitCode: 0 };
  if (args.flags.has('--version')) return { stdout: VERSION, exitCode: 0 };
  const command = args.command!;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}" (expected ${COMMANDS.join(', ')}; see --help)`);
  const warnings = ignoredWarnings(args);
  // diff reads two designs, one per file; every other command reads one design from all its files.
  if (command === 'diff') return withStderr(diffCommand(args, io), warnings);

  const isProbe = command === 'probe';
  const loaded = loadDesign(readSources(args.files, isProbe && 'standard input carries the probes; pass the design as files', io), parserOf(io));
  // Every command but lint judges the design in its cluster: the DNS pods, kube-system and the
  // ingress namespace are there even when the files do not declare them (settings options).
  const design = command === 'lint' ? loaded : inCluster(loaded, settingsFromArgs(args));
  const errors = design.diagnostics.filter((d) => d.severity === 'error');
  const diagnostics = command === 'lint' ? [] : errors.map(formatDiagnostic);
  if (errors.length > 0 && args.flags.has('--strict') && command !== 'lint') {
    // check's 1 means "violated", so a design it cannot trust is trouble (2), as for diff.
    return { stdout: '', stderr: [...warnings, ...diagnostics, `${errors.length} error(s) in the design (--strict)`].join('\n'), exitCode: command === 'check' ? 2 : 1 };
  }
  let result: CommandResult;
  try {
    switch (command) {
      case 'probe': result = probeCommand(design, readStdinInput(io), args); break;
      case 'matrix': result = matrixCommand(design, args); break;
      case 'explain': result = explainCommand(design, args); break;
      case 'report': result = reportCommand(design, args, io); break;
      case 'testplan': result = testplanCommand(design, args); break;
      case 'findings': result = findingsCommand(design, args); break;
      case 'check': result = checkCommand(design, args, io); break;
      case 'replay': result = replayCommand(design, args, io); break;
      default: result = lintCommand(design, args);
    }
  } catch (e) {
    // A probe naming a workload that has errors: its diagnostics say why it is unknown.
    if (!(e instanceof UsageError)) throw e;
    return { stdout: '', stderr: [...warnings, ...diagnostics, usage(e)].join('\n'), exitCode: 2 };
  }
  return withStderr(result, [...warnings, ...diagnostics]);
}

const usage = (e: UsageError) => `netpol-designer: ${oneLine(e.message)}`;

/** Runs one command line; never throws: usage errors and internal errors exit 2. Output is whole. */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): CommandResult {
  const result = runCliStreaming(argv, io);
  if (!result.stream) return result;
  try {
    const { stream, ...rest } = result;
    const decoder = new TextDecoder();
    return { ...rest, stdout: result.stdout + [...stream].map((chunk) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk))).join('') };
  } catch (e) {
    return internalError(e);
  }
}

/**
 * Like runCli, but a large answer comes as `stream` (after `stdout`), to be written as it is made.
 * Iterating the stream may throw (a bug): the caller reports it with `internalError`.
 */
export function runCliStreaming(argv: readonly string[], io: CliIo = nodeIo): CommandResult {
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: usage(e), exitCode: 2 };
    return internalError(e);
  }
}

/** A bug, not the input: one line, the stack only on request. */
export function internalError(e: unknown): CommandResult {
  const message = e instanceof Error ? e.message : String(e);
  const stack = process.env.NETPOL_DESIGNER_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return { stdout: '', stderr: `netpol-designer: internal error: ${oneLine(message)} (please report it; NETPOL_DESIGNER_DEBUG=1 prints the stack)${stack}`, exitCode: 2 };
}

// The command line without the process: argv in, stdout/stderr/exit code out (tests run it in-process).
import { loadDesign } from '../model/index.ts';
import { parseArgs, UsageError } from './args.ts';
import { explainCommand, lintCommand, matrixCommand, probeCommand, type CommandResult } from './commands.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { nodeIo, readSources, type CliIo } from './io.ts';
import { SETTINGS_HELP } from './settings.ts';
import { diffCommand, findingsCommand, reportCommand, testplanCommand } from './reviewCommands.ts';

export const HELP = `usage: npm run --silent cli -- <command> FILE... [options]

FILE is YAML or JSON (multi-document, kind: List); - reads standard input. Several files are one design.

commands:
  probe FILE...      read {"probes":[{"from":"ns/name","to":"ns/name"|"ip:ADDR"|"svc:ns/name","port":80,"protocol":"TCP"}]}
                     on stdin, print the same probes with "allowed" added. --explain adds "reason".
  matrix FILE...     reachability matrix. --port 80/TCP (repeatable; default: every declared container
                     port), --endpoint ip:ADDR (repeatable, adds outside addresses),
                     --format table|csv|md|json
  explain FILE...    --from ns/name|ip:ADDR --to ns/name|ip:ADDR --port 80/TCP|name/TCP [--format text|json]
                     the verdict with its reasons: isolation, the rule that allowed it, or what is missing
  lint FILE...       diagnostics as file:line:col; exit 1 on errors. [--format text|json] [--quiet]
  diff A B           what changed from design A (baseline) to design B: policies added, removed and
                     changed (field by field), connections opened and closed per pair, on every port.
                     One file each, - for standard input. [--format text|md|json]
                     exit 0 no differences, 1 differences, 2 trouble (like diff(1); --strict too)
  report FILE...     one self-contained review document on stdout: summary, diagram, findings, matrix,
                     policies, and the changes when --baseline FILE (repeatable) is given.
                     [--format html|md] [--port 80/TCP ...] [--title TEXT] [--date TEXT]
  testplan FILE...   a bash script that proves the design on a live cluster (kubectl, probe pods with
                     each source's labels, nc/dig), PASS/FAIL per probe, exit 1 on any surprise.
                     [--port 80/TCP ...] [--namespace NS ...] [--image IMG] [--timeout SECONDS]
                     [--no-outside] [--format sh|md]
  findings FILE...   the review's findings, most severe first; exit 1 when any is listed.
                     [--format text|json] [--severity high|medium|low|info] (the least severe to list)

options for every command: --strict (fail when the design has errors), --help

${SETTINGS_HELP}`;

const COMMANDS = ['probe', 'matrix', 'explain', 'lint', 'diff', 'report', 'testplan', 'findings'];

function dispatch(argv: readonly string[], io: CliIo): CommandResult {
  const args = parseArgs(argv);
  // `cli --help` puts the flag where the command goes.
  if (args.command === '--help' || args.command === '-h') return { stdout: HELP, exitCode: 0 };
  if (!args.command || args.flags.has('--help') || args.flags.has('-h') || args.command === 'help') {
    return { stdout: HELP, exitCode: args.command && args.command !== 'help' && !args.flags.has('--help') && !args.flags.has('-h') ? 2 : 0 };
  }
  if (!COMMANDS.includes(args.command)) throw new UsageError(`unknown command "${args.command}" (expected ${COMMANDS.join(', ')})`);
  // diff reads two designs, one per file; every other command reads one design from all its files.
  if (args.command === 'diff') return diffCommand(args, io);

  const isProbe = args.command === 'probe';
  const design = loadDesign(readSources(args.files, isProbe, io));
  const errors = design.diagnostics.filter((d) => d.severity === 'error');
  const stderr = args.command === 'lint' ? '' : errors.map(formatDiagnostic).join('\n');
  if (errors.length > 0 && args.flags.has('--strict') && args.command !== 'lint') {
    return { stdout: '', stderr: `${stderr}\n${errors.length} error(s) in the design (--strict)`, exitCode: 1 };
  }
  let result: CommandResult;
  switch (args.command) {
    case 'probe': result = probeCommand(design, io.readStdin(), args); break;
    case 'matrix': result = matrixCommand(design, args); break;
    case 'explain': result = explainCommand(design, args); break;
    case 'report': result = reportCommand(design, args, io); break;
    case 'testplan': result = testplanCommand(design, args); break;
    case 'findings': result = findingsCommand(design, args); break;
    default: result = lintCommand(design, args);
  }
  return stderr ? { ...result, stderr: result.stderr ? `${stderr}\n${result.stderr}` : stderr } : result;
}

/** Runs one command line; never throws: usage errors and internal errors exit 2. */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): CommandResult {
  try {
    return dispatch(argv, io);
  } catch (e) {
    const message = e instanceof UsageError ? e.message : `internal error: ${(e as Error).stack ?? String(e)}`;
    return { stdout: '', stderr: `netpol-designer: ${message}`, exitCode: 2 };
  }
}

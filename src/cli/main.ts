// netpol-designer command line: the same model and engine as the page, for pipelines and reviewers.
import { loadDesign } from '../model/index.ts';
import { parseArgs, UsageError } from './args.ts';
import { explainCommand, lintCommand, matrixCommand, probeCommand, type CommandResult } from './commands.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { readSources, readStdin } from './io.ts';

const HELP = `usage: npm run --silent cli -- <command> FILE... [options]

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

options for every command: --strict (fail when the design has errors), --help`;

function run(argv: readonly string[]): CommandResult {
  const args = parseArgs(argv);
  if (!args.command || args.flags.has('--help') || args.flags.has('-h') || args.command === 'help') {
    return { stdout: HELP, exitCode: args.command && args.command !== 'help' && !args.flags.has('--help') && !args.flags.has('-h') ? 2 : 0 };
  }
  const commands = ['probe', 'matrix', 'explain', 'lint'];
  if (!commands.includes(args.command)) throw new UsageError(`unknown command "${args.command}" (expected ${commands.join(', ')})`);

  const isProbe = args.command === 'probe';
  const design = loadDesign(readSources(args.files, isProbe));
  const errors = design.diagnostics.filter((d) => d.severity === 'error');
  const stderr = args.command === 'lint' ? '' : errors.map(formatDiagnostic).join('\n');
  if (errors.length > 0 && args.flags.has('--strict') && args.command !== 'lint') {
    return { stdout: '', stderr: `${stderr}\n${errors.length} error(s) in the design (--strict)`, exitCode: 1 };
  }
  let result: CommandResult;
  switch (args.command) {
    case 'probe': result = probeCommand(design, readStdin(), args); break;
    case 'matrix': result = matrixCommand(design, args); break;
    case 'explain': result = explainCommand(design, args); break;
    default: result = lintCommand(design, args);
  }
  return stderr ? { ...result, stderr: result.stderr ? `${stderr}\n${result.stderr}` : stderr } : result;
}

function main(): void {
  let result: CommandResult;
  try {
    result = run(process.argv.slice(2));
  } catch (e) {
    const message = e instanceof UsageError ? e.message : `internal error: ${(e as Error).stack ?? String(e)}`;
    result = { stdout: '', stderr: `netpol-designer: ${message}`, exitCode: 2 };
  }
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  process.exitCode = result.exitCode;
}

main();

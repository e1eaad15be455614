// `replay FILE... --flows LOG`: observed traffic judged by the design. Exit 1 when some connection
// that got through in the log would break, 2 on usage or input errors (unreadable log, nothing
// readable in it, or any broken line with --strict).
import type { Design } from '../model/types.ts';
import { FLOW_FORMATS, parseFlows, replayRaw, type FlowFormat, type ParsedFlows } from '../observed/index.ts';
import { formatReplay, NETWORK_PLUGINS, REPLAY_FORMATS, type NetworkPlugin, type ReplayFormat, type ReplayReport } from '../review/replay/index.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import type { CommandResult } from './commands.ts';
import { oneLine } from './diagnostics.ts';
import { readSources, type CliIo } from './io.ts';
import { settingsFromArgs } from './settings.ts';

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
  const values = args.options.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  const value = values[0];
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The flow logs of `--flows`, parsed, mapped and replayed; or the result to return (exit 2) when they cannot be read. */
export function replayFromArgs(design: Design, args: ParsedArgs, io: CliIo): { report: ReplayReport; problems: string[] } | CommandResult {
  const logs = args.options.get('--flows') ?? [];
  const flowFormat = oneOf<FlowFormat>(args, '--flow-format', FLOW_FORMATS, undefined);
  const plugin = oneOf<NetworkPlugin>(args, '--plugin', NETWORK_PLUGINS, undefined);
  const settings = settingsFromArgs(args);
  const stdinTaken = args.files.includes('-') && 'standard input is already read for the design; pass the flow log as a file';
  const texts = readSources(logs, stdinTaken, io);
  const sources: { name: string; flows: ParsedFlows }[] = texts.map((t) => ({ name: t.name, flows: parseFlows(t.text, flowFormat) }));
  const problems = sources.flatMap(({ name, flows }) => [
    ...flows.problems.map((p) => `${name}:${p.line}: ${oneLine(p.message)}`),
    ...(flows.moreProblems > 0 ? [`${name}: ${flows.moreProblems} more broken line(s) not shown`] : []),
  ]);
  const empty = sources.filter(({ flows }) => flows.records === 0 && flows.problems.length > 0);
  if (empty.length > 0 || (problems.length > 0 && args.flags.has('--strict'))) {
    const why = empty.length > 0 ? `no readable flow in ${empty.map((s) => s.name).join(', ')}` : `${problems.length} broken line(s) in the flow log (--strict)`;
    return { stdout: '', stderr: [...problems, `netpol-designer: ${why}`].join('\n'), exitCode: 2 };
  }
  const { traffic, result } = replayRaw(sources.flatMap(({ flows }) => flows.connections), design.cluster, settings);
  const summaries = sources.map(({ name, flows: { connections: _, ...flows } }) => ({ name, flows }));
  return { report: { sources: summaries, traffic, result, ...(plugin ? { plugin } : {}) }, problems };
}

export function replayCommand(design: Design, args: ParsedArgs, io: CliIo): CommandResult {
  if ((args.options.get('--flows') ?? []).length === 0) {
    throw new UsageError('replay needs --flows LOG (a Hubble JSON log, a from,to,port,protocol CSV, or test-plan output; - for standard input)');
  }
  const format = oneOf<ReplayFormat>(args, '--format', REPLAY_FORMATS, 'text')!;
  const replayed = replayFromArgs(design, args, io);
  if ('exitCode' in replayed) return replayed;
  const { report, problems } = replayed;
  return { stdout: formatReplay(report, format), ...(problems.length > 0 ? { stderr: problems.join('\n') } : {}), exitCode: report.result.wouldBreak.length > 0 ? 1 : 0 };
}

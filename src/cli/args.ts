import { PROTOCOLS, type Protocol } from '../model/types.ts';
import { portNameProblems } from '../model/names.ts';
import type { PortProbe } from '../engine/index.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  command: string | undefined;
  files: string[];
  /** Repeatable options keep every value, in order. */
  options: Map<string, string[]>;
  flags: Set<string>;
  /** Options and flags given that this command does not use (ignored, as they always were). */
  ignored: string[];
}

/** What each command reads: options take a value (`--name VALUE` or `--name=VALUE`), flags do not. */
interface CommandSpec {
  options: readonly string[];
  flags: readonly string[];
}

const COMMON_FLAGS = ['--help', '-h', '--strict', '--version'];
export const SETTINGS_OPTIONS = ['--api-server', '--dns-namespace', '--dns-label', '--ingress-namespace', '--pod-cidr', '--api-server-vip', '--service-cidr', '--profile'];
export const SETTINGS_FLAGS = ['--node-local-dns'];

export const COMMAND_SPECS: Readonly<Record<string, CommandSpec>> = {
  probe: { options: [...SETTINGS_OPTIONS], flags: ['--explain', ...SETTINGS_FLAGS] },
  matrix: { options: ['--port', '--endpoint', '--format', '--level', '--compare-profile', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  explain: { options: ['--from', '--to', '--port', '--format', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  lint: { options: ['--format'], flags: ['--quiet'] },
  diff: { options: ['--format', '--compare-profile', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  report: { options: ['--baseline', '--format', '--port', '--title', '--date', '--invariants', '--flows', '--flow-format', '--plugin', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  testplan: { options: ['--port', '--namespace', '--image', '--timeout', '--format', ...SETTINGS_OPTIONS], flags: ['--no-outside', ...SETTINGS_FLAGS] },
  findings: { options: ['--format', '--severity', '--fail-on', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  check: { options: ['--invariants', '--format', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
  replay: { options: ['--flows', '--flow-format', '--format', '--plugin', ...SETTINGS_OPTIONS], flags: [...SETTINGS_FLAGS] },
};

const ALL_OPTIONS = new Set(Object.values(COMMAND_SPECS).flatMap((s) => s.options));
const ALL_FLAGS = new Set([...COMMON_FLAGS, ...Object.values(COMMAND_SPECS).flatMap((s) => s.flags)]);

/** Edit distance, for "did you mean" on a mistyped option (`--severty`). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(row[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

function unknownOption(name: string): UsageError {
  const known = [...ALL_OPTIONS, ...ALL_FLAGS].filter((k) => k.startsWith('--'));
  const close = known.map((k) => ({ k, d: distance(name, k) })).filter((x) => x.d <= 2).sort((x, y) => x.d - y.d)[0];
  const file = name.startsWith('--') ? '' : ` (a file named ${name}: pass it after --, or as ./${name})`;
  return new UsageError(`unknown option ${name}${close ? ` (did you mean ${close.k}?)` : ''}; see --help${file}`);
}

/** The name of an option or flag this token spells (`--port`, `--port=80`), if any. */
function knownName(token: string): string | undefined {
  const eq = token.indexOf('=');
  const name = token.startsWith('--') && eq > 0 ? token.slice(0, eq) : token;
  return ALL_OPTIONS.has(name) || ALL_FLAGS.has(name) ? name : undefined;
}

function commandsTaking(name: string): string[] {
  return Object.entries(COMMAND_SPECS).filter(([, s]) => s.options.includes(name) || s.flags.includes(name)).map(([c]) => c);
}

/**
 * Splits argv into command, files, options and flags. Unknown options are usage errors; `--` ends
 * the options (every later argument is a file) and `-` is standard input.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const files: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let filesOnly = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (filesOnly || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      filesOnly = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (ALL_FLAGS.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value (got "${arg}")`);
      flags.add(name);
    } else if (ALL_OPTIONS.has(name)) {
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = rest[i + 1];
        // `--baseline --port 80`: the next token is an option, not the value.
        if (next !== undefined && knownName(next) === undefined && next !== '--') {
          value = next;
          i++;
        }
      }
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else throw unknownOption(name);
  }
  const spec = command !== undefined ? COMMAND_SPECS[command] : undefined;
  const ignored = spec
    ? [...options.keys(), ...flags].filter((name) => !COMMON_FLAGS.includes(name) && !spec.options.includes(name) && !spec.flags.includes(name))
    : [];
  return { command, files, options, flags, ignored };
}

/** One line per option given to a command that does not use it. */
export function ignoredWarnings(args: ParsedArgs): string[] {
  return args.ignored.map((name) => `netpol-designer: warning: ${args.command} ignores ${name} (an option of ${commandsTaking(name).join(', ')})`);
}

export function parseProtocol(text: string | undefined): Protocol {
  const upper = (text ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(upper)) {
    throw new UsageError(`unknown protocol "${text}" (expected TCP, UDP or SCTP)`);
  }
  return upper as Protocol;
}

/** A port number 1-65535 (`"80"`), or a valid port name (IANA_SVC_NAME) when names are allowed. */
export function parsePortText(text: string, allowNames: boolean): number | string {
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535) throw new UsageError(`port ${port} is out of range 1-65535`);
    return port;
  }
  if (!allowNames) throw new UsageError(`"${text}" is not a numeric port`);
  const problems = portNameProblems(text);
  if (problems.length > 0) throw new UsageError(`${problems[0]} (nor a port number 1-65535)`);
  return text;
}

/** `80`, `80/TCP`, `53/udp`; a name (`http/TCP`) only where the caller allows it. */
export function parsePortSpec(text: string, allowNames: boolean): { port: number | string; protocol: Protocol } {
  const [portText = '', protocolText, extra] = text.split('/');
  if (extra !== undefined || portText === '') throw new UsageError(`"${text}" is not a port: expected PORT or PORT/PROTOCOL, e.g. 80/TCP`);
  const protocol = parseProtocol(protocolText);
  return { port: parsePortText(portText, allowNames), protocol };
}

export function parsePortProbe(text: string): PortProbe {
  const { port, protocol } = parsePortSpec(text, false);
  return { port: port as number, protocol };
}

/** The `--port` options, each port once (`--port 80 --port 80/TCP` is one port); undefined when none is given. */
export function portOptions(args: ParsedArgs): PortProbe[] | undefined {
  const texts = args.options.get('--port');
  if (!texts) return undefined;
  const seen = new Set<string>();
  return texts.map(parsePortProbe).filter((p) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

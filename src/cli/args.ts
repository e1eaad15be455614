import { PROTOCOLS, type Protocol } from '../model/types.ts';
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
}

const FLAGS = new Set(['--help', '-h', '--strict', '--explain', '--quiet', '--no-outside']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const files: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (FLAGS.has(arg)) flags.add(arg);
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else files.push(arg);
  }
  return { command, files, options, flags };
}

export function parseProtocol(text: string | undefined): Protocol {
  const upper = (text ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(upper)) {
    throw new UsageError(`unknown protocol "${text}" (expected TCP, UDP or SCTP)`);
  }
  return upper as Protocol;
}

/** `80`, `80/TCP`, `53/udp`; a name (`http/TCP`) only where the caller allows it. */
export function parsePortSpec(text: string, allowNames: boolean): { port: number | string; protocol: Protocol } {
  const [portText = '', protocolText, extra] = text.split('/');
  if (extra !== undefined || portText === '') throw new UsageError(`"${text}" is not a port: expected PORT or PORT/PROTOCOL, e.g. 80/TCP`);
  const protocol = parseProtocol(protocolText);
  if (/^\d+$/.test(portText)) {
    const port = Number(portText);
    if (port < 1 || port > 65535) throw new UsageError(`port ${port} is out of range 1-65535`);
    return { port, protocol };
  }
  if (!allowNames) throw new UsageError(`"${text}" is not a numeric port`);
  return { port: portText, protocol };
}

export function parsePortProbe(text: string): PortProbe {
  const { port, protocol } = parsePortSpec(text, false);
  return { port: port as number, protocol };
}

import { readFileSync } from 'node:fs';
import { stripServerFields } from '../model/strip.ts';
import type { ParseResult, SourceFile } from '../model/types.ts';
import { parseKubectlManifests } from '../import/manifests.ts';
import { UsageError } from './args.ts';

/** Where the command line reads from; tests run commands in-process with their own. */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
  /** Standard input's bytes, for a reader that wants them undecoded (probe); default: readStdin's text in UTF-8. */
  readStdinBytes?(): Uint8Array;
  /** How the design's files are parsed; default parseKubectlManifests (tests compare it with the full parser). */
  parse?: (files: SourceFile[]) => ParseResult;
}

export function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export const nodeIo: CliIo = { readFile: (path) => readFileSync(path, 'utf8'), readStdin, readStdinBytes: () => readFileSync(0) };

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EAGAIN: 'not ready (non-blocking input)',
  ERR_STRING_TOO_LONG: 'file too large to read',
};

/** `ENOENT (no such file or directory)`: the code as before, and what it means. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return e instanceof Error ? e.message : String(e);
  const why = REASONS[code];
  return why ? `${code} (${why})` : code;
}

/** Standard input, with read failures as usage errors (exit 2) rather than internal errors. */
export function readStdinText(io: CliIo): string {
  try {
    return io.readStdin();
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${reason(e)}`);
  }
}

/** Standard input read once, as bytes and (when asked) as text. */
export interface StdinInput {
  bytes: Uint8Array;
  /** The text, as readStdin gives it; decoding failures are usage errors, as reading ones. */
  text(): string;
}

/** Standard input's bytes (undecoded: a batch of probes is read from its bytes), with read failures as usage errors. */
export function readStdinInput(io: CliIo): StdinInput {
  if (!io.readStdinBytes) {
    const text = readStdinText(io);
    return { bytes: Buffer.from(text, 'utf8'), text: () => text };
  }
  let bytes: Uint8Array;
  try {
    bytes = io.readStdinBytes();
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${reason(e)}`);
  }
  let text: string | undefined;
  return {
    bytes,
    text: () => {
      try {
        text ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      } catch (e) {
        throw new UsageError(`cannot read standard input: ${reason(e)}`);
      }
      return text;
    },
  };
}

/**
 * Reads the design's files; `-` is standard input (at most once: it can be read only once).
 * `stdinTaken` is why `-` is not allowed here (standard input is already read for something else).
 */
export function readSources(paths: readonly string[], stdinTaken: string | false, io: CliIo = nodeIo): SourceFile[] {
  if (paths.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) given more than once; it can be read only once');
  // What kubectl prints is half managedFields and status; the model needs neither, and parsing
  // costs per line (the emptied lines keep every line:col in place).
  return paths.map((path) => {
    const file = readSource(path, stdinTaken, io);
    return { name: file.name, text: stripServerFields(file.text).text };
  });
}

/**
 * The parser for the design's files: kubectl Lists are read item by item, by the fast reader where it
 * can (src/import/manifests.ts), with the full parser's result.
 */
export const parserOf = (io: CliIo): ((files: SourceFile[]) => ParseResult) => io.parse ?? parseKubectlManifests;

function readSource(path: string, stdinTaken: string | false, io: CliIo): SourceFile {
  if (path === '-') {
    if (stdinTaken) throw new UsageError(stdinTaken);
    return { name: '<stdin>', text: readStdinText(io) };
  }
  try {
    return { name: path, text: io.readFile(path) };
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${reason(e)}`);
  }
}

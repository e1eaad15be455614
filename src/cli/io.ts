import { readFileSync } from 'node:fs';
import type { SourceFile } from '../model/types.ts';
import { UsageError } from './args.ts';

/** Where the command line reads from; tests run commands in-process with their own. */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): string;
}

export function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export const nodeIo: CliIo = { readFile: (path) => readFileSync(path, 'utf8'), readStdin };

/** Reads the design's files; `-` is standard input. */
export function readSources(paths: readonly string[], stdinTaken: boolean, io: CliIo = nodeIo): SourceFile[] {
  if (paths.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  return paths.map((path) => {
    if (path === '-') {
      if (stdinTaken) throw new UsageError('standard input already carries the probes; pass the design as files');
      return { name: '<stdin>', text: io.readStdin() };
    }
    try {
      return { name: path, text: io.readFile(path) };
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  });
}

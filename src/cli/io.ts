import { readFileSync } from 'node:fs';
import type { SourceFile } from '../model/types.ts';
import { UsageError } from './args.ts';

export function readStdin(): string {
  return readFileSync(0, 'utf8');
}

/** Reads the design's files; `-` is standard input. */
export function readSources(paths: readonly string[], stdinTaken: boolean): SourceFile[] {
  if (paths.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  return paths.map((path) => {
    if (path === '-') {
      if (stdinTaken) throw new UsageError('standard input already carries the probes; pass the design as files');
      return { name: '<stdin>', text: readStdin() };
    }
    try {
      return { name: path, text: readFileSync(path, 'utf8') };
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  });
}

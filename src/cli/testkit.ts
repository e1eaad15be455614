// The command line in tests: files from a table, standard input from a string, no process.
import type { CliIo } from './io.ts';
import { runCli } from './run.ts';

export function tableIo(files: Readonly<Record<string, string>>, stdin = ''): CliIo {
  return {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
    readStdin: () => stdin,
  };
}

/** Runs `argv` (split at spaces) against the files of the table. */
export const cliWith = (files: Readonly<Record<string, string>>) => (argv: string, stdin?: string) => runCli(argv.split(' '), tableIo(files, stdin));

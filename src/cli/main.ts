// netpol-designer command line: the same model and engine as the page, for pipelines and reviewers.
import { runCli } from './run.ts';

/**
 * A reader that stops early (`| head`) closes the pipe: the rest of the answer has nowhere to go,
 * which is not an error of this program (no stack trace); the exit code stays the answer's.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.destroy();
  });
}

function main(): void {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const result = runCli(process.argv.slice(2));
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  process.exitCode = result.exitCode;
}

main();

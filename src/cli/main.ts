// netpol-designer command line: the same model and engine as the page, for pipelines and reviewers.
import { internalError, runCliStreaming } from './run.ts';

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

async function main(): Promise<void> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const result = runCliStreaming(process.argv.slice(2));
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  if (!result.stream) {
    if (result.stdout) process.stdout.write(`${result.stdout}\n`);
    process.exitCode = result.exitCode;
    return;
  }
  // A large answer is written as it is made (a matrix of 20,000 pods does not fit in a string).
  // Writes to files and pipes are synchronous on Linux, so nothing piles up in memory; chunks are
  // gathered to ~1 MB so there are few writes.
  let written = result.stdout;
  let wroteAny = false;
  try {
    for (const chunk of result.stream) {
      // Bytes (a probe batch's answer) come in large chunks and are written as they are.
      const bytes = typeof chunk !== 'string';
      if (bytes && written) process.stdout.write(written);
      written = bytes ? '' : written + chunk;
      if (bytes || written.length >= 1 << 20) {
        process.stdout.write(bytes ? chunk : written);
        wroteAny = true;
        written = '';
        // Let a closed pipe's error arrive, and stop: the reader went away (`| head`).
        await new Promise((resolve) => setImmediate(resolve));
        if (process.stdout.destroyed) return;
      }
    }
  } catch (e) {
    const failed = internalError(e);
    if (written || wroteAny) process.stdout.write(`${written}\n`);
    process.stderr.write(`${failed.stderr}\n`);
    process.exitCode = failed.exitCode;
    return;
  }
  if (written || wroteAny) process.stdout.write(`${written}\n`);
  process.exitCode = result.exitCode;
}

void main();

// netpol-designer command line: the same model and engine as the page, for pipelines and reviewers.
import { runCli } from './run.ts';

function main(): void {
  const result = runCli(process.argv.slice(2));
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  process.exitCode = result.exitCode;
}

main();

// npm run gen:dump -- --pods 5000 --seed 1 [--namespaces N] [--slim] [--out FILE] [--stats]
// npm run gen:dump -- --preset 5k|1k|200|5k-slim|20k|ns400
// Writes a deterministic `kubectl get ns,deploy,sts,pods,svc,netpol -A -o yaml`-shaped dump to stdout
// (or --out FILE), streamed chunk by chunk so 60 MB never sits in memory. --stats prints the counts on stderr.
import { createWriteStream } from 'node:fs';
import { DUMP_PRESETS, DumpGenerator, type DumpOptions } from '../bench/dump/index.ts';

const USAGE = 'usage: npm run --silent gen:dump -- (--pods N [--seed S] [--namespaces N] [--slim] | --preset NAME) [--out FILE] [--stats]\n'
  + `presets: ${Object.keys(DUMP_PRESETS).join(', ')}\n`;

function fail(message: string): never {
  process.stderr.write(`gen:dump: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]): { options: DumpOptions; out?: string; stats: boolean } {
  let options: DumpOptions | undefined;
  let pods: number | undefined;
  let seed = 1;
  let namespaces: number | undefined;
  let slim = false;
  let out: string | undefined;
  let stats = false;
  const count = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) fail(`${flag} needs a whole number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--pods') pods = count(arg, argv[++i], 0);
    else if (arg === '--seed') seed = count(arg, argv[++i], 0);
    else if (arg === '--namespaces') namespaces = count(arg, argv[++i], 1);
    else if (arg === '--slim') slim = true;
    else if (arg === '--stats') stats = true;
    else if (arg === '--out') out = argv[++i] ?? fail('--out needs a file');
    else if (arg === '--preset') {
      const name = argv[++i] ?? '';
      options = DUMP_PRESETS[name] ?? fail(`unknown preset '${name}'`);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`unknown argument '${arg}'`);
  }
  if (!options) {
    if (pods === undefined) fail('give --pods N or --preset NAME');
    options = { pods, seed, slim, ...(namespaces !== undefined ? { namespaces } : {}) };
  }
  return { options, ...(out !== undefined ? { out } : {}), stats };
}

async function main(): Promise<void> {
  const { options, out, stats } = parse(process.argv.slice(2));
  const generator = new DumpGenerator(options);
  const sink: NodeJS.WritableStream = out ? createWriteStream(out) : process.stdout;
  sink.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // `| head` closed the pipe: not an error
    process.stderr.write(`gen:dump: ${e.message}\n`);
    process.exit(1);
  });
  // Batch chunks into ~1 MB writes and respect backpressure.
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    size = 0;
    if (!sink.write(text)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
  };
  let bytes = 0;
  for (const chunk of generator.chunks()) {
    batch.push(chunk);
    size += chunk.length;
    bytes += Buffer.byteLength(chunk);
    if (size > 1 << 20) await flush();
  }
  await flush();
  if (out) await new Promise<void>((resolve) => sink.end(resolve));
  if (stats) {
    const s = generator.stats;
    process.stderr.write(`${(bytes / 1e6).toFixed(1)} MB: ${s.namespaces} namespaces, ${s.workloads} workloads (${s.pods} pods), ${s.services} services, ${s.policies} policies\n`);
  }
}

void main();

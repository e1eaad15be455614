// npm run measure:scale [-- --sizes 200,1k,5k,20k,ns400] [--commands lint,findings,matrix,report]
//                          [--dir DIR] [--timeout SECONDS] [--no-cli] [--no-engine] [--no-probe] [--no-page]
// Issue 12's table for the CLI and the engine at real cluster sizes, on the generated dumps
// (npm run gen:dump; written to --dir once, default $TMPDIR/netpol-scale):
//   - CLI: wall time and peak RSS (/usr/bin/time) and output size of lint, findings, matrix, report
//   - engine: read (strip + parse), compile, workload classes, one port's class matrix vs the plain one
//   - probe: 360,000 probes on 300 pods / 60 policies, in-process and through the CLI
//   - page (Chromium, production build in MEASURE_OUT_DIR, default dist: run `npm run build` first):
//     import to graph and to findings, toggle to repaint and to findings, explain, focus, matrix
//     (scripts/measure-scale-page.ts)
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DUMP_PRESETS, DumpGenerator } from '../bench/dump/index.ts';
import { syntheticCluster } from '../bench/synthetic.ts';
import { answerProbes, classPortMatrix, workloadClasses } from '../src/engine/classes/index.ts';
import { compile, computeMatrix, type Endpoint, type Probe } from '../src/engine/index.ts';
import { loadDesign } from '../src/model/index.ts';
import { parseKubectlManifests } from '../src/import/manifests.ts';
import { stripServerFields } from '../src/model/strip.ts';
import { defaultMatrixPorts } from '../src/review/matrixView.ts';
import { clusterYaml } from './synthetic-yaml.ts';
import { measurePage } from './measure-scale-page.ts';

/** What a page measurement module returns: one row per dump and metric. */
export interface PageMeasurement {
  dump: string;
  metric: string;
  value: string;
}
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const has = (name: string) => process.argv.includes(name);
const SIZES = arg('--sizes', '200,1k,5k,20k,ns400').split(',').filter((s) => DUMP_PRESETS[s]);
const COMMANDS = arg('--commands', 'lint,findings,matrix,report').split(',').filter(Boolean);
const DIR = arg('--dir', join(tmpdir(), 'netpol-scale'));
const TIMEOUT_S = Number(arg('--timeout', '900'));

async function ensureDump(name: string): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${name}.yaml`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  for (const chunk of new DumpGenerator(DUMP_PRESETS[name]!).chunks()) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return file;
}

interface Run {
  seconds: number;
  /** User + system CPU seconds: what the run costs, whatever else the machine is doing. */
  cpu?: number;
  rssMb?: number;
  outMb: number;
  exit: number | null;
  note?: string;
}

/**
 * One CLI run: wall time and peak RSS from /usr/bin/time, stdout only counted. From the sources
 * (tsx) unless `bundle` names the built command line; `stdinFile` is standard input as `< FILE` gives it.
 */
function runCli(args: string[], stdinFile?: string, bundle?: string): Promise<Run> {
  const timed = existsSync('/usr/bin/time');
  const cmd = timed ? '/usr/bin/time' : process.execPath;
  const argv = [...(timed ? ['-f', '%e %M %U %S', process.execPath] : []), ...(bundle ? [bundle] : ['--import', 'tsx', 'src/cli/main.ts']), ...args];
  const start = performance.now();
  return new Promise((resolve) => {
    // Its own process group: a timeout must stop the CLI, not only /usr/bin/time (which leaves it running).
    const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const child = spawn(cmd, argv, { stdio: [stdin, 'pipe', 'pipe'], detached: true });
    if (typeof stdin === 'number') closeSync(stdin);
    let bytes = 0;
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (bytes += b.length));
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, TIMEOUT_S * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = (performance.now() - start) / 1000;
      const lines = stderr.trim().split('\n');
      const m = timed ? /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(lines.at(-1) ?? '') : null;
      const problem = lines.find((l) => /internal error|Invalid string|heap out of memory|Killed/.test(l));
      resolve({ seconds: m ? Number(m[1]) : wall, ...(m ? { rssMb: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]) } : {}), outMb: bytes / 1e6, exit: code, ...(problem ? { note: problem.slice(0, 80) } : code === null ? { note: `killed after ${TIMEOUT_S} s` } : {}) });
    });
  });
}

const fmtRun = (r: Run, digits = 1) => `${r.seconds.toFixed(digits)} s${r.cpu === undefined ? '' : ` (${r.cpu.toFixed(digits)} s CPU)`}, ${r.rssMb === undefined ? '?' : r.rssMb.toFixed(0)} MB RSS, ${r.outMb.toFixed(1)} MB out${r.note ? ` (${r.note})` : ''}${r.exit ? ` (exit ${r.exit})` : ''}`;

/** The built command line (CLI_OUT_DIR, default dist-cli), built first when it is missing. */
function cliBundle(): string {
  const bundle = join(process.env.CLI_OUT_DIR ?? 'dist-cli', 'netpol-designer.js');
  if (!existsSync(bundle)) {
    console.log(`(building ${bundle}: npm run build:cli)`);
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-cli.ts'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`npm run build:cli failed (exit ${built.status})`);
  } else console.log(`(probe: ${bundle} as built at ${statSync(bundle).mtime.toISOString()}; npm run build:cli rebuilds it)`);
  return bundle;
}
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(`# measure:scale (${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  const dumps: { name: string; file: string }[] = [];
  for (const name of SIZES) dumps.push({ name, file: await ensureDump(name) });

  console.log('| dump | size | workloads | policies | classes | read | compile | classes | one port: class matrix | one port: plain matrix |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const { name, file } of dumps) {
    if (has('--no-engine')) break;
    let t = performance.now();
    const text = stripServerFields(readFileSync(file, 'utf8')).text;
    const design = loadDesign([{ name: file, text }], parseKubectlManifests);
    const read = ms(t);
    t = performance.now();
    const c = compile(design.cluster);
    const compileTime = ms(t);
    t = performance.now();
    const classes = workloadClasses(c);
    const classTime = ms(t);
    const port = defaultMatrixPorts(design.cluster)[0]!;
    t = performance.now();
    classPortMatrix(c, classes, port);
    const classMatrix = ms(t);
    let plain = 'skipped (n > 6,000)';
    if (c.workloads.length <= 6000) {
      t = performance.now();
      computeMatrix(c, { ports: [port] });
      plain = ms(t);
    }
    console.log(`| ${name} | ${(statSync(file).size / 1e6).toFixed(1)} MB | ${c.workloads.length} | ${c.policies.length} | ${classes.members.length} | ${read} | ${compileTime} | ${classTime} | ${classMatrix} | ${plain} |`);
  }

  if (!has('--no-probe')) {
    const model = syntheticCluster(300, 200);
    const c = compile(model);
    const ids = c.workloads.map((w) => w.id);
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const ports = [80, 443, 8088, 9100];
    const raw = Array.from({ length: 360_000 }, () => ({ from: ids[next() % ids.length]!, to: ids[next() % ids.length]!, port: ports[next() % 4]!, protocol: 'TCP' }));
    const probes: Probe[] = raw.map((p) => ({ from: { kind: 'workload', id: p.from } as Endpoint, to: { kind: 'workload', id: p.to } as Endpoint, port: p.port, protocol: 'TCP' }));
    const t = performance.now();
    answerProbes(c, probes);
    const inProcess = ms(t);
    mkdirSync(DIR, { recursive: true });
    const design = join(DIR, 'probe-300.yaml');
    const stdin = join(DIR, 'probe-360k.json');
    // Written once, like the dumps (the same seed gives the same files): other runs may be reading them.
    if (!existsSync(design)) writeFileSync(design, clusterYaml(model));
    if (!existsSync(stdin)) writeFileSync(stdin, JSON.stringify({ probes: raw }));
    // As users run it: the built command line (no TypeScript loader), the probes from a file on stdin.
    const bundle = cliBundle();
    const runs: Run[] = [];
    for (let k = 0; k < 3; k++) runs.push(await runCli(['probe', design], stdin, bundle));
    runs.sort((a, b) => a.seconds - b.seconds);
    console.log(`\nprobe: 360,000 probes on ${c.workloads.length} pods / ${c.policies.length} policies: answered in ${inProcess} in-process; CLI end to end (node ${bundle} probe < FILE, target 0.8 s; best and worst of 3) ${fmtRun(runs[0]!, 2)} / ${fmtRun(runs.at(-1)!, 2)}`);
  }

  if (!has('--no-cli')) {
    console.log(`\n| dump | ${COMMANDS.join(' | ')} |`);
    console.log(`|---|${COMMANDS.map(() => '---').join('|')}|`);
    for (const { name, file } of dumps) {
      const cells: string[] = [];
      for (const command of COMMANDS) cells.push(fmtRun(await runCli([command, file])));
      console.log(`| ${name} | ${cells.join(' | ')} |`);
    }
  }

  if (!has('--no-page')) {
    const rows = await measurePage(dumps);
    console.log('\n| dump | page metric | value |\n|---|---|---|');
    for (const r of rows) console.log(`| ${r.dump} | ${r.metric} | ${r.value} |`);
  }
}

void main();

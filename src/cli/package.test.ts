// The installable command line: bundle it, `npm pack` the package, install the tarball in an empty
// folder without a registry (the bundle has no dependencies), and run it through npx and a global
// install; then run the README's CI example, step by step, as written. No TypeScript loader is
// involved after the build.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, invariantsText, tenantsText } from '../invariants/testFixtures.ts';

const root = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'netpol-pack-'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
let tarball = '';

const run = (command: string, args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options, env: { ...process.env, npm_config_update_notifier: 'false', ...options.env } });

beforeAll(() => {
  const out = join(work, 'dist-cli');
  run('node', ['--import', 'tsx', 'scripts/build-cli.ts'], { cwd: root, env: { CLI_OUT_DIR: out } });
  run('npm', ['pack', out, '--pack-destination', work], { cwd: work });
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DESIGN = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 5432}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]
`;

const offline = ['--offline', '--no-audit', '--no-fund'];

describe('npm pack and install', () => {
  it('packs only the bundle, its schema, README and manifest', () => {
    expect(tarball).toMatch(new RegExp(`netpol-designer-${version.replace(/\./g, '\\.')}\\.tgz$`));
    const listing = run('tar', ['tzf', tarball], { cwd: work }).trim().split('\n').sort();
    expect(listing).toEqual(['package/README.md', 'package/netpol-designer.js', 'package/netpol-invariants.schema.json', 'package/package.json']);
    const manifest = JSON.parse(run('tar', ['xzOf', tarball, 'package/package.json'], { cwd: work })) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'netpol-designer', version, bin: { 'netpol-designer': 'netpol-designer.js' } });
    expect(manifest.dependencies).toBeUndefined();
  });

  it('installs from the tarball offline and runs with npx and globally', () => {
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true}');
    writeFileSync(join(project, 'design.yaml'), DESIGN);
    run('npm', ['install', ...offline, tarball], { cwd: project });
    expect(run('npx', ['--offline', 'netpol-designer', '--version'], { cwd: project }).trim()).toBe(version);
    const probes = '{"probes":[{"from":"shop/web","to":"shop/db","port":5432},{"from":"shop/db","to":"shop/web","port":80}]}';
    const answer = JSON.parse(run('npx', ['--offline', 'netpol-designer', 'probe', 'design.yaml'], { cwd: project, input: probes })) as { probes: { allowed: boolean }[] };
    expect(answer.probes.map((p) => p.allowed)).toEqual([false, true]);
    expect(run('npx', ['--offline', 'netpol-designer', 'probe', '--help'], { cwd: project })).toContain('usage: netpol-designer probe');

    const prefix = join(work, 'global');
    run('npm', ['install', '-g', '--prefix', prefix, ...offline, tarball], { cwd: work });
    expect(run(join(prefix, 'bin', 'netpol-designer'), ['--version'], { cwd: project }).trim()).toBe(version);
  }, 120_000);
});

/** The workflow in README's "In a pipeline", and its `run:` steps in order. */
function readmeWorkflow(): { name?: string; run?: string }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- ci-example -->\n```yaml\n([\s\S]*?)```/.exec(readme);
  expect(block, 'README has the CI example').not.toBeNull();
  const workflow = parse(block![1]!) as { jobs: Record<string, { steps: { name?: string; run?: string }[] }> };
  return Object.values(workflow.jobs)[0]!.steps;
}

describe('the README CI example', () => {
  /** Runs the workflow's `run:` steps as Actions does (bash -e, stop at the first failure) in a checkout. */
  function runWorkflow(design: string): { failedStep?: string; dir: string } {
    const dir = mkdtempSync(join(work, 'checkout-'));
    mkdirSync(join(dir, 'k8s'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'k8s', 'design.yaml'), design);
    writeFileSync(join(dir, 'netpol-invariants.yaml'), invariantsText(`
- name: tenants-apart
  never: {from: tenant-a, to: tenant-b}
- name: only-ingress
  only: {to: tenant-a/app, from: [ingress-nginx], ports: [8080]}`));
    // The workflow installs the tarball of this version from tools/.
    copyFileSync(tarball, join(dir, 'tools', `netpol-designer-${version}.tgz`));
    const prefix = join(dir, '.npm-global');
    const env = { ...process.env, npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_update_notifier: 'false', PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    for (const step of readmeWorkflow()) {
      if (!step.run) continue;
      const script = step.run.replace(/netpol-designer-\d+\.\d+\.\d+\.tgz/g, `netpol-designer-${version}.tgz`);
      const result = spawnSync('bash', ['-e', '-c', script], { cwd: dir, env, encoding: 'utf8' });
      if (result.status !== 0) return { failedStep: step.name ?? script, dir };
    }
    return { dir };
  }

  it('passes on a design that keeps its invariants, and uploads valid SARIF', () => {
    const steps = readmeWorkflow().filter((s) => s.run);
    expect(steps.map((s) => s.name)).toEqual(['Install netpol-designer', 'Invariants', 'Findings']);
    // The tenants with DNS and an isolated ingress controller: invariants hold, no high finding.
    const { failedStep, dir } = runWorkflow(tenantsText([...DEFAULT_POLICIES, 'dnsTenants']));
    expect(failedStep).toBeUndefined();
    const sarif = JSON.parse(readFileSync(join(dir, 'netpol.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(readFileSync(join(dir, 'netpol-findings.md'), 'utf8')).toMatch(/^### netpol-designer: /);
  }, 120_000);

  it('fails at the invariants step on a design that breaks one, with the SARIF written for the upload', () => {
    const { failedStep, dir } = runWorkflow(tenantsText(['denyA', 'ingressToA', 'allPodsA']));
    expect(failedStep).toBe('Invariants');
    expect(existsSync(join(dir, 'netpol.sarif'))).toBe(true);
    const sarif = JSON.parse(readFileSync(join(dir, 'netpol.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri])).toContainEqual(['tenants-apart', 'k8s/design.yaml']);
  }, 120_000);
});

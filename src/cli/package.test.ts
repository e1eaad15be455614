// The installable command line: bundle it, `npm pack` the package, install the tarball in an empty
// folder without a registry (the bundle has no dependencies), and run it through npx and a global
// install. No TypeScript loader is involved after the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'netpol-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options, env: { ...process.env, npm_config_update_notifier: 'false', ...options.env } });

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

describe('npm pack and install', () => {
  it('installs from the tarball offline and runs with npx and globally', () => {
    const out = join(work, 'dist-cli');
    run('node', ['--import', 'tsx', 'scripts/build-cli.ts'], { cwd: root, env: { CLI_OUT_DIR: out } });
    run('npm', ['pack', out, '--pack-destination', work], { cwd: work });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^netpol-designer-\d+\.\d+\.\d+.*\.tgz$/);
    const listing = run('tar', ['tzf', join(work, tarball)], { cwd: work }).trim().split('\n').sort();
    expect(listing).toEqual(['package/README.md', 'package/netpol-designer.js', 'package/netpol-invariants.schema.json', 'package/package.json']);

    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true}');
    writeFileSync(join(project, 'design.yaml'), DESIGN);
    const offline = ['--offline', '--no-audit', '--no-fund'];
    run('npm', ['install', ...offline, join(work, tarball)], { cwd: project });
    const pkg = JSON.parse(run('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root })) as { version: string };
    expect(run('npx', ['--offline', 'netpol-designer', '--version'], { cwd: project }).trim()).toBe(pkg.version);
    const probes = '{"probes":[{"from":"shop/web","to":"shop/db","port":5432},{"from":"shop/db","to":"shop/web","port":80}]}';
    const answer = JSON.parse(run('npx', ['--offline', 'netpol-designer', 'probe', 'design.yaml'], { cwd: project, input: probes })) as { probes: { allowed: boolean }[] };
    expect(answer.probes.map((p) => p.allowed)).toEqual([false, true]);
    expect(run('npx', ['--offline', 'netpol-designer', 'probe', '--help'], { cwd: project })).toContain('usage: netpol-designer probe');

    const prefix = join(work, 'global');
    run('npm', ['install', '-g', '--prefix', prefix, ...offline, join(work, tarball)], { cwd: work });
    expect(run(join(prefix, 'bin', 'netpol-designer'), ['--version'], { cwd: project }).trim()).toBe(pkg.version);
  }, 120_000);
});

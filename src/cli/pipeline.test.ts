// check --invariants, SARIF and Markdown output, --fail-on, --version and per-command help.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { SHOP_CLUSTER, SHOP_POLICIES } from '../review/diff/testFixtures.ts';
import { invariantsText, tenantsText } from '../invariants/testFixtures.ts';
import { fileUri } from './pipeline.ts';
import { cliWith } from './testkit.ts';
import { VERSION } from './version.ts';

const INVARIANTS = invariantsText(`
- name: tenants-apart
  description: nothing in tenant-a reaches tenant-b
  never: {from: tenant-a, to: tenant-b}
- name: no-metadata
  severity: medium
  never: {from: [tenant-a, tenant-b], to: outside:metadata}
- name: only-ingress
  only: {to: tenant-a/app, from: [ingress-nginx], ports: [8080]}
- name: ingress-reaches-app
  always: {from: ingress-nginx/controller, to: tenant-a/app, ports: [8080/TCP]}
- name: tenants-default-deny
  isolated: {target: [tenant-a, tenant-b], direction: Both}
`);

const FILES: Record<string, string> = {
  'deploy/design.yaml': tenantsText(),
  'deploy/broken.yaml': tenantsText(['denyA', 'ingressToA', 'allPodsA', 'internetAWide']),
  'netpol-invariants.yaml': INVARIANTS,
  'bad-invariants.yaml': invariantsText('- never: {from: tenant-a, to: outside:moon}'),
  'shop.yaml': `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES}`,
};
const cli = cliWith(FILES);

/**
 * The SARIF 2.1.0 schema (Microsoft's @microsoft/jest-sarif ships it as sarif-2.1.0-rtm.5.json, the
 * schemastore copy of OASIS's final schema, MIT). It is draft-04; ajv reads it as draft-07 once the
 * `id` keyword has its later name.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // The schema's language pattern is not valid in Unicode mode (`]?` after a group); read it as JSON Schema's ECMA 262 regexes.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  ajv.addFormat('uri-reference', (text: string) => !/\s/.test(text) && URL.canParse(text, 'file:///repo/'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  return ajv.compile({ ...rest, $id: String(id) });
}
const validSarif = sarifValidator();

function expectValidSarif(text: string): { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] } {
  const log = JSON.parse(text);
  const ok = validSarif(log);
  expect(validSarif.errors ?? [], JSON.stringify(validSarif.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

describe('check --invariants', () => {
  it('exits 0 and says so when every invariant holds', () => {
    const result = cli('check deploy/design.yaml --invariants netpol-invariants.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/5 invariants: 5 hold, 0 violated$/);
    expect(result.stdout).toContain('netpol-invariants.yaml:6:5: holds: tenants-apart: never: tenant-a -> tenant-b on any port');
  });

  it('exits 1 on a violation and names the path, the policy at file:line:col, and why', () => {
    const result = cli('check deploy/broken.yaml --invariants netpol-invariants.yaml');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('VIOLATED: tenants-apart');
    expect(result.stdout).toMatch(/deploy\/broken\.yaml:\d+:\d+: tenant-a\/app -> tenant-b\/app \(all\)/);
    expect(result.stdout).toContain('VIOLATED: no-metadata');
    expect(result.stdout).toContain('tenant-a/app -> ip:169.254.169.254');
    const json = JSON.parse(cli('check deploy/broken.yaml --invariants netpol-invariants.yaml --format json').stdout) as { holds: boolean; results: { holds: boolean; invariant: { name: string } }[] };
    expect(json.holds).toBe(false);
    expect(json.results.filter((r) => !r.holds).map((r) => r.invariant.name)).toEqual(['tenants-apart', 'no-metadata', 'tenants-default-deny']);
  });

  it('writes SARIF 2.1.0 that validates: one rule per invariant, results on the policy that opened the path', () => {
    const log = expectValidSarif(cli('check deploy/broken.yaml --invariants netpol-invariants.yaml --format sarif').stdout);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['tenants-apart', 'no-metadata', 'only-ingress', 'ingress-reaches-app', 'tenants-default-deny']);
    const apart = run.results.find((r) => r.ruleId === 'tenants-apart')!;
    expect(apart.level).toBe('error');
    expect(apart.locations![0]!.physicalLocation.artifactLocation.uri).toBe('deploy/broken.yaml');
    expect(apart.message.text).toContain('why: Allowed');
    expect(apart.message.text).toContain('fix: ');
    expect(run.results.find((r) => r.ruleId === 'no-metadata')!.level).toBe('warning');
    // A missing default deny has no policy to point at: the invariant's own line.
    const isolated = run.results.find((r) => r.ruleId === 'tenants-default-deny')!;
    expect(isolated.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'netpol-invariants.yaml' }, region: { startLine: 16, startColumn: 5 } });
    // And when all hold: valid, with no results.
    expect(expectValidSarif(cli('check deploy/design.yaml --invariants netpol-invariants.yaml --format sarif').stdout).runs[0]!.results).toEqual([]);
  });

  it('writes a Markdown PR comment', () => {
    const md = cli('check deploy/broken.yaml --invariants netpol-invariants.yaml --format md');
    expect(md.exitCode).toBe(1);
    expect(md.stdout.split('\n')[0]).toBe('### netpol-designer: 3 of 5 invariants violated');
    expect(md.stdout).toContain('| `tenants-apart` | **violated** (1) | nothing in tenant-a reaches tenant-b |');
    expect(md.stdout).toContain('<details><summary>no-metadata: 2 violations</summary>');
  });

  it('exits 2 on a broken invariants file (with line:col), a missing one, no --invariants, and --strict with design errors', () => {
    const bad = cli('check deploy/design.yaml --invariants bad-invariants.yaml');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^bad-invariants\.yaml:6:33: error: "outside:moon": outside must be one of/);
    expect(cli('check deploy/design.yaml --invariants missing.yaml').exitCode).toBe(2);
    expect(cli('check deploy/design.yaml').stderr).toBe('netpol-designer: check needs --invariants FILE (netpol-invariants.yaml)');
    expect(cli('check deploy/design.yaml --invariants netpol-invariants.yaml --format html').exitCode).toBe(2);
    const broken = cliWith({ ...FILES, 'x.yaml': `${tenantsText()}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: tenant-a}\nspec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: nonsense}}]}]}\n` });
    expect(broken('check x.yaml --invariants netpol-invariants.yaml --strict').exitCode).toBe(2);
    expect(broken('check x.yaml --invariants netpol-invariants.yaml').exitCode).toBe(0);
  });
});

describe('findings --format sarif|md, --fail-on', () => {
  it('SARIF validates, with rules, levels, file:line:col and the fixes as text', () => {
    const result = cli('findings shop.yaml --format sarif');
    expect(result.exitCode).toBe(1);
    const log = expectValidSarif(result.stdout);
    const run = log.runs[0]!;
    const text = cli('findings shop.yaml --format json');
    const findings = (JSON.parse(text.stdout) as { findings: { rule: string; location?: { line: number } }[] }).findings;
    expect(run.results.map((r) => r.ruleId)).toEqual(findings.map((f) => f.rule));
    expect(new Set(run.tool.driver.rules.map((r) => r.id))).toEqual(new Set(findings.map((f) => f.rule)));
    const located = run.results.filter((r) => r.locations);
    expect(located.length).toBe(findings.filter((f) => f.location).length);
    expect(located[0]!.locations![0]!.physicalLocation.artifactLocation.uri).toBe('shop.yaml');
    expect(run.results.some((r) => r.message.text.includes('\nfix: '))).toBe(true);
  });

  it('Markdown for a PR comment', () => {
    const md = cli('findings shop.yaml --format md').stdout;
    expect(md).toMatch(/^### netpol-designer: \d+ findings \(\d+ high, \d+ medium, \d+ low, \d+ info\)/);
    expect(md).toContain('| severity | finding | where |');
  });

  it('--fail-on sets the exit code by the most severe finding; the default stays "any listed"', () => {
    const json = (JSON.parse(cli('findings shop.yaml --format json').stdout) as { findings: { severity: string }[] }).findings;
    const has = (s: string[]) => json.some((f) => s.includes(f.severity));
    expect(cli('findings shop.yaml --fail-on high').exitCode).toBe(has(['high']) ? 1 : 0);
    expect(cli('findings shop.yaml --fail-on medium').exitCode).toBe(has(['high', 'medium']) ? 1 : 0);
    expect(cli('findings shop.yaml --fail-on low').exitCode).toBe(has(['high', 'medium', 'low']) ? 1 : 0);
    expect(cli('findings shop.yaml').exitCode).toBe(json.length > 0 ? 1 : 0);
    expect(cli('findings shop.yaml --fail-on info').exitCode).toBe(2);
    // A clean design passes even the strictest gate.
    expect(cliWith({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n' })('findings ns.yaml --fail-on low').exitCode).toBe(0);
  });
});

describe('--version, help, URIs', () => {
  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(cli('--version')).toEqual({ stdout: pkg.version, exitCode: 0 });
    expect(cli('probe --version')).toEqual({ stdout: pkg.version, exitCode: 0 });
  });

  it('COMMAND --help prints that command with its options and the exit codes', () => {
    const help = cli('check --help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('usage: netpol-designer check FILE...');
    expect(help.stdout).toContain('--invariants FILE');
    expect(help.stdout).toContain('--api-server');
    expect(help.stdout).toContain('exit codes:');
    expect(help.stdout).not.toContain('testplan FILE...');
    // Every command but lint takes the cluster settings (the assumed services are in every verdict).
    expect(cli('probe --help').stdout).toContain('--api-server');
    expect(cli('lint --help').stdout).not.toContain('--api-server');
  });

  it('file URIs are relative to the working directory with forward slashes', () => {
    expect(fileUri('deploy/a b.yaml', '/repo')).toBe('deploy/a%20b.yaml');
    expect(fileUri('/repo/x/y.yaml', '/repo')).toBe('x/y.yaml');
    expect(fileUri('<stdin>', '/repo')).toBeUndefined();
  });
});

describe('report --invariants', () => {
  it('adds the invariants section to the HTML and Markdown reports; a broken file is a usage error', () => {
    const md = cli('report deploy/broken.yaml --invariants netpol-invariants.yaml --format md --date 2026-01-01');
    expect(md.exitCode).toBe(0);
    const section = md.stdout.slice(md.stdout.indexOf('## Invariants'), md.stdout.indexOf('## Findings'));
    expect(section).toContain('**VIOLATED (1)** tenants-apart: nothing in tenant-a reaches tenant-b');
    expect(section).toMatch(/`tenant-a\/app -> tenant-b\/app \(all\)` via `tenant-a\/all-pods \(deploy\/broken\.yaml:\d+:\d+\)`/);
    expect(section).toContain('**HOLDS** ingress-reaches-app');
    const html = cli('report deploy/broken.yaml --invariants netpol-invariants.yaml --date 2026-01-01').stdout;
    expect(html).toContain('<h2>Invariants</h2>');
    expect(html).toContain('violated (1)</span> <strong>tenants-apart</strong>');
    expect(cli('report deploy/design.yaml --format md').stdout).not.toContain('## Invariants');
    expect(cli('report deploy/design.yaml --invariants bad-invariants.yaml').exitCode).toBe(2);
  });
});

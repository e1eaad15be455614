// The command line, run in-process: argv and in-memory files in, stdout/stderr/exit code out.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { compile } from '../engine/index.ts';
import { loadDesign } from '../model/index.ts';
import { diffDesigns, formatDiff } from '../review/diff/index.ts';
import { SHOP_CLUSTER, SHOP_POLICIES, SHOP_POLICIES_CHANGED } from '../review/diff/testFixtures.ts';
import { reviewDesign } from '../review/findings/index.ts';
import { buildMatrixView, computeReviewMatrix, exportMatrixView } from '../review/matrixView.ts';
import { cliWith } from './testkit.ts';

const FILES: Record<string, string> = {
  'cluster.yaml': SHOP_CLUSTER,
  'a.yaml': SHOP_POLICIES,
  'b.yaml': SHOP_POLICIES_CHANGED,
  'A.yaml': `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES}`,
  'B.yaml': `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES_CHANGED}`,
  'broken.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: nonsense}}]}]}\n',
};

const cli = cliWith(FILES);
const design = (...names: string[]) => loadDesign(names.map((name) => ({ name, text: FILES[name]! })));

describe('cli diff', () => {
  it('prints the diff and exits 1 when the designs differ', () => {
    const result = cli('diff A.yaml B.yaml');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(formatDiff(diffDesigns(design('A.yaml'), design('B.yaml')), 'text'));
    expect(result.stdout).toContain('~ NetworkPolicy/shop/api-from-web');
  });

  it('exits 0 when there is no difference', () => {
    const result = cli('diff A.yaml A.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('policies: 0 added, 0 removed, 0 changed; workloads: 0 added, 0 removed; connections: 0 pairs changed');
  });

  it('reads one side from standard input and prints Markdown or JSON', () => {
    const md = cli('diff - B.yaml --format md', FILES['A.yaml']);
    expect(md.exitCode).toBe(1);
    expect(md.stdout).toBe(formatDiff(diffDesigns(design('A.yaml'), design('B.yaml')), 'md'));
    const json = JSON.parse(cli('diff A.yaml B.yaml --format json').stdout) as { policies: { removed: { key: string }[] } };
    expect(json.policies.removed.map((p) => p.key)).toEqual(['NetworkPolicy/shop/db-from-api']);
  });

  it('exits 2 on usage errors, unreadable files, and --strict with errors', () => {
    expect(cli('diff A.yaml').exitCode).toBe(2);
    expect(cli('diff A.yaml B.yaml C.yaml').exitCode).toBe(2);
    expect(cli('diff - -').exitCode).toBe(2);
    expect(cli('diff A.yaml missing.yaml').stderr).toBe('netpol-designer: cannot read missing.yaml: ENOENT (no such file or directory)');
    expect(cli('diff A.yaml B.yaml --format html').exitCode).toBe(2);
    const strict = cli('diff A.yaml broken.yaml --strict');
    expect(strict.exitCode).toBe(2);
    expect(strict.stderr).toContain('broken.yaml:4:');
    const lenient = cli('diff A.yaml broken.yaml');
    expect(lenient.exitCode).toBe(1);
    expect(lenient.stderr).toContain('broken.yaml:4:');
  });
});

describe('cli report', () => {
  it('prints one HTML document with the diff against the baseline', () => {
    const result = cli('report cluster.yaml b.yaml --baseline cluster.yaml --baseline a.yaml --date 2025-03-04 --title Shop');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(result.stdout).toContain('<h1>Shop</h1><p class="muted">2025-03-04 · netpol-designer</p>');
    expect(result.stdout).toContain('<h2>Changes against the baseline</h2>');
    const findings = reviewDesign(design('cluster.yaml', 'b.yaml'), DEFAULT_SETTINGS);
    for (const f of findings) expect(result.stdout).toContain(f.rule);
  });

  it('prints Markdown with the matrix for the chosen ports', () => {
    const result = cli('report cluster.yaml b.yaml --format md --port 8080/TCP');
    expect(result.stdout).toContain('| TCP/8080 (from \\ to) |');
    expect(result.stdout).not.toContain('TCP/80 (from');
    expect(result.stdout).not.toContain('## Changes against the baseline');
  });

  it('refuses standard input twice', () => {
    expect(cli('report - --baseline -', FILES['A.yaml']).exitCode).toBe(2);
  });
});

describe('cli testplan', () => {
  it('prints a bash script that parses, with the options applied', () => {
    const result = cli('testplan cluster.yaml b.yaml --namespace kube-system --image busybox:1.36 --timeout 5 --port 53/UDP --no-outside');
    expect(result.exitCode).toBe(0);
    execFileSync('bash', ['-n'], { input: result.stdout });
    expect(result.stdout).toContain("IMAGE='busybox:1.36'");
    expect(result.stdout).toContain("TIMEOUT='5'");
    expect(result.stdout).toContain("check 1 'shop/web -> kube-system/coredns UDP/53' allow dns");
    expect(result.stdout).not.toContain('1.1.1.1');
  });

  it('prints the plan as Markdown, and rejects a bad timeout', () => {
    expect(cli('testplan cluster.yaml b.yaml --format md').stdout).toContain('| # | from | to | port | expected | how |');
    expect(cli('testplan cluster.yaml b.yaml --timeout 0').exitCode).toBe(2);
  });
});

describe('cli findings', () => {
  const all = reviewDesign(design('cluster.yaml', 'b.yaml'), DEFAULT_SETTINGS);

  it('lists what reviewDesign finds, filtered by severity, exit 1 when any', () => {
    const text = cli('findings cluster.yaml b.yaml');
    expect(text.exitCode).toBe(all.length > 0 ? 1 : 0);
    expect(text.stdout.split('\n').at(-1)).toMatch(new RegExp(`^${all.length} findings? \\(`));
    const json = JSON.parse(cli('findings cluster.yaml b.yaml --format json --severity medium').stdout) as { findings: { id: string; severity: string }[] };
    expect(json.findings.map((f) => f.id).sort()).toEqual(all.filter((f) => f.severity === 'high' || f.severity === 'medium').map((f) => f.id).sort());
    expect(cli('findings cluster.yaml b.yaml --severity urgent').exitCode).toBe(2);
  });

  it('judges against the cluster services given as options, like the page settings', () => {
    const settings = { ...DEFAULT_SETTINGS, apiServer: { address: '192.168.178.123', port: 6443 }, dns: { namespace: 'dns', podLabels: { app: 'dns', tier: 'infra' } } };
    const expected = reviewDesign(design('cluster.yaml', 'b.yaml'), settings).map((f) => f.id).sort();
    const json = JSON.parse(cli('findings cluster.yaml b.yaml --format json --api-server 192.168.178.123:6443 --dns-namespace dns --dns-label app=dns --dns-label tier=infra').stdout) as { findings: { id: string }[] };
    expect(json.findings.map((f) => f.id).sort()).toEqual(expected);
    for (const bad of ['--api-server nope', '--api-server 10.0.0.1:99999', '--dns-label novalue', '--pod-cidr 10.0.0.0/99']) {
      const result = cli(`findings cluster.yaml ${bad}`);
      expect(result.exitCode, bad).toBe(2);
      expect(result.stderr).toContain(bad.split(' ')[0]);
    }
  });
});

describe('cli matrix and help', () => {
  it('matrix output equals the review matrix view export', () => {
    const d = design('cluster.yaml', 'b.yaml');
    const view = buildMatrixView(computeReviewMatrix(compile(d.cluster), { extraEndpoints: [{ kind: 'ip', ip: '8.8.8.8' }] }));
    expect(cli('matrix cluster.yaml b.yaml --format csv --endpoint ip:8.8.8.8').stdout).toBe(exportMatrixView(view, 'csv'));
    expect(cli('matrix cluster.yaml b.yaml --format md --endpoint ip:8.8.8.8').stdout).toBe(exportMatrixView(view, 'md'));
  });

  it('probe writes each probe as JSON.stringify({ ...probe, allowed }) would: other fields kept, an "allowed" given in its place', () => {
    const probes = [
      { from: 'shop/web', to: 'shop/api', port: 8085, allowed: 'ask', note: 1 },
      { to: 'shop/api', from: 'shop/web', port: 8085 },
      JSON.parse('{"1":2,"from":"shop/web","to":"shop/api","port":8085,"__proto__":{"a":1}}') as Record<string, unknown>,
    ];
    const result = cli('probe cluster.yaml b.yaml', JSON.stringify({ probes }));
    const want = probes.map((p) => ({ ...p, allowed: true }));
    expect(result).toEqual({ stdout: JSON.stringify({ probes: want }), exitCode: 0 });
    expect(result.stdout).toContain('"port":8085,"allowed":true,"note":1}');
  });

  it('probe still answers on standard input', () => {
    const result = cli('probe cluster.yaml b.yaml', '{"probes":[{"from":"shop/web","to":"shop/api","port":8085}]}');
    expect(result).toEqual({ stdout: '{"probes":[{"from":"shop/web","to":"shop/api","port":8085,"allowed":true}]}', exitCode: 0 });
  });

  it('help names the new commands; unknown commands exit 2', () => {
    for (const argv of ['--help', 'help']) {
      const help = cli(argv);
      expect(help.exitCode).toBe(0);
      for (const command of ['diff A B', 'report FILE...', 'testplan FILE...', 'findings FILE...', 'check FILE...']) expect(help.stdout).toContain(command);
    }
    // COMMAND --help is that command's part.
    const diffHelp = cli('diff --help');
    expect(diffHelp.exitCode).toBe(0);
    expect(diffHelp.stdout).toContain('diff A B');
    expect(diffHelp.stdout).not.toContain('testplan FILE...');
    expect(cli('nope x').exitCode).toBe(2);
  });
});

// The command line as a hostile pipeline feeds it: malformed files and probes, unknown and misspelt
// options, closed pipes. Each case: the documented exit code, one clear line on stderr (file:line:col
// where there is one), no stack trace, and nothing but the answer on stdout.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHOP_CLUSTER, SHOP_POLICIES } from '../review/diff/testFixtures.ts';
import type { CliIo } from './io.ts';
import { cliWith, tableIo } from './testkit.ts';
import { jsonSyntaxError, jsonValuePosition } from '../model/json.ts';
import { HELP, runCli } from './run.ts';

const FILES: Record<string, string> = {
  'cluster.yaml': SHOP_CLUSTER,
  'a.yaml': SHOP_POLICIES,
  'unclosed.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress\n',
  'badpod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Pod, namespace: shop}\nspec: {containers: [{name: c, image: i}]}\n',
  'control.yaml': 'apiVersion: v1\nkind: "Frob\\nnicator"\nmetadata: {name: "x\\u001b[31my"}\n',
  'cnp.yaml': `apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata: {name: egress-github}
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {matchLabels: {team: shop}}
  egress:
  - name: github
    action: Accept
    to:
    - domainNames: ["github.com", "*.githubusercontent.com"]
    protocols:
    - tcp: {destinationPort: {number: 443}}
  - name: no-metadata
    action: Deny
    to:
    - networks: ["169.254.169.254/32"]
`,
};

const io = (stdin?: string) => tableIo(FILES, stdin);
const cli = cliWith(FILES);
const DESIGN = 'cluster.yaml a.yaml';

/** Exit 2, stdout empty, one line on stderr (after any design diagnostics) that contains `text`. */
function expectUsage(result: ReturnType<typeof runCli>, text: string): void {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  const last = result.stderr?.split('\n').at(-1) ?? '';
  expect(last).toMatch(/^netpol-designer: /);
  expect(last).toContain(text);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('options', () => {
  it('refuses unknown options instead of ignoring them or eating the next argument', () => {
    expectUsage(cli(`lint ${DESIGN} --bogus`), 'unknown option --bogus');
    expectUsage(cli(`lint ${DESIGN} --bogus=1`), 'unknown option --bogus');
    // A typo must not list every finding and still look like a gate that passed.
    expectUsage(cli(`findings ${DESIGN} --severty high`), 'unknown option --severty (did you mean --severity?)');
    // Was read as a file named -x.
    expectUsage(cli(`lint ${DESIGN} -x`), 'unknown option -x');
    // --quiet=1 was read as an option "--quiet" with a value, so the flag was silently off.
    expectUsage(cli(`lint ${DESIGN} --quiet=1`), '--quiet takes no value');
    // The next token is an option, not the value.
    expectUsage(cli(`report ${DESIGN} --baseline --port 80`), '--baseline needs a value');
  });

  it('warns on stderr about an option of another command, keeping the answer and the exit code', () => {
    const result = cli(`lint ${DESIGN} --port 80`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('0 errors, 0 warnings');
    expect(result.stderr).toBe('netpol-designer: warning: lint ignores --port (an option of matrix, explain, report, testplan)');
  });

  it('-- ends the options', () => {
    FILES['-odd.yaml'] = FILES['unclosed.yaml']!;
    const result = cli('lint cluster.yaml -- -odd.yaml');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^-odd\.yaml:7:1: error: /);
  });

  it('dedupes repeated ports and endpoints in the matrix', () => {
    const once = cli(`matrix ${DESIGN} --port 80 --endpoint ip:8.8.8.8 --format csv`);
    const twice = cli(`matrix ${DESIGN} --port 80 --port 80/tcp --endpoint ip:8.8.8.8 --endpoint ip:8.8.8.8 --endpoint shop/web --format csv`);
    expect(twice.stdout).toBe(once.stdout);
  });

  it('names the option whose endpoint is wrong', () => {
    expectUsage(cli(`explain ${DESIGN} --from nope --to shop/api`), '--from: "nope" is not an endpoint');
  });
});

describe('files and standard input', () => {
  it('says what an unreadable file means', () => {
    expectUsage(cli('lint missing.yaml'), 'cannot read missing.yaml: ENOENT (no such file or directory)');
  });

  it('refuses - twice: standard input can be read only once', () => {
    expectUsage(cli('lint - -', FILES['a.yaml']), '- (standard input) given more than once');
  });

  it('turns a failing read of standard input into a usage error', () => {
    const failing: CliIo = { ...io(), readStdin: () => { throw Object.assign(new Error('again'), { code: 'EAGAIN' }); } };
    expectUsage(runCli(['lint', '-'], failing), 'cannot read standard input: EAGAIN');
  });

  it('prints one line per diagnostic, control characters escaped', () => {
    const result = cli('lint control.yaml');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('control.yaml:1:1: info: Frob\\nnicator x\\u001b[31my is not evaluated: the designer models Namespaces, workloads, Services, Nodes, NetworkPolicies and the network-policy-api kinds [not-evaluated]');
  });

  it('lints ClusterNetworkPolicy v1beta1 with a domainNames peer as a warning, not an error', () => {
    const result = cli('lint cluster.yaml cnp.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('cnp.yaml:13:20: warning: ');
    expect(result.stdout).toContain('[domain-names-not-evaluated]');
    expect(result.stdout.split('\n').at(-1)).toBe('0 errors, 1 warning');
    const probe = cli('probe cluster.yaml cnp.yaml', '{"probes":[{"from":"shop/web","to":"ip:169.254.169.254","port":80}]}');
    expect(probe.stdout).toBe('{"probes":[{"from":"shop/web","to":"ip:169.254.169.254","port":80,"allowed":false}]}');
  });
});

describe('probe input', () => {
  const probe = (stdin: string) => cli(`probe ${DESIGN}`, stdin);

  it('locates JSON syntax errors as <stdin>:line:col', () => {
    expectUsage(probe('{"probes":[\n{"from":"shop/web",\n "to":"shop/api", port: 1}]}'), '<stdin>:3:19: standard input is not JSON: expected a double-quoted property name, found "p"');
    expectUsage(probe('{"probes":[{"from":"shop/web","to":"shop/api","port":80},]}'), '<stdin>:1:58: standard input is not JSON: unexpected "]" (expected a value) (a trailing comma?)');
    expectUsage(probe('not json'), '<stdin>:1:1: standard input is not JSON');
    expectUsage(probe(''), 'standard input is empty');
  });

  it('reads JSON with a byte order mark', () => {
    expect(probe('\uFEFF{"probes":[]}')).toEqual({ stdout: '{"probes":[]}', exitCode: 0 });
  });

  it('checks a port given as a string like a number, and port names', () => {
    expectUsage(probe('{"probes":[\n{"from":"shop/web","to":"shop/api","port":80},\n{"from":"shop/web","to":"shop/api","port":"0"}]}'), '<stdin>:3:43: probes[1].port: port 0 is out of range 1-65535');
    expectUsage(probe('{"probes":[{"from":"shop/web","to":"shop/api","port":"99999"}]}'), 'probes[0].port: port 99999 is out of range 1-65535');
    expectUsage(probe('{"probes":[{"from":"shop/web","to":"shop/api","port":"bad_name!"}]}'), 'probes[0].port: "bad_name!" is not a valid port name');
    expect(probe('{"probes":[{"from":"shop/web","to":"shop/api","port":"8080"}]}').stdout).toBe('{"probes":[{"from":"shop/web","to":"shop/api","port":"8080","allowed":true}]}');
  });

  it('locates a wrong probe and names its field', () => {
    expectUsage(probe('{"probes":[\n  {"from":"shop/web","to":"nope","port":8080}]}'), '<stdin>:2:27: probes[0].to: "nope" is not an endpoint');
    expectUsage(probe('{"probes":[{"from":"shop/nope","to":"shop/api","port":8080}]}'), '<stdin>:1:12: probes[0]: unknown workload "shop/nope"');
    expectUsage(probe('{"probes":[{"from":"shop/web","to":"shop/api"}]}'), '<stdin>:1:12: probes[0].port must be a number or a port name');
  });

  it('reads addresses with the API server\'s rules, not as octal, short or zoned forms', () => {
    // The engine's parser reads 010.0.0.1 as 8.0.0.1 and 10.1 as 10.0.0.1: a probe for another address.
    expectUsage(probe('{"probes":[{"from":"ip:010.0.0.1","to":"shop/api","port":8080}]}'), '<stdin>:1:20: probes[0].from: "ip:010.0.0.1" has leading zeros, which some tools read as octal; write ip:10.0.0.1');
    expectUsage(probe('{"probes":[{"from":"shop/web","to":"ip:10.1","port":80}]}'), 'probes[0].to: "ip:10.1" is not a valid IP address');
    expectUsage(probe('{"probes":[{"from":"ip:fe80::1%eth0","to":"shop/api","port":8080}]}'), 'is not a valid IP address');
    expectUsage(cli(`matrix ${DESIGN} --endpoint ip:0x0a.0.0.1`), '--endpoint: "ip:0x0a.0.0.1" is not a valid IP address');
    expectUsage(cli(`findings ${DESIGN} --api-server 010.96.0.1:443`), '--api-server: "010.96.0.1" has leading zeros');
    expectUsage(cli(`findings ${DESIGN} --pod-cidr 10.1/16`), '--pod-cidr: "10.1/16" is not a CIDR');
    const ok = probe('{"probes":[{"from":"ip:2001:DB8::1","to":"shop/api","port":8080},{"from":"ip: 10.0.0.1","to":"shop/api","port":8080}]}');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe('{"probes":[{"from":"ip:2001:DB8::1","to":"shop/api","port":8080,"allowed":false},{"from":"ip: 10.0.0.1","to":"shop/api","port":8080,"allowed":false}]}');
  });

  it('keeps the design diagnostics that explain an unknown workload', () => {
    const result = cli('probe cluster.yaml badpod.yaml', '{"probes":[{"from":"shop/Bad_Pod","to":"shop/web","port":80}]}');
    expectUsage(result, 'unknown workload "shop/Bad_Pod"');
    expect(result.stderr).toContain('badpod.yaml:3:18: error: metadata.name: "Bad_Pod"');
  });
});

describe('report and testplan', () => {
  it('reports the baseline\'s errors, and fails on them with --strict', () => {
    const result = cli(`report ${DESIGN} --baseline unclosed.yaml --format md`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('# NetworkPolicy review')).toBe(true);
    expect(result.stderr).toBe('unclosed.yaml:7:1: error: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml-syntax] (baseline)');
    const strict = cli(`report ${DESIGN} --baseline unclosed.yaml --strict`);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr?.split('\n').at(-1)).toBe('1 error(s) in the baseline (--strict)');
  });

  it('refuses a --namespace without workloads: the plan would prove nothing and pass', () => {
    expectUsage(cli(`testplan ${DESIGN} --namespace unknown`), '--namespace unknown: no workload of the design is in namespace "unknown" (namespaces with workloads: kube-system, shop)');
  });
});

describe('help and failures', () => {
  it('no arguments prints the help on stdout and exits 0, as it always did', () => {
    expect(runCli([], io())).toEqual({ stdout: HELP, exitCode: 0 });
  });

  it('help lists every command and option there is', () => {
    const help = cli('--help');
    expect(help.exitCode).toBe(0);
    // As README's "Command line" documents them.
    const settings = ['--api-server', '--dns-namespace', '--dns-label', '--ingress-namespace', '--pod-cidr'];
    const documented: Record<string, string[]> = {
      probe: ['--explain'],
      matrix: ['--port', '--endpoint', '--format'],
      explain: ['--from', '--to', '--port', '--format'],
      lint: ['--format', '--quiet'],
      diff: ['--format', ...settings],
      report: ['--baseline', '--format', '--port', '--title', '--date', ...settings],
      testplan: ['--port', '--namespace', '--image', '--timeout', '--no-outside', '--format', ...settings],
      findings: ['--format', '--severity', ...settings],
    };
    for (const [command, names] of Object.entries(documented)) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      for (const name of [...names, '--strict', '--help']) {
        expect(help.stdout, `${command} ${name}`).toContain(name);
        // Every documented option is accepted by its command (no "unknown option", no "ignores").
        const value = name === '--explain' || name === '--quiet' || name === '--no-outside' || name === '--strict' || name === '--help' ? [] : ['x'];
        const result = runCli([command, 'cluster.yaml', name, ...value], io('{"probes":[]}'));
        expect(result.stderr ?? '', `${command} ${name}`).not.toMatch(/unknown option|ignores/);
      }
    }
    expect(help.stdout).toContain('exit codes:');
  });

  it('an internal error is one line without the stack', () => {
    const broken: CliIo = { ...io(), readFile: (() => 42) as unknown as CliIo['readFile'] };
    const result = runCli(['lint', 'x.yaml'], broken);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^netpol-designer: internal error: .+NETPOL_DESIGNER_DEBUG=1 prints the stack\)$/);
    expect(result.stderr?.split('\n')).toHaveLength(1);
  });

  it('a reader that closes the pipe early gets no stack trace (EPIPE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-cli-'));
    const docs = Array.from({ length: 400 }, (_, i) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: shop}\nspec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: bad${i}}}]}]}\n`);
    writeFileSync(join(dir, 'many.yaml'), docs.join('---\n'));
    const main = join(import.meta.dirname, 'main.ts');
    // The reader closes its end at once; the lint JSON is far larger than a pipe buffer.
    const result = spawnSync('bash', ['-c', `node --import tsx "${main}" lint "${dir}/many.yaml" --format json | (exec 0<&-; sleep 0.2); echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout.trim()).toBe('status 1');
    execFileSync('rm', ['-rf', dir]);
  }, 30_000);
});

describe('JSON positions', () => {
  it('agrees with JSON.parse on what is JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value, null, 1);
      expect(jsonSyntaxError(text)).toBeUndefined();
    }));
    const parses = (text: string) => { try { JSON.parse(text); return true; } catch { return false; } };
    const alphabet = fc.constantFrom(...'{}[]:,"\\ \n0123456789-+.eEtrufalsn\'x\u0001');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')), (text) => {
      expect(jsonSyntaxError(text) === undefined).toBe(parses(text));
    }), { numRuns: 3000 });
  });

  it('survives deep nesting and finds values by path', () => {
    expect(jsonSyntaxError('['.repeat(200_000))).toMatchObject({ line: 1, col: 200_001 });
    expect(jsonValuePosition('{"probes":[{},\n {"a b":1, "port": "x"}]}', 'probes[1].port', 3)).toEqual({ line: 2, col: 20 });
    expect(jsonValuePosition('{"probes":[{"q":{"port":1}}]}', 'probes[0].port', 3)).toBeUndefined();
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shortHash } from '../../design/names.ts';
import { compile, evaluate } from '../../engine/index.ts';
import type { Design } from '../../model/types.ts';
import { cluster, netpol, workload } from '../../testing/builders.ts';
import { SHOP_POLICIES_CHANGED, shopDesign } from '../diff/testFixtures.ts';
import { planTests, renderTestPlanMarkdown, renderTestScript, shellQuote, type PlannedProbe } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'netpol-testplan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in for kubectl: `get` answers pod IPs from FAKE_IPS ("namespace|selector-or-name|ip" lines),
 * `exec` succeeds when "probe-pod ip port" is listed in FAKE_OPEN, every call is logged one argument per line.
 */
const FAKE_KUBECTL = `#!/usr/bin/env bash
{ echo "--- $1"; printf '%s\\n' "$@"; } >> "$FAKE_LOG"
case "$1" in
  run|wait|delete) exit 0 ;;
  get)
    if [ "$2" = pods ]; then key="$4|$6"; else key="$5|$3"; fi
    while IFS= read -r line; do
      case "$line" in "$key|"*) printf '%s' "\${line##*|}"; exit 0 ;; esac
    done < "$FAKE_IPS"
    exit 0 ;;
  exec)
    pod="\${4%-"$RUN_ID"}"; shift 5
    ip="\${@: -2:1}"; port="\${@: -1}"
    if [ "$1" = dig ]; then port="$5"; ip="\${6#@}"; fi
    if grep -qxF "$pod $ip $port" "$FAKE_OPEN"; then exit 0; fi
    echo "nc: connect to $ip port $port (tcp) timed out" >&2
    exit 1 ;;
esac
`;
const kubectl = join(dir, 'kubectl');
writeFileSync(kubectl, FAKE_KUBECTL, { mode: 0o755 });

const ipOf = (id: string) => `10.9.${shortHash(id).charCodeAt(0)}.${shortHash(id).charCodeAt(1)}`;
const selector = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');

/** Runs the script against the fake kubectl; `open` decides which probes connect. */
function runScript(design: Design, script: string, open: (p: PlannedProbe) => boolean, probes: PlannedProbe[]) {
  // The plan also probes the cluster's DNS pods when the design does not declare them: the fake cluster has them.
  const ips = withAssumedServices(design.cluster, DEFAULT_SETTINGS).workloads.map((w) => `${w.namespace}|${w.kind === 'Pod' ? w.name : `${selector(w.labels)},!netpol-designer.io/probe`}|${ipOf(w.id)}`);
  writeFileSync(join(dir, 'ips'), `${ips.join('\n')}\n`);
  const destIp = (p: PlannedProbe) => (p.to.kind === 'workload' ? ipOf(p.to.workload.id) : p.to.ip);
  writeFileSync(join(dir, 'open'), `${probes.filter(open).map((p) => `np-probe-${shortHash(p.from.id)} ${destIp(p)} ${p.port}`).join('\n')}\n`);
  writeFileSync(join(dir, 'log'), '');
  writeFileSync(join(dir, 'plan.sh'), script);
  return spawnSync('bash', [join(dir, 'plan.sh')], {
    encoding: 'utf8',
    env: { ...process.env, KUBECTL: kubectl, RUN_ID: 't1', FAKE_LOG: join(dir, 'log'), FAKE_IPS: join(dir, 'ips'), FAKE_OPEN: join(dir, 'open'), IMAGE: '' },
  });
}

describe('test plan', () => {
  const design = shopDesign(SHOP_POLICIES_CHANGED);
  const plan = planTests(design);
  const script = renderTestScript(plan);

  it('expects what the engine says, for workload pairs and outside addresses', () => {
    const c = compile(design.cluster);
    expect(plan.probes.length).toBeGreaterThan(10);
    for (const p of plan.probes) {
      const to = p.to.kind === 'workload' ? { kind: 'workload' as const, id: p.to.workload.id } : { kind: 'ip' as const, ip: p.to.ip };
      const v = evaluate(c, { from: { kind: 'workload', id: p.from.id }, to, port: p.port, protocol: p.protocol });
      expect(p.expected, `${p.from.id} -> ${JSON.stringify(p.to)} ${p.port}`).toBe(v.allowed ? 'allow' : 'deny');
    }
    const titles = plan.probes.map((p) => `${p.from.id} ${p.to.kind === 'workload' ? p.to.workload.id : p.to.ip}:${p.port}/${p.protocol} ${p.expected} ${p.method}`);
    expect(titles).toContain('shop/web shop/api:8080/TCP allow tcp');
    expect(titles).toContain('shop/web shop/db:5432/TCP deny tcp');
    expect(titles).toContain('shop/web kube-system/coredns:53/UDP allow dns');
    expect(titles).toContain('shop/web 1.1.1.1:443/TCP deny tcp');
    expect(titles).toContain('shop/api 169.254.169.254:80/TCP deny tcp');
    expect(titles).toContain('shop/api 1.1.1.1:443/TCP allow tcp');
    expect(titles).toContain('shop/api 10.96.0.1:443/TCP allow tcp');
  });

  it('is valid bash with the expected lines', () => {
    execFileSync('bash', ['-n'], { input: script });
    expect(script).toContain("IMAGE='nicolaka/netshoot:v0.13'");
    expect(script).toContain(`DST_1="$(workload_ip 'shop' 'app=web')"`);
    expect(script).toContain(`"$(pod_ip 'shop' 'db')"`);
    expect(script).toMatch(/check \d+ 'shop\/web -> shop\/api TCP\/8080' allow tcp 'shop' "\$src" "\$DST_\d+" 8080/);
    expect(script).toContain("check 1 'shop/web -> shop/web TCP/80' deny tcp 'shop' \"$src\" \"$DST_1\" 80");
  });

  it('prints PASS for every probe and exits 0 when the cluster behaves as designed', () => {
    const result = runScript(design, script, (p) => p.expected === 'allow', plan.probes);
    expect(result.stdout.match(/^PASS /gm)?.length).toBe(plan.probes.length);
    expect(result.stdout).toContain(`summary: ${plan.probes.length} passed, 0 failed, 0 not run`);
    expect(result.status).toBe(0);
    // Probe pods never become Ready, so no Service sends them the traffic of the workload they copy.
    const log = execFileSync('cat', [join(dir, 'log')], { encoding: 'utf8' });
    const overrides = /^--overrides=(.*)$/m.exec(log)?.[1];
    expect(JSON.parse(overrides ?? 'null')).toMatchObject({ spec: { containers: [{ readinessProbe: { exec: { command: ['false'] } } }] } });
    expect(log).toContain("--for=jsonpath={.status.phase}=Running");
    expect(log).not.toContain('--for=condition=Ready');
  });

  it('prints FAIL and exits 1 on a surprise', () => {
    const leaky = plan.probes.find((p) => p.expected === 'deny' && p.to.kind === 'address' && p.to.ip === '169.254.169.254')!;
    const result = runScript(design, script, (p) => p.expected === 'allow' || p === leaky, plan.probes);
    expect(result.stdout).toContain(`FAIL ${leaky.id} ${leaky.from.id} -> 169.254.169.254 (Cloud metadata server) TCP/80: expected deny, observed allow (open)`);
    expect(result.stdout).toContain('1 failed');
    expect(result.status).toBe(1);
  });

  it('filters by namespace and probe, and takes the image and timeout', () => {
    const narrow = planTests(design, { namespaces: ['kube-system'], ports: [{ port: 53, protocol: 'UDP' }], include: (p) => p.to.kind === 'workload', image: 'busybox:1.36', timeoutSeconds: 5 });
    expect(narrow.probes.every((p) => p.from.namespace === 'kube-system' || (p.to.kind === 'workload' && p.to.workload.namespace === 'kube-system'))).toBe(true);
    expect(narrow.probes.every((p) => p.port === 53 && p.protocol === 'UDP' && p.to.kind === 'workload')).toBe(true);
    expect(narrow.probes.map((p) => p.id)).toEqual(narrow.probes.map((_, i) => i + 1));
    const text = renderTestScript(narrow);
    expect(text).toContain("IMAGE='busybox:1.36'");
    expect(text).toContain("TIMEOUT='5'");
  });

  it('quotes odd names and labels so nothing in them runs', () => {
    const marker = join(dir, 'pwned');
    const odd = `x'; touch ${marker}; echo '$(touch ${marker})\`touch ${marker}\``;
    const model = cluster(
      [workload(`we'ird/a b$(touch ${marker})`, { app: odd }, [{ containerPort: 80, protocol: 'TCP' }]), workload('plain/db', { app: 'db' }, [{ containerPort: 5432, protocol: 'TCP' }])],
      [netpol('plain/deny', {}, { policyTypes: ['Ingress'] })],
    );
    const oddDesign: Design = { manifests: [], cluster: model, diagnostics: [] };
    const oddPlan = planTests(oddDesign, { outside: [], image: `img'"$(touch ${marker})` });
    const text = renderTestScript(oddPlan);
    execFileSync('bash', ['-n'], { input: text });
    const result = runScript(oddDesign, text, (p) => p.expected === 'allow', oddPlan.probes);
    expect(existsSync(marker)).toBe(false);
    expect(result.stdout).toContain(`summary: ${oddPlan.probes.length} passed, 0 failed`);
    const log = execFileSync('cat', [join(dir, 'log')], { encoding: 'utf8' });
    expect(log).toContain(`--labels=app=${odd},netpol-designer.io/probe=true`);
    expect(log).toContain(`--image=img'"$(touch ${marker})`);
    expect(log).toContain("-n\nwe'ird\n");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('renders a Markdown table of the plan', () => {
    const md = renderTestPlanMarkdown(plan);
    expect(md).toContain('| # | from | to | port | expected | how |');
    expect(md).toContain('| 1 | shop/web | shop/web | TCP/80 | deny | nc -z |');
    expect(md).toMatch(/\| kube-system/);
    expect(md.split('\n').length).toBe(plan.probes.length + 4);
  });
});

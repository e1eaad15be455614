// Each invariant kind against a design that holds it and one that breaks it, the violation's path
// and explanation, and the file format's diagnostics.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { compile, evaluate } from '../engine/index.ts';
import { loadDesign } from '../model/index.ts';
import { HOST_NETWORK_NODE_YAML } from '../testing/fixtures.ts';
import { checkInvariants, parseInvariants, type InvariantResult } from './index.ts';
import { DEFAULT_POLICIES, invariantsText, tenantsDesign, type PolicyName } from './testFixtures.ts';

function check(body: string, policies: readonly PolicyName[] = DEFAULT_POLICIES): InvariantResult {
  const parsed = parseInvariants([{ name: 'netpol-invariants.yaml', text: invariantsText(body) }]);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.invariants).toHaveLength(1);
  return checkInvariants(tenantsDesign(policies), parsed.invariants, { settings: DEFAULT_SETTINGS })[0]!;
}

describe('never', () => {
  const tenantsApart = `
- name: tenants-apart
  never: {from: tenant-a, to: {namespaceSelector: {matchLabels: {team: b}}}}`;

  it('holds while tenant-a is locked down', () => {
    const result = check(tenantsApart);
    expect(result.holds).toBe(true);
    expect(result.checked).toBe(1);
  });

  it('is violated when tenant-a may reach every pod and tenant-b is not isolated, with the path and the engine\'s chain', () => {
    const result = check(tenantsApart, ['denyA', 'ingressToA', 'allPodsA']);
    expect(result.holds).toBe(false);
    const [v] = result.violations;
    expect(v).toMatchObject({ invariant: 'tenants-apart', from: 'tenant-a/app', to: 'tenant-b/app', ports: 'all' });
    // The explanation is the engine's own verdict for the probe.
    const design = tenantsDesign(['denyA', 'ingressToA', 'allPodsA']);
    const verdict = evaluate(compile(design.cluster), { from: { kind: 'workload', id: 'tenant-a/app' }, to: { kind: 'workload', id: 'tenant-b/app' }, port: v!.probe.port, protocol: v!.probe.protocol });
    expect(verdict.allowed).toBe(true);
    expect(v!.explanation).toBe(verdict.summary);
    expect(v!.chain.join('\n')).toContain('tenant-a/all-pods spec.egress[0]');
    expect(v!.policy).toMatchObject({ name: 'all-pods', path: 'spec.egress[0]', location: { file: 'design.yaml' } });
  });

  it('no pod of the tenants reaches the metadata server: holds with the excepts, broken without', () => {
    const body = `
- name: no-metadata
  never: {from: [tenant-a, tenant-b], to: outside:metadata}`;
    expect(check(body).holds).toBe(true);
    const broken = check(body, ['denyA', 'denyB', 'internetAWide']);
    expect(broken.holds).toBe(false);
    expect(broken.violations.map((v) => `${v.from} -> ${v.to}`)).toEqual(['tenant-a/app -> ip:169.254.169.254']);
  });

  it('finds the one open address inside a CIDR, on the given ports only', () => {
    const body = (ports: string) => `
- name: no-cloudflare
  never: {from: tenant-a, to: 1.0.0.0/8${ports}}`;
    const broken = check(body(''), ['denyA', 'oneAddressA']);
    expect(broken.violations.map((v) => [v.to, v.ports])).toEqual([['ip:1.1.1.1', 'TCP 443']]);
    expect(check(body(', ports: [80/TCP, 53/UDP]'), ['denyA', 'oneAddressA']).holds).toBe(true);
    expect(check(body(', ports: ["400-500/TCP"]'), ['denyA', 'oneAddressA']).holds).toBe(false);
  });
});

describe('only', () => {
  const onlyIngress = (ports = '[8080]') => `
- name: only-ingress
  only: {to: tenant-a/app, from: [ingress-nginx], ports: ${ports}}`;

  it('holds when only the ingress controller reaches tenant-a/app on 8080', () => {
    const result = check(onlyIngress());
    expect(result.holds).toBe(true);
    expect(result.checked).toBeGreaterThan(2);
  });

  it('is violated by a VPN range, named by a representative address of the range', () => {
    const result = check(onlyIngress(), [...DEFAULT_POLICIES, 'vpnToA']);
    expect(result.holds).toBe(false);
    expect(result.violations.map((v) => `${v.from} ${v.ports}`)).toEqual(['ip:10.8.0.0 TCP 8080']);
    expect(result.violations[0]!.policy).toMatchObject({ name: 'from-vpn', path: 'spec.ingress[0]' });
  });

  it('ignores ports outside the invariant and counts other workloads', () => {
    expect(check(onlyIngress('[9090]'), [...DEFAULT_POLICIES, 'vpnToA']).holds).toBe(true);
    // Without any policy, everyone reaches it (internetA alone would isolate ingress: policyTypes inferred).
    const open = check(onlyIngress(), []);
    expect(open.violations.map((v) => v.from)).toContain('tenant-b/app');
  });
});

describe('always', () => {
  const path = `
- name: ingress-reaches-app
  always: {from: ingress-nginx/controller, to: tenant-a/app, ports: [8080/TCP]}`;

  it('holds while the allow rule is there', () => {
    expect(check(path).holds).toBe(true);
  });

  it('is violated when the rule goes, explained by the isolating policy', () => {
    const result = check(path, ['denyA', 'denyB']);
    expect(result.holds).toBe(false);
    const [v] = result.violations;
    expect(v).toMatchObject({ from: 'ingress-nginx/controller', to: 'tenant-a/app', ports: 'TCP 8080', policy: { name: 'default-deny', namespace: 'tenant-a' } });
    expect(v!.explanation).toMatch(/^Denied: .*isolated for ingress by tenant-a\/default-deny/);
  });

  it('is violated when an end is missing from the design', () => {
    const result = check(`
- always: {from: ingress-nginx/controller, to: tenant-c/app}`);
    expect(result.holds).toBe(false);
    expect(result.notes.join('\n')).toContain('tenant-c/app');
  });
});

describe('isolated', () => {
  const isolatedBoth = `
- name: tenants-default-deny
  isolated: {target: [tenant-a, tenant-b], direction: Both}`;

  it('holds with a default deny in both directions', () => {
    const result = check(isolatedBoth);
    expect(result.holds).toBe(true);
    expect(result.checked).toBe(4);
  });

  it('is violated per workload and direction without it', () => {
    const result = check(isolatedBoth, ['denyA', 'ingressToA']);
    expect(result.violations.map((v) => v.ports + ' ' + (v.from.startsWith('ip:') ? v.to : v.from))).toEqual(['ingress tenant-b/app', 'egress tenant-b/app']);
  });
});

describe('parseInvariants', () => {
  it('reports schema problems with line and column', () => {
    const text = `apiVersion: netpol-designer.io/v1
kind: Invariants
metadata: {name: x}
spec:
  invariants:
  - never: {from: tenant-a, to: outside:moon}
  - always: {from: a, to: b, ports: [99999]}
  - isolated: {target: 10.0.0.0/8}
  - never: {from: a}
    only: {to: b, from: []}
  - name: Bad_Name
    never: {to: b, colour: red}
`;
    const { invariants, diagnostics } = parseInvariants([{ name: 'inv.yaml', text }]);
    expect(invariants).toEqual([]);
    const at = diagnostics.map((d) => `${d.line}:${d.col} ${d.message.slice(0, 40)}`);
    expect(at).toEqual([
      '6:33 "outside:moon": outside must be one of i',
      '7:38 ports are numbers 1-65535 (named ports a',
      '8:24 isolated applies to workloads (namespace',
      '9:5 an invariant has exactly one of never, o',
      '11:11 name must be lower-case letters, digits,',
      '12:28 unknown field "colour" in never (expecte',
    ]);
  });

  it('rejects another kind and duplicate names, and defaults names and severity', () => {
    const other = parseInvariants([{ name: 'x.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }]);
    expect(other.diagnostics[0]).toMatchObject({ code: 'not-invariants', line: 2 });
    const dup = parseInvariants([{ name: 'x.yaml', text: invariantsText('- {name: a, never: {to: b}}\n- {name: a, never: {to: c}}\n- never: {to: d}') }]);
    expect(dup.diagnostics.map((d) => d.code)).toEqual(['duplicate-name']);
    expect(dup.invariants.map((i) => [i.name, i.severity, i.location?.line])).toEqual([['a', 'high', 6], ['never-3', 'high', 8]]);
  });
});

describe('formatInvariantsFile', () => {
  it('writes a file that reads back to the same invariants', async () => {
    const { formatInvariantsFile } = await import('./index.ts');
    const text = invariantsText(`
- name: a
  description: "tenants: apart"
  severity: low
  never: {from: [tenant-a, {podSelector: {matchLabels: {app: x}}, namespace: b}], to: outside:metadata, ports: [80, "8000-8080/UDP"]}
- only: {to: shop/web, from: []}
- always: {from: 10.0.0.0/8, to: {cidr: 1.0.0.0/8, except: [1.1.0.0/16]}}
- isolated: {target: "*", direction: Both}`);
    const first = parseInvariants([{ name: 'x.yaml', text }]);
    expect(first.diagnostics).toEqual([]);
    const written = formatInvariantsFile(first.invariants);
    const again = parseInvariants([{ name: 'x.yaml', text: written }]);
    expect(again.diagnostics).toEqual([]);
    const strip = (list: typeof first.invariants) => list.map(({ location: _l, ...rest }) => rest);
    expect(strip(again.invariants)).toEqual(strip(first.invariants));
  });
});

describe('node addresses', () => {
  it('a node address that hostNetwork pods hold is sampled as the node, so a path to it is checked', () => {
    const design = loadDesign([{ name: 'design.yaml', text: `${HOST_NETWORK_NODE_YAML}---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: tenant-a, labels: {app: app}}
spec: {nodeName: node-2, containers: [{name: c, image: x}]}
status: {podIP: 10.1.0.5}
` }]);
    const parsed = parseInvariants([{ name: 'i.yaml', text: invariantsText(`
- name: no-nodes
  never: {from: tenant-a, to: {cidr: 10.0.0.0/24}, ports: [9100]}`) }]);
    expect(parsed.diagnostics).toEqual([]);
    const [result] = checkInvariants(design, parsed.invariants, { settings: DEFAULT_SETTINGS });
    expect(result!.holds).toBe(false);
    expect(result!.violations.map((v) => v.to)).toContain('ip:10.0.0.11');
  });
});

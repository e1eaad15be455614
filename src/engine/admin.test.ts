// Precedence of the admin, NetworkPolicy and baseline tiers, after the network-policy-api spec
// (AdminNetworkPolicy/BaselineAdminNetworkPolicy v1alpha1, ClusterNetworkPolicy v1alpha2).
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/index.ts';
import { compile } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import type { Endpoint, Probe } from './types.ts';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {tenant: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b, labels: {tenant: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: team-a, labels: {app: web}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.1.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: team-a, labels: {app: db}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 5432, name: pg}]}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: team-b, labels: {app: api}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.1.1.10}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {containers: [{name: c, image: i, ports: [{containerPort: 53, name: dns, protocol: UDP}]}]}
status: {podIP: 10.1.2.2}
`;

function design(policies: string) {
  const d = loadDesign([{ name: 'cluster.yaml', text: CLUSTER }, { name: 'policies.yaml', text: policies }]);
  expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  return compile(d.cluster);
}
const w = (id: string): Endpoint => ({ kind: 'workload', id });
const probe = (from: string, to: string, port: number, protocol: Probe['protocol'] = 'TCP'): Probe => ({
  from: from.startsWith('ip:') ? { kind: 'ip', ip: from.slice(3) } : w(from),
  to: to.startsWith('ip:') ? { kind: 'ip', ip: to.slice(3) } : w(to),
  port, protocol,
});

/** Every answer the matrix gives must equal the single evaluation; returns the single verdict. */
function check(c: ReturnType<typeof compile>, p: Probe) {
  const endpoints = [p.from, p.to];
  const m = computeMatrix(c, { endpoints, ports: [{ port: p.port as number, protocol: p.protocol }] });
  const v = evaluate(c, p);
  expect(m.allowed[0]![1] === 1).toBe(v.allowed);
  return v;
}

const anp = (name: string, priority: number, body: string) => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: ${name}}
spec:
  priority: ${priority}
${body}
---`;

describe('AdminNetworkPolicy precedence', () => {
  const isolateTenants = anp('isolate-tenants', 10, `  subject: {namespaces: {matchExpressions: [{key: tenant, operator: Exists}]}}
  ingress:
  - name: deny-other-tenants
    action: Deny
    from: [{namespaces: {matchExpressions: [{key: tenant, operator: Exists}]}}]`);

  it('Deny is final: a NetworkPolicy cannot re-allow it', () => {
    const c = design(`${isolateTenants}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: team-b}
spec: {podSelector: {}, ingress: [{}]}`);
    const v = check(c, probe('team-a/web', 'team-b/api', 8080));
    expect(v.allowed).toBe(false);
    expect(v.ingress.decidedBy).toBe('Admin');
    expect(v.ingress.chain.map((s) => s.tier)).toEqual(['Admin']);
    expect(v.ingress.summary).toContain('[Admin] Deny by AdminNetworkPolicy/isolate-tenants (priority 10) rule "deny-other-tenants"');
  });

  it('admin rules cause no implicit isolation: unmatched traffic falls through to the default', () => {
    const c = design(isolateTenants);
    const v = check(c, probe('kube-system/coredns', 'team-a/web', 8080));
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toBe('Default');
    expect(v.ingress.chain.map((s) => s.outcome)).toEqual(['NotIsolated', 'Allow']);
  });

  it('lower priority number wins; within a policy the first rule wins', () => {
    const c = design(`${isolateTenants}
${anp('allow-web-to-api', 5, `  subject: {pods: {namespaceSelector: {matchLabels: {tenant: b}}, podSelector: {matchLabels: {app: api}}}}
  ingress:
  - name: allow-web
    action: Allow
    from: [{pods: {namespaceSelector: {matchLabels: {tenant: a}}, podSelector: {matchLabels: {app: web}}}}]
    ports: [{portNumber: {protocol: TCP, port: 8080}}]
  - name: deny-web-everything-else
    action: Deny
    from: [{pods: {namespaceSelector: {matchLabels: {tenant: a}}, podSelector: {matchLabels: {app: web}}}}]`)}`);
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).ingress.decidedBy).toBe('Admin');
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).allowed).toBe(true);
    const other = check(c, probe('team-a/web', 'team-b/api', 9090));
    expect(other.allowed).toBe(false);
    expect(other.ingress.chain[0]?.ruleName).toBe('deny-web-everything-else');
    expect(check(c, probe('team-a/db', 'team-b/api', 8080)).ingress.chain[0]?.ruleName).toBe('deny-other-tenants');
  });

  it('Pass hands the decision to NetworkPolicy, which then decides for good', () => {
    const pass = anp('delegate-same-tenant', 1, `  subject: {namespaces: {matchLabels: {tenant: a}}}
  ingress:
  - name: pass-intra-namespace
    action: Pass
    from: [{namespaces: {matchLabels: {tenant: a}}}]
  egress:
  - name: pass-intra-namespace
    action: Pass
    to: [{namespaces: {matchLabels: {tenant: a}}}]`);
    const c = design(`${pass}
${isolateTenants}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: team-a}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]`);
    const allowed = check(c, probe('team-a/web', 'team-a/db', 5432));
    expect(allowed.allowed).toBe(true);
    expect(allowed.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['Admin:Pass', 'NetworkPolicy:Allow']);
    expect(allowed.ingress.summary).toMatch(/\[Admin\] Pass .* -> \[NetworkPolicy\] .* -> allowed/);
    const denied = check(c, probe('team-a/web', 'team-a/db', 22));
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.chain.map((s) => `${s.tier}:${s.outcome}`)).toEqual(['Admin:Pass', 'NetworkPolicy:Deny']);
    // Pass is not an allow: with no NetworkPolicy selecting the pod it reaches the baseline/default.
    expect(check(c, probe('team-a/db', 'team-a/web', 8080)).ingress.chain.map((s) => s.tier)).toEqual(['Admin', 'NetworkPolicy', 'Default']);
  });

  it('egress to networks: 0.0.0.0/0 covers pod IPs too; named ports resolve on the destination', () => {
    const c = design(anp('egress-lockdown', 20, `  subject: {namespaces: {matchLabels: {tenant: a}}}
  egress:
  - name: allow-dns
    action: Allow
    to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}}]
    ports: [{namedPort: dns}]
  - name: deny-metadata
    action: Deny
    to: [{networks: [169.254.169.254/32]}]
  - name: deny-all-ipv4
    action: Deny
    to: [{networks: [0.0.0.0/0]}]`));
    expect(check(c, probe('team-a/web', 'kube-system/coredns', 53, 'UDP')).allowed).toBe(true);
    expect(check(c, probe('team-a/web', 'kube-system/coredns', 53, 'TCP')).allowed).toBe(false);
    expect(check(c, probe('team-a/web', 'ip:169.254.169.254', 80)).egress.chain[0]?.ruleName).toBe('deny-metadata');
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).egress.chain[0]?.ruleName).toBe('deny-all-ipv4');
    expect(check(c, probe('team-b/api', 'ip:8.8.8.8', 443)).allowed).toBe(true);
  });
});

describe('BaselineAdminNetworkPolicy', () => {
  const banp = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - name: allow-same-tenant
    action: Allow
    from: [{namespaces: {matchLabels: {tenant: a}}}]
  - name: default-deny
    action: Deny
    from: [{namespaces: {}}]
---`;

  it('applies only where no NetworkPolicy selects the pod', () => {
    const c = design(`${banp}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-open, namespace: team-b}
spec: {podSelector: {}, ingress: [{}]}`);
    const fromB = check(c, probe('team-b/api', 'team-a/db', 5432));
    expect(fromB.allowed).toBe(false);
    expect(fromB.ingress.chain.map((s) => s.tier)).toEqual(['NetworkPolicy', 'Baseline']);
    expect(check(c, probe('team-a/web', 'team-a/db', 5432)).ingress.decidedBy).toBe('Baseline');
    expect(check(c, probe('team-a/web', 'team-a/db', 5432)).allowed).toBe(true);
    // team-b is selected by a NetworkPolicy: the baseline's default deny does not apply there.
    const toB = check(c, probe('kube-system/coredns', 'team-b/api', 8080));
    expect(toB.allowed).toBe(true);
    expect(toB.ingress.decidedBy).toBe('NetworkPolicy');
  });
});

describe('ClusterNetworkPolicy (v1alpha2)', () => {
  const cnp = (name: string, tier: string, priority: number, body: string) => `
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  priority: ${priority}
${body}
---`;

  it('Accept in the Admin tier is final for its direction only: the other end still decides', () => {
    const c = design(`${cnp('web-may-call-api', 'Admin', 10, `  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
  egress:
  - name: to-api
    action: Accept
    to: [{pods: {namespaceSelector: {matchLabels: {tenant: b}}, podSelector: {}}}]
    protocols: [{tcp: {destinationPort: {number: 8080}}}]`)}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: team-a}
spec: {podSelector: {}, policyTypes: [Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: team-b}
spec: {podSelector: {}, policyTypes: [Ingress]}`);
    const v = check(c, probe('team-a/web', 'team-b/api', 8080));
    expect(v.egress.allowed).toBe(true);
    expect(v.egress.chain[0]).toMatchObject({ tier: 'Admin', outcome: 'Allow', actionWord: 'Accept' });
    expect(v.ingress.allowed).toBe(false);
    expect(v.allowed).toBe(false);
    expect(check(c, probe('team-a/web', 'team-b/api', 8081)).egress.decidedBy).toBe('NetworkPolicy');
  });

  it('Baseline tier with port ranges and Pass to the default', () => {
    const c = design(cnp('baseline', 'Baseline', 0, `  subject: {namespaces: {}}
  ingress:
  - name: pass-high-ports
    action: Pass
    from: [{namespaces: {}}]
    protocols: [{tcp: {destinationPort: {range: {start: 8000, end: 8999}}}}]
  - name: deny-rest
    action: Deny
    from: [{namespaces: {}}]`));
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).allowed).toBe(true);
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).ingress.chain.map((s) => s.outcome)).toEqual(['NotIsolated', 'Pass', 'Allow']);
    expect(check(c, probe('team-a/web', 'team-a/db', 5432)).allowed).toBe(false);
    expect(check(c, probe('team-a/web', 'team-a/db', 5432)).ingress.decidedBy).toBe('Baseline');
  });

  it('v1beta1 (the promoted API, same schema) is evaluated as v1alpha2', () => {
    const deny = cnp('deny-b', 'Admin', 1, `  subject: {namespaces: {matchLabels: {tenant: b}}}
  ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]`);
    const c = design(deny.replace('v1alpha2', 'v1beta1'));
    const v = check(c, probe('team-a/web', 'team-b/api', 8080));
    expect(v.allowed).toBe(false);
    expect(v.ingress.chain[0]).toMatchObject({ tier: 'Admin', outcome: 'Deny' });
  });

  it('domainNames match no address: an allowlist by name leaves address probes to the rules below', () => {
    const c = design(cnp('egress-allowlist', 'Admin', 5, `  subject: {namespaces: {matchLabels: {tenant: a}}}
  egress:
  - name: allow-registry
    action: Accept
    to: [{domainNames: ["*.example.com"]}, {pods: {namespaceSelector: {matchLabels: {tenant: b}}, podSelector: {}}}]
  - name: deny-internet
    action: Deny
    to: [{networks: [0.0.0.0/0]}]`));
    const outside = check(c, probe('team-a/web', 'ip:93.184.215.14', 443));
    expect(outside.allowed).toBe(false);
    expect(outside.egress.chain[0]).toMatchObject({ tier: 'Admin', outcome: 'Deny' });
    // The rule's other peer still matches.
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).egress.chain[0]).toMatchObject({ outcome: 'Allow', actionWord: 'Accept' });
  });

  it('equal priorities are evaluated in name order (the spec leaves it undefined)', () => {
    const c = design(`${cnp('b-allow', 'Admin', 7, `  subject: {namespaces: {}}
  ingress: [{name: allow, action: Accept, from: [{namespaces: {}}]}]`)}
${cnp('a-deny', 'Admin', 7, `  subject: {namespaces: {}}
  ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]`)}`);
    expect(check(c, probe('team-a/web', 'team-b/api', 8080)).ingress.chain[0]?.policy?.name).toBe('a-deny');
  });
});

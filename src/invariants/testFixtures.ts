// A two-tenant design for the invariants' tests, in parts that tests compose into designs that
// hold an invariant and designs that break it.
import { loadDesign } from '../model/index.ts';
import type { Design } from '../model/types.ts';

export const TENANTS_CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: tenant-a, labels: {team: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: tenant-b, labels: {team: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ingress-nginx}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: tenant-a}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: tenant-b}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app: controller}}
  template:
    metadata: {labels: {app: controller}}
    spec: {containers: [{name: c, image: i, ports: [{containerPort: 443}]}]}
`;

const denyAll = (ns: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

export const POLICIES = {
  denyA: denyAll('tenant-a'),
  denyB: denyAll('tenant-b'),
  ingressToA: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-ingress, namespace: tenant-a}
spec:
  podSelector: {matchLabels: {app: app}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
    ports: [{port: 8080}]
`,
  internetA: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: tenant-a}
spec:
  podSelector: {}
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32]}}]
`,
  /** The same rule without the excepts: the metadata server (and private ranges) are open. */
  internetAWide: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: tenant-a}
spec:
  podSelector: {}
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
`,
  /** tenant-a may connect to every pod of the cluster. */
  allPodsA: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all-pods, namespace: tenant-a}
spec:
  podSelector: {}
  egress:
  - to: [{namespaceSelector: {}}]
`,
  /** A VPN range reaches tenant-a/app on 8080. */
  vpnToA: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-vpn, namespace: tenant-a}
spec:
  podSelector: {matchLabels: {app: app}}
  ingress:
  - from: [{ipBlock: {cidr: 10.8.0.0/16}}]
    ports: [{port: 8080}]
`,
  /** Egress to one address only. */
  oneAddressA: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: one-address, namespace: tenant-a}
spec:
  podSelector: {}
  egress:
  - to: [{ipBlock: {cidr: 1.1.1.1/32}}]
    ports: [{port: 443}]
`,
  /** DNS for both tenants, and the ingress controller isolated for ingress: no high finding is left. */
  dnsTenants: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: tenant-a}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: tenant-b}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: ingress-nginx}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
} as const;

export type PolicyName = keyof typeof POLICIES;

export const DEFAULT_POLICIES: PolicyName[] = ['denyA', 'denyB', 'ingressToA', 'internetA'];

export function tenantsText(policies: readonly PolicyName[] = DEFAULT_POLICIES): string {
  return [TENANTS_CLUSTER, ...policies.map((p) => POLICIES[p])].join('\n---\n');
}

export function tenantsDesign(policies: readonly PolicyName[] = DEFAULT_POLICIES): Design {
  return loadDesign([{ name: 'design.yaml', text: tenantsText(policies) }]);
}

export const invariantsText = (body: string) => `apiVersion: netpol-designer.io/v1
kind: Invariants
metadata: {name: tenants}
spec:
  invariants:
${body.trim().split('\n').map((l) => `  ${l}`).join('\n')}
`;

// The catalogue of checks, for the UI's list and filters and the CLI's help. `severity` is the rule's
// usual rating; single findings may be rated lower (system namespaces, mitigations) or, where noted, higher.
import type { FindingSeverity } from '../types.ts';

export interface FindingRule {
  title: string;
  severity: FindingSeverity;
  /** One line: what the check looks for. */
  description: string;
}

const define = <T extends Record<string, FindingRule>>(rules: T): { readonly [K in keyof T]: FindingRule } => rules;

export const FINDING_RULES = define({
  'namespace-unprotected': {
    title: 'Namespace not isolated',
    severity: 'high',
    description: 'No policy isolates any pod of the namespace for ingress (or egress): every connection in that direction is allowed.',
  },
  'workload-unprotected': {
    title: 'Workload not isolated',
    severity: 'high',
    description: 'Other pods of the namespace are isolated, but no policy selects this workload for ingress (or egress).',
  },
  'policy-types-implicit-ingress': {
    title: 'Egress-only policy also isolates ingress',
    severity: 'medium',
    description: 'A policy without policyTypes and without ingress rules: Kubernetes infers Ingress, so it denies all ingress to its pods.',
  },
  'policy-types-empty-egress': {
    title: 'egress: [] without policyTypes does not deny egress',
    severity: 'medium',
    description: 'An empty egress list without policyTypes isolates nothing for egress (only Ingress is inferred).',
  },
  'policy-types-rules-ignored': {
    title: 'Rules ignored by policyTypes',
    severity: 'high',
    description: 'policyTypes leaves out a direction the policy has rules for: Kubernetes ignores those rules entirely.',
  },
  'policy-denies-all-egress': {
    title: 'Policy denies all egress',
    severity: 'info',
    description: 'policyTypes lists Egress and there are no egress rules: the pods may connect nowhere (DNS included) unless another policy allows it.',
  },
  'split-rule': {
    title: 'One rule split in two by a stray "-"',
    severity: 'high',
    description: 'A rule with peers but no ports next to a rule with ports but no peers: the ports are open to every peer, the peers on every port.',
  },
  'egress-blocks-dns': {
    title: 'Egress lockdown blocks DNS',
    severity: 'high',
    description: 'Pods isolated for egress cannot reach the cluster DNS pods on UDP 53 (or TCP 53), so name resolution fails.',
  },
  'dns-ingress-blocked': {
    title: 'The DNS pods refuse queries',
    severity: 'high',
    description: 'The cluster DNS pods are isolated for ingress and do not accept UDP 53 from pods whose own egress allows it: their name lookups fail.',
  },
  'egress-blocks-apiserver': {
    title: 'Egress lockdown blocks the API server',
    severity: 'medium',
    description: 'A workload that looks like a Kubernetes API client (service account, operator, controller, Ignite...) cannot reach kube-apiserver.',
  },
  'apiserver-endpoint-unset': {
    title: 'API server endpoint not set',
    severity: 'medium',
    description: 'A workload that looks like an API client is locked down for egress, and the settings do not say where the API server endpoint is: whether it can reach it cannot be judged.',
  },
  'apiserver-vip-allowed': {
    title: 'API server allowed at its Service address',
    severity: 'medium',
    description: 'An egress rule allows the kubernetes Service address (10.96.0.1:443) but most plugins judge the endpoint it is translated to: the API stays blocked.',
  },
  'split-peer': {
    title: 'One peer split in two by a stray "-"',
    severity: 'high',
    description: 'A namespaceSelector-only peer next to a podSelector-only peer in one from/to: every pod of those namespaces, and the labelled pods of the policy\'s own namespace, where one peer (both selectors) was probably meant.',
  },
  'ports-to-anywhere': {
    title: 'Ports opened to every address',
    severity: 'high',
    description: 'An egress rule with ports but no `to`: those ports are open to every pod, the internet and the cloud metadata server (e.g. DNS on 53 to anywhere).',
  },
  'selector-outside-design': {
    title: 'Peer matches nothing in this design',
    severity: 'info',
    description: 'A selector that names namespaces or labels the design does not model: on the real cluster it may match pods. Check them there.',
  },
  'egress-wide-cidr': {
    title: 'Wide egress ipBlock includes the metadata server or private ranges',
    severity: 'high',
    description: 'An egress ipBlock such as 0.0.0.0/0 without except also allows 169.254.169.254 (cloud credentials) and RFC 1918 networks.',
  },
  'namespace-selector-matches-nothing': {
    title: 'namespaceSelector matches no namespace',
    severity: 'medium',
    description: 'A namespaceSelector whose labels no namespace of the design carries: the peer allows nothing.',
  },
  'pod-selector-matches-nothing': {
    title: 'podSelector selects no pod',
    severity: 'low',
    description: 'A podSelector (of a policy or a peer) that selects none of the modelled pods of its namespaces.',
  },
  'named-port-unknown': {
    title: 'Named port no destination pod has',
    severity: 'medium',
    description: 'A named port that no destination pod declares (the policy\'s pods for ingress, the peer pods for egress): it matches nothing.',
  },
  'ipblock-covers-cluster': {
    title: 'ipBlock covers pod or Service addresses',
    severity: 'info',
    description: 'ipBlock is meant for addresses outside the cluster; whether it matches pod or Service traffic depends on the network plugin.',
  },
  'icmp-not-expressible': {
    title: 'ICMP cannot be expressed',
    severity: 'low',
    description: 'A policy that tries to allow ICMP (ping): NetworkPolicy only knows TCP, UDP and SCTP.',
  },
  'no-ports-icmp-varies': {
    title: 'ipBlock rule without ports: ICMP handling varies',
    severity: 'info',
    description: 'A rule to or from an ipBlock without ports allows all TCP, UDP and SCTP; whether ICMP passes depends on the network plugin.',
  },
  'sctp-support': {
    title: 'SCTP needs plugin support',
    severity: 'info',
    description: 'A rule port on SCTP: not every network plugin enforces SCTP policies.',
  },
  'endport-support': {
    title: 'endPort needs plugin support',
    severity: 'info',
    description: 'A port range (endPort): plugins without endPort support apply the rule to the first port only.',
  },
  'named-port-ipblock': {
    title: 'Named port towards an ipBlock',
    severity: 'low',
    description: 'A named port in an egress rule with ipBlock peers: addresses outside the cluster have no port names, so it never matches them.',
  },
  'redundant-policy': {
    title: 'Redundant policy',
    severity: 'low',
    description: 'Every connection the policy allows is allowed by other policies, and it isolates no pod that others do not already isolate.',
  },
  'shadowed-rule': {
    title: 'Shadowed rule',
    severity: 'low',
    description: 'A rule whose every connection other rules of the same policy already allow.',
  },
  'admin-shadowed-rule': {
    title: 'Admin rule shadowed by an earlier rule',
    severity: 'medium',
    description: 'A cluster-scoped rule that an earlier rule (lower priority number or earlier in the policy) always matches first.',
  },
  'admin-duplicate-priority': {
    title: 'Admin policies share a priority',
    severity: 'medium',
    description: 'Two AdminNetworkPolicies (or ClusterNetworkPolicies of one tier) with the same priority: their order is undefined.',
  },
  'admin-pass-to-baseline': {
    title: 'Pass with no NetworkPolicy below',
    severity: 'medium',
    description: 'A Pass rule for pods no NetworkPolicy isolates: Pass hands the decision to the baseline, or to the default allow.',
  },
  'admin-icmp-not-expressible': {
    title: 'ICMP in an admin policy',
    severity: 'low',
    description: 'A cluster-scoped policy that tries to match ICMP: the network-policy-api only knows TCP, UDP and SCTP.',
  },
  'profile-divergence': {
    title: 'Verdicts differ across network plugins',
    severity: 'medium',
    description: 'Connections the design allows on one network plugin and denies on another (Cilium, Calico, AWS VPC CNI, the spec), where the NetworkPolicy spec leaves the behaviour to the plugin.',
  },
  'review-check-failed': {
    title: 'A check could not run',
    severity: 'info',
    description: 'A check failed on this design (a bug in the reviewer): its findings are missing.',
  },
});

export type FindingRuleId = keyof typeof FINDING_RULES;

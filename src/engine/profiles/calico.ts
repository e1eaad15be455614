import type { NetworkProfile } from './types.ts';

// Calico (iptables or eBPF data plane with kube-proxy semantics): workload policy sees packets after
// Service DNAT, hostNetwork pods are host endpoints, and a pod's traffic to its own host passes the
// workload's egress policy first.
export const CALICO_PROFILE: NetworkProfile = {
  id: 'calico',
  name: 'Calico',
  summary: 'ipBlock matches pod IPs as the spec reads; Services judged after DNAT; a pod\u2019s egress to its own node passes its egress policy.',
  behaviour: {
    ipBlockMatchesPodIps: true,
    ipBlockMatchesNodeIps: true,
    hostNetworkPodsArePods: false,
    standalonePodsEnforced: true,
    ownNodeEgressAlwaysAllowed: false,
    serviceVip: 'backends',
    vipNeedsSelectorCover: false,
    vipNeedsSamePort: false,
    sctpServicePortRewrite: true,
  },
  differences: [
    {
      id: 'calico.service-vip', profile: 'calico', topic: 'service-vip',
      text: 'Workload policy is applied after Service DNAT: traffic to a ClusterIP is judged as traffic to a backend pod on the targetPort (only pre-DNAT host endpoint policy sees the ClusterIP).',
      source: 'Calico docs, Host endpoints: Pre-DNAT policy; projectcalico/calico#8049', url: 'https://docs.tigera.io/calico/latest/reference/host-endpoints/pre-dnat',
    },
    {
      id: 'calico.host-network', profile: 'calico', topic: 'host-network',
      text: 'Kubernetes NetworkPolicy applies only to pods with their own network: hostNetwork pods are host endpoints, governed by Calico host endpoint policy, not by NetworkPolicies or pod selectors.',
      source: 'Calico docs, Get started with Calico network policy; Host endpoints', url: 'https://docs.tigera.io/calico/latest/reference/host-endpoints/overview',
    },
    {
      id: 'calico.own-node-egress', profile: 'calico', topic: 'own-node-egress',
      text: 'Traffic from a pod to its own host goes through the pod\u2019s egress policy first; DefaultEndpointToHostAction only applies after it, so an egress lockdown also blocks the node.',
      source: 'Calico docs, Felix configuration: DefaultEndpointToHostAction', url: 'https://docs.tigera.io/calico/latest/reference/felix/configuration',
    },
  ],
};

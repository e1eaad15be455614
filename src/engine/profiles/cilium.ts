import type { NetworkProfile } from './types.ts';

const LANGUAGE = 'https://docs.cilium.io/en/stable/security/policy/language/';

// Cilium enforces Kubernetes NetworkPolicies by security identity: pods have label identities, the
// local node is `host`, other nodes `remote-node`, and CIDR (ipBlock) rules only select `world`.
export const CILIUM_PROFILE: NetworkProfile = {
  id: 'cilium',
  name: 'Cilium',
  summary: 'Identity-based: ipBlock never selects pods or nodes; Services are translated to backends before policy.',
  behaviour: {
    ipBlockMatchesPodIps: false,
    ipBlockMatchesNodeIps: false,
    hostNetworkPodsArePods: false,
    standalonePodsEnforced: true,
    ownNodeEgressAlwaysAllowed: false,
    serviceVip: 'backends',
    vipNeedsSelectorCover: false,
    vipNeedsSamePort: false,
    sctpServicePortRewrite: false,
  },
  differences: [
    {
      id: 'cilium.ipblock-pods', profile: 'cilium', topic: 'ipblock-pods',
      text: 'An ipBlock never matches a pod: CIDR rules do not apply when both ends are endpoints managed by Cilium, so pods must be selected by labels.',
      source: 'Cilium docs, Policy language: IP/CIDR based', url: `${LANGUAGE}#ip-cidr-based`,
    },
    {
      id: 'cilium.ipblock-nodes', profile: 'cilium', topic: 'ipblock-nodes',
      text: 'An ipBlock does not match cluster nodes (they are the host and remote-node entities) unless the agent runs with policy-cidr-match-mode=nodes.',
      source: 'Cilium docs, Policy language: Selecting nodes with CIDR / ipBlock', url: `${LANGUAGE}#selecting-nodes-with-cidr-ipblock`,
    },
    {
      id: 'cilium.host-network', profile: 'cilium', topic: 'host-network',
      text: 'hostNetwork pods are the node (host identity): NetworkPolicies do not isolate them and pod selectors do not match them; only host policies (CiliumClusterwideNetworkPolicy with nodeSelector) govern them.',
      source: 'Cilium docs, Host Firewall; Kubernetes docs, NetworkPolicy and hostNetwork pods', url: 'https://docs.cilium.io/en/stable/security/host-firewall/',
    },
    {
      id: 'cilium.own-node-egress', profile: 'cilium', topic: 'own-node-egress',
      text: 'A pod\u2019s egress to its own node is the host entity and needs an egress rule allowing it; only ingress from the local host is allowed by default (allow-localhost).',
      source: 'Cilium docs, Policy language: Entities based (host)', url: `${LANGUAGE}#entities-based`,
    },
    {
      id: 'cilium.service-vip', profile: 'cilium', topic: 'service-vip',
      text: 'Traffic to a Service ClusterIP is translated to a backend pod before policy is applied: rules must allow the backend pods on the targetPort; an ipBlock of the ClusterIP allows nothing.',
      source: 'Cilium docs, Kubernetes without kube-proxy (socket-LB picks the backend before a packet is built; otherwise load-balancing at the pod interface)', url: 'https://docs.cilium.io/en/stable/network/kubernetes/kubeproxy-free/',
    },
    {
      id: 'cilium.sctp-service', profile: 'cilium', topic: 'sctp-service',
      text: 'SCTP through a Service needs targetPort equal to port: Cilium does not rewrite SCTP ports and drops the packet.',
      source: 'Cilium docs, SCTP support (beta): Limitations', url: 'https://docs.cilium.io/en/stable/configuration/sctp/',
    },
  ],
};

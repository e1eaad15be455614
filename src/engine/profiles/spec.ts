import type { NetworkProfile } from './types.ts';

// The Kubernetes documentation's reading, which the engine has always followed:
// https://kubernetes.io/docs/concepts/services-networking/network-policies/
// Where the page leaves a choice to the plugin, this profile takes the literal one: an ipBlock
// matches any address in it (pod and node addresses too, as the upstream e2e suite's CIDR cases
// expect), hostNetwork pods are pods, and a Service ClusterIP is just an address ("it is not defined
// whether [rewriting] happens before or after NetworkPolicy processing").
export const SPEC_PROFILE: NetworkProfile = {
  id: 'spec',
  name: 'Kubernetes spec',
  summary: 'The NetworkPolicy documentation, read literally; where it leaves a choice to the plugin, the plain reading.',
  behaviour: {
    ipBlockMatchesPodIps: true,
    ipBlockMatchesNodeIps: true,
    hostNetworkPodsArePods: true,
    standalonePodsEnforced: true,
    // "traffic to and from the node where a Pod is running is always allowed, regardless of the IP
    // address of the Pod or the node" (Network Policies, "The two sorts of pod isolation"/ipBlock).
    ownNodeEgressAlwaysAllowed: true,
    serviceVip: 'address',
    vipNeedsSelectorCover: false,
    vipNeedsSamePort: false,
    sctpServicePortRewrite: true,
  },
  differences: [],
};

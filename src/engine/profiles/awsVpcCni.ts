import type { NetworkProfile } from './types.ts';

const CONSIDERATIONS = 'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html#cni-network-policy-considerations';

// The Amazon VPC CNI network policy agent (eBPF on the pod's interface) enforces what the network
// policy controller resolves into PolicyEndpoints: pod IPs, CIDRs, and, for egress, the ClusterIPs
// of Services it can match to a rule. It sees the packet before kube-proxy translates a ClusterIP.
export const AWS_VPC_CNI_PROFILE: NetworkProfile = {
  id: 'aws-vpc-cni',
  name: 'AWS VPC CNI',
  summary: 'EKS network policy agent: bare Pods are not enforced; egress to a Service is judged on its ClusterIP before translation.',
  behaviour: {
    ipBlockMatchesPodIps: true,
    ipBlockMatchesNodeIps: true,
    hostNetworkPodsArePods: true,
    standalonePodsEnforced: false,
    ownNodeEgressAlwaysAllowed: true,
    serviceVip: 'vip',
    vipNeedsSelectorCover: true,
    vipNeedsSamePort: true,
    sctpServicePortRewrite: true,
  },
  differences: [
    {
      id: 'aws-vpc-cni.standalone-pods', profile: 'aws-vpc-cni', topic: 'standalone-pods',
      text: 'Policies are not applied to standalone Pods (no metadata.ownerReferences): a bare Pod is never isolated.',
      source: 'Amazon EKS User Guide, Kubernetes network policies: Considerations', url: CONSIDERATIONS,
    },
    {
      id: 'aws-vpc-cni.service-vip', profile: 'aws-vpc-cni', topic: 'service-vip',
      text: 'Egress to a Service is judged on its ClusterIP before kube-proxy translates it: an ipBlock covering the ClusterIP allows it; ingress is still judged at the backend pod.',
      source: 'aws/amazon-network-policy-controller-k8s (endpoints resolver: Service ClusterIPs in PolicyEndpoints); aws/aws-network-policy-agent#166', url: 'https://github.com/aws/aws-network-policy-agent/issues/166',
    },
    {
      id: 'aws-vpc-cni.service-selector', profile: 'aws-vpc-cni', topic: 'service-selector',
      text: 'A podSelector egress rule allows a Service\u2019s ClusterIP only when the rule\u2019s labels include every label of the Service\u2019s selector; otherwise traffic through the ClusterIP is dropped even though the backend pods are allowed.',
      source: 'aws/amazon-network-policy-controller-k8s#147 and #194', url: 'https://github.com/aws/amazon-network-policy-controller-k8s/issues/147',
    },
    {
      id: 'aws-vpc-cni.service-port', profile: 'aws-vpc-cni', topic: 'service-port',
      text: 'For traffic through a Service the service port must equal the container port (and a named port the same name): egress rules are matched on the port the pod dials.',
      source: 'Amazon EKS User Guide, Kubernetes network policies: Considerations', url: CONSIDERATIONS,
    },
  ],
};

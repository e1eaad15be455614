// YAML fixtures that several test files share: one app-only design (a Deployment and a default deny
// for egress, no kube-system in the YAML) and the policy that allows its DNS.

/**
 * shop/web (Deployment app=web, port http 8080) and shop/default-deny-egress. `serviceAccount` adds
 * a field the model does not read, and an empty annotations mapping on the template, as real
 * manifests have.
 */
export function appOnlyYaml(options: { serviceAccount?: string } = {}): string {
  const sa = options.serviceAccount;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}${sa ? ', annotations: {}' : ''}}
    spec:
${sa ? `      serviceAccountName: ${sa}\n` : ''}      containers: [{name: web, image: nginx, ports: [{containerPort: 8080, name: http}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
`;
}

/** shop/allow-dns: egress to the cluster DNS pods (kube-system, k8s-app=kube-dns) on 53/UDP and 53/TCP. */
export const ALLOW_DNS_YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`;

/**
 * Node node-1 at 10.0.0.11 and monitoring/node-exporter, a hostNetwork pod on it: its IP is the
 * node's (status.podIP == status.hostIP).
 */
export const HOST_NETWORK_NODE_YAML = `apiVersion: v1
kind: Node
metadata: {name: node-1}
status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
---
apiVersion: v1
kind: Pod
metadata: {name: node-exporter, namespace: monitoring, labels: {app: node-exporter}}
spec: {hostNetwork: true, nodeName: node-1, containers: [{name: c, image: x}]}
status: {podIP: 10.0.0.11, hostIP: 10.0.0.11}
`;

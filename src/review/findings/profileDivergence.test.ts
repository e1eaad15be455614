import { describe, expect, it } from 'vitest';
import { ofRule, review, SETTINGS } from './testkit.ts';

const APP = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: u1}]
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.10}
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: app
  labels: {app: api}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-1, uid: u2}]
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.20}
`;

const BY_IP = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web-ip, namespace: app}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{ipBlock: {cidr: 10.244.0.10/32}}]}]
`;

const BY_LABEL = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: app}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

describe('profile-divergence', () => {
  it('names the pair, the profiles on each side, the documented difference with its source, and what to do', () => {
    const found = ofRule(review(APP + BY_IP, SETTINGS, { base: false }).findings, 'profile-divergence');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.id).toBe('profile-divergence:cilium.ipblock-pods');
    expect(f.severity).toBe('medium'); // real plugins disagree
    expect(f.title).toBe('1 connection depends on the network plugin: ipBlock over pod addresses (Cilium)');
    expect(f.risk).toContain('app/web -> app/api TCP/8080 (allowed on Kubernetes spec, Calico and AWS VPC CNI, denied on Cilium)');
    expect(f.risk).toContain('https://docs.cilium.io/');
    expect(f.risk).toContain('podSelector/namespaceSelector');
    expect(f.location?.line).toBeGreaterThan(0);
  });

  it('is silent when every plugin agrees', () => {
    expect(ofRule(review(APP + BY_LABEL, SETTINGS, { base: false }).findings, 'profile-divergence')).toEqual([]);
  });

  it('groups differences that split the same connections, and rates a spec-only split low', () => {
    const service = `---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: app}
spec: {clusterIP: 10.96.5.5, selector: {app: api}, ports: [{port: 8080}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: app}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
`;
    const found = ofRule(review(APP + service, SETTINGS, { base: false }).findings, 'profile-divergence');
    expect(found.map((f) => f.id)).toEqual(['profile-divergence:cilium.service-vip+calico.service-vip+aws-vpc-cni.service-vip']);
    expect(found[0]!.severity).toBe('low');
    expect(found[0]!.risk).toContain('allowed on Cilium, Calico and AWS VPC CNI, denied on Kubernetes spec');
  });
});

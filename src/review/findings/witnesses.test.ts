import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/index.ts';
import { ofRule, review, SETTINGS } from './testkit.ts';
import { compileWithWitnesses, isWitness } from './witnesses.ts';

const np = (name: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 9090}]
---
`;

describe('witness pods', () => {
  it('are compiled under the review profile (an ipBlock matches a pod under spec, never under Cilium)', () => {
    const design = loadDesign([{ name: 'd.yaml', text: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
status: {podIP: 10.0.0.5}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: by-ip, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/24}}]
` }]);
    const web = design.cluster.workloads.findIndex((w) => w.name === 'web');
    const peerOf = (profile: 'spec' | 'cilium') => {
      const { compiled } = compileWithWitnesses(design.cluster, { profile });
      expect(compiled.profile.id).toBe(profile);
      expect(compiled.workloads.some(isWitness)).toBe(true);
      return compiled.policies[0]!.ingress[0]!.peers[0]!.workloads;
    };
    expect(peerOf('spec').has(web)).toBe(true);
    expect(peerOf('cilium').has(web)).toBe(false);
  });

  it('stand for pods a controller owns: under the AWS VPC CNI, policies of a bare Pod are not all called redundant', () => {
    // shop/api is a bare Pod: the AWS VPC CNI isolates it with no policy, but the Deployment pods
    // the same selector matches on the cluster are isolated, so only the duplicate is redundant.
    const yaml = np('first') + np('second');
    const ids = (profile: 'spec' | 'aws-vpc-cni') => ofRule(review(yaml, { ...SETTINGS, profile }).findings, 'redundant-policy').map((f) => f.id);
    expect(ids('spec')).toEqual(['redundant-policy:shop/second']);
    expect(ids('aws-vpc-cni')).toEqual(ids('spec'));
  });
});

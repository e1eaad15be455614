import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/index.ts';
import { compile } from '../compile.ts';
import { computeMatrix } from '../matrix.ts';
import { evaluate } from '../evaluate.ts';
import { parseEndpoint } from '../endpoints.ts';
import type { Protocol } from '../../model/types.ts';
import { ALL_DIFFERENCES, PROFILES, compileAll, evaluateAcrossProfiles, profileDependence, type NetworkProfileId } from './index.ts';

// Every documented difference has a design on which the profile's verdict differs from the spec
// profile's: each test fails when the engine ignores the profile.

const NODE = `apiVersion: v1
kind: Node
metadata: {name: node-a}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
status: {addresses: [{type: InternalIP, address: 192.168.1.11}]}`;

const pod = (name: string, labels: Record<string, string>, ip: string, extra = '', ns = 'app') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${name}-rs, uid: u-${name}}]
spec:
  nodeName: node-a${extra}
  containers: [{name: c, image: x, ports: [{containerPort: 8080, name: http}, {containerPort: 9000, protocol: SCTP, name: sctp}]}]
status: {podIP: ${ip}}`;

const BASE = [
  NODE,
  pod('web', { app: 'web' }, '10.244.0.10'),
  pod('api', { app: 'api', tier: 'backend' }, '10.244.0.20'),
].join('\n---\n');

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]`;

function cluster(...docs: string[]) {
  const design = loadDesign([{ name: 'd.yaml', text: docs.join('\n---\n') }]);
  expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return design.cluster;
}

function verdict(docs: string[], profile: NetworkProfileId, from: string, to: string, port: number | string = 8080, protocol: Protocol = 'TCP') {
  return evaluate(compile(cluster(...docs), { profile }), { from: parseEndpoint(from), to: parseEndpoint(to), port, protocol });
}

const egressTo = (name: string, to: string, ports = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: app}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [${to}]${ports}`;

const ingressFrom = (name: string, from: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: app}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [${from}]`;

const SERVICE = (port: number, targetPort: number | string, selector = '{app: api}', protocol = 'TCP') => `apiVersion: v1
kind: Service
metadata: {name: api, namespace: app}
spec:
  clusterIP: 10.96.5.5
  selector: ${selector}
  ports: [{port: ${port}, targetPort: ${typeof targetPort === 'number' ? targetPort : targetPort}, protocol: ${protocol}}]`;

const noted = (v: ReturnType<typeof verdict>, id: string) => (v.notes ?? []).some((n) => n.difference === id);

describe('profiles: the table', () => {
  it('has at least 12 documented differences, each with a source and a URL', () => {
    expect(ALL_DIFFERENCES.length).toBeGreaterThanOrEqual(12);
    for (const d of ALL_DIFFERENCES) {
      expect(d.source.length).toBeGreaterThan(5);
      expect(d.url).toMatch(/^https:\/\//);
      expect(d.id.startsWith(`${d.profile}.`)).toBe(true);
    }
    expect(PROFILES.map((p) => p.id)).toEqual(['spec', 'cilium', 'calico', 'aws-vpc-cni']);
    expect(PROFILES[0]!.differences).toEqual([]);
  });
});

describe('profiles: Cilium', () => {
  it('cilium.ipblock-pods: an ipBlock does not select a pod (ingress by source pod IP)', () => {
    const docs = [BASE, ingressFrom('from-web-ip', '{ipBlock: {cidr: 10.244.0.10/32}}')];
    expect(verdict(docs, 'spec', 'app/web', 'app/api').allowed).toBe(true);
    const v = verdict(docs, 'cilium', 'app/web', 'app/api');
    expect(v.allowed).toBe(false);
    expect(noted(v, 'cilium.ipblock-pods')).toBe(true);
  });

  it('cilium.ipblock-pods: the matrix agrees', () => {
    const c = cluster(BASE, egressTo('to-api-ip', '{ipBlock: {cidr: 10.244.0.0/24}}'));
    const m = (profile: NetworkProfileId) => computeMatrix(compile(c, { profile }), { ports: [{ port: 8080, protocol: 'TCP' }] });
    const cell = (profile: NetworkProfileId) => { const x = m(profile); return x.allowed[0]![x.labels.indexOf('app/web') * x.labels.length + x.labels.indexOf('app/api')]; };
    expect(cell('spec')).toBe(1);
    expect(cell('cilium')).toBe(0);
  });

  it('cilium.ipblock-nodes: an ipBlock does not select a cluster node', () => {
    const docs = [BASE, egressTo('to-node-b', '{ipBlock: {cidr: 192.168.1.0/24}}')];
    expect(verdict(docs, 'spec', 'app/web', 'ip:192.168.1.11').allowed).toBe(true);
    const v = verdict(docs, 'cilium', 'app/web', 'ip:192.168.1.11');
    expect(v.allowed).toBe(false);
    expect(noted(v, 'cilium.ipblock-nodes')).toBe(true);
    // an address outside the cluster is still matched
    expect(verdict(docs, 'cilium', 'app/web', 'ip:192.168.1.99').allowed).toBe(true);
  });

  it('cilium.host-network: a hostNetwork pod is not isolated by NetworkPolicies', () => {
    const docs = [NODE, pod('web', { app: 'web' }, '192.168.1.10', '\n  hostNetwork: true'), pod('api', { app: 'api' }, '10.244.0.20'), DENY_ALL];
    expect(verdict(docs, 'spec', 'app/web', 'ip:1.1.1.1', 443).allowed).toBe(false);
    const v = verdict(docs, 'cilium', 'app/web', 'ip:1.1.1.1', 443);
    expect(v.allowed).toBe(true);
    expect(noted(v, 'cilium.host-network')).toBe(true);
  });

  it('cilium.host-network: a pod selector does not match a hostNetwork pod', () => {
    const docs = [NODE, pod('web', { app: 'web' }, '192.168.1.10', '\n  hostNetwork: true'), pod('api', { app: 'api' }, '10.244.0.20'), ingressFrom('from-web', '{podSelector: {matchLabels: {app: web}}}')];
    expect(verdict(docs, 'spec', 'app/web', 'app/api').allowed).toBe(true);
    expect(verdict(docs, 'cilium', 'app/web', 'app/api').allowed).toBe(false);
  });

  it('cilium.own-node-egress: egress to its own node needs a rule', () => {
    const docs = [BASE, DENY_ALL];
    const spec = verdict(docs, 'spec', 'app/web', 'ip:192.168.1.10', 10250);
    expect(spec.allowed).toBe(true);
    expect(spec.exception).toBe('own-node');
    const v = verdict(docs, 'cilium', 'app/web', 'ip:192.168.1.10', 10250);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'cilium.own-node-egress')).toBe(true);
  });

  it('cilium.service-vip: an ipBlock of the ClusterIP allows nothing; the backends decide', () => {
    const docs = [BASE, SERVICE(80, 8080), egressTo('to-vip', '{ipBlock: {cidr: 10.96.5.5/32}}', '\n    ports: [{port: 80}]')];
    expect(verdict(docs, 'spec', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(true);
    const v = verdict(docs, 'cilium', 'app/web', 'ip:10.96.5.5', 80);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'cilium.service-vip')).toBe(true);
    // a rule for the backend pods on the targetPort is what Cilium needs
    const right = [BASE, SERVICE(80, 8080), egressTo('to-api', '{podSelector: {matchLabels: {app: api}}}', '\n    ports: [{port: 8080}]')];
    expect(verdict(right, 'cilium', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(true);
    expect(verdict(right, 'spec', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(false);
  });

  it('cilium.sctp-service: SCTP through a Service whose targetPort differs is dropped', () => {
    const docs = [BASE, SERVICE(9100, 9000, '{app: api}', 'SCTP')];
    const calico = verdict(docs, 'calico', 'app/web', 'ip:10.96.5.5', 9100, 'SCTP');
    expect(calico.allowed).toBe(true);
    const v = verdict(docs, 'cilium', 'app/web', 'ip:10.96.5.5', 9100, 'SCTP');
    expect(v.allowed).toBe(false);
    expect(noted(v, 'cilium.sctp-service')).toBe(true);
    expect(verdict([BASE, SERVICE(9000, 9000, '{app: api}', 'SCTP')], 'cilium', 'app/web', 'ip:10.96.5.5', 9000, 'SCTP').allowed).toBe(true);
  });

  it('a Service without a selector (kubernetes.default) keeps its ClusterIP a plain address', () => {
    const api = `apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {clusterIP: 10.96.0.1, ports: [{port: 443, targetPort: 6443}]}`;
    const docs = [BASE, api, egressTo('to-api-vip', '{ipBlock: {cidr: 10.96.0.1/32}}', '\n    ports: [{port: 443}]')];
    for (const profile of ['spec', 'cilium', 'calico', 'aws-vpc-cni'] as const) expect(verdict(docs, profile, 'app/web', 'ip:10.96.0.1', 443).allowed).toBe(true);
  });
});

describe('profiles: Calico', () => {
  it('calico.service-vip: judged after DNAT, on the targetPort', () => {
    const docs = [BASE, SERVICE(80, 8080), egressTo('to-api-80', '{podSelector: {matchLabels: {app: api}}}', '\n    ports: [{port: 80}]')];
    // a rule on the dialled port 80 does not match: Calico sees the translated 8080
    const v = verdict(docs, 'calico', 'app/web', 'ip:10.96.5.5', 80);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'calico.service-vip')).toBe(true);
    const after = [BASE, SERVICE(80, 8080), egressTo('to-api-8080', '{podSelector: {matchLabels: {app: api}}}', '\n    ports: [{port: 8080}]')];
    expect(verdict(after, 'calico', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(true);
    expect(verdict(after, 'spec', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(false);
  });

  it('calico.host-network: a hostNetwork pod is a host endpoint, not isolated', () => {
    const docs = [NODE, pod('web', { app: 'web' }, '192.168.1.10', '\n  hostNetwork: true'), pod('api', { app: 'api' }, '10.244.0.20'), DENY_ALL];
    expect(verdict(docs, 'spec', 'app/api', 'app/web').allowed).toBe(false);
    const v = verdict(docs, 'calico', 'app/api', 'app/web');
    // api's own egress is still denied by deny-all; web's ingress is no longer isolated
    expect(v.ingress.allowed).toBe(true);
    expect(verdict(docs, 'spec', 'app/api', 'app/web').ingress.allowed).toBe(false);
    expect(noted(v, 'calico.host-network')).toBe(true);
  });

  it('calico.own-node-egress: an egress lockdown also blocks the pod\'s own node', () => {
    const docs = [BASE, DENY_ALL];
    expect(verdict(docs, 'spec', 'app/api', 'ip:192.168.1.10', 9100).allowed).toBe(true);
    const v = verdict(docs, 'calico', 'app/api', 'ip:192.168.1.10', 9100);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'calico.own-node-egress')).toBe(true);
    // another node is governed alike on every profile
    expect(verdict(docs, 'spec', 'app/api', 'ip:192.168.1.11', 9100).allowed).toBe(false);
  });
});

describe('profiles: AWS VPC CNI', () => {
  const bare = [NODE, `apiVersion: v1
kind: Pod
metadata: {name: lone, namespace: app, labels: {app: api}}
spec:
  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
status: {podIP: 10.244.0.30}`, pod('web', { app: 'web' }, '10.244.0.10'), DENY_ALL];

  it('aws-vpc-cni.standalone-pods: a bare Pod is never isolated', () => {
    expect(verdict(bare, 'spec', 'app/web', 'app/lone').ingress.allowed).toBe(false);
    const v = verdict(bare, 'aws-vpc-cni', 'app/web', 'app/lone');
    expect(v.ingress.allowed).toBe(true);
    expect(noted(v, 'aws-vpc-cni.standalone-pods')).toBe(true);
    // a Pod made by a controller (ownerReferences) is enforced
    expect(verdict(bare, 'aws-vpc-cni', 'app/lone', 'app/web').ingress.allowed).toBe(false);
  });

  it('aws-vpc-cni.service-vip: an ipBlock of the ClusterIP allows egress to it', () => {
    const docs = [BASE, SERVICE(8080, 8080), egressTo('to-vip', '{ipBlock: {cidr: 10.96.5.5/32}}')];
    const v = verdict(docs, 'aws-vpc-cni', 'app/web', 'ip:10.96.5.5', 8080);
    expect(v.allowed).toBe(true);
    expect(noted(v, 'aws-vpc-cni.service-vip')).toBe(true);
    expect(verdict(docs, 'calico', 'app/web', 'ip:10.96.5.5', 8080).allowed).toBe(false);
  });

  it('aws-vpc-cni.service-selector: the rule must carry every label of the Service selector', () => {
    const partial = [BASE, SERVICE(8080, 8080, '{app: api, tier: backend}'), egressTo('to-api', '{podSelector: {matchLabels: {app: api}}}')];
    expect(verdict(partial, 'calico', 'app/web', 'ip:10.96.5.5', 8080).allowed).toBe(true);
    const v = verdict(partial, 'aws-vpc-cni', 'app/web', 'ip:10.96.5.5', 8080);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'aws-vpc-cni.service-selector')).toBe(true);
    const full = [BASE, SERVICE(8080, 8080, '{app: api, tier: backend}'), egressTo('to-api', '{podSelector: {matchLabels: {app: api, tier: backend}}}')];
    expect(verdict(full, 'aws-vpc-cni', 'app/web', 'ip:10.96.5.5', 8080).allowed).toBe(true);
  });

  it('aws-vpc-cni.service-port: the service port must equal the container port', () => {
    const docs = [BASE, SERVICE(80, 8080), egressTo('to-api', '{podSelector: {matchLabels: {app: api}}}', '\n    ports: [{port: 80}, {port: 8080}]')];
    expect(verdict(docs, 'calico', 'app/web', 'ip:10.96.5.5', 80).allowed).toBe(true);
    const v = verdict(docs, 'aws-vpc-cni', 'app/web', 'ip:10.96.5.5', 80);
    expect(v.allowed).toBe(false);
    expect(noted(v, 'aws-vpc-cni.service-port')).toBe(true);
    const same = [BASE, SERVICE(8080, 8080), egressTo('to-api', '{podSelector: {matchLabels: {app: api}}}', '\n    ports: [{port: 8080}]')];
    expect(verdict(same, 'aws-vpc-cni', 'app/web', 'ip:10.96.5.5', 8080).allowed).toBe(true);
  });
});

describe('profiles: comparing', () => {
  it('says which profiles allow and deny, with the documented reason', () => {
    const c = cluster(BASE, ingressFrom('from-web-ip', '{ipBlock: {cidr: 10.244.0.10/32}}'));
    const results = evaluateAcrossProfiles(compileAll(c), { from: parseEndpoint('app/web'), to: parseEndpoint('app/api'), port: 8080, protocol: 'TCP' });
    const dep = profileDependence(results)!;
    expect(dep.allowedOn).toEqual(['spec', 'calico', 'aws-vpc-cni']);
    expect(dep.deniedOn).toEqual(['cilium']);
    expect(dep.text).toMatch(/^Allowed on Kubernetes spec, Calico and AWS VPC CNI, denied on Cilium\. Cilium: An ipBlock never matches a pod/);
    expect(dep.text).toContain('Policy language');
  });

  it('is silent when every profile agrees', () => {
    const c = cluster(BASE, ingressFrom('from-web', '{podSelector: {matchLabels: {app: web}}}'));
    const results = evaluateAcrossProfiles(compileAll(c), { from: parseEndpoint('app/web'), to: parseEndpoint('app/api'), port: 8080, protocol: 'TCP' });
    expect(profileDependence(results)).toBeUndefined();
  });
});

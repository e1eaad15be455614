// --profile and --compare-profile on the commands that judge traffic; loopback in probe.
import { describe, expect, it } from 'vitest';
import { cliWith } from './testkit.ts';

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: app, labels: {app: api}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.20}`;

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: app}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}`;

const BY_IP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web-ip, namespace: app}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{ipBlock: {cidr: 10.244.0.10/32}}]}]`;

const cli = cliWith({ 'cluster.yaml': CLUSTER, 'deny.yaml': DENY, 'ip.yaml': BY_IP, 'both.yaml': `${CLUSTER}\n---\n${BY_IP}` });
const PROBE = JSON.stringify({ probes: [{ from: 'app/web', to: 'app/api', port: 8080, protocol: 'TCP' }] });
const allowed = (stdout: string) => (JSON.parse(stdout) as { probes: { allowed: boolean }[] }).probes.map((p) => p.allowed);

describe('cli --profile', () => {
  it('probe: a pod to itself under a default deny answers allowed', () => {
    const r = cli('probe cluster.yaml deny.yaml', JSON.stringify({ probes: [{ from: 'app/web', to: 'app/web', port: 8080 }, { from: 'app/web', to: 'app/api', port: 8080 }] }));
    expect(r.exitCode).toBe(0);
    expect(allowed(r.stdout)).toEqual([true, false]);
  });

  it('probe judges by the profile; default spec', () => {
    expect(allowed(cli('probe cluster.yaml ip.yaml', PROBE).stdout)).toEqual([true]);
    expect(allowed(cli('probe cluster.yaml ip.yaml --profile spec', PROBE).stdout)).toEqual([true]);
    expect(allowed(cli('probe cluster.yaml ip.yaml --profile cilium', PROBE).stdout)).toEqual([false]);
    expect(allowed(cli('probe cluster.yaml ip.yaml --profile=calico', PROBE).stdout)).toEqual([true]);
  });

  it('an unknown profile is a usage error (exit 2) naming the known ones', () => {
    const r = cli('probe cluster.yaml ip.yaml --profile weave', PROBE);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown profile "weave" (expected spec, cilium, calico, aws-vpc-cni)');
    expect(cli('findings cluster.yaml --profile nope').exitCode).toBe(2);
  });

  it('explain says the verdict depends on the plugin, with the source, and names the profile', () => {
    const text = cli('explain cluster.yaml ip.yaml --from app/web --to app/api --port 8080 --profile cilium').stdout;
    expect(text.split('\n')[0]).toMatch(/^Denied/);
    expect(text).toContain('profile: Cilium');
    expect(text).toContain('depends on the network plugin: Allowed on Kubernetes spec, Calico and AWS VPC CNI, denied on Cilium.');
    expect(text).toContain('docs.cilium.io');
    const json = JSON.parse(cli('explain cluster.yaml ip.yaml --from app/web --to app/api --port 8080 --format json').stdout) as { allowed: boolean; profileDependence?: { deniedOn: string[] } };
    expect(json.allowed).toBe(true);
    expect(json.profileDependence?.deniedOn).toEqual(['cilium']);
  });

  it('matrix --compare-profile lists the cells that differ', () => {
    const r = cli('matrix cluster.yaml ip.yaml --port 8080/TCP --profile spec --compare-profile cilium');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'from     to       port      spec   cilium',
      'app/web  app/api  TCP/8080  allow  deny',
      '(1 of 9 cells differ between spec and cilium)', // with the assumed DNS pods: 3 x 3
    ]);
    expect(cli('matrix cluster.yaml ip.yaml --port 8080/TCP --compare-profile cilium --format csv').stdout).toBe('from,to,port,protocol,spec,cilium\napp/web,app/api,8080,TCP,true,false');
    // without --compare-profile the matrix is unchanged
    expect(cli('matrix cluster.yaml ip.yaml --port 8080/TCP').stdout).toMatch(/^app\/web\s+allow\s+allow\s+allow$/m);
  });

  it('diff --compare-profile: what moving the same design to another plugin closes', () => {
    const r = cli('diff both.yaml both.yaml --compare-profile cilium');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('app/web -> app/api');
    expect(cli('diff both.yaml both.yaml --profile cilium --compare-profile cilium').exitCode).toBe(0);
  });

  it('report states the profile', () => {
    expect(cli('report cluster.yaml ip.yaml --format md --profile aws-vpc-cni').stdout).toContain('| network plugin | AWS VPC CNI: ');
    expect(cli('report cluster.yaml ip.yaml --format md').stdout).toContain('| network plugin | Kubernetes spec \\(default\\): ');
  });
});

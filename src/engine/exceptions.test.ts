import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/index.ts';
import { compile } from './compile.ts';
import { allowedConnections } from './connections.ts';
import { parseEndpoint } from './endpoints.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';

// What no policy changes: a pod reaching itself, and the node a pod runs on reaching it.

const DESIGN = `apiVersion: v1
kind: Node
metadata: {name: node-a}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
status: {addresses: [{type: InternalIP, address: 192.168.1.11}]}
---
apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: app, labels: {app: solo}}
spec:
  nodeName: node-a
  containers: [{name: c, image: x, ports: [{containerPort: 8080, name: http}]}]
status: {podIP: 10.244.0.5}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: one, namespace: app}
spec:
  selector: {matchLabels: {app: one}}
  template:
    metadata: {labels: {app: one}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]`;

const c = compile(loadDesign([{ name: 'd.yaml', text: DESIGN }]).cluster);
const probe = (from: string, to: string, port: number | string = 80) =>
  evaluate(c, { from: parseEndpoint(from), to: parseEndpoint(to), port, protocol: 'TCP' });

describe('a pod always reaches itself', () => {
  it('a Pod to itself under a default deny is allowed, as loopback', () => {
    const v = probe('app/solo', 'app/solo', 8080);
    expect(v.allowed).toBe(true);
    expect(v.exception).toBe('loopback');
    expect(v.summary).toContain('a NetworkPolicy cannot block a pod\'s access to itself');
    expect(v.egress.chain[0]!.text).toContain('[Exception]');
    // by its own address too, and by a named port
    expect(probe('ip:10.244.0.5', 'app/solo', 'http').allowed).toBe(true);
  });

  it('a Deployment without replicas may be scaled: the policies decide; replicas: 1 is loopback', () => {
    const v = probe('app/one', 'app/one');
    expect(v.allowed).toBe(false);
    expect(v.notes?.[0]?.text).toContain('its replica count is not set');
    const single = compile(loadDesign([{ name: 'd.yaml', text: DESIGN.replace('metadata: {name: one, namespace: app}\nspec:\n', 'metadata: {name: one, namespace: app}\nspec:\n  replicas: 1\n') }]).cluster);
    expect(single.workloads.find((w) => w.id === 'app/one')?.replicas).toBe(1);
    expect(evaluate(single, { from: parseEndpoint('app/one'), to: parseEndpoint('app/one'), port: 80, protocol: 'TCP' }).allowed).toBe(true);
  });

  it('a multi-replica workload to itself is replica traffic: the policies decide, and the note says so', () => {
    const v = probe('app/web', 'app/web');
    expect(v.allowed).toBe(false);
    expect(v.exception).toBeUndefined();
    expect(v.notes?.[0]?.text).toMatch(/stands for 3 pods: each pod always reaches itself, but this verdict is for its replicas/);
  });

  it('a missing named port is still nothing to reach', () => {
    expect(probe('app/solo', 'app/solo', 'nope').allowed).toBe(false);
  });

  it('the matrix and allowedConnections agree', () => {
    const m = computeMatrix(c, { ports: [{ port: 80, protocol: 'TCP' }] });
    const cell = (a: string, b: string) => m.allowed[0]![m.labels.indexOf(a) * m.labels.length + m.labels.indexOf(b)];
    expect(cell('app/solo', 'app/solo')).toBe(1);
    expect(cell('app/one', 'app/one')).toBe(0);
    expect(cell('app/web', 'app/web')).toBe(0);
    expect(allowedConnections(c, parseEndpoint('app/solo'), parseEndpoint('app/solo')).all).toBe(true);
    expect(allowedConnections(c, parseEndpoint('app/web'), parseEndpoint('app/web')).all).toBe(false);
  });
});

describe('the pod\'s own node', () => {
  it('reaches the pod under a default deny (kubelet probes)', () => {
    const v = probe('ip:192.168.1.10', 'app/solo', 8080);
    expect(v.allowed).toBe(true);
    expect(v.exception).toBe('own-node');
    expect(v.summary).toContain('kubelet liveness and readiness probes');
  });

  it('another node does not, when the pod\'s node is known', () => {
    expect(probe('ip:192.168.1.11', 'app/solo', 8080).allowed).toBe(false);
  });

  it('a pod template may run on any node: allowed, and the text says its placement is unknown', () => {
    const v = probe('ip:192.168.1.11', 'app/web');
    expect(v.allowed).toBe(true);
    expect(v.summary).toContain('may run a pod on node-b');
  });

  it('an address that is no node is governed by the policies', () => {
    expect(probe('ip:192.168.1.12', 'app/solo', 8080).allowed).toBe(false);
  });

  it('the matrix opens node to pod on its own node only', () => {
    const m = computeMatrix(c, { endpoints: ['ip:192.168.1.10', 'ip:192.168.1.11', 'app/solo'].map(parseEndpoint), ports: [{ port: 8080, protocol: 'TCP' }] });
    // rows are sources; outside to outside is never governed
    expect([...m.allowed[0]!]).toEqual([
      1, 1, 1, // node-a runs solo: reaches it
      1, 1, 0, // node-b does not
      1, 0, 1, // solo reaches its own node (spec), not the other one; and itself
    ]);
  });
});

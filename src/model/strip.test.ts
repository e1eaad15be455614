import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { loadDesign } from './cluster.ts';
import { stripServerFields } from './strip.ts';

const pod = `apiVersion: v1
kind: Pod
metadata:
  managedFields:
  - apiVersion: v1
    fieldsV1:
      f:metadata: {}
    manager: kubelet
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx
status:
  conditions:
  - type: Ready
    status: "True"
  podIP: 10.0.0.7
  podIPs:
  - ip: 10.0.0.7
  phase: Running
`;

describe('stripServerFields', () => {
  it('empties managedFields and status except the pod addresses, keeping line numbers', () => {
    const { text, lines } = stripServerFields(pod);
    expect(text.split('\n')).toHaveLength(pod.split('\n').length);
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('conditions');
    expect(text).not.toContain('phase');
    expect(text).toContain('  podIP: 10.0.0.7');
    expect(text).toContain('  - ip: 10.0.0.7');
    expect(lines).toBe(9);
    const design = loadDesign([{ name: 'p.yaml', text }]);
    expect(design.cluster.workloads[0]!.ips).toEqual(['10.0.0.7']);
    expect(design.manifests[0]!.source.line).toBe(1);
    expect(design.manifests[0]!.positions['metadata.name']).toEqual({ line: 9, col: 9 });
  });

  it('leaves JSON, block scalars, flow values and nested status fields alone', () => {
    const json = '{"kind":"Pod","metadata":{"managedFields":[]}}';
    expect(stripServerFields(json).text).toBe(json);
    const literal = 'data:\n  x: |\n    managedFields:\n    - a\n    status:\n      b: 1\n';
    expect(stripServerFields(literal).text).toBe(literal);
    const flow = 'metadata:\n  managedFields: [{a: 1}]\n  name: x\nstatus: {phase: Running}\n';
    expect(stripServerFields(flow).text).toBe(flow);
    const nested = 'spec:\n  template:\n    status:\n      phase: x\n';
    expect(stripServerFields(nested).text).toBe(nested);
  });

  it("keeps a Node's addresses, which an admin policy's nodes peer matches", () => {
    const node = `apiVersion: v1
kind: Node
metadata:
  name: n1
  labels:
    role: infra
status:
  addresses:
  - address: 10.1.0.5
    type: InternalIP
  allocatable:
    cpu: "4"
  conditions:
  - type: Ready
    status: "True"
`;
    const { text } = stripServerFields(node);
    expect(text).toContain('  - address: 10.1.0.5');
    expect(text).not.toContain('allocatable');
    expect(text).not.toContain('conditions');
    const design = loadDesign([{ name: 'n.yaml', text }]);
    expect(design.cluster.nodes.map((n) => n.addresses)).toEqual([['10.1.0.5']]);
  });

  it('a whole status without addresses goes, and the object still loads', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\nstatus:\n  phase: Active\n';
    const { text } = stripServerFields(ns);
    expect(text).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n\n\n');
    expect(loadDesign([{ name: 'n.yaml', text }]).cluster.namespaces.map((n) => n.name)).toEqual(['shop']);
  });

  it('a kubectl dump loads to the same model, diagnostics and positions', () => {
    for (const seed of [1, 2]) {
      const { text } = generateDump({ pods: 60, seed });
      const stripped = stripServerFields(text);
      expect(stripped.lines).toBeGreaterThan(text.split('\n').length / 3);
      const a = loadDesign([{ name: 'd.yaml', text }]);
      const b = loadDesign([{ name: 'd.yaml', text: stripped.text }]);
      expect(b.cluster).toEqual(a.cluster);
      expect(b.diagnostics).toEqual(a.diagnostics);
      expect(b.manifests.map((m) => [m.source, m.positions['metadata.name'], m.positions.spec])).toEqual(a.manifests.map((m) => [m.source, m.positions['metadata.name'], m.positions.spec]));
    }
  });
});

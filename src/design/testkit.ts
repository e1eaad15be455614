// Test support for the design layer: designs are checked through YAML text and the engine, the way
// the app uses them (emit -> parse -> normalize -> compile -> evaluate), never by comparing strings.
import { compile, evaluate, type CompiledCluster } from '../engine/index.ts';
import type { Endpoint, Verdict } from '../engine/types.ts';
import { emitYaml, loadDesign, type Design, type KubeObject, type Protocol } from '../model/index.ts';
import { coreDns, deployment, namespace, pod } from './kube.ts';

export function load(objects: readonly KubeObject[]): Design {
  const design = loadDesign([{ name: 'design.yaml', text: emitYaml([...objects]) }]);
  const errors = design.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`design has errors: ${errors.map((e) => `${e.code} ${e.message} (${e.line ?? '?'})`).join('; ')}`);
  return design;
}

export function compiled(objects: readonly KubeObject[]): CompiledCluster {
  return compile(load(objects).cluster);
}

/** `ns/name` or `ip:ADDR`. */
export const ep = (text: string): Endpoint => (text.startsWith('ip:') ? { kind: 'ip', ip: text.slice(3) } : { kind: 'workload', id: text });

export function verdict(c: CompiledCluster, from: string, to: string, port: number | string, protocol: Protocol = 'TCP'): Verdict {
  return evaluate(c, { from: ep(from), to: ep(to), port, protocol });
}

/** A probe checker bound to one design: `allowed('shop/web', 'ip:8.8.8.8', 443)`. */
export function prober(objects: readonly KubeObject[]) {
  const c = compiled(objects);
  return (from: string, to: string, port: number | string, protocol: Protocol = 'TCP'): boolean => verdict(c, from, to, port, protocol).allowed;
}

/**
 * Namespaces shop (web: Deployment, api: Pod), other (client), ingress-nginx (controller), kube-system
 * (coredns, metrics-server). No policies.
 */
export function baseCluster(): KubeObject[] {
  return [
    namespace('shop'),
    namespace('other'),
    namespace('third'),
    namespace('ingress-nginx'),
    namespace('kube-system'),
    ...coreDns(),
    deployment('kube-system', 'metrics-server', { labels: { 'k8s-app': 'metrics-server' }, image: 'metrics-server', ports: [{ name: 'https', containerPort: 10250 }] }),
    deployment('shop', 'web', {
      labels: { app: 'web', tier: 'front' },
      selector: { app: 'web' },
      image: 'nginx',
      ports: [{ name: 'http', containerPort: 8080 }],
    }),
    pod('shop', 'api', {
      labels: { app: 'api' },
      image: 'api',
      ports: [
        { name: 'http', containerPort: 9090 },
        { name: 'metrics', containerPort: 9100 },
        { name: 'syslog', containerPort: 514, protocol: 'UDP' },
        { name: 'sctp', containerPort: 9899, protocol: 'SCTP' },
      ],
    }),
    deployment('other', 'client', { labels: { app: 'client' }, image: 'curl', ports: [{ name: 'http', containerPort: 8080 }] }),
    deployment('third', 'stranger', { labels: { app: 'stranger' }, image: 'curl', ports: [{ name: 'http', containerPort: 8080 }] }),
    deployment('ingress-nginx', 'controller', { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, image: 'ingress-nginx', ports: [{ name: 'http', containerPort: 80 }] }),
  ];
}

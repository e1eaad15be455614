// Traffic to a Service is traffic to its backing pods: the Service port is translated to each
// backend's targetPort (a number, or a container port name resolved per pod) before any policy
// sees it, so the verdict is the backends' verdicts.
import type { Protocol, ServiceModel } from '../model/types.ts';
import type { CompiledCluster } from './compile.ts';
import { EndpointError } from './endpoints.ts';
import { evaluate } from './evaluate.ts';
import { resolveNamedPort } from './ports.ts';
import { matchesSelector } from './selectors.ts';
import type { Endpoint, Verdict } from './types.ts';

export interface ServiceBackendVerdict {
  workload: string;
  /** The targetPort on this backend; undefined when a named targetPort is not on this pod. */
  targetPort?: number;
  verdict?: Verdict;
  allowed: boolean;
}

export interface ServiceVerdict {
  service: string;
  port: number | string;
  protocol: Protocol;
  backends: ServiceBackendVerdict[];
  /** Every backend is reachable (and there is at least one). */
  allowed: boolean;
  /** Some but not all backends are reachable: the connection works only sometimes. */
  partial: boolean;
  summary: string;
}

export function findService(c: CompiledCluster, id: string): ServiceModel {
  const service = c.cluster.services.find((s) => s.id === id);
  if (!service) throw new EndpointError(`unknown service "${id}"`);
  return service;
}

export function evaluateService(c: CompiledCluster, from: Endpoint, serviceId: string, port: number | string, protocol: Protocol): ServiceVerdict {
  const service = findService(c, serviceId);
  const servicePort = service.ports.find((p) => p.protocol === protocol && (p.port === port || (p.name !== undefined && p.name === port)));
  const base = { service: service.id, port, protocol };
  if (!servicePort) {
    const offered = service.ports.map((p) => `${p.protocol}/${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none';
    return { ...base, backends: [], allowed: false, partial: false, summary: `Service ${service.id} has no ${protocol} port ${port} (it offers ${offered}).` };
  }
  const selector = service.selector;
  const backends = selector === undefined
    ? []
    : c.workloads.filter((w) => w.namespace === service.namespace && matchesSelector({ matchLabels: { ...selector } }, w.labels));
  if (backends.length === 0) {
    return { ...base, backends: [], allowed: false, partial: false, summary: `Service ${service.id} selects no pod${selector === undefined ? ' (it has no selector: endpoints are managed by hand)' : ''}.` };
  }
  const results = backends.map((w): ServiceBackendVerdict => {
    const targetPort = typeof servicePort.targetPort === 'number' ? servicePort.targetPort : resolveNamedPort(servicePort.targetPort, protocol, w.ports);
    if (targetPort === undefined) return { workload: w.id, allowed: false };
    const verdict = evaluate(c, { from, to: { kind: 'workload', id: w.id }, port: targetPort, protocol });
    return { workload: w.id, targetPort, verdict, allowed: verdict.allowed };
  });
  const reachable = results.filter((r) => r.allowed).length;
  const allowed = reachable === results.length;
  const partial = reachable > 0 && !allowed;
  const summary = allowed
    ? `Allowed: all ${results.length} backend(s) of Service ${service.id} accept ${protocol}/${servicePort.port} (targetPort ${servicePort.targetPort}).`
    : `${partial ? 'Partly denied' : 'Denied'}: ${reachable} of ${results.length} backend(s) of Service ${service.id} are reachable on ${protocol}/${servicePort.port} -> targetPort ${servicePort.targetPort}. ${results.find((r) => !r.allowed)?.verdict?.summary ?? `A backend has no ${protocol} container port named "${servicePort.targetPort}".`}`;
  return { ...base, backends: results, allowed, partial, summary };
}

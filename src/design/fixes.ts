// Fixes for a denied connection: each a pure action on the manifest set, from the most specific
// (a named switch such as DNS or kube-apiserver) to the general "allow exactly this flow".
import type { Endpoint, Verdict } from '../engine/types.ts';
import type { KubeObject, PolicyType } from '../model/types.ts';
import { allowRuleDefinition, isAllowRuleOn, setAllowRule } from './allowRules.ts';
import { API_SERVER_UNSET, apiServerTarget, assumedDnsWorkloadId, classifyIp, dnsWorkloadId, hostCidr } from './external.ts';
import { addFlow } from './flows.ts';
import { findWorkload, listWorkloads } from './objects.ts';
import type { AllowRuleId, DesignSettings, FlowEnd, RuleTarget } from './types.ts';

export interface Fix {
  /** Stable within one suggestion list (for keys and tests). */
  id: string;
  title: string;
  description: string;
  apply(objects: readonly KubeObject[]): KubeObject[];
  /** Set when the fix cannot apply yet: what the person has to fill first (e.g. the API server endpoint). */
  unavailable?: string;
}

function workloadTarget(endpoint: Endpoint, objects: readonly KubeObject[]): RuleTarget | undefined {
  if (endpoint.kind !== 'workload') return undefined;
  const [namespace = '', name = ''] = endpoint.id.split('/');
  return findWorkload(objects, namespace, name) ? { namespace, workload: name } : undefined;
}

function flowEnd(endpoint: Endpoint, objects: readonly KubeObject[]): FlowEnd | undefined {
  if (endpoint.kind === 'ip') return { kind: 'cidr', cidr: hostCidr(endpoint.ip) };
  const target = workloadTarget(endpoint, objects);
  return target?.workload ? { kind: 'workload', namespace: target.namespace, name: target.workload } : undefined;
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>) =>
  Object.entries(b).every(([k, v]) => a[k] === v);

/** True when the endpoint is the cluster DNS (the DNS workload, or any pod carrying the DNS labels in the DNS namespace). */
function isDnsEndpoint(endpoint: Endpoint, objects: readonly KubeObject[], settings: DesignSettings): boolean {
  if (endpoint.kind !== 'workload') return false;
  if (endpoint.id === dnsWorkloadId(objects, settings)) return true;
  // The DNS pods the cluster has although the YAML does not declare them (src/cluster/assumed).
  if (endpoint.id === assumedDnsWorkloadId(settings) && !dnsWorkloadId(objects, settings)) return true;
  const [namespace = '', name = ''] = endpoint.id.split('/');
  return listWorkloads(objects).some(
    (w) => w.namespace === namespace && w.name === name && namespace === settings.dns.namespace && sameLabels(w.labels, settings.dns.podLabels),
  );
}

function ruleFix(id: AllowRuleId, target: RuleTarget, settings: DesignSettings, why: string): Fix {
  const def = allowRuleDefinition(id);
  const who = target.workload ? `${target.namespace}/${target.workload}` : `namespace ${target.namespace}`;
  return {
    id: `rule:${id}`,
    title: `Turn on "${def.title}" for ${who}`,
    description: `${why} ${def.summary}${def.caution ? ` ${def.caution}` : ''}`,
    apply: (objects) => setAllowRule(objects, id, target, true, settings),
  };
}

/**
 * Ways to allow what the verdict denies. Every fix only adds policies for the side(s) that deny, so
 * it never isolates an end that was open before. Empty when the verdict is allowed or no policy can
 * help (e.g. a named port the destination does not have).
 */
/** Whether an admin-tier Deny decides a denied direction of the verdict. */
export function deniedByAdmin(verdict: Verdict): boolean {
  return [verdict.egress, verdict.ingress].some((d) => !d.allowed && d.decidedBy === 'Admin');
}

export function suggestFixes(verdict: Verdict, objects: readonly KubeObject[], settings: DesignSettings): Fix[] {
  if (verdict.allowed || verdict.resolvedPort === undefined) return [];
  // An admin Deny is final: no NetworkPolicy can open what it closes (it would only lie dormant).
  if (deniedByAdmin(verdict)) return [];
  const { probe } = verdict;
  const port = verdict.resolvedPort;
  const fixes: Fix[] = [];
  const source = workloadTarget(probe.from, objects);
  const egressDenied = !verdict.egress.allowed;
  const ingressDenied = !verdict.ingress.allowed;

  // Specific switches, when only the source's egress is in the way.
  if (egressDenied && !ingressDenied && source) {
    const candidates: { id: AllowRuleId; why: string }[] = [];
    const nodeLocalDns = probe.to.kind === 'ip' && classifyIp(probe.to.ip, settings) === 'dns';
    if (port === 53 && (nodeLocalDns || isDnsEndpoint(probe.to, objects, settings))) {
      candidates.push({ id: 'dnsPortsKubeSystemNamespace', why: 'The workload cannot query the cluster DNS, so it cannot resolve any name.' });
    }
    if (probe.to.kind === 'ip') {
      const kind = classifyIp(probe.to.ip, settings);
      if (kind === 'apiserver' && probe.protocol === 'TCP' && port === apiServerTarget(settings).port) {
        candidates.push({ id: 'kubeApiServer', why: 'The workload cannot reach the Kubernetes API server.' });
      } else if (kind === 'dns') {
        // NodeLocal DNSCache: handled above (DNS switch); no other switch fits a node-local address.
      } else if (kind === 'internet') {
        candidates.push({ id: 'nonPrivateIPs', why: `${probe.to.ip} is a public address.` });
      } else if (kind === 'metadata') {
        candidates.push({ id: 'cloudMetadataServer', why: 'The workload cannot reach the cloud metadata server.' });
      }
    }
    for (const c of candidates) {
      if (isAllowRuleOn(objects, c.id, source)) continue;
      if (c.id === 'kubeApiServer' && !settings.apiServer) {
        // The Service VIP is not what policies see: say what to fill rather than write 10.96.0.1/32.
        fixes.push({
          id: `rule:${c.id}`,
          title: `Set the kube-apiserver endpoint, then turn on "${allowRuleDefinition(c.id).title}" for ${source.workload ? `${source.namespace}/${source.workload}` : `namespace ${source.namespace}`}`,
          description: `${c.why} ${API_SERVER_UNSET[0]!.toUpperCase()}${API_SERVER_UNSET.slice(1)}.`,
          apply: (objs) => [...objs],
          unavailable: 'Set the kube-apiserver endpoint in Settings first.',
        });
        continue;
      }
      fixes.push(ruleFix(c.id, source, settings, c.why));
    }
  }

  // The general fix: exactly this connection, on the denying side(s).
  const from = flowEnd(probe.from, objects);
  const to = flowEnd(probe.to, objects);
  const sides: PolicyType[] = [];
  if (egressDenied && verdict.egress.subject !== null) sides.push('Egress');
  if (ingressDenied && verdict.ingress.subject !== null) sides.push('Ingress');
  const clusterEndsOk =
    (!sides.includes('Egress') || from?.kind === 'workload') && (!sides.includes('Ingress') || to?.kind === 'workload');
  const toUnsetApiServer = probe.to.kind === 'ip' && !settings.apiServer && classifyIp(probe.to.ip, settings) === 'apiserver';
  if (from && to && sides.length > 0 && clusterEndsOk && !toUnsetApiServer) {
    const spec = { from, to, ports: [{ protocol: probe.protocol, port: probe.port }], sides };
    const fromText = probe.from.kind === 'workload' ? probe.from.id : probe.from.ip;
    const toText = probe.to.kind === 'workload' ? probe.to.id : probe.to.ip;
    const where = sides.length === 2 ? 'an egress policy at the source and an ingress policy at the destination' : sides[0] === 'Egress' ? 'an egress policy at the source' : 'an ingress policy at the destination';
    fixes.push({
      id: 'flow',
      title: `Allow ${fromText} -> ${toText} on ${probe.protocol} ${probe.port}`,
      description: `Adds ${where}, allowing only this connection (least privilege).${sides.length === 1 ? ' The other side already allows it.' : ''}`,
      apply: (objs) => addFlow(objs, spec, settings).objects,
    });
  }
  return fixes;
}

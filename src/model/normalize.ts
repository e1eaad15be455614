// Validated objects -> normalized model elements: defaults applied (TCP, ClusterIP, targetPort = port,
// inferred policyTypes), CIDRs masked. Only called on objects without errors, but tolerant of anything.
import { isObj, isSet } from './checker.ts';
import { parseCidr, parseIp } from './net.ts';
import {
  PROTOCOLS, type ContainerPort, type IPBlock, type LabelSelector, type LabelSelectorRequirement, type NetworkPolicy,
  type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicyRule, type ObjectRef, type PolicyType, type Protocol,
  type SelectorOperator, type ServiceModel, type ServicePort, type Workload, type WorkloadKind,
} from './types.ts';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Label maps as the API server stores them: a null value is the empty string. */
export function stringLabels(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isObj(value)) return labels;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') labels[key] = v;
    else if (v === null) labels[key] = '';
  }
  return labels;
}

export function normalizeSelector(value: unknown): LabelSelector {
  const selector: LabelSelector = {};
  if (!isObj(value)) return selector;
  if (isObj(value.matchLabels) && Object.keys(value.matchLabels).length > 0) selector.matchLabels = stringLabels(value.matchLabels);
  if (Array.isArray(value.matchExpressions) && value.matchExpressions.length > 0) {
    selector.matchExpressions = value.matchExpressions.filter(isObj).map((item): LabelSelectorRequirement => {
      const operator = OPERATORS.find((op) => op === item.operator) ?? 'In';
      const requirement: LabelSelectorRequirement = { key: typeof item.key === 'string' ? item.key : '', operator };
      if (operator === 'In' || operator === 'NotIn') {
        requirement.values = Array.isArray(item.values) ? item.values.map((v) => (typeof v === 'string' ? v : '')) : [];
      }
      return requirement;
    });
  }
  return selector;
}

function protocol(value: unknown): Protocol {
  return PROTOCOLS.find((p) => p === value) ?? 'TCP';
}

function maskedCidr(text: unknown): string {
  const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
  return cidr && !('error' in cidr) ? cidr.canonical : String(text);
}

function normalizePeer(value: unknown): NetworkPolicyPeer {
  const peer: NetworkPolicyPeer = {};
  if (!isObj(value)) return peer;
  if (isSet(value.podSelector)) peer.podSelector = normalizeSelector(value.podSelector);
  if (isSet(value.namespaceSelector)) peer.namespaceSelector = normalizeSelector(value.namespaceSelector);
  if (isObj(value.ipBlock)) {
    const except = Array.isArray(value.ipBlock.except) ? value.ipBlock.except.map(maskedCidr) : [];
    const block: IPBlock = { cidr: maskedCidr(value.ipBlock.cidr), except };
    peer.ipBlock = block;
  }
  return peer;
}

function normalizePolicyPort(value: unknown): NetworkPolicyPort {
  const port: NetworkPolicyPort = { protocol: isObj(value) ? protocol(value.protocol) : 'TCP' };
  if (!isObj(value)) return port;
  if (typeof value.port === 'number' || typeof value.port === 'string') port.port = value.port;
  if (typeof value.endPort === 'number') port.endPort = value.endPort;
  return port;
}

function normalizeRules(value: unknown, peersField: 'from' | 'to'): NetworkPolicyRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((item): NetworkPolicyRule => {
    const rule: NetworkPolicyRule = {};
    if (!isObj(item)) return rule;
    const peers = item[peersField];
    if (Array.isArray(peers)) rule.peers = peers.map(normalizePeer);
    if (Array.isArray(item.ports)) rule.ports = item.ports.map(normalizePolicyPort);
    return rule;
  });
}

export function normalizePolicy(object: Record<string, unknown>, ref: ObjectRef, namespace: string): NetworkPolicy {
  const spec = isObj(object.spec) ? object.spec : {};
  const ingress = normalizeRules(spec.ingress, 'from');
  const egress = normalizeRules(spec.egress, 'to');
  const explicit = Array.isArray(spec.policyTypes)
    ? [...new Set(spec.policyTypes.filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress'))]
    : [];
  // SetDefaults_NetworkPolicy: only when policyTypes is empty; Egress only for a non-empty egress list.
  const inferred = explicit.length === 0;
  const policyTypes: PolicyType[] = inferred ? ['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])] : explicit;
  return {
    ref,
    namespace,
    name: ref.name,
    podSelector: normalizeSelector(spec.podSelector),
    policyTypes,
    policyTypesInferred: inferred,
    ingress,
    egress,
  };
}

/** The pod template (labels + spec) a workload's pods are made from. */
function podTemplate(object: Record<string, unknown>, kind: WorkloadKind): { labels: unknown; spec: unknown } {
  if (kind === 'Pod') return { labels: isObj(object.metadata) ? object.metadata.labels : undefined, spec: object.spec };
  const spec = isObj(object.spec) ? object.spec : {};
  const jobSpec = kind === 'CronJob' && isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : spec;
  const template = isObj(jobSpec.template) ? jobSpec.template : {};
  return { labels: isObj(template.metadata) ? template.metadata.labels : undefined, spec: template.spec };
}

function containerPorts(podSpec: unknown): ContainerPort[] {
  if (!isObj(podSpec)) return [];
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  // Native sidecars (init containers with restartPolicy Always) keep running and can serve traffic.
  const sidecars = Array.isArray(podSpec.initContainers)
    ? podSpec.initContainers.filter((c) => isObj(c) && c.restartPolicy === 'Always')
    : [];
  const ports: ContainerPort[] = [];
  for (const container of [...containers, ...sidecars]) {
    if (!isObj(container) || !Array.isArray(container.ports)) continue;
    for (const item of container.ports) {
      if (!isObj(item) || typeof item.containerPort !== 'number') continue;
      const port: ContainerPort = { containerPort: item.containerPort, protocol: protocol(item.protocol) };
      if (typeof item.name === 'string' && item.name !== '') port.name = item.name;
      ports.push(port);
    }
  }
  return ports;
}

function podIps(object: Record<string, unknown>): string[] {
  const status = isObj(object.status) ? object.status : {};
  const candidates: unknown[] = [status.podIP];
  if (Array.isArray(status.podIPs)) for (const entry of status.podIPs) if (isObj(entry)) candidates.push(entry.ip);
  const ips: string[] = [];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const ip = parseIp(candidate);
    if (!('error' in ip) && !ips.includes(ip.canonical)) ips.push(ip.canonical);
  }
  return ips;
}

export function normalizeWorkload(object: Record<string, unknown>, kind: WorkloadKind, ref: ObjectRef, namespace: string, id: string): Workload {
  const template = podTemplate(object, kind);
  return {
    id,
    namespace,
    name: ref.name,
    kind,
    labels: stringLabels(template.labels),
    ports: containerPorts(template.spec),
    ips: kind === 'Pod' ? podIps(object) : [],
    ref,
    ...podPlacement(object, kind, template.spec),
  };
}

/** Replica count, host networking and node placement, each only when the manifest states or implies it. */
function podPlacement(object: Record<string, unknown>, kind: WorkloadKind, podSpec: unknown): Pick<Workload, 'replicas' | 'hostNetwork' | 'nodeName' | 'hostIp' | 'owned'> {
  const out: Pick<Workload, 'replicas' | 'hostNetwork' | 'nodeName' | 'hostIp' | 'owned'> = {};
  const spec = isObj(object.spec) ? object.spec : {};
  // Only a count the manifest states: an unset replicas is 1 by default, but an autoscaler usually
  // owns it then, so the workload may well be several pods.
  const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
  let replicas: number | undefined;
  if (kind === 'Pod') replicas = 1;
  else if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet') replicas = count(spec.replicas);
  else if (kind === 'Job') replicas = count(spec.parallelism);
  else if (kind === 'CronJob') {
    const jobSpec = isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
    replicas = count(jobSpec.parallelism);
  }
  if (replicas !== undefined) out.replicas = replicas;
  if (isObj(podSpec)) {
    if (podSpec.hostNetwork === true) out.hostNetwork = true;
    if (typeof podSpec.nodeName === 'string' && podSpec.nodeName !== '') out.nodeName = podSpec.nodeName;
  }
  if (kind === 'Pod' && isObj(object.status) && typeof object.status.hostIP === 'string' && object.status.hostIP !== '') out.hostIp = object.status.hostIP;
  if (kind === 'Pod' && isObj(object.metadata) && Array.isArray(object.metadata.ownerReferences) && object.metadata.ownerReferences.length > 0) out.owned = true;
  return out;
}

export function normalizeService(object: Record<string, unknown>, ref: ObjectRef, namespace: string): ServiceModel {
  const spec = isObj(object.spec) ? object.spec : {};
  const selector = stringLabels(spec.selector);
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).filter(isObj).map((item): ServicePort => {
    const port = typeof item.port === 'number' ? item.port : 0;
    const target = item.targetPort;
    const targetPort = (typeof target === 'number' && target !== 0) || (typeof target === 'string' && target !== '') ? target : port;
    const servicePort: ServicePort = { port, targetPort, protocol: protocol(item.protocol) };
    if (typeof item.name === 'string' && item.name !== '') servicePort.name = item.name;
    return servicePort;
  });
  const clusterIPs: string[] = [];
  const rawIps = [spec.clusterIP, ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])];
  for (const raw of rawIps) {
    if (typeof raw !== 'string') continue;
    const ip = parseIp(raw);
    if (!('error' in ip) && !clusterIPs.includes(ip.canonical)) clusterIPs.push(ip.canonical);
  }
  const service: ServiceModel = {
    id: `${namespace}/${ref.name}`,
    namespace,
    name: ref.name,
    ports,
    clusterIPs,
    type: typeof spec.type === 'string' ? spec.type : 'ClusterIP',
    ref,
  };
  // An empty selector is dropped when stored, so it behaves like none: no endpoints are managed.
  if (Object.keys(selector).length > 0) service.selector = selector;
  return service;
}

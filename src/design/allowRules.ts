// Ready-made allow rules (switches). Each one is one NetworkPolicy, named after the switch and
// annotated with its id and target, so a reviewer maps every YAML rule to the switch that made it and
// the switch's state is read back from the manifest set alone.
import type { KubeObject, LabelSelector, NetworkPolicyPort } from '../model/types.ts';
import { externalPeers, hostCidr, requireApiServerEndpoint, INTERNET_BLOCK, METADATA_CIDR, PRIVATE_CIDRS } from './external.ts';
import { dnsLabel, uniquePolicyName } from './names.ts';
import {
  annotationOf,
  isNetworkPolicy,
  namespaceOf,
  NAMESPACE_NAME_LABEL,
  networkPolicy,
  workloadSelector,
  type NetworkPolicyObject,
  type RawPeer,
} from './objects.ts';
import {
  ANNOTATION_RULE,
  ANNOTATION_TARGET,
  type AllowRuleDefinition,
  type AllowRuleId,
  type DesignSettings,
  type RuleTarget,
} from './types.ts';

const ADDITIVE =
  'Allow rules are additive: no other rule or policy can narrow what this one allows. Turn it off instead.';

export const ALLOW_RULES: AllowRuleDefinition[] = [
  {
    id: 'defaultDenyIngress',
    title: 'Default deny ingress',
    summary: 'Isolates the pods for ingress: nothing may connect to them unless another rule allows it.',
    direction: 'Ingress',
  },
  {
    id: 'defaultDenyEgress',
    title: 'Default deny egress',
    summary: 'Isolates the pods for egress: they may connect nowhere, not even DNS, unless another rule allows it.',
    direction: 'Egress',
  },
  {
    id: 'dnsPortsKubeSystemNamespace',
    title: 'DNS (cluster DNS pods)',
    summary:
      'Allows port 53 UDP and TCP to the cluster DNS pods only (their pod labels in their namespace). Tighter than ' +
      'zero-to-jupyterhub, which allows port 53 to every pod of kube-system. With NodeLocal DNSCache on (Settings) it ' +
      'also allows 169.254.20.10, where pods then send their queries.',
    direction: 'Egress',
  },
  {
    id: 'dnsPortsPrivateIPs',
    title: 'DNS to private IPs',
    summary: 'Allows port 53 UDP and TCP to any address in 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 (e.g. the kube-dns Service on CNIs that see it, or a resolver on the LAN).',
    direction: 'Egress',
  },
  {
    id: 'dnsPortsCloudMetadataServer',
    title: 'DNS on the cloud metadata server',
    summary: 'Allows port 53 UDP and TCP to 169.254.169.254, which serves DNS on some clouds (GKE, AWS); nothing else on that address.',
    direction: 'Egress',
  },
  {
    id: 'nonPrivateIPs',
    title: 'Internet',
    summary: 'Allows every port to all IPv4 addresses except the private ranges (10/8, 172.16/12, 192.168/16) and the cloud metadata server 169.254.169.254.',
    direction: 'Egress',
    caution: ADDITIVE,
  },
  {
    id: 'privateIPs',
    title: 'Private IPs',
    summary: 'Allows every port to 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16: usually other nodes, the LAN and, depending on the CNI, every pod and service of the cluster.',
    direction: 'Egress',
    caution: ADDITIVE,
  },
  {
    id: 'cloudMetadataServer',
    title: 'Cloud metadata server',
    summary: 'Allows every port to 169.254.169.254, where most clouds hand out the node\'s credentials.',
    direction: 'Egress',
    caution: 'Pods that reach the metadata server can often act with the node\'s cloud identity. Only for pods that need it.',
  },
  {
    id: 'kubeApiServer',
    title: 'kube-apiserver',
    summary:
      'Allows TCP to the API server endpoint (settings: address/32 and port). Policies see traffic after the ' +
      'kubernetes.default Service (port 443) is translated, so use the endpoint address and port (often 6443), ' +
      'not the Service\'s ClusterIP.',
    direction: 'Egress',
  },
  {
    id: 'sameNamespace',
    title: 'Same namespace',
    summary: 'Allows ingress from and egress to every pod of the same namespace, on all ports (one policy with both types).',
    direction: 'Ingress',
    directions: ['Ingress', 'Egress'],
  },
  {
    id: 'ingressFromIngressController',
    title: 'From the ingress controller',
    summary: 'Allows ingress on all ports from every pod of the ingress controller\'s namespace (settings).',
    direction: 'Ingress',
  },
];

export function allowRuleDefinition(id: AllowRuleId): AllowRuleDefinition {
  const def = ALLOW_RULES.find((r) => r.id === id);
  if (!def) throw new Error(`unknown allow rule ${id}`);
  return def;
}

/** The value of the target annotation: `namespace` or `namespace/workload`. */
export function targetKey(target: RuleTarget): string {
  return target.workload ? `${target.namespace}/${target.workload}` : target.namespace;
}

export function parseTargetKey(key: string): RuleTarget {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: key } : { namespace: key.slice(0, slash), workload: key.slice(slash + 1) };
}

const BASE_NAMES: Record<AllowRuleId, string> = {
  defaultDenyIngress: 'default-deny-ingress',
  defaultDenyEgress: 'default-deny-egress',
  dnsPortsKubeSystemNamespace: 'allow-dns-kube-system',
  dnsPortsPrivateIPs: 'allow-dns-private-ips',
  dnsPortsCloudMetadataServer: 'allow-dns-cloud-metadata',
  nonPrivateIPs: 'allow-non-private-ips',
  privateIPs: 'allow-private-ips',
  cloudMetadataServer: 'allow-cloud-metadata',
  kubeApiServer: 'allow-kube-apiserver',
  sameNamespace: 'allow-same-namespace',
  ingressFromIngressController: 'allow-from-ingress-controller',
};

const DNS_PORTS: NetworkPolicyPort[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

const privatePeers = (): RawPeer[] => PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } }));

/**
 * The NetworkPolicy a switch stands for. `objects` is needed when the target is a workload (its pod
 * labels become the podSelector). The name is the readable base name; setAllowRule makes it unique.
 */
export function generateAllowRule(
  id: AllowRuleId,
  target: RuleTarget,
  settings: DesignSettings,
  objects: readonly KubeObject[] = [],
): NetworkPolicyObject {
  const ns = target.namespace;
  const podSelector: LabelSelector = target.workload ? workloadSelector(objects, ns, target.workload) : {};
  const who = target.workload ? `pods of ${ns}/${target.workload}` : `every pod in namespace ${ns}`;
  const name = dnsLabel(target.workload ? `${BASE_NAMES[id]}-${target.workload}` : BASE_NAMES[id]);
  const annotations = { [ANNOTATION_RULE]: id, [ANNOTATION_TARGET]: targetKey(target) };
  const make = (description: string, spec: NetworkPolicyObject['spec']) => networkPolicy(name, ns, annotations, description, spec);
  const egress = (description: string, to: RawPeer[] | undefined, ports?: NetworkPolicyPort[]) =>
    make(description, {
      podSelector,
      policyTypes: ['Egress'],
      egress: [{ ...(to ? { to } : {}), ...(ports ? { ports } : {}) }],
    });

  switch (id) {
    case 'defaultDenyIngress':
      return make(`Denies all ingress to ${who} unless another policy allows it.`, { podSelector, policyTypes: ['Ingress'] });
    case 'defaultDenyEgress':
      return make(`Denies all egress from ${who} (DNS included) unless another policy allows it.`, { podSelector, policyTypes: ['Egress'] });
    case 'dnsPortsKubeSystemNamespace':
      return egress(
        settings.nodeLocalDns
          ? `Allows ${who} to query NodeLocal DNSCache and the cluster DNS pods in ${settings.dns.namespace} on port 53 UDP and TCP.`
          : `Allows ${who} to query the cluster DNS pods in ${settings.dns.namespace} on port 53 UDP and TCP.`,
        externalPeers('dns', settings),
        DNS_PORTS,
      );
    case 'dnsPortsPrivateIPs':
      return egress(`Allows ${who} to reach port 53 UDP and TCP on private IP addresses.`, privatePeers(), DNS_PORTS);
    case 'dnsPortsCloudMetadataServer':
      return egress(`Allows ${who} to reach port 53 UDP and TCP on the cloud metadata server ${METADATA_CIDR}.`, [{ ipBlock: { cidr: METADATA_CIDR } }], DNS_PORTS);
    case 'nonPrivateIPs':
      return egress(
        `Allows ${who} to reach every public IPv4 address on all ports, but not private addresses nor the cloud metadata server.`,
        [{ ipBlock: { cidr: INTERNET_BLOCK.cidr, except: [...INTERNET_BLOCK.except] } }],
      );
    case 'privateIPs':
      return egress(`Allows ${who} to reach every private IPv4 address (10/8, 172.16/12, 192.168/16) on all ports.`, privatePeers());
    case 'cloudMetadataServer':
      return egress(`Allows ${who} to reach the cloud metadata server ${METADATA_CIDR} on all ports.`, [{ ipBlock: { cidr: METADATA_CIDR } }]);
    case 'kubeApiServer': {
      const endpoint = requireApiServerEndpoint(settings);
      return egress(
        `Allows ${who} to reach the Kubernetes API server at ${endpoint.address} on TCP ${endpoint.port}.`,
        [{ ipBlock: { cidr: hostCidr(endpoint.address) } }],
        [{ protocol: 'TCP', port: endpoint.port }],
      );
    }
    case 'sameNamespace':
      return make(`Allows ${who} to talk with every pod of namespace ${ns}, both ways, on all ports.`, {
        podSelector,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      });
    case 'ingressFromIngressController':
      return make(`Allows every pod of namespace ${settings.ingressControllerNamespace} (the ingress controller) to connect to ${who} on all ports.`, {
        podSelector,
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: settings.ingressControllerNamespace } } }] }],
      });
  }
}

/** True for the policies a switch generated for a target. */
export function isAllowRuleObject(object: KubeObject, id: AllowRuleId, target: RuleTarget): boolean {
  return (
    isNetworkPolicy(object) &&
    namespaceOf(object) === target.namespace &&
    annotationOf(object, ANNOTATION_RULE) === id &&
    annotationOf(object, ANNOTATION_TARGET) === targetKey(target)
  );
}

export function isAllowRuleOn(objects: readonly KubeObject[], id: AllowRuleId, target: RuleTarget): boolean {
  return objects.some((o) => isAllowRuleObject(o, id, target));
}

/**
 * The switches that are on for a target, in one pass over the objects (the Rules panel asked
 * isAllowRuleOn once per switch: ten passes over 6,000 objects, ~37 ms per render at 400 namespaces).
 */
export function allowRulesOn(objects: readonly KubeObject[], target: RuleTarget): Set<AllowRuleId> {
  const on = new Set<AllowRuleId>();
  const key = targetKey(target);
  for (const object of objects) {
    if (!isNetworkPolicy(object) || namespaceOf(object) !== target.namespace || annotationOf(object, ANNOTATION_TARGET) !== key) continue;
    const def = ALLOW_RULES.find((r) => r.id === annotationOf(object, ANNOTATION_RULE));
    if (def) on.add(def.id);
  }
  return on;
}

/**
 * Switches a rule on (adds its policy, or regenerates it in place when present, e.g. after settings
 * changed) or off (removes it). Off after on gives back the original manifest set.
 */
export function setAllowRule(
  objects: readonly KubeObject[],
  id: AllowRuleId,
  target: RuleTarget,
  on: boolean,
  settings: DesignSettings,
): KubeObject[] {
  const mine = (o: KubeObject) => isAllowRuleObject(o, id, target);
  if (!on) return objects.filter((o) => !mine(o));
  const generated = generateAllowRule(id, target, settings, objects);
  const policy: NetworkPolicyObject = {
    ...generated,
    metadata: { ...generated.metadata, name: uniquePolicyName(generated.metadata.name, target.namespace, objects, mine) },
  };
  const at = objects.findIndex(mine);
  if (at < 0) return [...objects, policy];
  return [...objects.slice(0, at), policy, ...objects.slice(at + 1).filter((o) => !mine(o))];
}

export interface AllowRuleInstance {
  id: AllowRuleId;
  target: RuleTarget;
  object: KubeObject;
}

/** Every switch that is on in the manifest set, read from the annotations. */
export function listAllowRules(objects: readonly KubeObject[]): AllowRuleInstance[] {
  const out: AllowRuleInstance[] = [];
  for (const object of objects) {
    if (!isNetworkPolicy(object)) continue;
    const id = annotationOf(object, ANNOTATION_RULE);
    const key = annotationOf(object, ANNOTATION_TARGET);
    const def = ALLOW_RULES.find((r) => r.id === id);
    if (!def || key === undefined) continue;
    const target = parseTargetKey(key);
    if (target.namespace !== namespaceOf(object)) continue;
    out.push({ id: def.id, target, object });
  }
  return out;
}

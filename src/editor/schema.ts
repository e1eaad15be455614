// JSON schema for the kinds netpol-designer reads, for monaco-yaml's validation, completion and
// hover. Hand-written from the Kubernetes API reference (networking.k8s.io/v1 NetworkPolicy and the
// network-policy-api's AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy in
// full; the other kinds only as far as policies care: labels, ports, selectors). Never fetched.
import type { JSONSchema } from 'monaco-yaml';

const labels: JSONSchema = {
  type: 'object',
  description: 'Map of string keys and values used to select objects.',
  additionalProperties: { type: 'string' },
};

const labelSelector: JSONSchema = {
  type: 'object',
  description: 'A label query. matchLabels and matchExpressions are ANDed. An empty selector ({}) matches everything.',
  additionalProperties: false,
  properties: {
    matchLabels: { ...labels, description: 'Labels that must all be present with these values.' },
    matchExpressions: {
      type: 'array',
      description: 'Label selector requirements, ANDed.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string', description: 'The label key the selector applies to.' },
          operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'], description: "Key's relationship to the values." },
          values: { type: 'array', items: { type: 'string' }, description: 'Must be non-empty for In and NotIn, empty for Exists and DoesNotExist.' },
        },
      },
    },
  },
};

const objectMeta: JSONSchema = {
  type: 'object',
  description: 'Standard object metadata.',
  properties: {
    name: { type: 'string', description: 'Name, unique within the namespace.' },
    namespace: { type: 'string', description: 'Namespace of the object; "default" when empty.' },
    labels,
    annotations: { type: 'object', additionalProperties: { type: 'string' }, description: 'Unstructured key/value data.' },
  },
};

const protocol: JSONSchema = { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Protocol; defaults to TCP.' };

const policyPort: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    protocol,
    port: {
      type: ['integer', 'string'],
      description: 'Port number or named container port on the destination pod. Absent: all ports of the protocol.',
    },
    endPort: { type: 'integer', minimum: 1, maximum: 65535, description: 'With a numeric port: the inclusive end of a port range.' },
  },
};

const peer: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Pods (podSelector, optionally across namespaces with namespaceSelector) or an ipBlock, never both.',
  properties: {
    podSelector: { ...labelSelector, description: 'Pods to allow. Alone: pods in the policy namespace. With namespaceSelector: pods in the selected namespaces.' },
    namespaceSelector: { ...labelSelector, description: 'Namespaces to allow. {} means all namespaces.' },
    ipBlock: {
      type: 'object',
      additionalProperties: false,
      required: ['cidr'],
      description: 'An IP range. Meant for addresses outside the cluster: pod IPs are ephemeral.',
      properties: {
        cidr: { type: 'string', description: 'A CIDR, e.g. 10.0.0.0/8 or 2001:db8::/64.' },
        except: { type: 'array', items: { type: 'string' }, description: 'CIDRs inside cidr to exclude.' },
      },
    },
  },
};

const networkPolicySpec: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['podSelector'],
  properties: {
    podSelector: { ...labelSelector, description: 'Pods in this namespace the policy applies to. {} selects all pods of the namespace.' },
    policyTypes: {
      type: 'array',
      items: { type: 'string', enum: ['Ingress', 'Egress'] },
      description: 'Directions the selected pods are isolated in. Default: Ingress, plus Egress when egress rules exist.',
    },
    ingress: {
      type: 'array',
      description: 'Allowed incoming traffic. Rules add up. An empty list with Ingress isolation denies all ingress.',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { type: 'array', items: peer, description: 'Sources; empty or absent: every source.' },
          ports: { type: 'array', items: policyPort, description: 'Ports; empty or absent: every port.' },
        },
      },
    },
    egress: {
      type: 'array',
      description: 'Allowed outgoing traffic. Rules add up. An empty list with Egress isolation denies all egress.',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          to: { type: 'array', items: peer, description: 'Destinations; empty or absent: every destination.' },
          ports: { type: 'array', items: policyPort, description: 'Ports; empty or absent: every port.' },
        },
      },
    },
  },
};

const containerPort: JSONSchema = {
  type: 'object',
  required: ['containerPort'],
  properties: {
    name: { type: 'string', description: 'IANA_SVC_NAME: what named ports in policies refer to.' },
    containerPort: { type: 'integer', minimum: 1, maximum: 65535 },
    protocol,
  },
};

const podSpec: JSONSchema = {
  type: 'object',
  properties: {
    containers: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, image: { type: 'string' }, ports: { type: 'array', items: containerPort } } },
    },
  },
};

const podTemplate: JSONSchema = {
  type: 'object',
  properties: { metadata: { type: 'object', properties: { labels } }, spec: podSpec },
};

const workloadSpec: JSONSchema = {
  type: 'object',
  properties: { selector: labelSelector, replicas: { type: 'integer', minimum: 0 }, template: podTemplate },
};

// --- policy.networking.k8s.io: AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1) and
// ClusterNetworkPolicy (v1alpha2). Cluster-scoped, ordered rules with first-match actions.

const namespacedPods: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['namespaceSelector', 'podSelector'],
  description: 'Pods selected by podSelector in the namespaces selected by namespaceSelector.',
  properties: {
    namespaceSelector: { ...labelSelector, description: 'Namespaces; {} selects every namespace.' },
    podSelector: { ...labelSelector, description: 'Pods in those namespaces; {} selects every pod.' },
  },
};

const adminSubject: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The pods the policy applies to: exactly one of namespaces or pods.',
  properties: {
    namespaces: { ...labelSelector, description: 'Every pod in the namespaces this selects.' },
    pods: namespacedPods,
  },
};

const adminPeer = (egress: boolean, v2: boolean): JSONSchema => ({
  type: 'object',
  additionalProperties: false,
  description: egress ? `Exactly one of namespaces, pods, nodes${v2 ? ', networks or domainNames' : ' or networks'}.` : 'Exactly one of namespaces or pods.',
  properties: {
    namespaces: { ...labelSelector, description: 'Every pod in the namespaces this selects.' },
    pods: namespacedPods,
    ...(egress
      ? {
          nodes: { ...labelSelector, description: 'Nodes (their InternalIP and ExternalIP addresses).' },
          networks: { type: 'array', minItems: 1, maxItems: 25, items: { type: 'string' }, description: 'CIDRs outside the cluster, e.g. 203.0.113.0/24.' },
          ...(v2
            ? { domainNames: { type: 'array', minItems: 1, maxItems: 25, items: { type: 'string' }, description: 'Domain names (a leading *. matches subdomains); Accept rules only.' } }
            : {}),
        }
      : {}),
  },
});

const portNumber: JSONSchema = { type: 'integer', minimum: 1, maximum: 65535 };
const portRange = (start: string, end: string, withProtocol: boolean): JSONSchema => ({
  type: 'object',
  additionalProperties: false,
  required: [start, end],
  properties: { ...(withProtocol ? { protocol } : {}), [start]: portNumber, [end]: { ...portNumber, description: 'Inclusive; greater than the start.' } },
});

const v1alpha1Port: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of portNumber, namedPort or portRange.',
  properties: {
    portNumber: { type: 'object', additionalProperties: false, required: ['port'], properties: { protocol, port: portNumber } },
    namedPort: { type: 'string', description: 'A container port name on the destination pods.' },
    portRange: portRange('start', 'end', true),
  },
};

const v1alpha2Destination: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    destinationPort: {
      type: 'object',
      additionalProperties: false,
      description: 'Exactly one of number or range; absent: every port of the protocol.',
      properties: { number: portNumber, range: portRange('start', 'end', false) },
    },
  },
};

const v1alpha2Protocol: JSONSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of tcp, udp, sctp or destinationNamedPort.',
  properties: { tcp: v1alpha2Destination, udp: v1alpha2Destination, sctp: v1alpha2Destination, destinationNamedPort: { type: 'string' } },
};

function adminRules(direction: 'ingress' | 'egress', actions: string[], v2: boolean): JSONSchema {
  const peers = direction === 'ingress' ? 'from' : 'to';
  return {
    type: 'array',
    maxItems: v2 ? 25 : 100,
    description: `Rules in order: the first whose peers and ports match decides (${actions.join(', ')}).`,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['action', peers],
      properties: {
        name: { type: 'string', maxLength: 100 },
        action: { type: 'string', enum: actions, description: 'Pass hands the decision to NetworkPolicies (then the baseline).' },
        [peers]: { type: 'array', minItems: 1, maxItems: 100, items: adminPeer(direction === 'egress', v2) },
        ...(v2 ? { protocols: { type: 'array', items: v1alpha2Protocol } } : { ports: { type: 'array', items: v1alpha1Port } }),
      },
    },
  };
}

const adminSpec = (kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy'): JSONSchema => {
  const v2 = kind === 'ClusterNetworkPolicy';
  const actions = v2 ? ['Accept', 'Deny', 'Pass'] : kind === 'AdminNetworkPolicy' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  return {
    type: 'object',
    additionalProperties: false,
    required: ['subject', ...(kind === 'BaselineAdminNetworkPolicy' ? [] : ['priority']), ...(v2 ? ['tier'] : [])],
    properties: {
      ...(kind === 'BaselineAdminNetworkPolicy' ? {} : { priority: { type: 'integer', minimum: 0, maximum: 1000, description: 'Lower numbers are evaluated first.' } }),
      ...(v2 ? { tier: { type: 'string', enum: ['Admin', 'Baseline'], description: 'Admin: before NetworkPolicies. Baseline: after them.' } } : {}),
      subject: adminSubject,
      ingress: adminRules('ingress', actions, v2),
      egress: adminRules('egress', actions, v2),
    },
  };
};

const kindIs = (kind: string | string[], then: JSONSchema): JSONSchema => ({
  if: { properties: { kind: Array.isArray(kind) ? { enum: kind } : { const: kind } }, required: ['kind'] },
  then,
});

const KINDS = [
  'NetworkPolicy', 'Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'List',
  'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy',
];

const manifest: JSONSchema = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', description: 'Versioned schema of this object, e.g. networking.k8s.io/v1.' },
    kind: { type: 'string', description: 'The kind of object.', examples: KINDS },
    metadata: objectMeta,
  },
  allOf: [
    kindIs('NetworkPolicy', {
      properties: { apiVersion: { const: 'networking.k8s.io/v1' }, spec: networkPolicySpec },
      required: ['metadata', 'spec'],
    }),
    kindIs('Namespace', { properties: { apiVersion: { const: 'v1' } } }),
    kindIs('AdminNetworkPolicy', { properties: { apiVersion: { const: 'policy.networking.k8s.io/v1alpha1' }, spec: adminSpec('AdminNetworkPolicy') }, required: ['metadata', 'spec'] }),
    kindIs('BaselineAdminNetworkPolicy', {
      properties: {
        apiVersion: { const: 'policy.networking.k8s.io/v1alpha1' },
        metadata: { type: 'object', properties: { name: { const: 'default', description: 'The one BaselineAdminNetworkPolicy of a cluster is named default.' } } },
        spec: adminSpec('BaselineAdminNetworkPolicy'),
      },
      required: ['metadata', 'spec'],
    }),
    kindIs('ClusterNetworkPolicy', { properties: { apiVersion: { enum: ['policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1beta1'] }, spec: adminSpec('ClusterNetworkPolicy') }, required: ['metadata', 'spec'] }),
    kindIs('Pod', {
      properties: {
        apiVersion: { const: 'v1' },
        spec: podSpec,
        status: { type: 'object', properties: { podIP: { type: 'string' }, podIPs: { type: 'array', items: { type: 'object', properties: { ip: { type: 'string' } } } } } },
      },
    }),
    kindIs(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], { properties: { apiVersion: { const: 'apps/v1' }, spec: workloadSpec } }),
    kindIs('Job', { properties: { apiVersion: { const: 'batch/v1' }, spec: workloadSpec } }),
    kindIs('CronJob', { properties: { apiVersion: { const: 'batch/v1' }, spec: { type: 'object', properties: { jobTemplate: { type: 'object', properties: { spec: workloadSpec } } } } } }),
    kindIs('Service', {
      properties: {
        apiVersion: { const: 'v1' },
        spec: {
          type: 'object',
          properties: {
            selector: labels,
            type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
            ports: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' }, targetPort: { type: ['integer', 'string'] }, protocol } },
            },
          },
        },
      },
    }),
  ],
};

export const manifestSchema: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes manifests (netpol-designer)',
  ...manifest,
  allOf: [
    ...(manifest.allOf ?? []),
    kindIs('List', { properties: { apiVersion: { const: 'v1' }, items: { type: 'array', items: manifest } }, required: ['items'] }),
  ],
};

// JSON schema for the kinds netpol-designer reads, for monaco-yaml's validation, completion and
// hover. Hand-written from the Kubernetes API reference (networking.k8s.io/v1 NetworkPolicy in
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

const kindIs = (kind: string | string[], then: JSONSchema): JSONSchema => ({
  if: { properties: { kind: Array.isArray(kind) ? { enum: kind } : { const: kind } }, required: ['kind'] },
  then,
});

const KINDS = ['NetworkPolicy', 'Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'List'];

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

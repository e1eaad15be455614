// What of a Kubernetes object the model reads, and nothing else. A kubectl dump is mostly what the
// server added (managedFields, status, the last-applied copy of the object, uids, timestamps) and
// pod detail no policy looks at (images, resources, probes, env); keeping only what the model needs
// makes a 60 MB dump a design of a few MB that evaluates exactly as the full one.
//
// What the model reads (src/model/normalize.ts, admin.ts): metadata name, namespace, labels and
// annotations (flows live in annotations); pod templates' labels and container ports, including
// native sidecars (init containers with restartPolicy Always); Pod status.podIP/podIPs (ipBlock
// peers match pod IPs); Node status.addresses; Service spec; policy spec.
import type { KubeObject } from '../model/types.ts';
import { isWorkloadKind } from '../model/kinds.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The copy `kubectl apply` keeps of the whole object: as large as the object, and never read. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function slimMetadata(meta: Obj): Obj {
  const out: Obj = { name: meta.name };
  if (meta.namespace !== undefined) out.namespace = meta.namespace;
  // A Pod made by a controller is not a bare Pod (the AWS VPC CNI profile tells them apart).
  if (Array.isArray(meta.ownerReferences) && meta.ownerReferences.length > 0) out.ownerReferences = meta.ownerReferences;
  if (isObj(meta.labels) && Object.keys(meta.labels).length > 0) out.labels = meta.labels;
  if (isObj(meta.annotations)) {
    const { [LAST_APPLIED]: _lastApplied, ...rest } = meta.annotations;
    if (Object.keys(rest).length > 0) out.annotations = rest;
  }
  return out;
}

function slimContainer(c: unknown, sidecarOnly: boolean): Obj | undefined {
  if (!isObj(c)) return undefined;
  if (sidecarOnly && c.restartPolicy !== 'Always') return undefined;
  const out: Obj = { name: c.name };
  if (c.image !== undefined) out.image = c.image;
  if (Array.isArray(c.ports) && c.ports.length > 0) out.ports = c.ports;
  if (c.restartPolicy !== undefined) out.restartPolicy = c.restartPolicy;
  return out;
}

function slimPodSpec(spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  const out: Obj = {};
  if (Array.isArray(spec.containers)) out.containers = spec.containers.map((c) => slimContainer(c, false) ?? c);
  if (Array.isArray(spec.initContainers)) {
    const sidecars = spec.initContainers.map((c) => slimContainer(c, true)).filter((c): c is Obj => c !== undefined);
    if (sidecars.length > 0) out.initContainers = sidecars;
  }
  // Host-network pods use the node's address, which matters to a reader of the design.
  if (spec.hostNetwork === true) out.hostNetwork = true;
  if (typeof spec.nodeName === 'string') out.nodeName = spec.nodeName;
  return out;
}

function slimTemplate(template: unknown): unknown {
  if (!isObj(template)) return template;
  const out: Obj = {};
  if (isObj(template.metadata)) {
    const labels = template.metadata.labels;
    out.metadata = isObj(labels) ? { labels } : {};
  }
  if (template.spec !== undefined) out.spec = slimPodSpec(template.spec);
  return out;
}

function slimWorkloadSpec(kind: string, spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  const out: Obj = {};
  for (const key of ['selector', 'replicas'] as const) if (spec[key] !== undefined) out[key] = spec[key];
  if (kind === 'CronJob') {
    const jobTemplate = spec.jobTemplate;
    if (isObj(jobTemplate) && isObj(jobTemplate.spec)) {
      const jobSpec: Obj = {};
      if (jobTemplate.spec.selector !== undefined) jobSpec.selector = jobTemplate.spec.selector;
      jobSpec.template = slimTemplate(jobTemplate.spec.template);
      out.jobTemplate = { spec: jobSpec };
    } else if (jobTemplate !== undefined) out.jobTemplate = jobTemplate;
    if (spec.schedule !== undefined) out.schedule = spec.schedule;
    return out;
  }
  if (spec.template !== undefined) out.template = slimTemplate(spec.template);
  return out;
}

function slimPodStatus(status: unknown): Obj | undefined {
  if (!isObj(status)) return undefined;
  const out: Obj = {};
  for (const key of ['podIP', 'podIPs', 'hostIP', 'hostIPs'] as const) if (status[key] !== undefined) out[key] = status[key];
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The object with only what the model reads. Must be called on objects that validated: the shape
 * is assumed (and left untouched where it is not what is expected).
 */
export function slimObject(object: KubeObject): KubeObject {
  const raw = object as unknown as Obj;
  const { kind } = object;
  const out: Obj = { apiVersion: object.apiVersion, kind, metadata: isObj(raw.metadata) ? slimMetadata(raw.metadata) : raw.metadata };
  if (kind === 'Pod') {
    if (raw.spec !== undefined) out.spec = slimPodSpec(raw.spec);
    const status = slimPodStatus(raw.status);
    if (status) out.status = status;
  } else if (isWorkloadKind(kind)) {
    if (raw.spec !== undefined) out.spec = slimWorkloadSpec(kind, raw.spec);
  } else if (kind === 'Node') {
    if (raw.spec !== undefined) out.spec = raw.spec;
    if (isObj(raw.status) && Array.isArray(raw.status.addresses)) out.status = { addresses: raw.status.addresses };
  } else if (kind !== 'Namespace') {
    // Services and policies: their spec is what they are; their status is the server's.
    if (raw.spec !== undefined) out.spec = raw.spec;
  }
  return out as KubeObject;
}

// Namespace, Pod, pod-template workloads and Service: the fields the model reads, as the API server checks them.
import { Checker, describe, isObj, isSet, type Obj } from './checker.ts';
import { normalizeSelector, stringLabels } from './normalize.ts';
import { dns1123LabelProblems, isPortNumber } from './names.ts';
import { parseIp } from './net.ts';
import { joinIndex, joinKey } from './paths.ts';
import { selectorMatches } from './selector.ts';
import type { WorkloadKind } from './types.ts';
import { validateLabelSelector, validateLabels, validateObjectMeta } from './validate-meta.ts';
import { validatePortName, validateProtocol } from './validate-networkpolicy.ts';

export function validateNamespace(c: Checker, object: Obj): void {
  validateObjectMeta(c, object.metadata, { name: 'dns1123-label', namespaced: false });
  const labels = isObj(object.metadata) && isObj(object.metadata.labels) ? object.metadata.labels : {};
  const automatic = labels['kubernetes.io/metadata.name'];
  const name = isObj(object.metadata) ? object.metadata.name : undefined;
  if (automatic !== undefined && automatic !== name) {
    c.warning('overwritten-label', 'metadata.labels["kubernetes.io/metadata.name"]', `the control plane always sets this label to the namespace name (${String(name)}); ${describe(automatic)} is replaced`);
  }
}

export function validatePod(c: Checker, object: Obj): void {
  validateObjectMeta(c, object.metadata, { name: 'dns1123-subdomain', namespaced: true });
  const spec = c.object(object.spec, 'spec');
  if (spec) validatePodSpec(c, spec, 'spec');
  const status = c.object(object.status, 'status');
  if (!status) return;
  if (isSet(status.podIP)) checkIp(c, status.podIP, 'status.podIP');
  c.list(status.podIPs, 'status.podIPs')?.forEach((item, i) => {
    const path = joinIndex('status.podIPs', i);
    const entry = c.object(item, path);
    if (entry && isSet(entry.ip)) checkIp(c, entry.ip, joinKey(path, 'ip'));
  });
}

function checkIp(c: Checker, value: unknown, path: string): void {
  const text = c.string(value, path);
  if (text === undefined) return;
  const ip = parseIp(text);
  if ('error' in ip) c.warning('invalid-ip', path, `${ip.error}; it is ignored`);
}

const APPS_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob: their pod template. */
export function validateTemplateWorkload(c: Checker, object: Obj, kind: WorkloadKind): void {
  // CronJob names get a timestamp suffix in their Jobs' names, which must stay DNS labels.
  validateObjectMeta(c, object.metadata, { name: 'dns1123-subdomain', namespaced: true, ...(kind === 'CronJob' ? { maxNameLength: 52 } : {}) });
  const spec = c.object(object.spec, 'spec');
  if (!spec) {
    c.error('missing-field', 'spec', `is required for a ${kind}`);
    return;
  }
  let templatePath = 'spec.template';
  let template: Obj | undefined;
  if (kind === 'CronJob') {
    const jobTemplate = c.object(spec.jobTemplate, 'spec.jobTemplate');
    const jobSpec = jobTemplate && c.object(jobTemplate.spec, 'spec.jobTemplate.spec');
    templatePath = 'spec.jobTemplate.spec.template';
    template = jobSpec && c.object(jobSpec.template, templatePath);
  } else {
    template = c.object(spec.template, templatePath);
  }
  if (!template) {
    c.error('missing-field', templatePath, `is required: the pod template of the ${kind}`);
    return;
  }
  const templateMeta = c.object(template.metadata, joinKey(templatePath, 'metadata'));
  const labelsPath = joinKey(joinKey(templatePath, 'metadata'), 'labels');
  if (templateMeta) validateLabels(c, templateMeta.labels, labelsPath);
  const podSpec = c.object(template.spec, joinKey(templatePath, 'spec'));
  if (podSpec) validatePodSpec(c, podSpec, joinKey(templatePath, 'spec'));

  if (!APPS_KINDS.includes(kind)) return;
  if (!isSet(spec.selector)) {
    c.error('missing-field', 'spec.selector', `is required for an apps/v1 ${kind}; it must match the template labels`);
    return;
  }
  const before = c.diagnostics.length;
  validateLabelSelector(c, spec.selector, 'spec.selector', false);
  if (c.diagnostics.slice(before).some((d) => d.severity === 'error') || !isObj(spec.selector)) return;
  const selector = normalizeSelector(spec.selector);
  if (!selector.matchLabels && !selector.matchExpressions) {
    c.error('invalid-selector', 'spec.selector', `must not be empty: an empty selector is invalid for a ${kind}`);
  } else if (!selectorMatches(selector, stringLabels(templateMeta?.labels))) {
    c.error('selector-mismatch', 'spec.selector', `does not match the template labels (${labelsPath}); the API server rejects this`);
  }
}

function validatePodSpec(c: Checker, spec: Obj, path: string): void {
  const namesInPod = new Map<string, string>();
  for (const field of ['containers', 'initContainers'] as const) {
    const listPath = joinKey(path, field);
    c.list(spec[field], listPath)?.forEach((item, i) => {
      const containerPath = joinIndex(listPath, i);
      const container = c.object(item, containerPath);
      if (!container) return;
      const portsPath = joinKey(containerPath, 'ports');
      const namesInContainer = new Set<string>();
      c.list(container.ports, portsPath)?.forEach((portItem, j) => {
        const portPath = joinIndex(portsPath, j);
        const port = c.object(portItem, portPath);
        if (!port) return;
        const numberPath = joinKey(portPath, 'containerPort');
        // Upstream analyzers' test data has such entries; dropping the entry beats dropping the whole workload.
        if (!isSet(port.containerPort)) c.warning('missing-field', numberPath, 'is required (the API server rejects this); the port entry is ignored here');
        else if (!isPortNumber(port.containerPort)) c.error('invalid-port', numberPath, `${describe(port.containerPort)} is not a valid port number (1-65535)`);
        if (isSet(port.hostPort) && port.hostPort !== 0 && !isPortNumber(port.hostPort)) {
          c.error('invalid-port', joinKey(portPath, 'hostPort'), `${describe(port.hostPort)} is not a valid port number (1-65535)`);
        }
        validateProtocol(c, port.protocol, joinKey(portPath, 'protocol'));
        const namePath = joinKey(portPath, 'name');
        const name = c.string(port.name, namePath);
        if (name === undefined || name === '') return;
        const before = c.diagnostics.length;
        validatePortName(c, name, namePath);
        if (c.diagnostics.length > before) return;
        if (namesInContainer.has(name)) c.error('duplicate-port-name', namePath, `port name ${JSON.stringify(name)} is used twice in this container`);
        else if (namesInPod.has(name)) {
          c.warning('duplicate-port-name', namePath, `port name ${JSON.stringify(name)} is also used at ${namesInPod.get(name)}; named ports in policies may match either`);
        }
        namesInContainer.add(name);
        if (!namesInPod.has(name)) namesInPod.set(name, namePath);
      });
    });
  }
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function validateService(c: Checker, object: Obj): void {
  validateObjectMeta(c, object.metadata, { name: 'dns1035-label', namespaced: true });
  const spec = c.object(object.spec, 'spec') ?? {};
  const type = isSet(spec.type) ? c.string(spec.type, 'spec.type') : 'ClusterIP';
  if (type !== undefined && !SERVICE_TYPES.includes(type)) {
    c.error('invalid-value', 'spec.type', `${JSON.stringify(type)} is not a Service type: use ${SERVICE_TYPES.join(', ')}`);
  }
  validateLabels(c, spec.selector, 'spec.selector');
  const clusterIP = isSet(spec.clusterIP) ? c.string(spec.clusterIP, 'spec.clusterIP') : undefined;
  if (clusterIP !== undefined && clusterIP !== '' && clusterIP !== 'None') checkServiceIp(c, clusterIP, 'spec.clusterIP');
  c.list(spec.clusterIPs, 'spec.clusterIPs')?.forEach((item, i) => {
    const path = joinIndex('spec.clusterIPs', i);
    const ip = c.string(item, path);
    if (ip !== undefined && ip !== '' && ip !== 'None') checkServiceIp(c, ip, path);
  });
  const ports = c.list(spec.ports, 'spec.ports');
  if ((!ports || ports.length === 0) && type !== 'ExternalName' && clusterIP !== 'None') {
    c.error('missing-field', 'spec.ports', 'must list at least one port (only headless and ExternalName Services may have none)');
  }
  const names = new Set<string>();
  ports?.forEach((item, i) => {
    const path = joinIndex('spec.ports', i);
    const port = c.object(item, path);
    if (!port) return;
    const numberPath = joinKey(path, 'port');
    if (!isSet(port.port)) c.error('missing-field', numberPath, 'is required');
    else if (!isPortNumber(port.port)) c.error('invalid-port', numberPath, `${describe(port.port)} is not a valid port number (1-65535)`);
    validateProtocol(c, port.protocol, joinKey(path, 'protocol'));
    const namePath = joinKey(path, 'name');
    const name = c.string(port.name, namePath);
    if (name === undefined || name === '') {
      if (ports.length > 1) c.error('missing-field', namePath, 'is required when a Service has more than one port');
    } else {
      for (const problem of dns1123LabelProblems(name)) c.error('invalid-port-name', namePath, problem);
      if (names.has(name)) c.error('duplicate-port-name', namePath, `port name ${JSON.stringify(name)} is used twice`);
      names.add(name);
    }
    const targetPath = joinKey(path, 'targetPort');
    const target = port.targetPort;
    if (typeof target === 'number') {
      if (target !== 0 && !isPortNumber(target)) c.error('invalid-port', targetPath, `${target} is not a valid port number (1-65535)`);
    } else if (typeof target === 'string') {
      validatePortName(c, target, targetPath);
    } else if (isSet(target)) {
      c.error('invalid-type', targetPath, `must be a port number or a container port name, got ${describe(target)}`);
    }
  });
}

function checkServiceIp(c: Checker, text: string, path: string): void {
  const ip = parseIp(text);
  if ('error' in ip) c.error('invalid-ip', path, ip.error);
}

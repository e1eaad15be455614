// What the canvas forms accept, parsed and checked with the API server's own rules, so an object
// created on the page is one `kubectl apply` accepts. Messages name the field and say what to do.
// Names: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
// Labels: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
import {
  dns1035LabelProblems, dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems, portNameProblems, qualifiedNameProblems,
} from '../../model/index.ts';
import { PROTOCOLS, type Protocol } from '../../model/types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** What the name is for: each kind of object has its own rule. */
export type NameRule = 'namespace' | 'workload' | 'service';

/**
 * Namespaces are DNS-1123 labels, Services DNS-1035 labels (they become DNS names), the workloads
 * DNS-1123 subdomains; a Deployment's name also ends up in its pods' names, so 63 keeps it usable.
 */
export function nameProblems(name: string, rule: NameRule): string[] {
  const what = rule === 'namespace' ? 'A namespace name' : rule === 'service' ? 'A Service name' : 'A workload name';
  if (name === '') return [`${what} is required.`];
  const raw = rule === 'namespace' ? dns1123LabelProblems(name) : rule === 'service' ? dns1035LabelProblems(name) : dns1123SubdomainProblems(name);
  if (raw.length === 0 && rule === 'workload' && name.length > 63) return [`${what} must be at most 63 characters (its pods are named after it).`];
  if (raw.length === 0) return [];
  const hint = rule === 'service'
    ? 'lowercase letters, digits and "-", starting with a letter, at most 63 characters'
    : rule === 'namespace'
      ? 'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters'
      : 'lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  return [`${what} "${name}" is not valid: use ${hint}.`];
}

/** `app=web, tier=front` (commas, spaces or new lines between pairs) as labels. */
export function parseLabels(text: string): Parsed<Record<string, string>> {
  const labels: Record<string, string> = {};
  const problems: string[] = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      problems.push(`Label "${part}" needs a value: write key=value.`);
      continue;
    }
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (qualifiedNameProblems(key).length > 0) {
      problems.push(`Label key "${key}" is not valid: an optional DNS prefix and "/", then up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`);
    } else if (labelValueProblems(value).length > 0) {
      problems.push(`Label value "${value}" of ${key} is not valid: up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty).`);
    } else if (key in labels && labels[key] !== value) {
      problems.push(`Label ${key} is given twice.`);
    } else {
      labels[key] = value;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: labels };
}

export const formatLabels = (labels: Readonly<Record<string, string>>): string =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');

export interface ContainerPortSpec {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

/** `http=8080, 9090/UDP, metrics=9100/TCP` as container ports (TCP when no protocol is given). */
export function parsePorts(text: string): Parsed<ContainerPortSpec[]> {
  const ports: ContainerPortSpec[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p !== '')) {
    const m = /^(?:([^=/]+)=)?(\d+)(?:\/([A-Za-z]+))?$/.exec(part);
    if (!m) {
      problems.push(`Port "${part}" is not understood: write 8080, 53/UDP or http=8080/TCP.`);
      continue;
    }
    const [, name, number, protocolText] = m;
    const containerPort = Number(number);
    const protocol = PROTOCOLS.find((p) => p === (protocolText ?? 'TCP').toUpperCase());
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535) problems.push(`Port ${number} is out of range: 1 to 65535.`);
    else if (!protocol) problems.push(`Protocol "${protocolText}" of port ${number} is not TCP, UDP or SCTP.`);
    else if (name !== undefined && portNameProblems(name).length > 0) {
      problems.push(`Port name "${name}" is not valid: up to 15 lowercase letters, digits and "-", with at least one letter.`);
    } else if (ports.some((p) => p.containerPort === containerPort && p.protocol === protocol)) {
      problems.push(`Port ${containerPort}/${protocol} is given twice.`);
    } else if (name !== undefined && ports.some((p) => p.name === name)) {
      problems.push(`Port name "${name}" is given twice.`);
    } else {
      ports.push({ ...(name !== undefined ? { name } : {}), containerPort, protocol });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: ports };
}

export const formatPorts = (ports: readonly ContainerPortSpec[]): string =>
  ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.containerPort}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(', ');

export interface ServicePortText {
  port: number;
  targetPort?: number | string;
  protocol: Protocol;
}

/** `80:http, 443:8443, 53/UDP` as Service ports: port, then `:` and the target (number or name). */
export function parseServicePorts(text: string): Parsed<ServicePortText[]> {
  const ports: ServicePortText[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p !== '')) {
    const m = /^(\d+)(?::([a-z0-9-]+))?(?:\/([A-Za-z]+))?$/.exec(part);
    if (!m) {
      problems.push(`Service port "${part}" is not understood: write 80, 80:http or 53/UDP.`);
      continue;
    }
    const [, number, target, protocolText] = m;
    const port = Number(number);
    const protocol = PROTOCOLS.find((p) => p === (protocolText ?? 'TCP').toUpperCase());
    const targetPort = target === undefined ? undefined : /^\d+$/.test(target) ? Number(target) : target;
    if (port < 1 || port > 65535) problems.push(`Port ${number} is out of range: 1 to 65535.`);
    else if (!protocol) problems.push(`Protocol "${protocolText}" of port ${number} is not TCP, UDP or SCTP.`);
    else if (typeof targetPort === 'number' && (targetPort < 1 || targetPort > 65535)) problems.push(`Target port ${targetPort} is out of range: 1 to 65535.`);
    else if (typeof targetPort === 'string' && portNameProblems(targetPort).length > 0) problems.push(`Target port name "${targetPort}" is not a valid port name.`);
    else if (ports.some((p) => p.port === port && p.protocol === protocol)) problems.push(`Port ${port}/${protocol} is given twice.`);
    else ports.push({ port, ...(targetPort !== undefined ? { targetPort } : {}), protocol });
  }
  if (problems.length === 0 && ports.length === 0) problems.push('A Service needs at least one port.');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: ports };
}

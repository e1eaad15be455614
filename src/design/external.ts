// The outside world as nodes of the graph, and the ipBlock peers that stand for each of them.
import type { Endpoint } from '../engine/types.ts';
import { parseCidr, parseIp, ipInCidr } from '../model/net.ts';
import type { ClusterModel, KubeObject } from '../model/types.ts';
import { listWorkloads, NAMESPACE_NAME_LABEL, type RawPeer } from './objects.ts';
import type { DesignSettings, ExternalId } from './types.ts';

/** RFC 1918 private IPv4 ranges, as zero-to-jupyterhub lists them. */
export const PRIVATE_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
export const METADATA_IP = '169.254.169.254';
export const METADATA_CIDR = `${METADATA_IP}/32`;
/** The internet: every IPv4 address but the private ranges and the cloud metadata server (z2jh's `nonPrivateIPs`). */
export const INTERNET_BLOCK = { cidr: '0.0.0.0/0', except: [...PRIVATE_CIDRS, METADATA_CIDR] } as const;

export interface ExternalNode {
  id: ExternalId;
  title: string;
  description: string;
  /** A representative address used for probes and the matrix. */
  probeIp: string;
  /** The ranges the node stands for (empty for `dns`, which is pods in the cluster). */
  cidrs: string[];
  /** Ranges carved out of `cidrs`. */
  except: string[];
}

export function EXTERNAL_NODES(settings: DesignSettings): ExternalNode[] {
  return [
    {
      id: 'internet',
      title: 'Internet',
      description: 'Every public IPv4 address: 0.0.0.0/0 except the private ranges and the cloud metadata server.',
      probeIp: '8.8.8.8',
      cidrs: [INTERNET_BLOCK.cidr],
      except: [...INTERNET_BLOCK.except],
    },
    {
      id: 'private',
      title: 'Private networks',
      description: 'The RFC 1918 ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16: your LAN, VPCs, other nodes, often pods and services too.',
      probeIp: '10.0.0.10',
      cidrs: [...PRIVATE_CIDRS],
      except: [],
    },
    {
      id: 'metadata',
      title: 'Cloud metadata server',
      description: `${METADATA_IP}: hands out instance credentials on most clouds; pods rarely need it and should not reach it.`,
      probeIp: METADATA_IP,
      cidrs: [METADATA_CIDR],
      except: [],
    },
    {
      id: 'apiserver',
      title: 'kube-apiserver',
      description: `The Kubernetes API at ${settings.apiServer.address}:${settings.apiServer.port} (the endpoint behind the kubernetes.default Service).`,
      probeIp: settings.apiServer.address,
      cidrs: [hostCidr(settings.apiServer.address)],
      except: [],
    },
    {
      id: 'dns',
      title: 'Cluster DNS',
      description: `The DNS pods (${formatLabels(settings.dns.podLabels)}) in namespace ${settings.dns.namespace}, on port 53 UDP and TCP.`,
      // The kube-dns Service's usual ClusterIP; when the design has the DNS pods, use dnsWorkloadId instead.
      probeIp: '10.96.0.10',
      cidrs: [],
      except: [],
    },
  ];
}

const formatLabels = (labels: Record<string, string>): string =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'any labels';

/** `addr/32` (or `/128` for IPv6). */
export function hostCidr(address: string): string {
  return `${address}/${address.includes(':') ? 128 : 32}`;
}

/** The `to`/`from` peer(s) of an external node. */
export function externalPeers(id: ExternalId, settings: DesignSettings): RawPeer[] {
  switch (id) {
    case 'internet':
      return [{ ipBlock: { cidr: INTERNET_BLOCK.cidr, except: [...INTERNET_BLOCK.except] } }];
    case 'private':
      return PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } }));
    case 'metadata':
      return [{ ipBlock: { cidr: METADATA_CIDR } }];
    case 'apiserver':
      return [{ ipBlock: { cidr: hostCidr(settings.apiServer.address) } }];
    case 'dns':
      return [dnsPeer(settings)];
  }
}

/** The cluster DNS pods, selected by their namespace's automatic name label AND their pod labels. */
export function dnsPeer(settings: DesignSettings): RawPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: settings.dns.namespace } },
    podSelector: { matchLabels: { ...settings.dns.podLabels } },
  };
}

const matches = (selector: Record<string, string>, labels: Readonly<Record<string, string>>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** `namespace/name` of the cluster DNS workload when the design has it (so the graph maps the `dns` node onto it). */
export function dnsWorkloadId(source: readonly KubeObject[] | ClusterModel, settings: DesignSettings): string | undefined {
  const workloads = Array.isArray(source)
    ? listWorkloads(source as readonly KubeObject[]).map((w) => ({ namespace: w.namespace, name: w.name, labels: w.labels }))
    : (source as ClusterModel).workloads;
  const hit = workloads.find((w) => w.namespace === settings.dns.namespace && matches(settings.dns.podLabels, w.labels));
  return hit ? `${hit.namespace}/${hit.name}` : undefined;
}

/** The probe endpoint of an external node: the DNS workload when present, else its representative address. */
export function externalEndpoint(id: ExternalId, settings: DesignSettings, source?: readonly KubeObject[] | ClusterModel): Endpoint {
  if (id === 'dns' && source) {
    const workload = dnsWorkloadId(source, settings);
    if (workload) return { kind: 'workload', id: workload };
  }
  const node = EXTERNAL_NODES(settings).find((n) => n.id === id);
  return { kind: 'ip', ip: node?.probeIp ?? '0.0.0.0' };
}

/** Which external node an outside address belongs to (the apiserver first, then metadata, private, internet). */
export function classifyIp(ip: string, settings: DesignSettings): Exclude<ExternalId, 'dns'> | undefined {
  const parsed = parseIp(ip);
  if ('error' in parsed) return undefined;
  const api = parseIp(settings.apiServer.address);
  if (!('error' in api) && api.canonical === parsed.canonical) return 'apiserver';
  if (parsed.canonical === METADATA_IP) return 'metadata';
  if (parsed.family === 6) return undefined;
  const inPrivate = PRIVATE_CIDRS.some((c) => {
    const cidr = parseCidr(c);
    return !('error' in cidr) && ipInCidr(parsed, cidr);
  });
  return inPrivate ? 'private' : 'internet';
}

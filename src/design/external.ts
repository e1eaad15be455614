// The outside world as nodes of the graph, and the ipBlock peers that stand for each of them.
import type { Endpoint } from '../engine/types.ts';
import { parseCidr, parseIp, ipInCidr } from '../model/net.ts';
import type { ClusterModel, KubeObject } from '../model/types.ts';
import { listWorkloads, NAMESPACE_NAME_LABEL, type RawPeer } from './objects.ts';
import { DesignError } from './objects.ts';
import { NODE_LOCAL_DNS_IP, type DesignSettings, type ExternalId, type HostPort } from './types.ts';

/**
 * Where pods' API traffic is judged: the endpoint when the user set it, else the Service VIP (what a
 * pod dials; the real verdict depends on the endpoint behind it, which is then unknown).
 */
export function apiServerTarget(settings: DesignSettings): HostPort {
  return settings.apiServer ?? settings.apiServerVip;
}

/** The endpoint, or a DesignError saying what to fill (the kube-apiserver switch and its fixes need it). */
export function requireApiServerEndpoint(settings: DesignSettings): HostPort {
  if (!settings.apiServer) throw new DesignError(API_SERVER_UNSET);
  return settings.apiServer;
}

export const API_SERVER_UNSET =
  'the kube-apiserver endpoint is not set: fill it in Settings (the address and port behind the kubernetes.default Service, ' +
  'e.g. the control plane nodes on 6443: `kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`). ' +
  'Policies see that endpoint, not the Service VIP';

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
      description: settings.apiServer
        ? `The Kubernetes API at ${settings.apiServer.address}:${settings.apiServer.port} (the endpoint behind the kubernetes.default Service ${settings.apiServerVip.address}:${settings.apiServerVip.port}).`
        : `The Kubernetes API. Its endpoint is not set (Settings): shown at the Service VIP ${settings.apiServerVip.address}:${settings.apiServerVip.port}, which policies do not see.`,
      probeIp: apiServerTarget(settings).address,
      cidrs: [hostCidr(apiServerTarget(settings).address)],
      except: [],
    },
    {
      id: 'dns',
      title: 'Cluster DNS',
      description: settings.nodeLocalDns
        ? `NodeLocal DNSCache at ${NODE_LOCAL_DNS_IP} on every node, which forwards to the DNS pods (${formatLabels(settings.dns.podLabels)}) in namespace ${settings.dns.namespace}.`
        : `The DNS pods (${formatLabels(settings.dns.podLabels)}) in namespace ${settings.dns.namespace}, on port 53 UDP and TCP.`,
      // The DNS pods (assumed when the design does not declare them) stand for this node; see
      // externalEndpoint. With NodeLocal DNSCache, pods query the node-local address instead.
      probeIp: settings.nodeLocalDns ? NODE_LOCAL_DNS_IP : '10.96.0.10',
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
      return [{ ipBlock: { cidr: hostCidr(requireApiServerEndpoint(settings).address) } }];
    case 'dns':
      return settings.nodeLocalDns ? [dnsPeer(settings), { ipBlock: { cidr: hostCidr(NODE_LOCAL_DNS_IP) } }] : [dnsPeer(settings)];
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

/**
 * The name the DNS pods get when the design does not declare them: `coredns`, as kubeadm names the
 * Deployment behind the kube-dns Service.
 * https://kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers/ ("CoreDNS ... kube-dns Service")
 */
export const ASSUMED_DNS_NAME = 'coredns';
export const assumedDnsWorkloadId = (settings: DesignSettings): string => `${settings.dns.namespace}/${ASSUMED_DNS_NAME}`;

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
  if (id === 'dns' && source && !settings.nodeLocalDns) {
    const workload = dnsWorkloadId(source, settings);
    if (workload) return { kind: 'workload', id: workload };
  }
  const node = EXTERNAL_NODES(settings).find((n) => n.id === id);
  return { kind: 'ip', ip: node?.probeIp ?? '0.0.0.0' };
}

/** Which external node an outside address belongs to (the apiserver first, then metadata, private, internet). */
export function classifyIp(ip: string, settings: DesignSettings): ExternalId | undefined {
  const parsed = parseIp(ip);
  if ('error' in parsed) return undefined;
  if (settings.nodeLocalDns && parsed.canonical === NODE_LOCAL_DNS_IP) return 'dns';
  const api = parseIp(apiServerTarget(settings).address);
  if (!('error' in api) && api.canonical === parsed.canonical) return 'apiserver';
  if (parsed.canonical === METADATA_IP) return 'metadata';
  if (parsed.family === 6) return undefined;
  const inPrivate = PRIVATE_CIDRS.some((c) => {
    const cidr = parseCidr(c);
    return !('error' in cidr) && ipInCidr(parsed, cidr);
  });
  return inPrivate ? 'private' : 'internet';
}

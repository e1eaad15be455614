// Where the cluster's own services are, for the commands that judge a design against them (DNS,
// kube-apiserver, ingress controller, pod CIDRs): the same settings the page has, as options.
// The model's parsers, with the API server's rules (the engine's accept `010.0.0.1` as octal, `10.1`, hex).
import { parseCidr, parseIp } from '../model/net.ts';
import { DEFAULT_API_SERVER_VIP, DEFAULT_SETTINGS, type DesignSettings, type HostPort } from '../design/types.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import { profileFromArgs } from './profile.ts';

export const SETTINGS_HELP = `options of every command but lint (the cluster the design runs in; defaults as in the page):
  --api-server ADDR[:PORT]   kube-apiserver endpoint as policies see it, e.g. a control plane node on 6443 (default: not set;
                             PORT defaults to 443)
  --api-server-vip ADDR[:PORT]  the kubernetes.default Service (default ${DEFAULT_SETTINGS.apiServerVip.address}:${DEFAULT_SETTINGS.apiServerVip.port})
  --dns-namespace NS         namespace of the cluster DNS pods (default ${DEFAULT_SETTINGS.dns.namespace})
  --dns-label KEY=VALUE      labels of the DNS pods, repeatable (default ${Object.entries(DEFAULT_SETTINGS.dns.podLabels).map(([k, v]) => `${k}=${v}`).join(',')})
  --ingress-namespace NS     namespace of the ingress controller (default ${DEFAULT_SETTINGS.ingressControllerNamespace})
  --pod-cidr CIDR            pod CIDR of the cluster, repeatable
  --service-cidr CIDR        Service CIDR of the cluster, repeatable (default ${DEFAULT_SETTINGS.serviceCidrs.join(', ')}, assumed)
  --node-local-dns           pods send DNS to NodeLocal DNSCache (169.254.20.10)
  Cluster services the YAML does not declare (the DNS pods, kube-system, the ingress namespace) are assumed from these.`;

const last = (args: ParsedArgs, name: string) => args.options.get(name)?.at(-1);

function hostPort(text: string, option: string): HostPort {
  // `[fd00::1]:6443` for IPv6 with a port; a bare IPv6 address has no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const [address, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : text.split(':').length === 2 ? text.split(':') as [string, string] : [text, undefined];
  const ip = parseIp(address);
  if ('error' in ip) throw new UsageError(`${option}: "${address}" is not an IP address`);
  if (ip.leadingZeros) throw new UsageError(`${option}: "${address}" has leading zeros, which some tools read as octal; write ${ip.canonical}`);
  // 443 without a port, as --api-server always read it (the Service port; endpoints often use 6443).
  const port = portText === undefined ? DEFAULT_API_SERVER_VIP.port : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${option}: port "${portText}" is out of range 1-65535`);
  return { address, port };
}

export function settingsFromArgs(args: ParsedArgs): DesignSettings {
  const api = last(args, '--api-server');
  const labels = args.options.get('--dns-label');
  const podLabels = labels
    ? Object.fromEntries(labels.map((l) => {
      const eq = l.indexOf('=');
      if (eq <= 0) throw new UsageError(`--dns-label: "${l}" is not KEY=VALUE`);
      return [l.slice(0, eq), l.slice(eq + 1)];
    }))
    : DEFAULT_SETTINGS.dns.podLabels;
  const podCidrs = cidrs(args, '--pod-cidr', DEFAULT_SETTINGS.podCidrs);
  const serviceCidrs = cidrs(args, '--service-cidr', DEFAULT_SETTINGS.serviceCidrs);
  const vip = last(args, '--api-server-vip');
  return {
    ...(api ? { apiServer: hostPort(api, '--api-server') } : {}),
    apiServerVip: vip ? hostPort(vip, '--api-server-vip') : DEFAULT_SETTINGS.apiServerVip,
    serviceCidrs,
    nodeLocalDns: args.flags.has('--node-local-dns'),
    ingressControllerNamespace: last(args, '--ingress-namespace') ?? DEFAULT_SETTINGS.ingressControllerNamespace,
    dns: { namespace: last(args, '--dns-namespace') ?? DEFAULT_SETTINGS.dns.namespace, podLabels },
    podCidrs: [...podCidrs],
    ...(args.options.has('--profile') ? { profile: profileFromArgs(args) } : {}),
  };
}

function cidrs(args: ParsedArgs, option: string, fallback: readonly string[]): string[] {
  const given = args.options.get(option) ?? fallback;
  for (const cidr of given) {
    const parsed = parseCidr(cidr);
    if ('error' in parsed) throw new UsageError(`${option}: "${cidr}" is not a CIDR`);
    if (parsed.leadingZeros) throw new UsageError(`${option}: "${cidr}" has leading zeros, which some tools read as octal; write ${parsed.canonical}`);
  }
  return [...given];
}

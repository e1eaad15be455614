// Where the cluster's own services are, for the commands that judge a design against them (DNS,
// kube-apiserver, ingress controller, pod CIDRs): the same settings the page has, as options.
// The model's parsers, with the API server's rules (the engine's accept `010.0.0.1` as octal, `10.1`, hex).
import { parseCidr, parseIp } from '../model/net.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../design/types.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import { profileFromArgs } from './profile.ts';

export const SETTINGS_HELP = `options of diff, report, testplan, findings, check and replay (the cluster's own services; defaults as in the page):
  --api-server ADDR[:PORT]   kube-apiserver as pods reach it (default ${DEFAULT_SETTINGS.apiServer.address}:${DEFAULT_SETTINGS.apiServer.port})
  --dns-namespace NS         namespace of the cluster DNS pods (default ${DEFAULT_SETTINGS.dns.namespace})
  --dns-label KEY=VALUE      labels of the DNS pods, repeatable (default ${Object.entries(DEFAULT_SETTINGS.dns.podLabels).map(([k, v]) => `${k}=${v}`).join(',')})
  --ingress-namespace NS     namespace of the ingress controller (default ${DEFAULT_SETTINGS.ingressControllerNamespace})
  --pod-cidr CIDR            pod or service CIDR of the cluster, repeatable`;

const last = (args: ParsedArgs, name: string) => args.options.get(name)?.at(-1);

function apiServer(text: string): DesignSettings['apiServer'] {
  // `[fd00::1]:6443` for IPv6 with a port; a bare IPv6 address has no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const [address, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : text.split(':').length === 2 ? text.split(':') as [string, string] : [text, undefined];
  const ip = parseIp(address);
  if ('error' in ip) throw new UsageError(`--api-server: "${address}" is not an IP address`);
  if (ip.leadingZeros) throw new UsageError(`--api-server: "${address}" has leading zeros, which some tools read as octal; write ${ip.canonical}`);
  const port = portText === undefined ? DEFAULT_SETTINGS.apiServer.port : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--api-server: port "${portText}" is out of range 1-65535`);
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
  const podCidrs = args.options.get('--pod-cidr') ?? DEFAULT_SETTINGS.podCidrs;
  for (const cidr of podCidrs) {
    const parsed = parseCidr(cidr);
    if ('error' in parsed) throw new UsageError(`--pod-cidr: "${cidr}" is not a CIDR`);
    if (parsed.leadingZeros) throw new UsageError(`--pod-cidr: "${cidr}" has leading zeros, which some tools read as octal; write ${parsed.canonical}`);
  }
  return {
    apiServer: api ? apiServer(api) : DEFAULT_SETTINGS.apiServer,
    ingressControllerNamespace: last(args, '--ingress-namespace') ?? DEFAULT_SETTINGS.ingressControllerNamespace,
    dns: { namespace: last(args, '--dns-namespace') ?? DEFAULT_SETTINGS.dns.namespace, podLabels },
    podCidrs: [...podCidrs],
    ...(args.options.has('--profile') ? { profile: profileFromArgs(args) } : {}),
  };
}

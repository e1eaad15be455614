// Check 5: wide egress ipBlocks. `0.0.0.0/0` reads as "the internet" but also covers the cloud
// metadata server (instance credentials on most clouds) and the private ranges (LAN, VPC, nodes).
import { METADATA_IP, PRIVATE_CIDRS } from '../../design/external.ts';
import { cidrContains, ipInCidr, parseCidr, parseIp, type ParsedCidr } from '../../model/net.ts';
import type { NetworkPolicy, NetworkPolicyRule } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  editSpec, finding, isRecord, listNames, peerPath, policyLabel, rawObject, replaceFix, type ReviewContext,
} from './context.ts';

/** AWS's IPv6 instance metadata endpoint; other clouds serve metadata on IPv4 only. */
const METADATA_IP6 = 'fd00:ec2::254';
/** Unique local IPv6 addresses: the IPv6 counterpart of RFC 1918. */
const PRIVATE_CIDRS6 = ['fc00::/7'];
/** Every cloud's metadata server answers HTTP on port 80. */
const METADATA_PORT = 80;

const parsed = (text: string): ParsedCidr | undefined => {
  const c = parseCidr(text);
  return 'error' in c ? undefined : c;
};

const hostIn = (ip: string, cidr: ParsedCidr): boolean => {
  const p = parseIp(ip);
  return !('error' in p) && ipInCidr(p, cidr);
};

/** Whether the rule's ports let TCP 80 through (a named port never matches an address outside the cluster). */
function admitsMetadataPort(rule: NetworkPolicyRule): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => p.protocol === 'TCP' && (p.port === undefined
    || (typeof p.port === 'number' && METADATA_PORT >= p.port && METADATA_PORT <= (p.endPort ?? p.port))));
}

interface Exposure {
  metadata?: string;
  /** Private ranges the block swallows whole without carving them out. */
  private: string[];
}

/**
 * Exposures worked out before, by block: thousands of policies repeat a few blocks (0.0.0.0/0 except
 * the private ranges), and the review runs again after every toggle. Bounded: cleared when full.
 */
const exposures = new Map<string, Exposure>();
const EXPOSURE_LIMIT = 4096;

/** What a block lets through that its author probably did not mean to; empty when nothing. */
export function exposure(cidrText: string, exceptTexts: readonly string[]): Exposure {
  const key = JSON.stringify([cidrText, exceptTexts]);
  let hit = exposures.get(key);
  if (!hit) {
    if (exposures.size >= EXPOSURE_LIMIT) exposures.clear();
    exposures.set(key, (hit = computeExposure(cidrText, exceptTexts)));
  }
  // A copy: callers own what they get.
  return { ...hit, private: [...hit.private] };
}

function computeExposure(cidrText: string, exceptTexts: readonly string[]): Exposure {
  const cidr = parsed(cidrText);
  const out: Exposure = { private: [] };
  if (!cidr) return out;
  const excepts = exceptTexts.map(parsed).filter((e): e is ParsedCidr => e !== undefined);
  const metadataIp = cidr.family === 4 ? METADATA_IP : METADATA_IP6;
  const hostPrefix = cidr.family === 4 ? 32 : 128;
  // A host route to the metadata server is explicit (z2jh's cloudMetadataServer): only a wider block swallows it unawares.
  if (cidr.prefix < hostPrefix && hostIn(metadataIp, cidr) && !excepts.some((e) => hostIn(metadataIp, e))) {
    out.metadata = `${metadataIp}/${hostPrefix}`;
  }
  for (const text of cidr.family === 4 ? PRIVATE_CIDRS : PRIVATE_CIDRS6) {
    const range = parsed(text)!;
    // Only blocks wider than the range: `10.0.0.0/8` itself (or a part of it) is written on purpose.
    if (cidr.prefix < range.prefix && cidrContains(cidr, range) && !excepts.some((e) => cidrContains(e, range))) out.private.push(text);
  }
  return out;
}

export function checkWideCidrs(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const api = ctx.settings.apiServer ? parseIp(ctx.settings.apiServer.address) : undefined;
  for (const policy of ctx.cluster.policies) {
    if (!policy.policyTypes.includes('Egress')) continue;
    policy.egress.forEach((rule, i) => {
      (rule.peers ?? []).forEach((peer, j) => {
        if (!peer.ipBlock) return;
        const { cidr, except } = peer.ipBlock;
        const found = exposure(cidr, except);
        if (!found.metadata && found.private.length === 0) return;
        const path = `${peerPath('Egress', i, j)}.ipBlock`;
        const metadataOpen = found.metadata !== undefined && admitsMetadataPort(rule);
        const parts = [
          ...(found.metadata ? [`the cloud metadata server ${found.metadata.replace(/\/\d+$/, '')}`] : []),
          ...(found.private.length > 0 ? [`the private ranges ${listNames(found.private, 4)}`] : []),
        ];
        const metadataRisk = found.metadata
          ? metadataOpen
            ? ' Pods that reach the metadata server can usually fetch the node\'s cloud credentials.'
            : ` The rule's ports do not include TCP ${METADATA_PORT}, where the metadata server answers, so that part is narrower than it looks.`
          : '';
        const added = [...(found.metadata ? [found.metadata] : []), ...found.private];
        const apiInside = api !== undefined && !('error' in api) && added.some((c) => {
          const range = parsed(c);
          return range !== undefined && ipInCidr(api, range);
        });
        const fix = exceptFix(ctx, policy, i, j, added,
          `Adds except ${added.join(', ')} to ${cidr}: the pods keep every other address but lose ${parts.join(' and ')}.`
          + (apiInside ? ` The API server ${ctx.settings.apiServer?.address ?? ''} is in there too: if they need it, turn on kube-apiserver for them.` : '')
          + ' Anything they need on a private network then needs its own, narrower rule.');
        out.push(finding(ctx, {
          rule: 'egress-wide-cidr',
          subject: `${policyLabel(policy)}:egress[${i}].to[${j}]`,
          severity: metadataOpen ? 'high' : 'medium',
          title: `NetworkPolicy ${policyLabel(policy)}: egress to ${cidr} includes ${found.metadata ? 'the cloud metadata server' : 'private networks'}`,
          risk: `${cidr}${except.length > 0 ? ` (except ${except.join(', ')})` : ''} also covers ${parts.join(' and ')}.${metadataRisk}${found.private.length > 0 ? ' Private ranges hold the LAN, the VPC, nodes and, on many network plugins, pods and Services.' : ''}`,
          object: policy.ref,
          path,
          fixes: fix ? [fix] : [],
        }));
      });
    });
  }
  return out;
}

function exceptFix(
  ctx: ReviewContext,
  policy: NetworkPolicy,
  ruleIndex: number,
  peerIndex: number,
  additions: readonly string[],
  description: string,
): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    const rules = spec['egress'];
    const rule: unknown = Array.isArray(rules) ? rules[ruleIndex] : undefined;
    const peers: unknown = isRecord(rule) ? rule['to'] : undefined;
    const peer: unknown = Array.isArray(peers) ? peers[peerIndex] : undefined;
    const block: unknown = isRecord(peer) ? peer['ipBlock'] : undefined;
    if (!isRecord(block)) return;
    const existing = Array.isArray(block['except']) ? block['except'] : [];
    block['except'] = [...existing, ...additions];
  });
  return replaceFix(`Carve ${additions.length === 1 ? additions[0] : 'the metadata server and private ranges'} out of the block`, description, policy.ref, fixed);
}

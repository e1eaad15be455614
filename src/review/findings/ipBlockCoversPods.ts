// Check 7: ipBlock peers over cluster addresses. The API says ipBlock is for addresses outside the
// cluster; whether it matches pod traffic (pod IPs are reused and often SNATed) and Service IPs (traffic
// is translated to a pod IP before most plugins look) is up to the network plugin.
import { cidrContains, ipInCidr, parseCidr, parseIp, type ParsedCidr, type ParsedIp } from '../../model/net.ts';
import type { Finding } from '../types.ts';
import { finding, listNames, membersOf, peerPath, policyLabel, type ReviewContext } from './context.ts';

const cidrOf = (text: string): ParsedCidr | undefined => {
  const c = parseCidr(text);
  return 'error' in c ? undefined : c;
};

function inBlock(p: ParsedIp | undefined, cidr: ParsedCidr, excepts: readonly ParsedCidr[]): boolean {
  return p !== undefined && ipInCidr(p, cidr) && !excepts.some((e) => ipInCidr(p, e));
}

/** The part of `range` the block keeps (the narrower of the two when they nest), unless an except removes it. */
function overlaps(range: ParsedCidr, cidr: ParsedCidr, excepts: readonly ParsedCidr[]): boolean {
  const narrower = cidrContains(cidr, range) ? range : cidrContains(range, cidr) ? cidr : undefined;
  return narrower !== undefined && !excepts.some((e) => cidrContains(e, narrower));
}

export function checkIpBlocksOverCluster(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const podCidrs = ctx.settings.podCidrs.map(cidrOf).filter((c): c is ParsedCidr => c !== undefined);
  // Parsed once, and each block's answer once: thousands of namespaces repeat the same internet
  // egress block, and parsing every Service IP for each of them was the cost of this check.
  const serviceIps = ctx.cluster.services.flatMap((s) => s.clusterIPs.map((ip) => {
    const parsed = parseIp(ip);
    return { ip, service: s.id, parsed: 'error' in parsed ? undefined : parsed };
  }));
  const byBlock = new Map<string, { ranges: string[]; services: typeof serviceIps }>();
  for (const cp of ctx.compiled.policies) {
    for (const direction of ['Ingress', 'Egress'] as const) {
      for (const rule of direction === 'Ingress' ? cp.ingress : cp.egress) {
        (rule.rule.peers ?? []).forEach((peer, j) => {
          if (!peer.ipBlock) return;
          const cidr = cidrOf(peer.ipBlock.cidr);
          if (!cidr) return;
          const blockKey = `${peer.ipBlock.cidr} ${peer.ipBlock.except.join(' ')}`;
          let block = byBlock.get(blockKey);
          if (!block) {
            const excepts = peer.ipBlock.except.map(cidrOf).filter((c): c is ParsedCidr => c !== undefined);
            block = { ranges: podCidrs.filter((r) => overlaps(r, cidr, excepts)).map((r) => r.canonical), services: serviceIps.filter((s) => inBlock(s.parsed, cidr, excepts)) };
            byBlock.set(blockKey, block);
          }
          const { ranges, services } = block;
          const matched = rule.peers[j]?.workloads;
          const pods = matched ? membersOf(matched).map((w) => ctx.compiled.workloads[w]!.id) : [];
          if (pods.length === 0 && ranges.length === 0 && services.length === 0) return;
          const hostRoute = cidr.prefix === (cidr.family === 4 ? 32 : 128);
          // A /32 on a Service IP is the author aiming at the Service: it usually matches nothing at all.
          const aimsAtService = hostRoute && services.length > 0;
          const covered = [
            ...(ranges.length > 0 ? [`the pod CIDR ${listNames(ranges)}`] : []),
            ...(pods.length > 0 ? [`the addresses of ${listNames(pods)}`] : []),
            ...(services.length > 0 ? [`the ClusterIP of ${listNames(services.map((s) => `${s.service} (${s.ip})`))}`] : []),
          ];
          const path = `${peerPath(direction, rule.index, j)}.ipBlock`;
          const name = policyLabel(cp.policy);
          out.push(finding(ctx, {
            rule: 'ipblock-covers-cluster',
            subject: `${name}:${path}`,
            severity: aimsAtService ? 'medium' : 'info',
            title: `NetworkPolicy ${name}: ipBlock ${peer.ipBlock.cidr} covers ${aimsAtService ? 'a Service IP' : 'cluster addresses'}`,
            risk: aimsAtService
              ? `${peer.ipBlock.cidr} is the ClusterIP of ${listNames(services.map((s) => s.service))}. Most network plugins apply policies after Service traffic is translated to a pod address, so this peer matches nothing; select the backing pods with a podSelector instead.`
              : `The block covers ${covered.join(' and ')}. ipBlock is meant for addresses outside the cluster: whether it matches pod or Service traffic depends on the network plugin (pod IPs change, and traffic may be translated), so do not rely on it either way; use pod and namespace selectors for in-cluster peers.`,
            object: cp.policy.ref,
            path,
          }));
        });
      }
    }
  }
  return out;
}

// Check 7: ipBlock peers over cluster addresses. The API says ipBlock is for addresses outside the
// cluster; whether it matches pod traffic (pod IPs are reused and often SNATed) and Service IPs (traffic
// is translated to a pod IP before most plugins look) is up to the network plugin.
import { cidrContains, ipInCidr, parseCidr, parseIp, type ParsedCidr } from '../../model/net.ts';
import type { Finding } from '../types.ts';
import { finding, listNames, peerPath, policyLabel, type ReviewContext } from './context.ts';

const cidrOf = (text: string): ParsedCidr | undefined => {
  const c = parseCidr(text);
  return 'error' in c ? undefined : c;
};

function inBlock(ip: string, cidr: ParsedCidr, excepts: readonly ParsedCidr[]): boolean {
  const p = parseIp(ip);
  return !('error' in p) && ipInCidr(p, cidr) && !excepts.some((e) => ipInCidr(p, e));
}

/** The part of `range` the block keeps (the narrower of the two when they nest), unless an except removes it. */
function overlaps(range: ParsedCidr, cidr: ParsedCidr, excepts: readonly ParsedCidr[]): boolean {
  const narrower = cidrContains(cidr, range) ? range : cidrContains(range, cidr) ? cidr : undefined;
  return narrower !== undefined && !excepts.some((e) => cidrContains(e, narrower));
}

export function checkIpBlocksOverCluster(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const podCidrs = ctx.settings.podCidrs.map(cidrOf).filter((c): c is ParsedCidr => c !== undefined);
  const serviceIps = ctx.cluster.services.flatMap((s) => s.clusterIPs.map((ip) => ({ ip, service: s.id })));
  for (const cp of ctx.compiled.policies) {
    for (const direction of ['Ingress', 'Egress'] as const) {
      for (const rule of direction === 'Ingress' ? cp.ingress : cp.egress) {
        (rule.rule.peers ?? []).forEach((peer, j) => {
          if (!peer.ipBlock) return;
          const cidr = cidrOf(peer.ipBlock.cidr);
          if (!cidr) return;
          const excepts = peer.ipBlock.except.map(cidrOf).filter((c): c is ParsedCidr => c !== undefined);
          const pods = ctx.compiled.workloads.filter((_, w) => rule.peers[j]?.workloads.has(w)).map((w) => w.id);
          const ranges = podCidrs.filter((r) => overlaps(r, cidr, excepts)).map((r) => r.canonical);
          const services = serviceIps.filter((s) => inBlock(s.ip, cidr, excepts));
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

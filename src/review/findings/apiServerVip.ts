// Check: an egress rule that allows the API server only at the kubernetes Service's address (the
// VIP, 10.96.0.1:443 by default). Whether a policy sees the Service address or the endpoint it is
// translated to is left to the network plugin, and most judge the endpoint (after kube-proxy's
// translation), so such a rule usually allows nothing the API server answers on.
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("it is not defined
// whether this happens before or after NetworkPolicy processing")
import { ALLOW_RULES, parseTargetKey, setAllowRule } from '../../design/allowRules.ts';
import { ANNOTATION_RULE, ANNOTATION_TARGET } from '../../design/types.ts';
import { ipInCidr, parseCidr, parseIp } from '../../model/net.ts';
import type { NetworkPolicyPort } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import { finding, fixFromObjects, peerPath, policyLabel, rawObject, tryAction, type ReviewContext } from './context.ts';

const portAllows = (ports: readonly NetworkPolicyPort[] | undefined, port: number): boolean =>
  !ports || ports.length === 0 || ports.some((p) => p.protocol === 'TCP' && (p.port === undefined || (typeof p.port === 'number' && p.port <= port && (p.endPort ?? p.port) >= port)));

export function checkApiServerVip(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const vip = ctx.settings.apiServerVip;
  const vipIp = parseIp(vip.address);
  if ('error' in vipIp) return out;
  const endpoint = ctx.settings.apiServer;
  // A VIP the user also gave as the endpoint is what their plugin sees: nothing to say.
  if (endpoint && endpoint.address === vip.address) return out;
  ctx.cluster.policies.forEach((policy) => {
    if (!policy.policyTypes.includes('Egress')) return;
    policy.egress.forEach((rule, i) => {
      (rule.peers ?? []).forEach((peer, j) => {
        const block = peer.ipBlock;
        if (!block || !portAllows(rule.ports, vip.port)) return;
        const cidr = parseCidr(block.cidr);
        // Only narrow blocks: 0.0.0.0/0 or 10.0.0.0/8 also cover the endpoint (or not) for other reasons.
        if ('error' in cidr || cidr.prefix < (cidr.family === 4 ? 24 : 120) || !ipInCidr(vipIp, cidr)) return;
        if (block.except.some((e) => { const x = parseCidr(e); return !('error' in x) && ipInCidr(vipIp, x); })) return;
        const raw = rawObject(ctx, policy.ref);
        const switchId = raw?.metadata.annotations?.[ANNOTATION_RULE];
        const target = raw?.metadata.annotations?.[ANNOTATION_TARGET];
        let fix: FindingFix | undefined;
        if (endpoint && switchId === 'kubeApiServer' && target && ALLOW_RULES.some((r) => r.id === switchId)) {
          const fixed = tryAction(() => setAllowRule(ctx.objects, 'kubeApiServer', parseTargetKey(target), true, ctx.settings));
          fix = fixed && fixFromObjects(ctx, `Regenerate "kube-apiserver" for the endpoint ${endpoint.address}:${endpoint.port}`,
            `Rewrites the switch's policy to allow TCP ${endpoint.port} to ${endpoint.address}/32, the endpoint the plugin sees, instead of the Service address.`, fixed);
        }
        const name = policyLabel(policy);
        out.push(finding(ctx, {
          rule: 'apiserver-vip-allowed',
          subject: `${name}:egress[${i}].to[${j}]`,
          title: `NetworkPolicy ${name}: allows the API server at its Service address ${vip.address}, which policies usually do not see`,
          risk: `Pods dial the kubernetes Service at ${vip.address}:${vip.port}, but the connection is translated to the API server's endpoint, and most network plugins judge policies after that translation: this rule then allows nothing the API server answers on. `
            + (endpoint
              ? `Allow the endpoint ${endpoint.address}:${endpoint.port} (Settings) instead${fix ? '' : ': turn on "kube-apiserver" for these pods'}.`
              : 'Set the API server endpoint in Settings (`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`), then allow it with the kube-apiserver switch.'),
          object: policy.ref,
          path: `${peerPath('Egress', i, j)}.ipBlock`,
          fixes: fix ? [fix] : [],
        }));
      });
    });
  });
  return out;
}

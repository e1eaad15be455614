// The staged-rollout checklist: what order to apply the design in, and what to watch while it lands.
// Plugin notes cite the plugins' own documentation.
import type { ReplayResult } from '../../observed/index.ts';

export type NetworkPlugin = 'cilium' | 'calico' | 'other';
export const NETWORK_PLUGINS: readonly NetworkPlugin[] = ['cilium', 'calico', 'other'];

export interface ChecklistItem {
  title: string;
  detail: string;
}

export function rolloutChecklist(result: ReplayResult | undefined, plugin: NetworkPlugin = 'other'): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  if (result && result.wouldBreak.length > 0) {
    items.push({
      title: `Fix or accept the ${result.wouldBreak.length} would-break group(s) first`,
      detail: 'Every connection in the would-break list worked in the captured traffic and the design denies it. Draw a flow for the ones that must keep working; write down why the others may stop.',
    });
  }
  items.push(
    {
      title: 'Apply the allow policies before any default deny',
      detail: 'An allow policy also isolates the pods it selects in its direction, so apply all allows of a namespace together (one kubectl apply), in a quiet window. Apply the default-deny policies (and admin or baseline denies) last, once every allow is in place; roll back in the reverse order.',
    },
    {
      title: 'Keep DNS and the API server reachable',
      detail: 'An egress lockdown that forgets UDP/TCP 53 to the cluster DNS, or the API server endpoint (not only its Service ClusterIP), breaks most workloads within minutes.',
    },
    {
      title: 'Watch while it lands',
      detail: 'New connection errors and timeouts in the workloads\' logs, restarts and failing readiness probes, DNS query failures, and the CNI\'s drop counters. Keep the previous manifests at hand to roll back (delete the new default denies first).',
    },
    {
      title: 'Replay again with fresh traffic',
      detail: 'Capture traffic again after the rollout (and after batch jobs and cron jobs ran) and replay it: traffic that happens rarely is missing from a short capture.',
    },
  );
  if (plugin === 'cilium') {
    items.push({
      title: 'Cilium: stage the policies in policy audit mode',
      // https://docs.cilium.io/en/stable/security/policy-creation/ (Policy Audit Mode)
      detail: 'With policy audit mode on (the agent option --policy-audit-mode, or per endpoint), Cilium enforces nothing and reports what the policies would drop with the verdict AUDIT; `hubble observe --verdict AUDIT -o json` captures them, and this tool imports that log. Turn audit mode off once the AUDIT flows are the ones you expect. (docs.cilium.io, "Creating Policies from Verdicts")',
    });
  } else if (plugin === 'calico') {
    items.push({
      title: 'Calico: preview the policies as staged policies',
      // https://docs.tigera.io/calico/latest/reference/resources/stagedkubernetesnetworkpolicy
      detail: 'Calico previews a NetworkPolicy without enforcing it as a StagedKubernetesNetworkPolicy (projectcalico.org/v3: the same spec, another apiVersion and kind); its flow logs show what it would deny. Promote it to an enforced NetworkPolicy when the preview matches. (docs.tigera.io, "Staged Kubernetes network policy")',
    });
  }
  return items;
}

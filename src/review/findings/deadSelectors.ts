// Check 6: selectors and named ports that match nothing in the design. A peer that matches nothing
// allows nothing, silently; the classic is `namespaceSelector: {matchLabels: {name: kube-system}}`,
// a label no namespace carries unless someone set it (only kubernetes.io/metadata.name is automatic).
import type { CompiledPolicy, CompiledRule } from '../../engine/compile.ts';
import { formatSelector, isEmptySelector, matchesSelector } from '../../engine/selectors.ts';
import type { LabelSelector, NetworkPolicy, PolicyType } from '../../model/types.ts';
import type { Finding, FindingFix } from '../types.ts';
import {
  editSpec, finding, isRecord, listNames, membersOf, namespacesOf, peerPath, peersField, policyLabel, rawObject, replaceFix, rulePath, rulesField, workloadsByNamespace, type ReviewContext,
} from './context.ts';

const NAME_LABEL = 'kubernetes.io/metadata.name';
/** A selector as kubectl's -l reads it (no spaces after commas). */
const kubectlSelector = (selector: LabelSelector): string => formatSelector(selector).replace(/, /g, ',');

/** The namespaces a selector names by their automatic name label (matchLabels, or an In expression). */
function namesSelected(selector: LabelSelector): string[] {
  const names: string[] = [];
  const byLabel = selector.matchLabels?.[NAME_LABEL];
  if (byLabel !== undefined) names.push(byLabel);
  for (const e of selector.matchExpressions ?? []) if (e.key === NAME_LABEL && e.operator === 'In') names.push(...(e.values ?? []));
  return names;
}

/** `{matchLabels: {k: v}}` where a namespace is named v: the author meant that namespace. */
function intendedNamespace(selector: LabelSelector, names: ReadonlySet<string>): string | undefined {
  const entries = Object.entries(selector.matchLabels ?? {});
  if (entries.length !== 1 || (selector.matchExpressions ?? []).length > 0) return undefined;
  const [key, value] = entries[0]!;
  return key !== NAME_LABEL && names.has(value) ? value : undefined;
}

function namespaceSelectorFix(ctx: ReviewContext, policy: NetworkPolicy, direction: PolicyType, ruleIndex: number, peerIndex: number, namespace: string): FindingFix | undefined {
  const raw = rawObject(ctx, policy.ref);
  if (!raw) return undefined;
  const fixed = editSpec(raw, (spec) => {
    const rules = spec[rulesField(direction)];
    const rule: unknown = Array.isArray(rules) ? rules[ruleIndex] : undefined;
    const peers: unknown = isRecord(rule) ? rule[peersField(direction)] : undefined;
    const peer: unknown = Array.isArray(peers) ? peers[peerIndex] : undefined;
    if (isRecord(peer)) peer['namespaceSelector'] = { matchLabels: { [NAME_LABEL]: namespace } };
  });
  return replaceFix(`Select namespace ${namespace} by ${NAME_LABEL}`,
    `Replaces the selector with ${NAME_LABEL}=${namespace}, the label the control plane sets on every namespace, so the peer matches ${namespace} (combined with the peer's podSelector, if any).`, policy.ref, fixed);
}

export function checkDeadSelectors(ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const { compiled } = ctx;
  const namespaces = namespacesOf(ctx);
  const namespaceNames = new Set(namespaces.map((n) => n.name));
  const byNamespace = workloadsByNamespace(ctx);
  const modelled = (ns: readonly string[]) => ns.some((n) => (byNamespace.get(n)?.length ?? 0) > 0);
  // The namespaces a namespaceSelector matches, once per distinct selector: policies repeat the same
  // few selectors, and matching each peer against every namespace was peers x namespaces (3,000
  // policies x 400 namespaces).
  const scopes = new Map<string, string[]>();
  const namespacesMatching = (selector: LabelSelector): string[] => {
    const key = JSON.stringify(selector);
    let scope = scopes.get(key);
    if (!scope) scopes.set(key, (scope = namespaces.filter((ns) => matchesSelector(selector, ns.labels)).map((ns) => ns.name)));
    return scope;
  };

  compiled.policies.forEach((cp: CompiledPolicy) => {
    const policy = cp.policy;
    const name = policyLabel(policy);
    // Only where the design models pods: a selector into an unmodelled namespace is not evidence of anything.
    if (cp.selected.isEmpty() && modelled([policy.namespace])) {
      out.push(finding(ctx, {
        rule: 'pod-selector-matches-nothing',
        subject: `${name}:spec.podSelector`,
        title: `NetworkPolicy ${name}: its podSelector selects no pod`,
        risk: `spec.podSelector (${formatSelector(policy.podSelector)}) matches none of the pods modelled in ${policy.namespace}, so in this design the policy has no effect. A typo in a label isolates nothing and allows nothing; if the pods it is for are not in the design, check on the cluster: \`kubectl get pods -n ${policy.namespace} -l '${kubectlSelector(policy.podSelector)}'\`.`,
        object: policy.ref,
        path: 'spec.podSelector',
      }));
    }
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules: readonly CompiledRule[] = direction === 'Ingress' ? cp.ingress : cp.egress;
      for (const rule of rules) {
        (rule.rule.peers ?? []).forEach((peer, j) => {
          if (peer.ipBlock) return;
          const path = peerPath(direction, rule.index, j);
          let scope = [policy.namespace];
          if (peer.namespaceSelector) {
            scope = namespacesMatching(peer.namespaceSelector);
            // Every namespace carries its name label: naming one the design does not model is not evidence of a typo.
            const unmodelled = namesSelected(peer.namespaceSelector).filter((n) => !namespaceNames.has(n));
            const namesUnmodelled = unmodelled.length > 0;
            if (scope.length === 0 && namesUnmodelled) {
              // Not a typo: a namespace the design does not model. On the cluster it may well have pods.
              const pods = peer.podSelector && !isEmptySelector(peer.podSelector) ? `pods with ${formatSelector(peer.podSelector)}` : 'pods';
              out.push(finding(ctx, {
                rule: 'selector-outside-design',
                subject: `${name}:${path}`,
                title: `NetworkPolicy ${name}: ${path} matches nothing in this design (namespace ${listNames(unmodelled)})`,
                risk: `The peer names namespace ${listNames(unmodelled)}, which the design does not model, so the graph, Explain and the matrix show nothing for it. `
                  + `On the cluster it allows ${pods} there: check that ${unmodelled.length === 1 ? 'it exists' : 'they exist'} (\`kubectl get pods -n ${unmodelled[0]}${peer.podSelector && !isEmptySelector(peer.podSelector) ? ` -l '${kubectlSelector(peer.podSelector)}'` : ''}\`), or import ${unmodelled.length === 1 ? 'its' : 'their'} manifests to see the paths.`,
                object: policy.ref,
                path: `${path}.namespaceSelector`,
              }));
              return;
            }
            if (scope.length === 0 && !namesUnmodelled) {
              const intended = intendedNamespace(peer.namespaceSelector, namespaceNames);
              const undeclared = namespaces.filter((ns) => !ns.declared).map((ns) => ns.name);
              const fix = intended ? namespaceSelectorFix(ctx, policy, direction, rule.index, j, intended) : undefined;
              out.push(finding(ctx, {
                rule: 'namespace-selector-matches-nothing',
                subject: `${name}:${path}.namespaceSelector`,
                title: `NetworkPolicy ${name}: namespaceSelector ${formatSelector(peer.namespaceSelector)} matches no namespace`,
                risk: `No namespace of the design carries ${formatSelector(peer.namespaceSelector)}, so this peer allows nothing.${intended ? ` Namespace ${intended} has no such label: only ${NAME_LABEL} is set automatically.` : ''}${undeclared.length > 0 ? ` Namespaces only referenced, not declared (${listNames(undeclared)}), are assumed to carry just ${NAME_LABEL}.` : ''}`,
                object: policy.ref,
                path: `${path}.namespaceSelector`,
                fixes: fix ? [fix] : [],
              }));
              return;
            }
          }
          const selector = peer.podSelector ?? {};
          const peerSet = rule.peers[j]?.workloads;
          if (!peerSet || !peerSet.isEmpty() || !modelled(scope)) return;
          // An empty podSelector in a namespace with pods always matches: only a real selector can be dead.
          if (isEmptySelector(selector)) return;
          out.push(finding(ctx, {
            rule: 'pod-selector-matches-nothing',
            subject: `${name}:${path}.podSelector`,
            title: `NetworkPolicy ${name}: peer podSelector ${formatSelector(selector)} selects no pod`,
            risk: `In ${scope.length === 1 ? `namespace ${scope[0]}` : `namespaces ${listNames(scope)}`} no modelled pod carries ${formatSelector(selector)}, so in this design ${path} allows nothing. A typo in a label is the usual cause; if those pods are simply not in the design, check on the cluster: \`kubectl get pods -A -l '${kubectlSelector(selector)}'\`.`,
            object: policy.ref,
            path: `${path}.podSelector`,
          }));
        });
        checkNamedPorts(ctx, cp, rule, direction, out);
      }
    }
  });
  return out;
}

function checkNamedPorts(ctx: ReviewContext, cp: CompiledPolicy, rule: CompiledRule, direction: PolicyType, out: Finding[]): void {
  const { compiled } = ctx;
  const named = (rule.rule.ports ?? []).map((p, k) => ({ p, k })).filter(({ p }) => typeof p.port === 'string');
  if (named.length === 0) return;
  // Where the name is resolved: on the policy's pods for ingress, on the destination pods for egress.
  const destinations = direction === 'Ingress' ? cp.selected : rule.peerWorkloads;
  const onlyIpBlocks = !rule.allPeers && rule.rule.peers?.every((p) => p.ipBlock !== undefined);
  if (destinations.isEmpty() || (direction === 'Egress' && onlyIpBlocks)) return;
  // Only the members (ascending, as a filter of all workloads gives them): a scan per rule made this rules x pods.
  const pods = membersOf(destinations).map((w) => compiled.workloads[w]!);
  const name = policyLabel(cp.policy);
  for (const { p, k } of named) {
    const portName = p.port as string;
    if (pods.some((w) => w.ports.some((cp2) => cp2.name === portName && cp2.protocol === p.protocol))) continue;
    const otherProtocol = pods.flatMap((w) => w.ports).find((cp2) => cp2.name === portName);
    const where = direction === 'Ingress' ? 'the pods this policy selects' : 'the peer pods';
    const path = `${rulePath(direction, rule.index)}.ports[${k}].port`;
    out.push(finding(ctx, {
      rule: 'named-port-unknown',
      subject: `${name}:${path}`,
      title: `NetworkPolicy ${name}: named port "${portName}" (${p.protocol}) exists on none of ${where}`,
      risk: `A named port is resolved on the destination pod's container ports; none of ${where} (${listNames(pods.map((w) => w.id))}) has a ${p.protocol} port named "${portName}", so this port allows nothing.${otherProtocol ? ` "${portName}" exists on ${otherProtocol.protocol}: the protocol must match too.` : ''}`,
      object: cp.policy.ref,
      path,
    }));
  }
}

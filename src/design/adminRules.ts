// Ready-made cluster-wide rules (switches) as network-policy-api objects. Each switch generates its
// own, separately named cluster-scoped policies annotated with the switch's id, so the switch's state
// (on, flavor, priority) is read back from the manifest set alone, like the allow rules.
import { isAdminKind } from '../model/admin.ts';
import type { AdminAction, AdminTier, KubeObject, NetworkPolicyPort, PolicyType } from '../model/types.ts';
import {
  adminPolicyObject,
  adminPriorityOf,
  adminTierOf,
  dnsPods,
  flavorOfKind,
  isAdminObject,
  namespaceNamed,
  priorityHolders,
  uniqueAdminName,
  type AdminFlavor,
  type AdminPolicyObject,
  type AdminPolicySpec,
} from './adminObjects.ts';
import { METADATA_CIDR } from './external.ts';
import { annotationOf, DesignError, listWorkloads, NAMESPACE_NAME_LABEL } from './objects.ts';
import { ANNOTATION_RULE, ANNOTATION_TARGET, DEFAULT_SETTINGS, type DesignSettings } from './types.ts';

export type AdminRuleId =
  | 'allowClusterDns'
  | 'denyMetadataServer'
  | 'isolateTenants'
  | 'denyKubeSystem'
  | 'passSameNamespace'
  | 'baselineDefaultDeny';

export interface AdminRuleDefinition {
  id: AdminRuleId;
  title: string;
  /** One line: what it allows, denies or delegates. */
  summary: string;
  tier: AdminTier;
  action: AdminAction;
  /** The directions its rules match. */
  directions: PolicyType[];
  /**
   * Lower is evaluated first within the tier. The defaults are distinct and ordered so that the DNS
   * allow precedes every deny and the delegation (Pass) comes last. Policies one switch splits into
   * (per tenant, per namespace) share its priority: their subjects never overlap, so no connection
   * meets two of them and the order of equal priorities (undefined in the spec) never matters.
   */
  defaultPriority: number;
  caution?: string;
}

export const DEFAULT_TENANT_LABEL = 'tenant';
const KUBE_SYSTEM = 'kube-system';

const FINAL =
  'Admin-tier Allow and Deny are final: no NetworkPolicy can change the answer for the traffic it matches.';

export const ADMIN_RULES: AdminRuleDefinition[] = [
  {
    id: 'allowClusterDns',
    title: 'Always allow cluster DNS',
    summary:
      'Allows every pod to query the cluster DNS pods (settings) on port 53 UDP and TCP, and the DNS pods to accept those ' +
      'queries, at the admin tier: two policies (egress for all pods, ingress for the DNS pods) that no NetworkPolicy can break.',
    tier: 'Admin',
    action: 'Allow',
    directions: ['Egress', 'Ingress'],
    defaultPriority: 10,
    caution: `${FINAL} Every pod can resolve every Service name. Keep its priority below any admin deny that covers DNS (deny kube-system).`,
  },
  {
    id: 'denyMetadataServer',
    title: 'Deny the cloud metadata server',
    summary: `Denies egress from every pod to ${METADATA_CIDR} on all ports, even where a NetworkPolicy allows 0.0.0.0/0.`,
    tier: 'Admin',
    action: 'Deny',
    directions: ['Egress'],
    defaultPriority: 20,
    caution: `${FINAL} Pods that need the node's cloud identity need an admin Allow flow with a lower priority number.`,
  },
  {
    id: 'isolateTenants',
    title: 'Isolate tenants',
    summary:
      'Denies ingress into each tenant\'s namespaces (grouped by a namespace label, default "tenant") from every other tenant\'s ' +
      'namespaces. One policy per tenant with one Deny rule, because the API cannot say "a different value of the same label" ' +
      '(sameLabels/notSameLabels were dropped). Deny only, no Pass within the tenant: traffic inside a tenant and with shared ' +
      'namespaces (no tenant label) still meets the later admin rules and the NetworkPolicies.',
    tier: 'Admin',
    action: 'Deny',
    directions: ['Ingress'],
    defaultPriority: 30,
    caution:
      `${FINAL} Tenants are read from the Namespaces' labels when the switch is set: a new tenant is denied by the existing ` +
      'tenants at once, but is itself protected only after the switch is set again.',
  },
  {
    id: 'denyKubeSystem',
    title: 'Deny ingress into kube-system',
    summary:
      'Denies ingress into every pod of kube-system from pods of all other namespaces. DNS keeps working only with "Always allow ' +
      'cluster DNS" on at a lower priority number (the default).',
    tier: 'Admin',
    action: 'Deny',
    directions: ['Ingress'],
    defaultPriority: 40,
    caution:
      `${FINAL} Without the DNS switch every pod outside kube-system loses DNS; metrics scrapers and webhooks callers outside ` +
      'kube-system are cut off too. Traffic from outside the cluster is not matched (admin ingress rules cannot name networks).',
  },
  {
    id: 'passSameNamespace',
    title: 'Delegate same-namespace traffic',
    summary:
      'Passes traffic between pods of the same namespace to that namespace\'s NetworkPolicies (and, where none selects the pod, the ' +
      'baseline), skipping every later admin rule. One policy per namespace: "same namespace" cannot be said once for all.',
    tier: 'Admin',
    action: 'Pass',
    directions: ['Ingress', 'Egress'],
    defaultPriority: 50,
    caution:
      'Pass is not Allow: where no NetworkPolicy selects the pod the baseline decides, so with a baseline default deny a namespace ' +
      'without policies cannot talk to itself. Namespaces are read when the switch is set; set it again after adding namespaces.',
  },
  {
    id: 'baselineDefaultDeny',
    title: 'Baseline default deny',
    summary:
      'Denies ingress from every pod and egress to every pod and address for pods that no NetworkPolicy selects (baseline tier), ' +
      'so a namespace is closed until its owners open it with NetworkPolicies. Admin ingress rules cannot name addresses: clients ' +
      'outside the cluster stay allowed. kube-system and the DNS namespace are exempt by default.',
    tier: 'Baseline',
    action: 'Deny',
    directions: ['Ingress', 'Egress'],
    // The last of the Baseline tier, so baseline Allow flows (cnp flavor) come first.
    defaultPriority: 1000,
    caution:
      'A NetworkPolicy that selects a pod for one direction replaces the baseline for that direction entirely. With the anp ' +
      'flavor it is the singleton BaselineAdminNetworkPolicy "default". Ingress from outside the cluster is not matched.',
  },
];

export function adminRuleDefinition(id: AdminRuleId): AdminRuleDefinition {
  const def = ADMIN_RULES.find((r) => r.id === id);
  if (!def) throw new DesignError(`unknown admin rule ${id}`);
  return def;
}

export interface AdminRuleOptions {
  settings?: DesignSettings;
  /** Default: the flavor of the rule's objects when it is on, else 'anp' (AdminNetworkPolicy v1alpha1). */
  flavor?: AdminFlavor;
  /** Default: the rule's current priority when it is on, else the definition's default. */
  priority?: number;
  /** isolateTenants: the namespace label whose values are the tenants. Default: the current one, else `tenant`. */
  tenantLabel?: string;
  /** baselineDefaultDeny: namespaces left out of the baseline. Default: kube-system and the DNS namespace. */
  exemptNamespaces?: string[];
}

const DNS_PORTS: NetworkPolicyPort[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The tenants: distinct values of `key` on the Namespaces of the design, in order of appearance. */
export function tenantsOf(objects: readonly KubeObject[], key: string): string[] {
  return unique(objects.filter((o) => o.kind === 'Namespace').flatMap((o) => {
    const value = o.metadata.labels?.[key];
    return typeof value === 'string' ? [value] : [];
  }));
}

/** Every namespace of the design: declared Namespaces, then namespaces that only workloads mention. */
export function designNamespaces(objects: readonly KubeObject[]): string[] {
  return unique([
    ...objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name),
    ...listWorkloads(objects).map((w) => w.namespace),
  ]);
}

const notIn = (key: string, values: string[]) => ({ matchExpressions: [{ key, operator: 'NotIn' as const, values }] });

interface Resolved {
  settings: DesignSettings;
  flavor: AdminFlavor;
  priority: number;
  tenantLabel: string;
  exemptNamespaces: string[];
}

function policySpecs(id: AdminRuleId, o: Resolved, objects: readonly KubeObject[]): AdminPolicySpec[] {
  const { settings, priority } = o;
  const base = (name: string, description: string, target?: string) => ({
    tier: adminRuleDefinition(id).tier,
    name,
    priority,
    annotations: { [ANNOTATION_RULE]: id, ...(target === undefined ? {} : { [ANNOTATION_TARGET]: target }) },
    description,
    ingress: [],
    egress: [],
  });
  const dns = `the cluster DNS pods in ${settings.dns.namespace}`;
  switch (id) {
    case 'allowClusterDns':
      return [
        {
          ...base('allow-cluster-dns-egress', `Allows every pod to query ${dns} on port 53 UDP and TCP, whatever the NetworkPolicies say.`),
          subject: { namespaces: {} },
          egress: [{ name: 'allow-dns', action: 'Allow', peers: [dnsPods(settings)], ports: DNS_PORTS }],
        },
        {
          ...base('allow-cluster-dns-ingress', `Allows ${dns} to accept queries from every pod on port 53 UDP and TCP, whatever the NetworkPolicies say.`),
          subject: dnsPods(settings),
          ingress: [{ name: 'allow-dns-queries', action: 'Allow', peers: [{ namespaces: {} }], ports: DNS_PORTS }],
        },
      ];
    case 'denyMetadataServer':
      return [{
        ...base('deny-cloud-metadata', `Denies every pod any connection to the cloud metadata server ${METADATA_CIDR}, whatever the NetworkPolicies say.`),
        subject: { namespaces: {} },
        egress: [{ name: 'deny-metadata-server', action: 'Deny', peers: [{ networks: [METADATA_CIDR] }] }],
      }];
    case 'isolateTenants': {
      const key = o.tenantLabel;
      const tenants = tenantsOf(objects, key);
      if (tenants.length === 0) throw new DesignError(`no Namespace has the label "${key}": label each tenant's namespaces first`);
      return tenants.map((tenant) => ({
        ...base(
          `isolate-tenant-${tenant}`,
          `Denies pods of every other tenant (namespaces whose ${key} label is not ${tenant}) any connection into tenant ${tenant} ` +
            `(namespaces with ${key}=${tenant}), whatever the NetworkPolicies say. Traffic within the tenant and from namespaces ` +
            'of no tenant goes on to the next rules.',
          `${key}=${tenant}`,
        ),
        subject: { namespaces: { matchLabels: { [key]: tenant } } },
        ingress: [{
          name: 'deny-from-other-tenants',
          action: 'Deny',
          // NotIn alone also matches namespaces without the label (shared ones); Exists keeps to tenants.
          peers: [{ namespaces: { matchExpressions: [{ key, operator: 'Exists' }, { key, operator: 'NotIn', values: [tenant] }] } }],
        }],
      }));
    }
    case 'denyKubeSystem':
      return [{
        ...base('deny-kube-system-ingress', `Denies pods of every namespace but ${KUBE_SYSTEM} any connection into ${KUBE_SYSTEM}, whatever the NetworkPolicies say.`),
        subject: { namespaces: namespaceNamed(KUBE_SYSTEM) },
        ingress: [{ name: 'deny-from-other-namespaces', action: 'Deny', peers: [{ namespaces: notIn(NAMESPACE_NAME_LABEL, [KUBE_SYSTEM]) }] }],
      }];
    case 'passSameNamespace': {
      const namespaces = designNamespaces(objects);
      if (namespaces.length === 0) throw new DesignError('the design has no namespaces to delegate');
      return namespaces.map((ns) => ({
        ...base(
          `pass-same-namespace-${ns}`,
          `Hands traffic between pods of namespace ${ns} to its NetworkPolicies (or the baseline where none selects the pod), past every later admin rule.`,
          ns,
        ),
        subject: { namespaces: namespaceNamed(ns) },
        ingress: [{ name: 'pass-same-namespace', action: 'Pass', peers: [{ namespaces: namespaceNamed(ns) }] }],
        egress: [{ name: 'pass-same-namespace', action: 'Pass', peers: [{ namespaces: namespaceNamed(ns) }] }],
      }));
    }
    case 'baselineDefaultDeny': {
      const exempt = o.exemptNamespaces;
      const who = exempt.length > 0 ? `every pod outside the namespaces ${exempt.join(' and ')}` : 'every pod';
      return [{
        ...base(
          'baseline-default-deny',
          `Denies all ingress from pods and all egress of ${who}, except in a direction for which a NetworkPolicy selects the pod: there the NetworkPolicies decide.`,
        ),
        subject: { namespaces: exempt.length > 0 ? notIn(NAMESPACE_NAME_LABEL, exempt) : {} },
        ingress: [{ name: 'default-deny-ingress', action: 'Deny', peers: [{ namespaces: {} }] }],
        // Pods without a known IP are matched by the namespaces peer; everything else by the networks.
        egress: [{ name: 'default-deny-egress', action: 'Deny', peers: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }],
      }];
    }
  }
}

/** True for the cluster-scoped policies a switch generated. */
export function isAdminRuleObject(object: KubeObject, id: AdminRuleId): boolean {
  return isAdminObject(object) && annotationOf(object, ANNOTATION_RULE) === id;
}

export function isAdminRuleOn(objects: readonly KubeObject[], id: AdminRuleId): boolean {
  return objects.some((o) => isAdminRuleObject(o, id));
}

export interface AdminRuleInstance {
  id: AdminRuleId;
  flavor: AdminFlavor;
  tier: AdminTier;
  /** Undefined for the BaselineAdminNetworkPolicy, which has no priority. */
  priority: number | undefined;
  objects: KubeObject[];
}

/** Every switch that is on, read from the annotations, in ADMIN_RULES order. */
export function listAdminRules(objects: readonly KubeObject[]): AdminRuleInstance[] {
  // One pass over a large design's objects, then one per rule over the few admin objects.
  const admin = objects.filter(isAdminObject);
  return ADMIN_RULES.flatMap((def): AdminRuleInstance[] => {
    const mine = admin.filter((o) => isAdminRuleObject(o, def.id));
    const first = mine[0];
    if (!first || !isAdminKind(first.kind)) return [];
    return [{
      id: def.id,
      flavor: flavorOfKind(first.kind),
      tier: adminTierOf(first) ?? def.tier,
      priority: adminPriorityOf(first),
      objects: mine,
    }];
  });
}

function resolveOptions(id: AdminRuleId, options: AdminRuleOptions, objects: readonly KubeObject[]): Resolved {
  const current = listAdminRules(objects).find((r) => r.id === id);
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const currentTenantLabel = current?.objects
    .map((o) => annotationOf(o, ANNOTATION_TARGET)?.split('=')[0])
    .find((k): k is string => k !== undefined && k !== '');
  return {
    settings,
    flavor: options.flavor ?? current?.flavor ?? 'anp',
    priority: options.priority ?? current?.priority ?? adminRuleDefinition(id).defaultPriority,
    tenantLabel: options.tenantLabel ?? (id === 'isolateTenants' ? currentTenantLabel : undefined) ?? DEFAULT_TENANT_LABEL,
    exemptNamespaces: options.exemptNamespaces ?? unique([KUBE_SYSTEM, settings.dns.namespace]),
  };
}

/**
 * The policies a switch stands for, with readable base names (setAdminRule makes them unique).
 * `objects` supplies the tenants (isolateTenants), the namespaces (passSameNamespace) and the
 * rule's current flavor and priority when the options leave them out.
 */
export function generateAdminRule(id: AdminRuleId, options: AdminRuleOptions = {}, objects: readonly KubeObject[] = []): AdminPolicyObject[] {
  const resolved = resolveOptions(id, options, objects);
  return policySpecs(id, resolved, objects).map((spec) => adminPolicyObject(resolved.flavor, spec));
}

const priorityOfRule = (objects: readonly KubeObject[], id: AdminRuleId): number | undefined =>
  listAdminRules(objects).find((r) => r.id === id)?.priority;

/** Orders the switches depend on; checked whenever one is set. */
function checkOrdering(objects: readonly KubeObject[], settings: DesignSettings): void {
  const dns = priorityOfRule(objects, 'allowClusterDns');
  const kubeSystem = priorityOfRule(objects, 'denyKubeSystem');
  if (dns !== undefined && kubeSystem !== undefined && settings.dns.namespace === KUBE_SYSTEM && dns >= kubeSystem) {
    throw new DesignError(
      `"Always allow cluster DNS" (priority ${dns}) must come before "Deny ingress into kube-system" (priority ${kubeSystem}): ` +
        'give it a lower priority number, or the deny wins and DNS breaks',
    );
  }
}

/**
 * Switches a rule on (adds its policies, or regenerates them in place, e.g. after the settings, the
 * tenants or the flavor changed) or off (removes them). Off after on gives back the original set.
 * Throws DesignError when the priority is taken by another policy of the tier (their order would be
 * undefined) or breaks an order the rules depend on.
 */
export function setAdminRule(objects: readonly KubeObject[], id: AdminRuleId, on: boolean, options: AdminRuleOptions = {}): KubeObject[] {
  const mine = (o: KubeObject) => isAdminRuleObject(o, id);
  if (!on) return objects.filter((o) => !mine(o));
  const rest = objects.filter((o) => !mine(o));
  const generated = generateAdminRule(id, options, objects);
  const named: KubeObject[] = [];
  for (const policy of generated) {
    if (policy.kind === 'BaselineAdminNetworkPolicy') {
      const other = rest.find((o) => o.kind === 'BaselineAdminNetworkPolicy');
      if (other) {
        throw new DesignError(
          `the design already has a BaselineAdminNetworkPolicy "${other.metadata.name}" (a singleton): edit it, or use the cnp flavor`,
        );
      }
      named.push(policy);
      continue;
    }
    const name = uniqueAdminName(policy.metadata.name, policy.kind, [...rest, ...named]);
    named.push({ ...policy, metadata: { ...policy.metadata, name } });
  }
  const first = named[0];
  const priority = first ? adminPriorityOf(first) : undefined;
  const tier = first ? adminTierOf(first) : undefined;
  if (priority !== undefined && tier !== undefined) {
    const holders = priorityHolders(rest, tier, priority);
    if (holders.length > 0) {
      throw new DesignError(
        `priority ${priority} of the ${tier} tier is taken by ${holders.map((h) => `${h.kind} ${h.metadata.name}`).join(', ')}; choose another`,
      );
    }
  }
  const at = objects.findIndex(mine);
  const insertAt = at < 0 ? rest.length : objects.slice(0, at).filter((o) => !mine(o)).length;
  const result = [...rest.slice(0, insertAt), ...named, ...rest.slice(insertAt)];
  checkOrdering(result, options.settings ?? DEFAULT_SETTINGS);
  return result;
}


// A platform team's multi-tenant cluster, guarded with cluster-scoped policies (network-policy-api)
// made by the designer's admin switches and admin flows; one tenant writes NetworkPolicies, the
// other relies on the baseline.
import type { KubeObject } from '../../model/types.ts';
import { addAdminFlow, type AdminFlowOptions } from '../adminFlows.ts';
import { setAdminRule, type AdminRuleId } from '../adminRules.ts';
import { setAllowRule } from '../allowRules.ts';
import { addFlow } from '../flows.ts';
import { coreDns, deployment, namespace, service } from '../kube.ts';
import { DEFAULT_SETTINGS, type DesignSettings, type FlowSpec } from '../types.ts';

export const MULTI_TENANT_SETTINGS: DesignSettings = DEFAULT_SETTINGS;

const app = (name: string) => ({ 'app.kubernetes.io/name': name });
const metrics = { name: 'metrics', containerPort: 9100 };

function cluster(): KubeObject[] {
  return [
    namespace('tenant-a', { tenant: 'a' }),
    namespace('tenant-b', { tenant: 'b' }),
    namespace('monitoring'),
    namespace('kube-system'),
    ...coreDns(),
    deployment('tenant-a', 'web', { labels: app('web'), image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }),
    service('tenant-a', 'web', app('web'), [{ name: 'http', port: 80, targetPort: 'http' }]),
    deployment('tenant-a', 'api', { labels: app('api'), image: 'registry.example/tenant-a/api:2.3', ports: [{ name: 'http', containerPort: 9090 }, metrics] }),
    service('tenant-a', 'api', app('api'), [{ name: 'http', port: 80, targetPort: 'http' }]),
    deployment('tenant-b', 'shop', { labels: app('shop'), image: 'registry.example/tenant-b/shop:1.0', ports: [{ name: 'http', containerPort: 8080 }, metrics] }),
    service('tenant-b', 'shop', app('shop'), [{ name: 'http', port: 80, targetPort: 'http' }]),
    deployment('tenant-b', 'db', { labels: app('db'), image: 'postgres:17', ports: [{ name: 'pg', containerPort: 5432 }] }, 'StatefulSet'),
    service('tenant-b', 'db', app('db'), [{ name: 'pg', port: 5432, targetPort: 'pg' }]),
    deployment('monitoring', 'prometheus', { labels: app('prometheus'), image: 'prom/prometheus:v3.2.1', ports: [{ name: 'http', containerPort: 9090 }] }, 'StatefulSet'),
  ];
}

/** The platform team's switches, in their default priorities (DNS 10, metadata 20, tenants 30, Pass 50, baseline). */
export const MULTI_TENANT_RULES: AdminRuleId[] = ['allowClusterDns', 'denyMetadataServer', 'isolateTenants', 'passSameNamespace', 'baselineDefaultDeny'];

const prometheus = { kind: 'workload', namespace: 'monitoring', name: 'prometheus' } as const;
const scrape = [{ protocol: 'TCP' as const, port: 'metrics' }];

/** Prometheus may scrape every tenant's metrics port, whatever the tenants' own policies say. */
export const MULTI_TENANT_ADMIN_FLOWS: [FlowSpec, AdminFlowOptions][] = [
  [{ from: prometheus, to: { kind: 'namespace', namespace: 'tenant-a' }, ports: scrape }, { action: 'Allow', priority: 60 }],
  [{ from: prometheus, to: { kind: 'namespace', namespace: 'tenant-b' }, ports: scrape }, { action: 'Allow', priority: 61 }],
];

export function multiTenantObjects(): KubeObject[] {
  const settings = MULTI_TENANT_SETTINGS;
  let objects = cluster();
  // Tenant a's own NetworkPolicies: closed for ingress, and only web may call api.
  objects = setAllowRule(objects, 'defaultDenyIngress', { namespace: 'tenant-a' }, true, settings);
  objects = addFlow(objects, { from: { kind: 'workload', namespace: 'tenant-a', name: 'web' }, to: { kind: 'workload', namespace: 'tenant-a', name: 'api' }, ports: [{ protocol: 'TCP', port: 'http' }] }, settings).objects;
  for (const id of MULTI_TENANT_RULES) {
    // The shared monitoring namespace is the platform team's, like kube-system: not under the baseline.
    objects = setAdminRule(objects, id, true, { settings, ...(id === 'baselineDefaultDeny' ? { exemptNamespaces: ['kube-system', 'monitoring'] } : {}) });
  }
  for (const [spec, options] of MULTI_TENANT_ADMIN_FLOWS) objects = addAdminFlow(objects, spec, options, settings).objects;
  return objects;
}

export const MULTI_TENANT_STORY =
  'A platform team runs two tenants on one cluster and guards them with cluster-scoped admin policies: DNS always works, ' +
  'the cloud metadata server is off limits, and tenants a and b cannot reach each other, whatever their own NetworkPolicies say. ' +
  'Traffic inside a namespace is passed to its owners: tenant a wrote NetworkPolicies (only web may call api), tenant b has none ' +
  'yet, so the baseline default deny closes it to every other pod, even shop to db (clients outside the cluster are not matched by ' +
  'admin ingress rules, which the review points out). ' +
  'Prometheus in the shared monitoring namespace may scrape both tenants\' metrics ports through two admin Allow flows.';

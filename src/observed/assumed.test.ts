// Observed replay judges the design in its cluster (src/cluster/assumed), the one notion of
// "assumed" the graph, Explain and every CLI command use: on an app-only design the traffic to the
// DNS pods maps to the assumed DNS workload, and the page's path (the flow worker's replayRaw on
// the loaded design) and the CLI give the same answers (src/cli/replayAssumed.test.ts).
import { describe, expect, it } from 'vitest';
import { describeAssumed, withAssumedServices } from '../cluster/assumed/index.ts';
import { assumedDnsWorkloadId } from '../design/external.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../design/types.ts';
import { loadDesign } from '../model/index.ts';
import { parseFlows, replayRaw } from './index.ts';
import { APP_ONLY_DESIGN as APP, APP_ONLY_LOG as LOG, hubbleFlow as hubble } from './fixtures/appOnly.ts';

const design = loadDesign([{ name: 'app.yaml', text: APP }]);

describe('observed replay on an app-only design, in its assumed cluster', () => {
  it('maps the DNS pods of the log to the assumed DNS workload the graph and Explain show', () => {
    const { traffic, result } = replayRaw(parseFlows(LOG).connections, design.cluster, DEFAULT_SETTINGS);
    const dns = assumedDnsWorkloadId(DEFAULT_SETTINGS);
    const assumed = withAssumedServices(design.cluster, DEFAULT_SETTINGS);
    expect(describeAssumed(assumed).workloads.map((w) => w.split(' ')[0])).toEqual([dns]);
    expect(traffic.connections.map((c) => c.key)).toEqual([
      `shop/web -> ${dns} TCP/53`, `shop/web -> ${dns} UDP/53`, 'shop/web -> shop/api TCP/80',
    ]);
    // Every workload end is a workload of the model in its cluster: no stand-in of its own.
    const ids = new Set(assumed.workloads.map((w) => w.id));
    for (const c of traffic.connections) for (const e of [c.from, c.to]) if (e.kind === 'workload') expect(ids.has(e.id), e.id).toBe(true);
    expect(traffic.unknown).toEqual([]);
    const outcome = Object.fromEntries(result.items.map((i) => [i.connection.key, i.outcome]));
    expect(outcome).toEqual({
      [`shop/web -> ${dns} UDP/53`]: 'keeps-working',
      [`shop/web -> ${dns} TCP/53`]: 'would-break',
      'shop/web -> shop/api TCP/80': 'would-break',
    });
  });

  it('follows the DNS settings: another namespace and labels are assumed, and the log maps there', () => {
    const settings: DesignSettings = { ...DEFAULT_SETTINGS, dns: { ...DEFAULT_SETTINGS.dns, namespace: 'dns-system', podLabels: { app: 'resolver' } } };
    const log = hubble({ namespace: 'dns-system', pod_name: 'resolver-0', labels: ['k8s:app=resolver'] }, 53);
    const { traffic, result } = replayRaw(parseFlows(log).connections, design.cluster, settings);
    expect(traffic.connections.map((c) => c.key)).toEqual([`shop/web -> ${assumedDnsWorkloadId(settings)} UDP/53`]);
    // The lockdown allows kube-system's DNS pods only: the resolver elsewhere would break.
    expect(result.items.map((i) => i.outcome)).toEqual(['would-break']);
  });

  it('judges as the chosen network plugin: an ipBlock that names a pod address lets it in on the spec, not on Cilium', () => {
    // Cilium's ipBlock never selects pods (identity-based): src/engine/profiles/cilium.ts cites the docs.
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
status: {podIP: 10.1.0.6}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web-address, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{ipBlock: {cidr: 10.1.0.5/32}}], ports: [{port: 80}]}]
`;
    const cluster = loadDesign([{ name: 'd.yaml', text: yaml }]).cluster;
    const raw = parseFlows('shop/web,shop/api,80,TCP,3').connections;
    const outcome = (profile: DesignSettings['profile']) => replayRaw(raw, cluster, { ...DEFAULT_SETTINGS, ...(profile ? { profile } : {}) }).result.items.map((i) => i.outcome);
    expect(outcome(undefined)).toEqual(['keeps-working']);
    expect(outcome('cilium')).toEqual(['would-break']);
  });
});

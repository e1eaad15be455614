import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { compile, evaluate, type CompiledCluster, type ConnectionSet, type Endpoint } from '../../engine/index.ts';
import { PROTOCOLS, type Design, type NetworkPolicy, type Protocol } from '../../model/types.ts';
import { diffDesigns, formatDiff, isEmptyDiff, portIntervals, unionEndpoints } from './index.ts';
import { SHOP_POLICIES_CHANGED, shopDesign } from './testFixtures.ts';

const contains = (set: ConnectionSet, protocol: Protocol, port: number) => set.byProtocol[protocol].some((r) => r.from <= port && port <= r.to);

describe('diffDesigns: policies', () => {
  const diff = diffDesigns(shopDesign(), shopDesign(SHOP_POLICIES_CHANGED));

  it('lists added, removed and changed policies by kind/namespace/name', () => {
    expect(diff.policies.added.map((p) => p.key)).toEqual(['AdminNetworkPolicy/no-metadata', 'NetworkPolicy/shop/web-egress']);
    expect(diff.policies.removed.map((p) => p.key)).toEqual(['NetworkPolicy/shop/db-from-api']);
    expect(diff.policies.changed.map((p) => p.policy.key)).toEqual(['NetworkPolicy/shop/api-from-web']);
    expect(diff.policies.changed[0]!.changes).toEqual([{ path: 'spec.ingress[0].ports[0].endPort', after: '8090' }]);
    expect(diff.workloads).toEqual({ added: ['shop/worker'], removed: [] });
  });

  it('reads field changes as path: before -> after', () => {
    const changed = shopDesign(SHOP_POLICIES_CHANGED.replace('port: 8080, endPort: 8090', 'port: 8081'));
    const text = formatDiff(diffDesigns(shopDesign(), changed), 'text');
    expect(text).toContain('~ NetworkPolicy/shop/api-from-web\n      spec.ingress[0].ports[0].port: 8080 -> 8081');
  });

  it('ignores server bookkeeping such as resourceVersion and last-applied-configuration', () => {
    const noisy = shopDesign().manifests.map((m) => m.object.kind === 'NetworkPolicy'
      ? { ...m, object: { ...m.object, metadata: { ...m.object.metadata, resourceVersion: '42', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } } }
      : m);
    const diff2 = diffDesigns(shopDesign(), { ...shopDesign(), manifests: noisy });
    expect(isEmptyDiff(diff2)).toBe(true);
  });
});

/** Ports that exercise every boundary of every interval, plus a few arbitrary ones. */
function samplePorts(designs: Design[]): { protocol: Protocol; port: number }[] {
  const ports = new Map<string, { protocol: Protocol; port: number }>();
  for (const i of portIntervals(designs.map((d) => d.cluster))) {
    for (const port of [i.from, i.to, Math.floor((i.from + i.to) / 2)]) ports.set(`${i.protocol}/${port}`, { protocol: i.protocol, port });
  }
  for (const protocol of PROTOCOLS) for (const port of [1, 22, 443, 8085, 30000, 65535]) ports.set(`${protocol}/${port}`, { protocol, port });
  return [...ports.values()];
}

describe('diffDesigns: connections agree with the engine', () => {
  const a = shopDesign();
  const b = shopDesign(SHOP_POLICIES_CHANGED);
  const diff = diffDesigns(a, b);
  const ca = compile(a.cluster);
  const cb = compile(b.cluster);

  it('every pair and sampled port: before/after/opened/closed match evaluate()', () => {
    const union = unionEndpoints(ca, cb, DEFAULT_SETTINGS);
    const byKey = new Map(diff.connections.map((c) => [`${c.from.key} ${c.to.key}`, c]));
    const allowed = (c: CompiledCluster, from: Endpoint | undefined, to: Endpoint | undefined, protocol: Protocol, port: number) =>
      from !== undefined && to !== undefined && evaluate(c, { from, to, port, protocol }).allowed;
    let checked = 0;
    for (const from of union) {
      for (const to of union) {
        if (from.info.kind === 'external' && to.info.kind === 'external') continue;
        const change = byKey.get(`${from.info.key} ${to.info.key}`);
        for (const { protocol, port } of samplePorts([a, b])) {
          const was = allowed(ca, from.baseline, to.baseline, protocol, port);
          const is = allowed(cb, from.current, to.current, protocol, port);
          if (!change) {
            expect(was, `${from.info.key} -> ${to.info.key} ${protocol}/${port}`).toBe(is);
            continue;
          }
          expect(contains(change.before, protocol, port)).toBe(was);
          expect(contains(change.after, protocol, port)).toBe(is);
          expect(contains(change.opened, protocol, port)).toBe(is && !was);
          expect(contains(change.closed, protocol, port)).toBe(was && !is);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('names the expected changes', () => {
    const find = (from: string, to: string) => diff.connections.find((c) => c.from.key === from && c.to.key === to);
    expect(formatDiff(diff, 'text')).toContain('shop/web -> shop/api\n      opened: TCP 8081-8090');
    // web may only reach api and DNS now: egress to the internet closes; to db it was never open.
    expect(find('wl:shop/web', 'ext:internet')?.closed.all).toBe(true);
    expect(find('wl:shop/web', 'wl:shop/db')).toBeUndefined();
    // the admin deny closes the metadata server for everyone (the engine's admin tier is included).
    expect(find('wl:shop/api', 'ext:metadata')?.closed.all).toBe(true);
    // without its policy db is left to the default deny: api loses it.
    expect(formatDiff(diff, 'text')).toContain('shop/api -> shop/db\n      closed: TCP 5432\n      now:    none (was TCP 5432)');
    // the added worker appears with everything it may do, marked as only in the current design.
    const worker = find('wl:shop/worker', 'wl:kube-system/coredns');
    expect(worker?.from.presentIn).toBe('current');
    expect(worker?.before.byProtocol.TCP).toEqual([]);
    // the DNS node is the coredns workload in both designs, so it is not listed twice.
    expect(diff.connections.some((c) => c.to.key === 'ext:dns')).toBe(false);
  });

  it('identical designs have no differences', () => {
    expect(isEmptyDiff(diffDesigns(b, shopDesign(SHOP_POLICIES_CHANGED)))).toBe(true);
  });

  it('formats as Markdown and JSON', () => {
    const md = formatDiff(diff, 'md');
    expect(md).toContain('| shop/web | shop/api | `TCP 8081-8090` |  |');
    const json = JSON.parse(formatDiff(diff, 'json')) as typeof diff;
    expect(json.connections.length).toBe(diff.connections.length);
  });
});

describe('diffDesigns at scale', () => {
  // Speed is measured by `npm run bench`, not asserted here: a shared machine makes timed tests flaky.
  it('diffs 1,000 workloads', () => {
    const model = syntheticCluster(1000);
    const changedPolicies: NetworkPolicy[] = model.policies.map((p, i) => (i % 50 === 0 ? { ...p, ingress: [], egress: [] } : p));
    const design = (cluster: typeof model): Design => ({ manifests: [], cluster, diagnostics: [] });
    const diff = diffDesigns(design(model), design({ ...model, policies: changedPolicies }));
    expect(diff.compared.endpoints).toBeGreaterThanOrEqual(1000);
    expect(diff.connections.length).toBeGreaterThan(0);
  });
});

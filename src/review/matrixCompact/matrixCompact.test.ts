import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { compile, type Endpoint, type PortProbe } from '../../engine/index.ts';
import { loadDesign } from '../../model/index.ts';
import type { ClusterModel } from '../../model/types.ts';
import { clusterWithAdminArb, portProbeArb } from '../../testing/arbitraries.ts';
import { placeOnNodes, placementsArb } from '../../testing/nodes.ts';
import { buildMatrixView, computeReviewMatrix, defaultMatrixPorts, exportMatrixView, type MatrixLevel, type MatrixShow, type MatrixView } from '../matrixView.ts';
import { cellAt, computeCompactMatrix, exportCompactMatrix, type CompactMatrix } from './index.ts';

// Replicas under other names, some on other addresses (same or another address class), so classes
// of several members occur; 10.0.1.5, 10.0.1.6 and 10.0.2.3 are pods' addresses here.
const withReplicas = fc
  .record({
    base: clusterWithAdminArb,
    copies: fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }),
    ips: fc.array(fc.constantFrom('10.0.1.6', '10.0.9.9', '192.168.1.2', ''), { minLength: 8, maxLength: 8 }),
    // One replica: such a pod reaches itself whatever the policies say, another member maybe not;
    // copies of a workload are one pod or several apart from it (a Deployment and its pods).
    single: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ base, copies, ips, single }): ClusterModel => {
    const workloads = base.workloads.map((w, i) => (single[i % 8] ? { ...w, replicas: 1 } : w));
    return {
      ...base,
      workloads: [...workloads, ...workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: ips[(i + k) % 8] ? [ips[(i + k) % 8]!] : [], replicas: single[(i + k + 1) % 8] ? 1 : 3 })))],
    };
  })
  // Pods on modelled Nodes, whose addresses (10.0.1.3, 192.168.7.7) answer them by placement.
  .chain((model) => placementsArb.map((placements) => placeOnNodes(model, placements)));
const extraArb = fc.subarray<Endpoint>([{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.1.5' }, { kind: 'ip', ip: '10.0.2.3' }, { kind: 'ip', ip: '10.0.1.3' }, { kind: 'ip', ip: '192.168.7.7' }]);

/** Every cell of the compact matrix against the per-pair view the page drew before. */
function expectSame(compact: CompactMatrix, old: MatrixView): void {
  expect(compact.labels).toEqual(old.labels);
  expect(compact.ports).toEqual(old.ports);
  const n = old.labels.length;
  old.cells.forEach((rows, p) => {
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const want = rows[r]![c]!;
        const got = cellAt(compact, p, r, c);
        if (got.allowed !== want.allowed || got.total !== want.total || got.visible !== want.visible || got.reach !== want.reach) {
          expect({ ...got, at: `${old.labels[r]} -> ${old.labels[c]} ${p}` }).toEqual({ ...want, at: `${old.labels[r]} -> ${old.labels[c]} ${p}` });
        }
      }
    }
  });
  expect(exportCompactMatrix(compact, 'csv').join('')).toBe(exportMatrixView(old, 'csv'));
  expect(exportCompactMatrix(compact, 'md').join('')).toBe(exportMatrixView(old, 'md'));
}

function compare(model: ClusterModel, ports: readonly PortProbe[], extra: readonly Endpoint[], level: MatrixLevel, show: MatrixShow, namespaces?: string[]): void {
  const c = compile(model);
  const old = buildMatrixView(computeReviewMatrix(c, { ports, extraEndpoints: extra }), { level, show, ...(namespaces ? { namespaces } : {}) });
  const compact = computeCompactMatrix(c, { level, show, ports, extraEndpoints: extra, ...(namespaces ? { namespaces } : {}) });
  expectSame(compact, old);
}

const levelArb = fc.constantFrom<MatrixLevel>('namespace', 'workload');
const showArb = fc.constantFrom<MatrixShow>('all', 'allowed', 'denied');

describe('compact matrix', () => {
  it('gives every cell, filter and export of the per-pair matrix on random designs', () => {
    fc.assert(
      fc.property(withReplicas, fc.array(portProbeArb, { minLength: 1, maxLength: 3 }), extraArb, levelArb, showArb, fc.boolean(), (model, ports, extra, level, show, filter) => {
        const first = model.workloads[0]?.namespace;
        compare(model, ports, extra, level, show, filter && first ? [first] : undefined);
      }),
      { numRuns: 150, seed: 1217 },
    );
  }, 120_000);

  it('counts an alias row and column (the DNS node) as the sums over its workload, on random designs', () => {
    fc.assert(
      fc.property(withReplicas, portProbeArb, extraArb, fc.nat(), fc.boolean(), (model, port, extra, pick, filter) => {
        if (model.workloads.length === 0) return;
        const c = compile(model);
        const alias = c.workloads[pick % c.workloads.length]!;
        const namespaces = filter ? [c.workloads[0]!.namespace] : undefined;
        const m = computeCompactMatrix(c, { level: 'namespace', show: 'all', ports: [port], extraEndpoints: extra, aliases: [{ label: 'ext:dns', workloads: [alias.id] }], ...(namespaces ? { namespaces } : {}) });
        const plain = computeReviewMatrix(c, { ports: [port], extraEndpoints: extra });
        const n = plain.labels.length;
        const a = plain.labels.indexOf(alias.id);
        // Members of a row of m: workload indices of a namespace, the alias's, or an address's.
        const members = (label: string): number[] => (label === 'ext:dns' ? [a] : plain.labels.flatMap((l, i) => ((plain.endpoints[i]!.kind === 'workload' ? l.slice(0, l.indexOf('/')) : l) === label && (!namespaces || plain.endpoints[i]!.kind === 'ip' || namespaces.includes(label)) ? [i] : [])));
        const d = m.labels.indexOf('ext:dns');
        m.labels.forEach((label, j) => {
          for (const [r, col] of [[d, j], [j, d]] as const) {
            let sum = 0;
            for (const x of members(m.labels[r]!)) for (const y of members(m.labels[col]!)) sum += plain.allowed[0]![x * n + y]!;
            expect(cellAt(m, 0, r, col).allowed, `${m.labels[r]} -> ${m.labels[col]} (${label})`).toBe(sum);
          }
        });
      }),
      { numRuns: 100, seed: 1217 },
    );
  }, 120_000);

  const outside = (cluster: ClusterModel): Endpoint[] => [{ kind: 'ip', ip: '8.8.8.8' }, { kind: 'ip', ip: '10.0.0.10' }, { kind: 'ip', ip: '169.254.169.254' }, ...cluster.workloads.slice(0, 1).flatMap((w): Endpoint[] => (w.ips[0] ? [{ kind: 'ip', ip: w.ips[0] }] : []))];

  it('equals the per-pair matrix on a generated cluster (150 pods) at both levels', () => {
    const model = withAssumedServices(syntheticCluster(150), DEFAULT_SETTINGS);
    const ports = defaultMatrixPorts(model);
    for (const show of ['all', 'denied'] as const) {
      compare(model, ports, outside(model), 'namespace', show);
      compare(model, ports.slice(0, 2), outside(model), 'workload', show);
    }
  }, 60_000);

  it('equals the per-pair matrix on an app-only design (no kube-system in the YAML) and on tenants', () => {
    const app = loadDesign([{ name: 'app.yaml', text: APP_ONLY }]).cluster;
    expect(app.workloads.some((w) => w.namespace === 'kube-system')).toBe(false);
    const model = withAssumedServices(app, DEFAULT_SETTINGS);
    for (const level of ['namespace', 'workload'] as const) for (const show of ['all', 'allowed', 'denied'] as const) compare(model, defaultMatrixPorts(model), outside(model), level, show);
    const tenants = withAssumedServices(loadDesign([{ name: 't.yaml', text: tenantDesignYaml({ namespaces: 12, teams: 3 }) }]).cluster, DEFAULT_SETTINGS);
    compare(tenants, defaultMatrixPorts(tenants), outside(tenants), 'namespace', 'all');
    compare(tenants, defaultMatrixPorts(tenants).slice(0, 2), outside(tenants), 'workload', 'allowed', ['app-003']);
  }, 60_000);

  it('adds an alias row and column (the DNS node) counting the same pairs as its workload', () => {
    const app = withAssumedServices(loadDesign([{ name: 'app.yaml', text: APP_ONLY }]).cluster, DEFAULT_SETTINGS);
    const c = compile(app);
    const ports = defaultMatrixPorts(app);
    const dns = app.workloads.find((w) => w.namespace === 'kube-system')!.id;
    for (const level of ['namespace', 'workload'] as const) {
      const m = computeCompactMatrix(c, { level, show: 'all', ports, aliases: [{ label: 'ext:dns', workloads: [dns] }] });
      const plain = computeCompactMatrix(c, { level: 'workload', show: 'all', ports });
      const d = m.labels.indexOf('ext:dns');
      const w = plain.labels.indexOf(dns);
      expect(d).toBe(m.labels.length - 1);
      ports.forEach((_, p) => {
        // The alias is its workload: same answers to and from every workload, and to itself.
        plain.labels.forEach((label, j) => {
          const at = m.labels.indexOf(level === 'workload' ? label : label.slice(0, label.indexOf('/')));
          const count = (from: number, to: number) => cellAt(m, p, from, to).allowed;
          if (level === 'workload') {
            expect(count(d, at)).toBe(cellAt(plain, p, w, j).allowed);
            expect(count(at, d)).toBe(cellAt(plain, p, j, w).allowed);
          }
        });
        expect(cellAt(m, p, d, d).allowed).toBe(cellAt(plain, p, w, w).allowed);
        expect(cellAt(m, p, d, d).total).toBe(1);
      });
      if (level === 'namespace') {
        // The DNS row's pairs into an app namespace: the sum over that namespace's workloads.
        const ns = m.labels.indexOf('shop');
        ports.forEach((_, p) => {
          let sum = 0;
          plain.labels.forEach((l, j) => l.startsWith('shop/') && (sum += cellAt(plain, p, w, j).allowed));
          expect(cellAt(m, p, d, ns).allowed).toBe(sum);
        });
      }
    }
  });
});

const APP_ONLY = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 8080, name: http }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api, ports: [{ containerPort: 9000 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: job, namespace: shop, labels: { app: job } }
spec: { containers: [{ name: job, image: job }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-to-api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 9000 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-egress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
      ports: [{ port: 53, protocol: UDP }]
`;

import { describe, expect, it } from 'vitest';
import { buildCluster, buildClusterFromObjects, clusterMemo, loadDesign } from './cluster.ts';
import type { Design, KubeObject, Manifest } from './types.ts';

const load = (text: string): Design => loadDesign([{ name: 'design.yaml', text }]);
const codes = (d: Design) => d.diagnostics.map((x) => `${x.severity}:${x.code}`);

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    team: web
---
apiVersion: v1
kind: Pod
metadata:
  name: api-0
  namespace: prod
  labels: {app: api}
spec:
  initContainers:
  - name: init
    ports: [{containerPort: 9999}]
  - name: proxy
    restartPolicy: Always
    ports: [{containerPort: 15001, name: proxy}]
  containers:
  - name: api
    ports:
    - containerPort: 8080
      name: http
    - containerPort: 53
      protocol: UDP
status:
  podIP: 10.244.0.5
  podIPs:
  - ip: 10.244.0.5
  - ip: fd00::5
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
      - name: web
        ports: [{containerPort: 80, name: http}]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: jobs
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          containers: [{name: r, ports: [{containerPort: 9090}]}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: prod
spec:
  selector: {app: web}
  clusterIP: 10.96.0.10
  ports:
  - name: http
    port: 80
  - name: admin
    port: 8443
    targetPort: http
    protocol: TCP
---
apiVersion: v1
kind: Pod
metadata:
  name: lonely
spec:
  containers: [{name: c}]
`;

describe('buildCluster: namespaces and workloads', () => {
  const design = load(CLUSTER);

  it('loads without diagnostics', () => {
    expect(design.diagnostics).toEqual([]);
  });

  it('adds the automatic namespace label, and namespaces that are only referenced', () => {
    expect(design.cluster.namespaces).toEqual([
      { name: 'prod', labels: { team: 'web', 'kubernetes.io/metadata.name': 'prod' }, declared: true, ref: { kind: 'Namespace', name: 'prod', manifest: 0 } },
      { name: 'jobs', labels: { 'kubernetes.io/metadata.name': 'jobs' }, declared: false },
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, declared: false },
    ]);
  });

  it('turns Pods and pod templates into workloads', () => {
    const byId = Object.fromEntries(design.cluster.workloads.map((w) => [w.id, w]));
    expect(Object.keys(byId)).toEqual(['prod/api-0', 'prod/web', 'jobs/report', 'default/lonely']);
    expect(byId['prod/api-0']).toEqual({
      id: 'prod/api-0',
      namespace: 'prod',
      name: 'api-0',
      kind: 'Pod',
      labels: { app: 'api' },
      // containers, then native sidecars; plain init containers serve nothing
      ports: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
        { name: 'proxy', containerPort: 15001, protocol: 'TCP' },
      ],
      ips: ['10.244.0.5', 'fd00::5'],
      ref: { kind: 'Pod', name: 'api-0', namespace: 'prod', manifest: 1 },
      replicas: 1,
    });
    expect(byId['prod/web']).toMatchObject({ kind: 'Deployment', labels: { app: 'web', tier: 'front' }, ips: [], ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] });
    expect(byId['jobs/report']).toMatchObject({ kind: 'CronJob', labels: { app: 'report' }, ports: [{ containerPort: 9090, protocol: 'TCP' }] });
    expect(byId['default/lonely']).toMatchObject({ namespace: 'default', labels: {}, ports: [] });
  });

  it('normalizes Services', () => {
    expect(design.cluster.services).toEqual([
      {
        id: 'prod/web',
        namespace: 'prod',
        name: 'web',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
          { name: 'admin', port: 8443, targetPort: 'http', protocol: 'TCP' },
        ],
        clusterIPs: ['10.96.0.10'],
        type: 'ClusterIP',
        ref: { kind: 'Service', name: 'web', namespace: 'prod', manifest: 4 },
      },
    ]);
  });

  it('treats a Service with an empty selector as one without selector', () => {
    const d = load('apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  selector: {}\n  type: ExternalName\n  externalName: example.com\n');
    expect(d.cluster.services[0]?.selector).toBeUndefined();
    expect(d.cluster.services[0]?.type).toBe('ExternalName');
  });
});

const np = (name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: prod\nspec:\n${spec}\n`;

describe('buildCluster: NetworkPolicies', () => {
  it('infers policyTypes exactly as the API server defaults them', () => {
    const d = load(
      [
        np('none', '  podSelector: {}'),
        np('egress-rules', '  podSelector: {}\n  egress: [{}]'),
        np('empty-egress', '  podSelector: {}\n  egress: []'),
        np('explicit', '  podSelector: {}\n  policyTypes: [Egress]'),
        np('empty-types', '  podSelector: {}\n  policyTypes: []\n  egress: [{to: []}]'),
      ].join('---\n'),
    );
    expect(d.diagnostics).toEqual([]);
    expect(d.cluster.policies.map((p) => [p.name, p.policyTypes, p.policyTypesInferred])).toEqual([
      ['none', ['Ingress'], true],
      ['egress-rules', ['Ingress', 'Egress'], true],
      ['empty-egress', ['Ingress'], true],
      ['explicit', ['Egress'], false],
      ['empty-types', ['Ingress', 'Egress'], true],
    ]);
  });

  it('normalizes rules: peers, masked CIDRs, default except and protocol', () => {
    const d = load(
      np(
        'web',
        `  podSelector:
    matchLabels: {app: web}
    matchExpressions: [{key: tier, operator: Exists}]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: api}}
      namespaceSelector: {}
    - ipBlock: {cidr: 10.0.0.1/24}
    - ipBlock: {cidr: "2001:DB8::1/32", except: ["2001:db8:1::/48"]}
    ports:
    - port: 80
    - {port: http, protocol: UDP}
    - {port: 8000, endPort: 8100}
  - {}
  egress:
  - to: []
    ports: []`,
      ),
    );
    expect(d.diagnostics.map((x) => x.code)).toEqual(['cidr-host-bits', 'cidr-host-bits']);
    expect(d.cluster.policies).toEqual([
      {
        ref: { kind: 'NetworkPolicy', name: 'web', namespace: 'prod', manifest: 0 },
        namespace: 'prod',
        name: 'web',
        podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
        policyTypes: ['Ingress', 'Egress'],
        policyTypesInferred: true,
        ingress: [
          {
            peers: [
              { podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: {} },
              { ipBlock: { cidr: '10.0.0.0/24', except: [] } },
              { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } },
            ],
            ports: [
              { protocol: 'TCP', port: 80 },
              { protocol: 'UDP', port: 'http' },
              { protocol: 'TCP', port: 8000, endPort: 8100 },
            ],
          },
          {},
        ],
        egress: [{ peers: [], ports: [] }],
      },
    ]);
  });

  it('defaults a missing podSelector to {} (with a warning)', () => {
    const d = load(np('all', '  policyTypes: [Ingress]'));
    expect(codes(d)).toEqual(['warning:missing-pod-selector']);
    expect(d.cluster.policies[0]?.podSelector).toEqual({});
  });
});

describe('buildCluster: what is left out, and why', () => {
  it('leaves out objects with errors, saying so', () => {
    const d = load(np('bad', '  podSelector: {}\n  ingress:\n  - ports: [{port: 0}]'));
    expect(d.cluster.policies).toEqual([]);
    expect(codes(d)).toEqual(['info:not-evaluated', 'error:invalid-port']);
    expect(d.diagnostics[0]?.message).toBe('NetworkPolicy prod/bad has errors and is not evaluated (the API server would reject it)');
  });

  it('keeps objects that only have warnings', () => {
    const d = load(np('warn', '  podSelector: {}\n  bogus: 1'));
    expect(codes(d)).toEqual(['warning:unknown-field']);
    expect(d.cluster.policies).toHaveLength(1);
  });

  it('reports duplicates on the second definition; the first wins', () => {
    const d = loadDesign([
      { name: 'a.yaml', text: np('dup', '  podSelector: {matchLabels: {v: "1"}}') },
      { name: 'b.yaml', text: np('dup', '  podSelector: {matchLabels: {v: "2"}}') },
    ]);
    expect(d.cluster.policies.map((p) => p.podSelector.matchLabels)).toEqual([{ v: '1' }]);
    expect(d.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'duplicate-object', file: 'b.yaml', line: 1, message: 'NetworkPolicy prod/dup is defined twice (first at a.yaml:1); this one is ignored' }),
    ]);
  });

  it('lists other kinds as unevaluated, with an info diagnostic each', () => {
    const d = load(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: apps}\n---\n' +
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n' +
        'apiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata: {name: old}\nspec: {podSelector: {}}\n',
    );
    expect(d.cluster.unevaluated).toEqual([
      { kind: 'ConfigMap', name: 'cfg', namespace: 'apps', manifest: 0 },
      { kind: 'Widget', name: 'w', manifest: 1 },
      { kind: 'NetworkPolicy', name: 'old', namespace: 'default', manifest: 2 },
    ]);
    expect(codes(d)).toEqual(['info:not-evaluated', 'info:not-evaluated', 'warning:unsupported-api-version']);
    expect(d.cluster.policies).toEqual([]);
    expect(d.cluster.namespaces.map((n) => n.name)).toEqual(['apps', 'default']);
  });

  it('keeps workload ids unique when a Pod and a Deployment share a name', () => {
    const d = load(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}}\n',
    );
    expect(d.cluster.workloads.map((w) => w.id)).toEqual(['default/web', 'default/web@Deployment']);
    expect(codes(d)).toEqual(['warning:duplicate-workload-id']);
  });
});

describe('loadDesign', () => {
  it('merges parse and model diagnostics, sorted by file order then line', () => {
    const d = loadDesign([
      { name: 'z.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: [\n' },
      { name: 'a.yaml', text: np('bad', '  podSelector: {}\n  policyTypes: [Sideways]') },
    ]);
    expect(d.diagnostics.map((x) => `${x.file}:${x.line}:${x.code}`)).toEqual([
      'z.yaml:1:not-evaluated',
      'z.yaml:6:yaml-syntax',
      'a.yaml:1:not-evaluated',
      'a.yaml:8:invalid-policy-type',
    ]);
    expect(d.manifests).toHaveLength(2);
  });

  it('builds a model from objects without text', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { podSelector: {} } },
    ];
    const { cluster, diagnostics } = buildClusterFromObjects(objects);
    expect(diagnostics).toEqual([]);
    expect(cluster.policies[0]?.ref).toEqual({ kind: 'NetworkPolicy', name: 'p', namespace: 'n', manifest: 1 });
  });
});

describe('buildCluster: resumed after its stable part', () => {
  const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const pod = (name: string, namespace: string, app: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: { app } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } });
  const deploy = (name: string, namespace: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c' }] } } } });
  const sts = (name: string, namespace: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c' }] } } } });
  const policy = (name: string, namespace: string, app: string): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] } });
  const broken = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}_NOT_A_NAME`, namespace: 'a' } });
  const cron = (name: string): KubeObject => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'b' } });
  const manifests = (objects: KubeObject[], lines: number[] = []): Manifest[] => objects.map((object, i) => ({ object, source: { file: 'f.yaml', line: lines[i] ?? i + 1, col: 1 }, positions: {} }));

  it('equals a build from nothing, whatever the part after it and changes within it', () => {
    const stablePart = [ns('a', { team: 'x' }), pod('p1', 'a', 'web'), deploy('web', 'a'), broken('bad'), cron('nightly'), policy('deny', 'a', 'web'), pod('p2', 'b', 'db')];
    const count = stablePart.length;
    const memo = clusterMemo();
    const designs: Manifest[][] = [
      manifests([...stablePart, policy('allow', 'a', 'web')]),
      // The same stable part: the later objects repeat a key of it, share a workload id with it, declare a namespace it refers to.
      manifests([...stablePart, pod('p1', 'a', 'other'), sts('web', 'a'), ns('b'), policy('allow', 'b', 'db')]),
      manifests([...stablePart]),
      // A stable object read from another line (its diagnostics move), then one replaced.
      manifests([...stablePart, policy('allow', 'a', 'web')], [1, 2, 3, 40]),
      manifests([...stablePart.slice(0, 2), deploy('api', 'a'), ...stablePart.slice(3), policy('allow', 'a', 'web')]),
      manifests([...stablePart.slice(0, 2), deploy('api', 'a'), ...stablePart.slice(3), ns('b'), deploy('web', 'a')]),
      // Shorter than the stable part.
      manifests(stablePart.slice(0, 3)),
      manifests([...stablePart, ns('a')]),
    ];
    for (const design of designs) {
      const resumed = buildCluster(design, memo, undefined, false, count);
      const fresh = buildCluster(design);
      expect(resumed.diagnostics).toEqual(fresh.diagnostics);
      expect(resumed.cluster).toEqual(fresh.cluster);
    }
    expect(buildCluster(designs[1]!, memo, undefined, false, count).diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['duplicate-object', 'duplicate-workload-id']));
  });
});

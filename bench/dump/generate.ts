// Deterministic, seeded cluster dumps shaped like `kubectl get ns,deploy,sts,pods,svc,netpol -A -o yaml`:
// one `kind: List` with managedFields, status and annotations as kubectl prints them, ~50 pods per app
// namespace, and per namespace the policies real clusters carry: default deny, allow-DNS,
// allow-from-ingress, app-to-app (same namespace and the team's other namespaces), Prometheus scraping,
// internet egress. The cluster services sit in kube-system (CoreDNS), ingress-nginx and monitoring.
import { listItem, type Json } from './yaml.ts';

export interface DumpOptions {
  /** Pods in the whole dump (system pods included). 0 with `namespaces` set: a design with no pods. */
  pods: number;
  seed: number;
  /** App namespaces; default: one per ~50 app pods. */
  namespaces?: number;
  /** Leave out managedFields, status (pod IPs stay), annotations and other server-set fields. */
  slim?: boolean;
}

export interface DumpStats {
  namespaces: number;
  workloads: number;
  pods: number;
  services: number;
  policies: number;
}

type Obj = { [key: string]: Json };

/** mulberry32: tiny, fast, good enough to vary a synthetic cluster reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PODS_PER_NAMESPACE = 50;
const SYSTEM_PODS = 6;
const PODS_PER_NODE = 110;

interface AppSpec {
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  weight: number;
  port: { name: string; containerPort: number };
  image: string;
}

// Six apps per namespace; weights share ~50 pods as a typical web shop namespace would.
const APPS: readonly AppSpec[] = [
  { name: 'frontend', kind: 'Deployment', weight: 12, port: { name: 'http', containerPort: 8080 }, image: 'registry.example.com/shop/frontend:2.14.1' },
  { name: 'api', kind: 'Deployment', weight: 12, port: { name: 'http', containerPort: 8080 }, image: 'registry.example.com/shop/api:5.2.0' },
  { name: 'worker', kind: 'Deployment', weight: 10, port: { name: 'http', containerPort: 8081 }, image: 'registry.example.com/shop/worker:5.2.0' },
  { name: 'auth', kind: 'Deployment', weight: 8, port: { name: 'grpc', containerPort: 9000 }, image: 'registry.example.com/shop/auth:1.8.3' },
  { name: 'cache', kind: 'StatefulSet', weight: 4, port: { name: 'redis', containerPort: 6379 }, image: 'redis:7.2.4' },
  { name: 'db', kind: 'StatefulSet', weight: 4, port: { name: 'postgres', containerPort: 5432 }, image: 'postgres:16.2' },
];
const METRICS_PORT = 9090;

interface Workload {
  namespace: string;
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  replicas: number;
  labels: Record<string, string>;
  ports: { name: string; containerPort: number; protocol: string }[];
  image: string;
  hash: string;
}

const ALPHANUM = 'bcdfghjklmnpqrstvwxz2456789';

export class DumpGenerator {
  private readonly rand: () => number;
  private readonly slim: boolean;
  private readonly workloads: Workload[] = [];
  private readonly namespaceLabels = new Map<string, Record<string, string>>();
  private readonly appNamespaces: string[] = [];
  private podIndex = 0;
  private resourceVersion = 100000;
  readonly stats: DumpStats = { namespaces: 0, workloads: 0, pods: 0, services: 0, policies: 0 };

  constructor(private readonly options: DumpOptions) {
    this.rand = random(options.seed);
    this.slim = options.slim ?? false;
    this.plan();
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)]!;
  }
  private token(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHANUM[Math.floor(this.rand() * ALPHANUM.length)]!;
    return s;
  }
  private uid(): string {
    const hex = () => Math.floor(this.rand() * 0x10000).toString(16).padStart(4, '0');
    return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
  }
  private timestamp(): string {
    const day = 1 + Math.floor(this.rand() * 28);
    const h = Math.floor(this.rand() * 24);
    const m = Math.floor(this.rand() * 60);
    return `2026-11-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(Math.floor(this.rand() * 60)).padStart(2, '0')}Z`;
  }

  private plan(): void {
    const { pods } = this.options;
    const appPods = Math.max(0, pods - SYSTEM_PODS);
    const count = this.options.namespaces ?? Math.max(1, Math.round(appPods / PODS_PER_NAMESPACE));
    const system = (ns: string, labels: Record<string, string>) => this.namespaceLabels.set(ns, { 'kubernetes.io/metadata.name': ns, ...labels });
    system('kube-system', {});
    system('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
    system('monitoring', { 'app.kubernetes.io/part-of': 'monitoring' });
    const systemReplicas = pods > 0 ? 2 : 0;
    this.workloads.push(
      this.workload('kube-system', 'coredns', 'Deployment', systemReplicas, { 'k8s-app': 'kube-dns' }, [
        { name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
      ], 'registry.k8s.io/coredns/coredns:v1.11.1'),
      this.workload('ingress-nginx', 'ingress-nginx-controller', 'Deployment', systemReplicas, { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, [
        { name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'https', containerPort: 443, protocol: 'TCP' },
      ], 'registry.k8s.io/ingress-nginx/controller:v1.10.0'),
      this.workload('monitoring', 'prometheus', 'StatefulSet', systemReplicas, { 'app.kubernetes.io/name': 'prometheus' }, [
        { name: 'web', containerPort: 9090, protocol: 'TCP' },
      ], 'quay.io/prometheus/prometheus:v2.51.0'),
    );
    const teams = Math.max(1, Math.round(count / 4));
    const weightSum = APPS.reduce((s, a) => s + a.weight, 0);
    for (let n = 0; n < count; n++) {
      const team = `team-${n % teams}`;
      const ns = `${this.pick(['shop', 'billing', 'search', 'media', 'accounts', 'orders', 'catalog', 'payments'])}-${n}`;
      this.appNamespaces.push(ns);
      this.namespaceLabels.set(ns, { 'kubernetes.io/metadata.name': ns, team, tenant: `tenant-${n % Math.max(1, Math.round(count / 10))}`, env: this.rand() < 0.7 ? 'prod' : 'staging' });
      // This namespace's share of the app pods, spread over the six apps by weight (largest first).
      const share = Math.floor(appPods / count) + (n < appPods % count ? 1 : 0);
      const replicas = APPS.map((a) => Math.floor((share * a.weight) / weightSum));
      let left = share - replicas.reduce((s, r) => s + r, 0);
      for (let i = 0; left > 0; i = (i + 1) % APPS.length, left--) replicas[i]! += 1;
      APPS.forEach((app, i) => {
        this.workloads.push(this.workload(ns, app.name, app.kind, replicas[i]!, { app: app.name, 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': ns, team }, [
          { ...app.port, protocol: 'TCP' }, { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
        ], app.image));
      });
    }
  }

  private workload(namespace: string, name: string, kind: Workload['kind'], replicas: number, labels: Record<string, string>, ports: Workload['ports'], image: string): Workload {
    return { namespace, name, kind, replicas, labels, ports, image, hash: `${this.token(9)}` };
  }

  private metadata(name: string, namespace: string | undefined, labels: Record<string, string> | undefined, fields: Json, extra: Obj = {}): Obj {
    const meta: Obj = { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...extra };
    if (this.slim) return meta;
    this.resourceVersion += 1 + Math.floor(this.rand() * 50);
    return {
      ...meta,
      creationTimestamp: this.timestamp(),
      resourceVersion: String(this.resourceVersion),
      uid: this.uid(),
      managedFields: fields,
    };
  }

  private managed(manager: string, operation: string, fields: Obj, subresource?: string): Obj {
    return { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: fields, manager, operation, ...(subresource ? { subresource } : {}), time: this.timestamp() };
  }

  private containers(w: Workload): Json {
    return [{
      image: w.image,
      name: w.name,
      ports: w.ports.map((p) => ({ ...p })),
      ...(this.slim ? {} : {
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      }),
    }];
  }

  private templateFields(w: Workload): Obj {
    const ports: Obj = {};
    for (const p of w.ports) ports[`k:{"containerPort":${p.containerPort},"protocol":"${p.protocol}"}`] = { '.': {}, 'f:containerPort': {}, 'f:name': {}, 'f:protocol': {} };
    return {
      'f:metadata': { 'f:labels': Object.fromEntries(['.', ...Object.keys(w.labels).map((k) => `f:${k}`)].map((k) => [k, {}])) },
      'f:spec': { 'f:containers': { [`k:{"name":"${w.name}"}`]: { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:ports': { '.': {}, ...ports }, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} } }, 'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {} },
    };
  }

  private podSpecExtras(): Obj {
    return this.slim ? {} : {
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    };
  }

  /** The dump, chunk by chunk: a few hundred bytes to a few KB each. */
  *chunks(): Generator<string> {
    yield 'apiVersion: v1\nitems:\n';
    for (const [name, labels] of this.namespaceLabels) yield this.item(this.namespace(name, labels));
    for (const w of this.workloads) if (w.kind === 'Deployment') yield this.item(this.controller(w));
    for (const w of this.workloads) if (w.kind === 'StatefulSet') yield this.item(this.controller(w));
    for (const w of this.workloads) for (let i = 0; i < w.replicas; i++) yield this.item(this.pod(w, i));
    for (const w of this.workloads) yield this.item(this.service(w));
    for (const ns of this.appNamespaces) for (const p of this.policies(ns)) yield this.item(p);
    yield 'kind: List\nmetadata:\n  resourceVersion: ""\n';
  }

  private item(o: Obj): string {
    return listItem(o);
  }

  private namespace(name: string, labels: Record<string, string>): Obj {
    this.stats.namespaces++;
    return {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: this.metadata(name, undefined, labels, [this.managed('kubectl-client-side-apply', 'Update', { 'f:metadata': { 'f:labels': Object.fromEntries(Object.keys(labels).map((k) => [`f:${k}`, {}])) } })]),
      ...(this.slim ? {} : { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }),
    };
  }

  private controller(w: Workload): Obj {
    this.stats.workloads++;
    const selector = { matchLabels: w.kind === 'Deployment' || !('app' in w.labels) ? { ...w.labels } : { app: w.labels.app! } };
    const template = { metadata: { labels: { ...w.labels } }, spec: { containers: this.containers(w), ...this.podSpecExtras() } };
    const spec: Obj = { replicas: w.replicas, selector, template, ...(w.kind === 'StatefulSet' ? { serviceName: w.name } : {}) };
    if (!this.slim) {
      spec.revisionHistoryLimit = 10;
      if (w.kind === 'Deployment') {
        spec.progressDeadlineSeconds = 600;
        spec.strategy = { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' };
      } else {
        spec.podManagementPolicy = 'OrderedReady';
        spec.updateStrategy = { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' };
      }
    }
    const annotations: Obj = w.kind === 'Deployment' ? { 'deployment.kubernetes.io/revision': String(1 + Math.floor(this.rand() * 9)) } : {};
    const labels = { ...w.labels };
    const object: Obj = {
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: this.metadata(w.name, w.namespace, labels, [
        this.managed('argocd-controller', 'Apply', { 'f:metadata': { 'f:labels': {} }, 'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': this.templateFields(w) } }),
        this.managed('kube-controller-manager', 'Update', { 'f:status': { 'f:availableReplicas': {}, 'f:conditions': {}, 'f:observedGeneration': {}, 'f:readyReplicas': {}, 'f:replicas': {} } }, 'status'),
      ], this.slim ? {} : { annotations, generation: 1 + Math.floor(this.rand() * 5) }),
      spec,
    };
    if (!this.slim) {
      object.status = w.kind === 'Deployment'
        ? { availableReplicas: w.replicas, observedGeneration: 1, readyReplicas: w.replicas, replicas: w.replicas, updatedReplicas: w.replicas, conditions: [
          { lastTransitionTime: this.timestamp(), lastUpdateTime: this.timestamp(), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
          { lastTransitionTime: this.timestamp(), lastUpdateTime: this.timestamp(), message: `ReplicaSet "${w.name}-${w.hash}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
        ] }
        : { availableReplicas: w.replicas, currentReplicas: w.replicas, currentRevision: `${w.name}-${w.hash}`, observedGeneration: 1, readyReplicas: w.replicas, replicas: w.replicas, updateRevision: `${w.name}-${w.hash}`, updatedReplicas: w.replicas, collisionCount: 0 };
    }
    return object;
  }

  private pod(w: Workload, i: number): Obj {
    this.stats.workloads++;
    this.stats.pods++;
    const index = this.podIndex++;
    const node = Math.floor(index / PODS_PER_NODE);
    // One /24 per node from 10.244.0.0/16, as kubeadm's flannel/calico defaults hand out.
    const ip = `10.244.${node % 256}.${2 + (index % PODS_PER_NODE)}`;
    const name = w.kind === 'StatefulSet' ? `${w.name}-${i}` : `${w.name}-${w.hash}-${this.token(5)}`;
    const labels: Record<string, string> = w.kind === 'StatefulSet'
      ? { ...w.labels, 'controller-revision-hash': `${w.name}-${w.hash}`, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) }
      : { ...w.labels, 'pod-template-hash': w.hash };
    const owner = w.kind === 'StatefulSet' ? { kind: 'StatefulSet', name: w.name } : { kind: 'ReplicaSet', name: `${w.name}-${w.hash}` };
    const object: Obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: this.metadata(name, w.namespace, labels, [
        this.managed('kube-controller-manager', 'Update', { 'f:metadata': { 'f:generateName': {}, 'f:labels': {}, 'f:ownerReferences': {} }, 'f:spec': { 'f:containers': {}, 'f:dnsPolicy': {}, 'f:restartPolicy': {} } }),
        this.managed('kubelet', 'Update', { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:hostIPs': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': {}, 'f:startTime': {} } }, 'status'),
      ], this.slim ? {} : {
        ...(w.kind === 'Deployment' ? { generateName: `${w.name}-${w.hash}-` } : { generateName: `${w.name}-` }),
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(METRICS_PORT) },
        ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, ...owner, uid: this.uid() }],
      }),
      spec: { containers: this.containers(w), ...this.podSpecExtras(), ...(this.slim ? {} : { nodeName: `node-${node}`, serviceAccountName: 'default', serviceAccount: 'default', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0 }) },
      status: this.slim ? { podIP: ip } : {
        conditions: ['Initialized', 'Ready', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: this.timestamp(), status: 'True', type })),
        containerStatuses: [{ containerID: `containerd://${this.token(24)}`, image: w.image, lastState: {}, name: w.name, ready: true, restartCount: 0, started: true, state: { running: { startedAt: this.timestamp() } } }],
        hostIP: `192.168.10.${10 + (node % 240)}`,
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        qosClass: 'Burstable',
        startTime: this.timestamp(),
      },
    };
    return object;
  }

  private service(w: Workload): Obj {
    this.stats.services++;
    const s = this.stats.services;
    const clusterIP = `10.96.${(s >> 8) & 255}.${s & 255}`;
    const selector = 'app' in w.labels ? { app: w.labels.app! } : { ...w.labels };
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.metadata(w.name, w.namespace, { ...w.labels }, [this.managed('argocd-controller', 'Apply', { 'f:spec': { 'f:ports': {}, 'f:selector': {} } })]),
      spec: {
        clusterIP,
        ports: w.ports.map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol, targetPort: p.name })),
        selector,
        type: 'ClusterIP',
        ...(this.slim ? {} : { clusterIPs: [clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None' }),
      },
      ...(this.slim ? {} : { status: { loadBalancer: {} } }),
    };
  }

  private policy(namespace: string, name: string, spec: Obj): Obj {
    this.stats.policies++;
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: this.metadata(name, namespace, undefined, [this.managed('argocd-controller', 'Apply', { 'f:spec': { 'f:ingress': {}, 'f:egress': {}, 'f:podSelector': {}, 'f:policyTypes': {} } })],
        this.slim ? {} : { annotations: { 'argocd.argoproj.io/tracking-id': `${namespace}:networking.k8s.io/NetworkPolicy:${namespace}/${name}` }, generation: 1 }),
      spec,
    };
  }

  private policies(ns: string): Obj[] {
    const team = this.namespaceLabels.get(ns)!.team!;
    const tcp = (port: number | string) => ({ port, protocol: 'TCP' });
    const out: Obj[] = [];
    // A few namespaces miss a policy, as real clusters do: the review has something to find.
    const skip = (p: number) => this.rand() < p;
    if (!skip(0.05)) out.push(this.policy(ns, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    out.push(this.policy(ns, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, tcp(53)] }],
    }));
    out.push(this.policy(ns, 'allow-from-ingress', {
      podSelector: { matchLabels: { app: 'frontend' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [tcp('http')] }],
    }));
    out.push(this.policy(ns, 'allow-api-ingress', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend', 'worker'] }] } }], ports: [tcp(8080)] },
        { from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [tcp(8080)] },
      ],
    }));
    out.push(this.policy(ns, 'allow-data-ingress', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'worker'] }] } }], ports: [tcp(5432), tcp(6379)] }],
    }));
    out.push(this.policy(ns, 'allow-app-egress', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend', 'api', 'worker'] }] },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'auth', 'db', 'cache'] }] } }] },
        { to: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [tcp(8080)] },
      ],
    }));
    if (!skip(0.1)) out.push(this.policy(ns, 'allow-prometheus', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }], ports: [tcp('metrics')] }],
    }));
    if (!skip(0.2)) out.push(this.policy(ns, 'allow-internet-egress', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'worker'] }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [tcp(443)] }],
    }));
    return out;
  }
}

/** The whole dump as one string (tests, small sizes); large dumps should stream `chunks()`. */
export function generateDump(options: DumpOptions): { text: string; stats: DumpStats } {
  const generator = new DumpGenerator(options);
  const text = [...generator.chunks()].join('');
  return { text, stats: generator.stats };
}

/** The sizes, by name: `npm run gen:dump -- --preset 5k`. */
export const DUMP_PRESETS: Readonly<Record<string, DumpOptions>> = {
  '200': { pods: 200, seed: 1 },
  '1k': { pods: 1000, seed: 1 },
  '5k': { pods: 5000, seed: 1 },
  '5k-slim': { pods: 5000, seed: 1, slim: true },
  '20k': { pods: 20000, seed: 1 },
  'ns400': { pods: 0, namespaces: 400, seed: 1, slim: true },
};

// A deterministic (seeded) dump shaped like `kubectl get ns,deploy,sts,ds,pods,svc,netpol -A -o yaml`
// prints it: one `kind: List`, keys sorted, sequences not indented (sigs.k8s.io/yaml, go-yaml v2),
// managedFields, status, last-applied annotations, owner references. About 3.2 KB per pod, so
// 5,000 pods are about 16 MB and 20,000 pods about 60 MB, like the dumps.
//
//   node --import tsx scripts/kubectl-dump.ts --pods 5000 [--seed 1] > dump.yaml
//
// Each app namespace has ~50 pods in deployments and a statefulset, their services, and the
// policies of a typical cluster: default deny, allow DNS, allow from the ingress controller,
// app-to-app, Prometheus scraping, internet egress.

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Small seeded generator (mulberry32): the same seed gives the same dump. */
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

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_ ./:=@,+-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (v === '') return '""';
  // go-yaml leaves addresses and quantities (10.0.0.1, 500m, 512Mi) unquoted: they are strings in YAML 1.1.
  if (/^[0-9]+(\.[0-9]+){2,}(\/[0-9]+)?$/.test(v) || /^[1-9][0-9]*(m|Mi|Gi)$/.test(v)) return v;
  if (PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ') && !v.includes(': ') && !v.includes(' #')) return v;
  return JSON.stringify(v);
}

/** go-yaml v2 style: keys sorted, `- ` items at the parent key's indentation, `|` for multi-line text. */
function emit(v: Value, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !(Array.isArray(item) && item.length === 0) && Object.keys(item).length > 0) {
        const inner: string[] = [];
        emit(item, `${indent}  `, inner);
        out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
      } else out.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  if (v === null || typeof v !== 'object') {
    out.push(`${indent}${scalar(v)}`);
    return;
  }
  for (const key of Object.keys(v).sort()) {
    const child = v[key]!;
    const k = scalar(key);
    if (typeof child === 'string' && child.includes('\n')) {
      out.push(`${indent}${k}: |`);
      for (const line of child.replace(/\n$/, '').split('\n')) out.push(`${indent}  ${line}`);
    } else if (Array.isArray(child) && child.length > 0) {
      out.push(`${indent}${k}:`);
      emit(child, indent, out);
    } else if (child !== null && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length > 0) {
      out.push(`${indent}${k}:`);
      emit(child, `${indent}  `, out);
    } else out.push(`${indent}${k}: ${inline(child)}`);
  }
}

function inline(v: Value): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v);
}

export interface DumpOptions {
  pods: number;
  seed?: number;
  /** Pods per app namespace (default 50). */
  podsPerNamespace?: number;
}

export interface Dump {
  text: string;
  pods: number;
  namespaces: number;
  policies: number;
  items: number;
}

const APPS = ['web', 'api', 'worker', 'cache', 'db'];

/** The dump as kubectl prints it, with a summary of what it holds. */
export function kubectlDump(options: DumpOptions): Dump {
  const rnd = random(options.seed ?? 1);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const stamp = () => `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}T0${Math.floor(rnd() * 9)}:1${Math.floor(rnd() * 9)}:2${Math.floor(rnd() * 9)}Z`;
  const perNs = options.podsPerNamespace ?? 50;
  const appNamespaces = Math.max(1, Math.ceil(options.pods / perNs));
  const items: Value[] = [];
  let policies = 0;
  let podCount = 0;
  let ip = 0;
  const podIp = () => {
    ip++;
    return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  };

  const managed = (manager: string, fields: Value): Value => [
    { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: fields, manager, operation: 'Update', time: stamp() },
  ];
  const meta = (name: string, namespace: string | undefined, labels: Record<string, string>, extra: Record<string, Value> = {}): Record<string, Value> => ({
    creationTimestamp: stamp(),
    labels,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    resourceVersion: String(Math.floor(rnd() * 9e7)),
    uid: uid(),
    ...extra,
  });
  const lastApplied = (o: Value): Record<string, Value> => ({ 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(o)}\n` });

  const namespace = (name: string, labels: Record<string, string>) => {
    items.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name, ...labels }, {
        managedFields: managed('kubectl-create', { 'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/metadata.name': {} } } }),
      }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  };

  const container = (app: string, ports: Array<{ name: string; port: number; protocol?: string }>): Value => ({
    image: `registry.example.com/${app}:1.${Math.floor(rnd() * 40)}.${Math.floor(rnd() * 10)}`,
    imagePullPolicy: 'IfNotPresent',
    name: app,
    ports: ports.map((p) => ({ containerPort: p.port, name: p.name, protocol: p.protocol ?? 'TCP' })),
    resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });

  const pod = (ns: string, name: string, labels: Record<string, string>, owner: { kind: string; name: string }, c: Value) => {
    podCount++;
    const address = podIp();
    const node = `node-${Math.floor(rnd() * 40)}`;
    items.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(name, ns, labels, {
        generateName: `${owner.name}-`,
        ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.name, uid: uid() }],
        managedFields: [
          { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {} }, 'f:ownerReferences': { [`k:{"uid":"${uid()}"}`]: {} } }, 'f:spec': { 'f:containers': {} } }, manager: 'kube-controller-manager', operation: 'Update', time: stamp() },
          { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:podIP': {}, 'f:podIPs': { [`k:{"ip":"${address}"}`]: { 'f:ip': {} } } } }, manager: 'kubelet', operation: 'Update', subresource: 'status', time: stamp() },
        ],
      }),
      spec: {
        containers: [c],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        nodeName: node,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }],
      },
      status: {
        conditions: ['Ready', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: stamp(), status: 'True', type })),
        containerStatuses: [{ containerID: `containerd://${hex(32)}`, image: 'registry.example.com/app:1.0', imageID: `registry.example.com/app@sha256:${hex(32)}`, lastState: {}, name: String(labels.app), ready: true, restartCount: Math.floor(rnd() * 3), started: true, state: { running: { startedAt: stamp() } } }],
        hostIP: `192.168.${Math.floor(rnd() * 4)}.${10 + Math.floor(rnd() * 40)}`,
        phase: 'Running',
        podIP: address,
        podIPs: [{ ip: address }],
        qosClass: 'Burstable',
        startTime: stamp(),
      },
    });
  };

  const workload = (kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', ns: string, name: string, app: string, replicas: number, ports: Array<{ name: string; port: number; protocol?: string }>) => {
    const labels = { app, 'app.kubernetes.io/part-of': ns };
    const template = { metadata: { labels }, spec: { containers: [container(app, ports)] } };
    const selector: Value = { matchLabels: { app } };
    const spec: Record<string, Value> = { selector, template };
    if (kind !== 'DaemonSet') spec.replicas = replicas;
    items.push({
      apiVersion: 'apps/v1',
      kind,
      metadata: meta(name, ns, labels, {
        annotations: { 'deployment.kubernetes.io/revision': '3', ...lastApplied({ apiVersion: 'apps/v1', kind, metadata: { name, namespace: ns, labels }, spec: { replicas, selector } }) },
        generation: 3,
        managedFields: managed('kubectl-client-side-apply', { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': { 'f:metadata': { 'f:labels': {} }, 'f:spec': { 'f:containers': {} } } } }),
      }),
      spec,
      status: { availableReplicas: replicas, observedGeneration: 3, readyReplicas: replicas, replicas, updatedReplicas: replicas },
    });
    const hash = hex(10);
    for (let r = 0; r < replicas; r++) {
      // A counter after the random part: names never collide, whatever the seed.
      const podName = kind === 'StatefulSet' ? `${name}-${r}` : `${name}-${hash}-${hex(3)}${r.toString(36).padStart(2, '0')}`;
      pod(ns, podName, { ...labels, 'pod-template-hash': hash }, { kind: kind === 'Deployment' ? 'ReplicaSet' : kind, name: kind === 'Deployment' ? `${name}-${hash}` : name }, container(app, ports));
    }
  };

  const service = (ns: string, name: string, app: string, port: number, targetPort: number | string) => {
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name, ns, { app }, { annotations: lastApplied({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns } }), managedFields: managed('kubectl-client-side-apply', { 'f:spec': { 'f:ports': {}, 'f:selector': {} } }) }),
      spec: {
        clusterIP: `10.96.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)}`,
        clusterIPs: [`10.96.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)}`],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'http', port, protocol: 'TCP', targetPort }],
        selector: { app },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  };

  const netpol = (ns: string, name: string, spec: Record<string, Value>) => {
    policies++;
    items.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(name, ns, {}, { annotations: lastApplied({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec }), generation: 1, managedFields: managed('kubectl-client-side-apply', { 'f:spec': { 'f:podSelector': {}, 'f:policyTypes': {} } }) }),
      spec,
    });
  };

  // The platform: DNS, ingress controller, monitoring.
  namespace('kube-system', {});
  workload('Deployment', 'kube-system', 'coredns', 'kube-dns', 2, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }]);
  namespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  workload('DaemonSet', 'ingress-nginx', 'ingress-nginx-controller', 'ingress-nginx', 3, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]);
  namespace('monitoring', { purpose: 'monitoring' });
  workload('StatefulSet', 'monitoring', 'prometheus', 'prometheus', 2, [{ name: 'web', port: 9090 }]);

  for (let n = 0; n < appNamespaces && podCount < options.pods; n++) {
    const ns = `team-${n % 40}-app-${n}`;
    namespace(ns, { team: `team-${n % 40}`, env: n % 3 === 0 ? 'prod' : 'staging' });
    const want = Math.min(perNs, options.pods - podCount);
    // web, api and worker deployments take most pods; a cache deployment and a db statefulset the rest.
    const shares = [0.3, 0.3, 0.2, 0.1, 0.1].map((s) => Math.max(1, Math.round(s * want)));
    let left = want;
    APPS.forEach((app, i) => {
      const replicas = i === APPS.length - 1 ? Math.max(0, left) : Math.min(left, shares[i]!);
      left -= replicas;
      if (replicas <= 0) return;
      const port = app === 'db' ? 5432 : app === 'cache' ? 6379 : 8080;
      workload(app === 'db' ? 'StatefulSet' : 'Deployment', ns, app, app, replicas, [{ name: 'http', port }, { name: 'metrics', port: 9100 }]);
      service(ns, app, app, app === 'web' ? 80 : port, 'http');
    });
    netpol(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    netpol(ns, 'allow-dns', { egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { app: 'kube-dns' } } }] }], podSelector: {}, policyTypes: ['Egress'] });
    netpol(ns, 'allow-from-ingress', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }], podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    netpol(ns, 'web-to-api', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http', protocol: 'TCP' }] }], podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
    netpol(ns, 'api-egress', { egress: [{ ports: [{ port: 5432, protocol: 'TCP' }, { port: 6379, protocol: 'TCP' }], to: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] } }] }], podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'] });
    netpol(ns, 'allow-prometheus', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9100, protocol: 'TCP' }] }], podSelector: {}, policyTypes: ['Ingress'] });
    netpol(ns, 'internet-egress', { egress: [{ ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'] } }] }], podSelector: { matchLabels: { app: 'worker' } }, policyTypes: ['Egress'] });
  }

  const out: string[] = ['apiVersion: v1', 'items:'];
  emit(items, '', out);
  out.push('kind: List', 'metadata:', '  resourceVersion: ""');
  return { text: `${out.join('\n')}\n`, pods: podCount, namespaces: appNamespaces + 3, policies, items: items.length };
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const dump = kubectlDump({ pods: arg('pods', 1000), seed: arg('seed', 1) });
  process.stdout.write(dump.text);
  process.stderr.write(`${dump.pods} pods, ${dump.namespaces} namespaces, ${dump.policies} policies, ${dump.items} objects, ${(dump.text.length / 1024 / 1024).toFixed(1)} MB\n`);
}

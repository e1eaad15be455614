// A multi-tenant cluster as the page gets it from a real one: many app namespaces owned by teams,
// six Deployments each, and the policies people write per namespace (default deny, DNS, from the
// ingress controller, app to app, Prometheus scraping, internet egress for the API, one call to a
// sibling namespace of the same team). Deterministic: the same arguments give the same YAML.
// `tenantDesignYaml(400)` is the 400-namespace / 2,401-workload / ~3,200-policy design of issue 12.
import { stringify } from 'yaml';

export interface TenantDesignOptions {
  /** App namespaces (ingress-nginx, monitoring and kube-system come on top). */
  namespaces: number;
  /** Teams the namespaces are shared out to (`team` label). */
  teams?: number;
}

const APPS = ['frontend', 'api', 'worker', 'db', 'cache', 'batch'] as const;
const PORTS: Record<(typeof APPS)[number], number> = { frontend: 8080, api: 8000, worker: 9000, db: 5432, cache: 6379, batch: 9000 };

const deployment = (namespace: string, name: string, labels: Record<string, string>, port: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels },
      spec: { containers: [{ name, image: `example/${name}:1`, ports: [{ name: 'main', containerPort: port, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }] }] },
    },
  },
});

const policy = (namespace: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const nsName = (i: number) => `app-${String(i).padStart(3, '0')}`;

export function tenantDesignObjects({ namespaces, teams = 20 }: TenantDesignOptions): unknown[] {
  const docs: unknown[] = [];
  docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx', labels: { role: 'ingress' } } });
  docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { role: 'monitoring' } } });
  docs.push(deployment('ingress-nginx', 'controller', { app: 'controller' }, 443));
  docs.push(deployment('monitoring', 'prometheus', { app: 'prometheus' }, 9090));
  docs.push(deployment('kube-system', 'coredns', { app: 'coredns', 'k8s-app': 'kube-dns' }, 53));
  for (let i = 0; i < namespaces; i++) {
    const ns = nsName(i);
    const team = `team-${i % teams}`;
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team, env: i % 3 === 0 ? 'prod' : 'dev' } } });
    for (const app of APPS) docs.push(deployment(ns, app, { app, team }, PORTS[app]));
    docs.push(policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    docs.push(policy(ns, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    }));
    docs.push(policy(ns, 'allow-from-ingress', {
      podSelector: { matchLabels: { app: 'frontend' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { role: 'ingress' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    }));
    docs.push(policy(ns, 'allow-prometheus', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { role: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ protocol: 'TCP', port: 'metrics' }] }],
    }));
    docs.push(policy(ns, 'api-from-frontend', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8000 }] },
        // A sibling namespace of the same team calls this API.
        { from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8000 }] },
      ],
    }));
    docs.push(policy(ns, 'data-from-app', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'worker', 'batch'] }] } }] }],
    }));
    docs.push(policy(ns, 'app-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: {} }] },
        { to: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8000 }] },
      ],
    }));
    docs.push(policy(ns, 'api-internet', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    }));
  }
  return docs;
}

export function tenantDesignYaml(options: TenantDesignOptions): string {
  return tenantDesignObjects(options)
    .map((d) => stringify(d, { version: '1.1', indentSeq: false, lineWidth: 0 }))
    .join('---\n');
}

// The Kubernetes e2e netpol suite's model (test/e2e/network/netpol): namespaces x, y, z, each with
// pods a, b, c serving 80 and 81 over TCP, UDP and SCTP, and its Reachability truth table, so
// upstream cases port over line by line.
import type { Protocol } from '../model/types.ts';

export const NAMESPACES = ['x', 'y', 'z'] as const;
export const PODS = ['a', 'b', 'c'] as const;
export type Ns = (typeof NAMESPACES)[number];
export type PodName = (typeof PODS)[number];
export const ALL_PODS: string[] = NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));

export function podIp(id: string): string {
  const [ns, pod] = id.split('/') as [Ns, PodName];
  return `10.244.${NAMESPACES.indexOf(ns) + 1}.${PODS.indexOf(pod) + 11}`;
}

/** The cluster as manifests: namespace labels `ns=<name>`, pod labels `pod=<name>`, ports serve-<port>-<proto>. */
export function xyzClusterYaml(overrides: { namespaceLabels?: Partial<Record<Ns, Record<string, string>>>; podLabels?: Record<string, Record<string, string>> } = {}): string {
  const docs: string[] = [];
  for (const ns of NAMESPACES) {
    const labels = overrides.namespaceLabels?.[ns] ?? { ns };
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n${Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}`,
    );
  }
  for (const id of ALL_PODS) {
    const [ns, pod] = id.split('/') as [Ns, PodName];
    const labels = overrides.podLabels?.[id] ?? { pod };
    const containers = [80, 81].flatMap((port) =>
      (['TCP', 'UDP', 'SCTP'] as const).map(
        (proto) =>
          `  - name: cont-${port}-${proto.toLowerCase()}\n    image: agnhost\n    ports:\n    - containerPort: ${port}\n      name: serve-${port}-${proto.toLowerCase()}\n      protocol: ${proto}`,
      ),
    );
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${pod}\n  namespace: ${ns}\n  labels:\n${Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}\nspec:\n  containers:\n${containers.join('\n')}\nstatus:\n  podIP: ${podIp(id)}`,
    );
  }
  return docs.join('\n---\n');
}

/** A peer pattern as upstream's `Peer{Namespace, Pod}`: empty fields match everything. */
export interface PeerPattern {
  namespace?: string;
  pod?: string;
}

const matches = (pattern: PeerPattern, id: string) => {
  const [ns, pod] = id.split('/');
  return (pattern.namespace === undefined || pattern.namespace === ns) && (pattern.pod === undefined || pattern.pod === pod);
};

/** Upstream's Reachability: a from x to truth table with the same helpers. */
export class Reachability {
  private readonly table = new Map<string, boolean>();

  constructor(defaultExpectation: boolean) {
    for (const from of ALL_PODS) for (const to of ALL_PODS) this.table.set(`${from}>${to}`, defaultExpectation);
  }

  expect(from: string, to: string, allowed: boolean): this {
    this.table.set(`${from}>${to}`, allowed);
    return this;
  }

  expectPeer(from: PeerPattern, to: PeerPattern, allowed: boolean): this {
    for (const f of ALL_PODS) for (const t of ALL_PODS) if (matches(from, f) && matches(to, t)) this.expect(f, t, allowed);
    return this;
  }

  expectAllIngress(to: string, allowed: boolean): this {
    for (const f of ALL_PODS) this.expect(f, to, allowed);
    return this;
  }

  expectAllEgress(from: string, allowed: boolean): this {
    for (const t of ALL_PODS) this.expect(from, t, allowed);
    return this;
  }

  get(from: string, to: string): boolean {
    return this.table.get(`${from}>${to}`)!;
  }
}

export interface UpstreamCase {
  name: string;
  policies: string;
  /** Each validation: a port probe and the truth table expected for it. */
  checks: { port: number; protocol: Protocol; reachability: Reachability }[];
  clusterOverrides?: Parameters<typeof xyzClusterYaml>[0];
}

// Invariant[] -> netpol-invariants.yaml: what the page downloads, autosaves and shares. Shorthands
// where they say the same (`tenant-a`, `shop/web`, `outside:metadata`, `10.0.0.0/8`), so the file
// reads like one written by hand; parseInvariants reads it back to the same invariants.
import { stringify } from 'yaml';
import { INVARIANTS_API_VERSION, INVARIANTS_KIND, type EndpointSelector, type Invariant, type InvariantPort } from './types.ts';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

function endpoint(e: EndpointSelector): Json {
  if (e.kind === 'outside') return `outside:${e.id}`;
  if (e.kind === 'cidr') return e.except?.length ? { cidr: e.cidr, except: [...e.except] } : e.cidr;
  const plain = !e.podSelector && !e.namespaceSelector;
  if (plain && e.namespace === undefined) return '*';
  if (plain && e.workload === undefined) return e.namespace!;
  if (plain) return `${e.namespace}/${e.workload}`;
  const out: { [key: string]: Json } = {};
  if (e.namespace !== undefined) out.namespace = e.namespace;
  if (e.workload !== undefined) out.workload = e.workload;
  if (e.namespaceSelector) out.namespaceSelector = JSON.parse(JSON.stringify(e.namespaceSelector)) as Json;
  if (e.podSelector) out.podSelector = JSON.parse(JSON.stringify(e.podSelector)) as Json;
  return out;
}

const endpoints = (list: readonly EndpointSelector[]): Json => (list.length === 1 ? endpoint(list[0]!) : list.map(endpoint));
const port = (p: InvariantPort): string => `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`;

function entry(inv: Invariant): { [key: string]: Json } {
  const out: { [key: string]: Json } = { name: inv.name };
  if (inv.description !== undefined) out.description = inv.description;
  if (inv.severity !== 'high') out.severity = inv.severity;
  if (inv.kind === 'isolated') {
    const direction = inv.directions.length === 2 ? 'Both' : inv.directions[0] ?? 'Ingress';
    out.isolated = { target: endpoints(inv.target), direction };
    return out;
  }
  const body: { [key: string]: Json } = {};
  if (inv.from.length > 0 || inv.kind === 'only') body.from = inv.kind === 'only' ? inv.from.map(endpoint) : endpoints(inv.from);
  body.to = endpoints(inv.to);
  if (inv.ports.length > 0) body.ports = inv.ports.map(port);
  out[inv.kind] = body;
  return out;
}

export function formatInvariantsFile(invariants: readonly Invariant[], name = 'design'): string {
  const doc = {
    apiVersion: INVARIANTS_API_VERSION,
    kind: INVARIANTS_KIND,
    metadata: { name },
    spec: { invariants: invariants.map(entry) },
  };
  return `# yaml-language-server: $schema=netpol-invariants.schema.json\n${stringify(doc, { lineWidth: 0 })}`;
}

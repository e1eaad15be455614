// Realistic `hubble observe -o json` lines (~1.1 KB: labels, workloads, a third of them replies)
// between the pods of a synthetic design, for bench/flows.bench.ts and scripts/measure-flows.ts.
import type { Workload } from '../src/model/types.ts';

function endpoint(w: Workload): object {
  return {
    ID: 1000 + (w.name.length % 97), identity: 20000 + (w.name.length % 31), namespace: w.namespace, pod_name: `${w.name}-7d9f8c6b5-x2x4q`,
    labels: [...Object.entries(w.labels).map(([k, v]) => `k8s:${k}=${v}`), `k8s:io.kubernetes.pod.namespace=${w.namespace}`, 'k8s:io.cilium.k8s.policy.serviceaccount=default'],
    workloads: [{ name: w.name, kind: 'Deployment' }],
  };
}

/** Flow `i` of a log between `pods`, `base` ms since 1970 at its start (3 ms apart); a third are replies, 1 in 50 dropped. */
export function hubbleLine(pods: readonly Workload[], i: number, base: number): string {
  const a = pods[(i * 7919) % pods.length]!;
  // Every 50,000 flows the peers shift: about 20,000 distinct connections in a million lines.
  const b = pods[(i * 104729 + 13 + Math.floor(i / 50_000)) % pods.length]!;
  const port = [80, 443, 8080, 5432][i % 4]!;
  const reply = i % 3 === 2;
  const sport = 30000 + (i % 20000);
  const time = new Date(base + i * 3).toISOString().replace('Z', '123456Z');
  const flow = {
    time, uuid: `6c4b2a1e-0000-4000-8000-${String(i).padStart(12, '0')}`, verdict: i % 50 === 0 ? 'DROPPED' : 'FORWARDED',
    ethernet: { source: '0a:58:0a:f4:01:0a', destination: '0a:58:0a:f4:01:01' },
    IP: { source: reply ? b.ips[0] : a.ips[0], destination: reply ? a.ips[0] : b.ips[0], ipVersion: 'IPv4' },
    l4: { TCP: { source_port: reply ? port : sport, destination_port: reply ? sport : port, flags: reply ? { SYN: true, ACK: true } : { SYN: true } } },
    source: endpoint(reply ? b : a), destination: endpoint(reply ? a : b), Type: 'L3_L4', node_name: 'worker-1', event_type: { type: 4 },
    traffic_direction: 'EGRESS', trace_observation_point: 'TO_STACK', is_reply: reply, Summary: 'TCP Flags: SYN',
  };
  return JSON.stringify({ flow, node_name: 'worker-1', time });
}


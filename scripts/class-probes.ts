// node --import tsx scripts/class-probes.ts DUMP.yaml COUNT > probes.json
// Seeded probes over a dump's workloads, pod and Service addresses, Services and a few outside
// addresses, on three ports: input for comparing the CLI `probe` answers before and after a change
// to the workload classes (issue 12). COUNT probes per port.
import { readFileSync } from 'node:fs';
import { inCluster } from '../src/cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { parseKubectlManifests } from '../src/import/manifests.ts';
import { loadDesign } from '../src/model/index.ts';

const [file, countText] = process.argv.slice(2);
if (!file) throw new Error('usage: scripts/class-probes.ts DUMP.yaml COUNT');
const count = Number(countText ?? '3000');
const { cluster } = inCluster(loadDesign([{ name: file, text: readFileSync(file, 'utf8') }], parseKubectlManifests), DEFAULT_SETTINGS);
const ends = [
  ...cluster.workloads.map((w) => w.id),
  ...cluster.workloads.flatMap((w) => w.ips.slice(0, 1).map((ip) => `ip:${ip}`)).filter((_, i) => i % 7 === 0),
  ...cluster.services.flatMap((s) => s.clusterIPs.map((ip) => `ip:${ip}`)),
  'ip:8.8.8.8', 'ip:192.168.10.10', 'ip:10.96.0.1', 'ip:172.16.0.5',
];
const services = cluster.services.map((s) => `svc:${s.id}`);
let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const probes: { from: string; to: string; port: number | string; protocol: string }[] = [];
for (const [port, protocol] of [[80, 'TCP'], [8080, 'TCP'], [53, 'UDP'], ['http', 'TCP']] as const) {
  for (let k = 0; k < count; k++) {
    const to = k % 17 === 0 && services.length > 0 ? services[next() % services.length]! : ends[next() % ends.length]!;
    const from = k % 29 === 0 ? to.startsWith('svc:') ? ends[0]! : to : cluster.workloads[next() % cluster.workloads.length]!.id;
    probes.push({ from, to, port, protocol });
  }
}
process.stdout.write(JSON.stringify({ probes }));

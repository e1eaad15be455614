// Which probes prove a design: workload pairs on their ports, and the classic outside targets.
import { withAssumedServices } from '../../cluster/assumed/index.ts';
import { apiServerTarget, EXTERNAL_NODES } from '../../design/external.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../../design/types.ts';
import { compile, computeMatrix, type Endpoint, type PortProbe } from '../../engine/index.ts';
import type { Design, Workload } from '../../model/types.ts';
import type { OutsideTarget, PlannedProbe, PlanTarget, PlanWorkload, ProbeMethod, TestPlan } from './types.ts';

export const DEFAULT_PROBE_IMAGE = 'nicolaka/netshoot:v0.13';
export const DEFAULT_PROBE_TIMEOUT = 2;

export interface TestPlanOptions {
  /** Probe every workload pair on these ports. Default: each destination's declared container ports. */
  ports?: readonly PortProbe[];
  /** Keep probes with an end in one of these namespaces (outside probes: the source). Default: all. */
  namespaces?: readonly string[];
  /** Outside addresses to probe from every source. Default: the internet, the metadata server and the API server. */
  outside?: readonly OutsideTarget[];
  /** Keep only the probes this accepts (ids are assigned after filtering). */
  include?: (probe: Omit<PlannedProbe, 'id'>) => boolean;
  image?: string;
  timeoutSeconds?: number;
  settings?: DesignSettings;
}

export function defaultOutsideTargets(settings: DesignSettings): OutsideTarget[] {
  const title = (id: string) => EXTERNAL_NODES(settings).find((n) => n.id === id)?.title ?? id;
  return [
    { ip: '1.1.1.1', port: 443, protocol: 'TCP', title: title('internet') },
    { ip: '169.254.169.254', port: 80, protocol: 'TCP', title: title('metadata') },
    // Probed at the endpoint when set; else at the Service VIP, which is what a pod dials.
    { ip: apiServerTarget(settings).address, port: apiServerTarget(settings).port, protocol: 'TCP', title: title('apiserver') },
  ];
}

const planWorkload = (w: Workload): PlanWorkload => ({ id: w.id, namespace: w.namespace, name: w.name, kind: w.kind, labels: { ...w.labels } });

function methodFor(port: number, protocol: PortProbe['protocol']): ProbeMethod {
  if (protocol === 'TCP') return 'tcp';
  if (protocol === 'UDP') return port === 53 ? 'dns' : 'udp';
  return 'unsupported';
}

const portKey = (p: PortProbe) => `${p.protocol}/${p.port}`;

export function planTests(design: Design, options: TestPlanOptions = {}): TestPlan {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const c = compile(withAssumedServices(design.cluster, settings), { profile: settings.profile });
  const workloads = c.workloads;
  const outside = options.outside ?? defaultOutsideTargets(settings);
  const inScope = options.namespaces ? new Set(options.namespaces) : undefined;
  const wanted = (ns: string) => !inScope || inScope.has(ns);

  const portsOf = (w: Workload): PortProbe[] => options.ports
    ? [...options.ports]
    : [...new Map(w.ports.map((p): [string, PortProbe] => [`${p.protocol}/${p.containerPort}`, { port: p.containerPort, protocol: p.protocol }])).values()];

  // One engine matrix per distinct port answers every probe on it.
  const endpoints: Endpoint[] = [...workloads.map((w): Endpoint => ({ kind: 'workload', id: w.id })), ...outside.map((o): Endpoint => ({ kind: 'ip', ip: o.ip }))];
  const allPorts = new Map<string, PortProbe>();
  for (const w of workloads) for (const p of portsOf(w)) allPorts.set(portKey(p), p);
  for (const o of outside) allPorts.set(portKey(o), { port: o.port, protocol: o.protocol });
  const portList = [...allPorts.values()];
  const matrix = computeMatrix(c, { endpoints, ports: portList });
  const portIndex = new Map(portList.map((p, i) => [portKey(p), i]));
  const n = endpoints.length;
  const allowed = (from: number, to: number, p: PortProbe) => matrix.allowed[portIndex.get(portKey(p))!]![from * n + to] === 1;

  const probes: Omit<PlannedProbe, 'id'>[] = [];
  workloads.forEach((source, i) => {
    // The cluster's own services (the DNS pods) are real there and fine to probe, but the plan does
    // not start probe pods in their place: they are not the design's to prove.
    if (source.assumed) return;
    workloads.forEach((destination, j) => {
      if (!wanted(source.namespace) && !wanted(destination.namespace)) return;
      for (const p of portsOf(destination)) {
        const to: PlanTarget = { kind: 'workload', workload: planWorkload(destination) };
        probes.push({ from: planWorkload(source), to, ...p, expected: allowed(i, j, p) ? 'allow' : 'deny', method: methodFor(p.port, p.protocol) });
      }
    });
    if (!wanted(source.namespace)) return;
    outside.forEach((o, k) => {
      const to: PlanTarget = { kind: 'address', ip: o.ip, title: o.title };
      probes.push({ from: planWorkload(source), to, port: o.port, protocol: o.protocol, expected: allowed(i, workloads.length + k, o) ? 'allow' : 'deny', method: methodFor(o.port, o.protocol) });
    });
  });
  const kept = options.include ? probes.filter(options.include) : probes;
  return {
    probes: kept.map((p, k) => ({ id: k + 1, ...p })),
    image: options.image ?? DEFAULT_PROBE_IMAGE,
    timeoutSeconds: options.timeoutSeconds ?? DEFAULT_PROBE_TIMEOUT,
  };
}

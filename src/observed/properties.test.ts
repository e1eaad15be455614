// Property: the proposal from observed traffic allows every observed connection and opens no
// workload pair (nor port) that was not observed, on random designs and random traffic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deployment, namespace } from '../design/kube.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { allowedConnections, compile, evaluate, isEmptyConnectionSet } from '../engine/index.ts';
import { emitYaml, loadDesign } from '../model/index.ts';
import { applyProposal, mapConnections, observedNamespaces, parseFlows, probeEndpoint, proposeFlows, replayRaw } from './index.ts';

const WORKLOADS = ['a/web', 'a/api', 'b/db', 'b/cache', 'a/worker'];
const OUTSIDE = ['8.8.8.8', '169.254.169.254', '10.20.30.40'];
const PORTS = [80, 443, 5432, 53];

const clusterObjects = () => [
  namespace('a'), namespace('b'),
  ...WORKLOADS.map((id) => {
    const [ns, name] = id.split('/') as [string, string];
    return deployment(ns, name, { labels: { app: name }, image: 'x', ports: [{ containerPort: 80 }, { containerPort: 5432 }] });
  }),
];

const end = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORKLOADS) },
  { weight: 1, arbitrary: fc.constantFrom(...OUTSIDE) },
);
const observation = fc.record({ from: end, to: end, port: fc.constantFrom(...PORTS), protocol: fc.constantFrom('TCP', 'UDP') });

describe('proposal from observed traffic', () => {
  it('allows every observed connection and opens no unobserved workload pair or port', () => {
    const objects = clusterObjects();
    const base = loadDesign([{ name: 'c.yaml', text: emitYaml(objects) }]);
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 12 }), (observed) => {
        const usable = observed.filter((o) => WORKLOADS.includes(o.from) || WORKLOADS.includes(o.to));
        const csv = usable.map((o) => `${o.from},${o.to},${o.port},${o.protocol}`).join('\n');
        const traffic = mapConnections(parseFlows(csv, 'csv').connections, base.cluster, DEFAULT_SETTINGS);
        const proposal = proposeFlows(traffic.connections, { lockdown: observedNamespaces(traffic.connections) });
        const design = loadDesign([{ name: 'p.yaml', text: emitYaml(applyProposal(objects, proposal, DEFAULT_SETTINGS)) }]);
        expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const c = compile(design.cluster);
        for (const conn of traffic.connections) {
          const from = probeEndpoint(conn.from, DEFAULT_SETTINGS, design.cluster)!;
          const to = probeEndpoint(conn.to, DEFAULT_SETTINGS, design.cluster)!;
          expect(evaluate(c, { from, to, port: conn.port, protocol: conn.protocol }).allowed, conn.key).toBe(true);
        }
        // The replay, as page and CLI run it (the design in its assumed cluster), agrees: nothing breaks.
        const replayed = replayRaw(parseFlows(csv, 'csv').connections, design.cluster, DEFAULT_SETTINGS).result;
        expect(replayed.wouldBreak, replayed.summary).toEqual([]);
        expect(replayed.keepWorking).toBe(replayed.worked);
        const locked = new Set(proposal.lockdown);
        for (const a of WORKLOADS) for (const b of WORKLOADS) {
          // A pod reaching itself is not a pair of workloads (and the engine always allows it).
          if (a === b || (!locked.has(a.split('/')[0]!) && !locked.has(b.split('/')[0]!))) continue;
          const seen = usable.filter((o) => o.from === a && o.to === b);
          const open = allowedConnections(c, { kind: 'workload', id: a }, { kind: 'workload', id: b });
          if (seen.length === 0) expect(isEmptyConnectionSet(open), `${a} -> ${b} was not observed`).toBe(true);
          for (const protocol of ['TCP', 'UDP'] as const) for (const port of [...PORTS, 8080]) {
            const allowed = evaluate(c, { from: { kind: 'workload', id: a }, to: { kind: 'workload', id: b }, port, protocol }).allowed;
            expect(allowed, `${a} -> ${b} ${protocol}/${port}`).toBe(seen.some((o) => o.port === port && o.protocol === protocol));
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});

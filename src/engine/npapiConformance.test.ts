// The network-policy-api conformance suite (kubernetes-sigs/network-policy-api, conformance/), ported:
// every case of src/testing/npapiConformance.ts is loaded on the house model and each upstream
// PokeServer expectation is checked with evaluate, cross-checked against computeMatrix.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/index.ts';
import { ALL_PODS, NPAPI_CASES, npapiClusterYaml, podId, type NpapiCase, type NpapiProbe } from '../testing/npapiConformance.ts';
import { compile } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import type { Probe } from './types.ts';

type Compiled = ReturnType<typeof compile>;

const CLUSTER = npapiClusterYaml();

function load(c: NpapiCase) {
  return loadDesign([
    { name: 'manifests.yaml', text: CLUSTER },
    { name: `${c.name}.yaml`, text: c.policies },
  ]);
}

/** The single evaluation, after checking that the matrix gives the same answer (as admin.test.ts does). */
function verdict(compiled: Compiled, p: NpapiProbe) {
  const probe: Probe = { from: { kind: 'workload', id: podId(p.from) }, to: { kind: 'workload', id: podId(p.to) }, port: p.port, protocol: p.protocol };
  const m = computeMatrix(compiled, { endpoints: [probe.from, probe.to], ports: [{ port: p.port, protocol: p.protocol }] });
  const v = evaluate(compiled, probe);
  expect(m.allowed[0]![1] === 1, 'matrix agrees with evaluate').toBe(v.allowed);
  return v;
}

describe('network-policy-api conformance: the house model', () => {
  it('has every pod with a distinct synthetic IP and no error diagnostics', () => {
    const design = loadDesign([{ name: 'manifests.yaml', text: CLUSTER }]);
    expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compile(design.cluster);
    for (const pod of ALL_PODS) expect(() => evaluate(compiled, { from: { kind: 'workload', id: podId(pod) }, to: { kind: 'workload', id: podId(pod) }, port: 80, protocol: 'TCP' })).not.toThrow();
    expect(new Set(ALL_PODS.map(podId)).size).toBe(ALL_PODS.length);
  });

  it('ports the cases', () => {
    expect(new Set(NPAPI_CASES.map((c) => c.name)).size).toBe(NPAPI_CASES.length);
    expect(NPAPI_CASES.length).toBeGreaterThanOrEqual(60);
  });
});

for (const c of NPAPI_CASES) {
  describe(`${c.name} [${c.upstream[0]}]`, () => {
    let compiled: Compiled | undefined;
    const compiledCase = (): Compiled => {
      if (!compiled) compiled = compile(load(c).cluster);
      return compiled;
    };

    it(`loads without error diagnostics (mutation: ${c.mutation})`, () => {
      expect(load(c).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    for (const { subtest, probes } of c.checks) {
      for (const p of probes) {
        const title = `${subtest}: ${p.from} -> ${p.to} ${p.protocol}/${p.port} should ${p.allowed ? '' : 'not '}connect`;
        const body = () => {
          const v = verdict(compiledCase(), p);
          expect(v.allowed, v.summary).toBe(p.allowed);
        };
        if (p.engineDisagreement) it.fails(`${title} [engine disagrees: ${p.engineDisagreement}]`, body);
        else it(title, body);
      }
    }
  });
}

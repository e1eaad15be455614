import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/index.ts';
import { UPSTREAM_CASES } from '../testing/upstreamCases.ts';
import { ALL_PODS, xyzClusterYaml } from '../testing/xyz.ts';
import { compile } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';

describe('kubernetes e2e netpol suite (x/y/z model, full truth tables)', () => {
  it('ports at least 30 upstream cases', () => {
    expect(UPSTREAM_CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of UPSTREAM_CASES) {
    it(c.name, () => {
      const design = loadDesign([
        { name: 'cluster.yaml', text: xyzClusterYaml(c.clusterOverrides) },
        { name: 'policies.yaml', text: c.policies },
      ]);
      expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const compiled = compile(design.cluster);
      const matrix = computeMatrix(compiled, { ports: c.checks.map(({ port, protocol }) => ({ port, protocol })) });
      c.checks.forEach(({ port, protocol, reachability }, p) => {
        const wrong: string[] = [];
        for (const from of ALL_PODS) {
          for (const to of ALL_PODS) {
            const i = matrix.labels.indexOf(from);
            const j = matrix.labels.indexOf(to);
            const fromMatrix = matrix.allowed[p]![i * matrix.labels.length + j] === 1;
            const single = evaluate(compiled, { from: { kind: 'workload', id: from }, to: { kind: 'workload', id: to }, port, protocol }).allowed;
            // Upstream calls reachability.AllowLoopback(): a pod always reaches itself.
            const expected = from === to ? true : reachability.get(from, to);
            if (fromMatrix !== expected || single !== expected) {
              wrong.push(`${from} -> ${to} ${protocol}/${port}: expected ${expected}, matrix ${fromMatrix}, evaluate ${single}`);
            }
          }
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});

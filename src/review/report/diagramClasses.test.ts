import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, Design } from '../../model/types.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { clusterWithAdminArb } from '../../testing/arbitraries.ts';
import { placeOnNodes, placementsArb } from '../../testing/nodes.ts';
import { renderDiagramSvg } from './diagram.ts';

const withReplicas = fc.record({ base: clusterWithAdminArb, copies: fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }) }).map(({ base, copies }): ClusterModel => ({
  ...base,
  workloads: [...base.workloads, ...base.workloads.flatMap((w, i) => Array.from({ length: copies[i % 8]! }, (_, k) => ({ ...w, id: `${w.id}-r${k}`, name: `${w.name}-r${k}`, ips: [] })))],
}))
  // Pods on modelled Nodes: the API server node below is n1's address, which answers a pod by where it runs.
  .chain((model) => placementsArb.map((placements) => placeOnNodes(model, placements)));
const settings = { ...DEFAULT_SETTINGS, apiServer: { address: '10.0.1.3', port: 6443 } };

describe('diagram arrows from the workload classes', () => {
  it('draw the same SVG as the pairwise tables, arrow by arrow and joined per namespace pair', () => {
    fc.assert(
      fc.property(withReplicas, fc.constantFrom(0, 1, 3, 150), (cluster, maxArrows) => {
        const design: Design = { manifests: [], cluster, diagnostics: [] };
        expect(renderDiagramSvg(design, { maxArrows, classesAbove: 0 })).toBe(renderDiagramSvg(design, { maxArrows, classesAbove: Infinity }));
        expect(renderDiagramSvg(design, { settings, maxArrows, classesAbove: 0 })).toBe(renderDiagramSvg(design, { settings, maxArrows, classesAbove: Infinity }));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

// Pods placed on modelled Nodes, for the tests that compare class tables with the plain matrix: the
// own-node exception makes a node's address answer a pod by where it runs, which the workload class
// key leaves out (engine/classes placedClasses).
import fc from 'fast-check';
import type { ClusterModel, Workload } from '../model/types.ts';
import type { Endpoint } from '../engine/types.ts';

/** Addresses no arbitrary pod has, inside the arbitraries' ipBlocks (10.0.1.0/28 is an `except`). */
export const TEST_NODES: ClusterModel['nodes'] = [
  { name: 'n1', labels: { role: 'a' }, addresses: ['10.0.1.3'], ref: { kind: 'Node', name: 'n1', manifest: 3000 } },
  { name: 'n2', labels: { role: 'b' }, addresses: ['192.168.7.7'], ref: { kind: 'Node', name: 'n2', manifest: 3001 } },
];

export const NODE_ENDPOINTS: Endpoint[] = [{ kind: 'ip', ip: '10.0.1.3' }, { kind: 'ip', ip: '192.168.7.7' }];

/** Per workload (cyclically): its node by name, by host address, on a node no Node models, or anywhere. */
export const placementsArb = fc.record({
  nodes: fc.boolean(),
  on: fc.array(fc.constantFrom<Partial<Workload> | undefined>({ nodeName: 'n1' }, { nodeName: 'n2' }, { hostIp: '10.0.1.3' }, { hostIp: '192.168.7.7' }, { nodeName: 'gone' }, undefined), { minLength: 7, maxLength: 7 }),
});

export function placeOnNodes(model: ClusterModel, { nodes, on }: { nodes: boolean; on: readonly (Partial<Workload> | undefined)[] }): ClusterModel {
  return { ...model, workloads: model.workloads.map((w, i) => ({ ...w, ...on[i % on.length] })), nodes: nodes ? TEST_NODES : [] };
}

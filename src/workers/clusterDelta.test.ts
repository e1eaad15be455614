// The cluster the page rebuilds from the parts sent is the cluster the worker analyzed.
import { describe, expect, it } from 'vitest';
import { withAssumedServices } from '../cluster/assumed/index.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { deployment } from '../design/kube.ts';
import { baseCluster } from '../design/testkit.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { buildClusterFromObjects } from '../model/index.ts';
import type { ClusterModel, KubeObject } from '../model/types.ts';
import { clusterEncoder, decodeCluster } from './clusterDelta.ts';

const clusterOf = (o: KubeObject[]) => withAssumedServices(buildClusterFromObjects(o).cluster, DEFAULT_SETTINGS);

describe('cluster sent by parts', () => {
  it('leaves out the parts a switch did not change and rebuilds the whole cluster on the page', () => {
    const encoder = clusterEncoder();
    let objects = baseCluster();
    let page: ClusterModel | undefined;
    const sameParts: string[][] = [];
    const changes: ((o: KubeObject[]) => KubeObject[])[] = [
      (o) => o,
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, true, DEFAULT_SETTINGS),
      (o) => setAllowRule(o, 'sameNamespace', { namespace: 'shop' }, true, DEFAULT_SETTINGS),
      (o) => [...o, deployment('other', 'late', { labels: { app: 'late' }, image: 'x' })],
      (o) => setAllowRule(o, 'defaultDenyIngress', { namespace: 'shop' }, false, DEFAULT_SETTINGS),
    ];
    for (const change of changes) {
      objects = change(objects);
      const cluster = clusterOf(objects);
      const { cluster: sent, same } = encoder.encode(structuredClone(cluster));
      sameParts.push(same);
      page = decodeCluster(structuredClone(sent), same, page);
      expect(page).toEqual(cluster);
    }
    expect(sameParts[0]).toEqual([]);
    expect(sameParts[1]).toContain('workloads');
    // A new workload is sent.
    expect(sameParts[3]).not.toContain('workloads');
    expect(decodeCluster(clusterOf(objects), ['workloads'], undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { buildCluster } from '../model/cluster.ts';
import { yamlCache } from '../model/emitCache.ts';
import { parseManifests } from '../model/parse.ts';
import type { KubeObject } from '../model/types.ts';
import { listAsDocuments } from './listDocuments.ts';

const parse = (text: string) => parseManifests([{ name: 'x.yaml', text }]);
/** What the model makes of a text: its workloads (with pod IPs), services and policies. */
const modelOf = (text: string) => {
  const c = buildCluster(parse(text).manifests).cluster;
  return { workloads: c.workloads.map((w) => ({ ...w, ref: undefined })), services: c.services.length, policies: c.policies.length, namespaces: c.namespaces.map((n) => n.name) };
};

describe('listAsDocuments', () => {
  const dump = kubectlDump({ pods: 40, seed: 3 });

  it('writes a kubectl List as one document per object, without what the server and kubectl added', () => {
    const list = listAsDocuments(dump.text, 'cluster.yaml');
    if (!list) throw new Error('not read as a List');
    expect(list.objects).toBe(dump.items);
    expect(list.removed).toEqual(['managedFields', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'kubectl.kubernetes.io/last-applied-configuration', 'status']);
    for (const field of ['managedFields:', 'last-applied-configuration', 'kind: List', 'phase:', 'conditions:']) expect(list.text).not.toContain(field);
    // Of the object's own metadata (an owner reference keeps its uid: the model tells bare pods apart by them).
    expect(list.text).not.toMatch(/^ {2}(uid|resourceVersion|creationTimestamp|generation):/m);
    expect(dump.text).toMatch(/^ {4}(uid|resourceVersion|creationTimestamp|generation):/m);
    const objects = parse(list.text).manifests.map((m) => m.object);
    expect(objects).toHaveLength(dump.items);
    // The pod addresses the policies are judged on stay.
    const pods = objects.filter((o) => o.kind === 'Pod') as Array<KubeObject & { status?: { podIP?: string } }>;
    expect(pods.length).toBe(dump.pods);
    expect(pods.every((p) => typeof p.status?.podIP === 'string')).toBe(true);
  });

  it('models exactly as the List did', () => {
    const list = listAsDocuments(dump.text, 'cluster.yaml')!;
    expect(modelOf(list.text)).toEqual(modelOf(dump.text));
  });

  it('is what the editor writes again after a change: a change rewrites only the objects it changes', () => {
    const list = listAsDocuments(dump.text, 'cluster.yaml')!;
    const objects = parse(list.text).manifests.map((m) => m.object);
    const cache = yamlCache();
    expect(cache.emit(objects)).toBe(list.text);
    expect(cache.written()).toBe(0);
  });

  it('reads a JSON List (kubectl -o json) too', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: parse(dump.text).manifests.map((m) => m.object), metadata: { resourceVersion: '' } });
    const list = listAsDocuments(json, 'cluster.json');
    expect(list?.text).toBe(listAsDocuments(dump.text, 'cluster.yaml')!.text);
  });

  it('leaves alone what is not one List, or what has a problem (imported as it is, the problems pointing into the file)', () => {
    const documents = listAsDocuments(dump.text, 'cluster.yaml')!.text;
    expect(listAsDocuments(documents, 'docs.yaml')).toBeUndefined();
    expect(listAsDocuments(`# the billing team's\n${dump.text}`, 'c.yaml')).toBeUndefined();
    expect(listAsDocuments(`${dump.text}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n`, 'c.yaml')).toBeUndefined();
    const broken = dump.text.replace(/^- apiVersion: v1\n  kind: Pod\n/m, '- apiVersion: v1\n  kind: Pod\n  spec: [\n');
    expect(broken).not.toBe(dump.text);
    expect(listAsDocuments(broken, 'c.yaml')).toBeUndefined();
    expect(listAsDocuments('{"kind": "Pod"', 'c.json')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../engine/index.ts';
import { buildClusterFromObjects, loadDesign } from '../model/index.ts';
import type { KubeObject, Protocol } from '../model/types.ts';
import { SAMPLES } from './samples.ts';
import { designStory, storyChapterOf } from './story.ts';
import { ep } from './testkit.ts';

const sampleObjects = (id: string): KubeObject[] => {
  const s = SAMPLES.find((x) => x.id === id)!;
  return loadDesign([{ name: `${id}.yaml`, text: s.yaml }]).manifests.map((m) => m.object);
};

function allowedAt(objects: KubeObject[]) {
  const c = compile(buildClusterFromObjects(objects).cluster);
  return (from: string, to: string, port: number, protocol: Protocol = 'TCP') => evaluate(c, { from: ep(from), to: ep(to), port, protocol }).allowed;
}

describe('designStory', () => {
  it('tells the home lab as all open -> default deny -> drawn flows, each step a working design', () => {
    const objects = sampleObjects('homelab');
    const steps = designStory(objects);
    expect(steps.map((s) => s.chapter)).toEqual(['open', 'default-deny', 'flows']);
    const [open, deny, flows] = steps.map((s) => allowedAt(s.objects));
    const ctrl = 'nginx/ingress-nginx-controller';
    // All open: even jellyfin reaches the internet.
    expect(open!('media/jellyfin', 'ip:8.8.8.8', 443)).toBe(true);
    expect(open!(ctrl, 'exposure/httpd-vm1', 8080)).toBe(true);
    // Default deny: nothing passes, not even the paths that will be drawn.
    expect(deny!(ctrl, 'exposure/httpd-vm1', 8080)).toBe(false);
    expect(deny!('media/jellyfin', 'ip:8.8.8.8', 443)).toBe(false);
    // Flows: the drawn paths, and still nothing else.
    expect(flows!(ctrl, 'exposure/httpd-vm1', 8080)).toBe(true);
    expect(flows!('media/jellyfin', 'ip:8.8.8.8', 443)).toBe(false);
    // The last step is the whole design; non-policy objects are in every step.
    expect(steps.at(-1)!.objects).toEqual(objects);
    const workloads = objects.filter((o) => !storyChapterOf(o)).length;
    for (const step of steps) expect(step.objects.filter((o) => !storyChapterOf(o))).toHaveLength(workloads);
    expect(steps[1]!.narration).toContain('nginx');
    expect(steps[2]!.added).toBeGreaterThan(0);
  });

  it('puts admin policies first after the open step, and hand-written policies in their own chapter', () => {
    expect(designStory(sampleObjects('multi-tenant')).map((s) => s.chapter)[1]).toBe('admin');
    expect(designStory(sampleObjects('jupyterhub')).map((s) => s.chapter)).toContain('policies');
  });

  it('has one step for a design without policies', () => {
    const objects = sampleObjects('homelab').filter((o) => !storyChapterOf(o));
    const steps = designStory(objects);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.chapter).toBe('open');
  });
});

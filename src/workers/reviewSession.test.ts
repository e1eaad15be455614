// The review worker's session (objects kept, patches, the cluster build's memory, compilations
// reused) gives, toggle after toggle, the findings of a fresh review of the same text.
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../bench/synthetic.ts';
import { tenantDesignYaml } from '../../bench/tenantDesign.ts';
import { clusterYaml } from '../../scripts/synthetic-yaml.ts';
import { setAllowRule } from '../design/allowRules.ts';
import { DEFAULT_SETTINGS, type DesignSettings } from '../design/types.ts';
import { emitYaml, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { reviewDesign } from '../review/findings/index.ts';
import { kubectlDump } from '../../scripts/kubectl-dump.ts';
import { importLarge } from '../import/index.ts';
import { analyzeHeldObjects, emitHeldText, reviewHeld, type HeldRef } from './held.ts';
import { encodeObjects } from './objectsPatch.ts';
import { reviewSession, type SessionTask } from './reviewSession.ts';

const objectsOf = (text: string) => loadDesign([{ name: 'in.yaml', text }]).manifests.map((m) => m.object);
const withApi: DesignSettings = { ...DEFAULT_SETTINGS, apiServer: { address: '10.0.0.1', port: 6443 } };

/** The task the analysis worker sends for `objects`: a patch against the last ones when it can. */
function task(objects: KubeObject[], last: KubeObject[] | undefined, settings: DesignSettings): SessionTask {
  const text = emitYaml(objects);
  const encoded = encodeObjects(objects, last);
  return encoded
    ? { kind: 'objectsPatch', patch: encoded.patch, middle: structuredClone(encoded.middle), text, fileName: 'design.yaml', settings }
    : { kind: 'objects', objects: structuredClone(objects), text, fileName: 'design.yaml', settings };
}

function steps(base: KubeObject[], namespaces: readonly string[], settings: DesignSettings): KubeObject[][] {
  const out = [base];
  let now = base;
  for (const [k, namespace] of namespaces.entries()) {
    now = setAllowRule(now, k % 2 === 0 ? 'nonPrivateIPs' : 'dnsPortsKubeSystemNamespace', { namespace }, true, settings);
    out.push(now);
  }
  // And back off again, the first one: a policy removed from the middle.
  out.push(setAllowRule(now, 'nonPrivateIPs', { namespace: namespaces[0]! }, false, settings));
  return out;
}

describe('review session', () => {
  for (const [name, base, namespaces, settings] of [
    ['synthetic 300 pods', objectsOf(clusterYaml(syntheticCluster(300))), ['ns-1', 'ns-2', 'ns-1'], DEFAULT_SETTINGS],
    ['tenants 8 namespaces, API server set', objectsOf(tenantDesignYaml({ namespaces: 8 })), ['app-001', 'app-002', 'app-003'], withApi],
  ] as const) {
    it(`${name}: toggle after toggle, the findings of a fresh review`, () => {
      const session = reviewSession();
      let last: KubeObject[] | undefined;
      let patches = 0;
      for (const objects of steps(base as KubeObject[], namespaces, settings)) {
        const t = task(objects, last, settings);
        if (t.kind === 'objectsPatch') patches++;
        const got = session.review(t);
        const expected = reviewDesign(loadDesign([{ name: 'design.yaml', text: t.text }]), settings);
        expect(got).toEqual(expected);
        last = objects;
      }
      expect(patches).toBeGreaterThan(2);
    }, 60_000);
  }

  it('after a text of record (a load), the toggles come as patches against the objects it parsed, each a fresh review', () => {
    const session = reviewSession();
    // An app-only design as a person writes it (not as the worker emits it): its own comments and order.
    const text = `# the shop\n${tenantDesignYaml({ namespaces: 3 })}`;
    const first = session.reviewText({ text, fileName: 'shop.yaml', settings: DEFAULT_SETTINGS });
    expect(first).toEqual(reviewDesign(loadDesign([{ name: 'shop.yaml', text }]), DEFAULT_SETTINGS));
    // The analysis worker's parse of the same text: the list the page's toggles patch.
    let last = objectsOf(text);
    for (const namespace of ['app-001', 'app-002']) {
      const next = setAllowRule(last, 'nonPrivateIPs', { namespace }, true, DEFAULT_SETTINGS);
      const t = task(next, last, DEFAULT_SETTINGS);
      expect(t.kind).toBe('objectsPatch');
      expect(session.review(t)).toEqual(reviewDesign(loadDesign([{ name: 'design.yaml', text: t.text }]), DEFAULT_SETTINGS));
      last = next;
    }
    // A text with errors: no findings, and nothing held to patch against.
    expect(session.reviewText({ text: 'kind: [', fileName: 'bad.yaml', settings: DEFAULT_SETTINGS })).toBeUndefined();
    expect(() => session.review(task(setAllowRule(last, 'nonPrivateIPs', { namespace: 'app-003' }, true, DEFAULT_SETTINGS), last, DEFAULT_SETTINGS))).toThrow(/does not fit/);
  });

  it('a text of record with the analysis worker\'s objects and lines: the findings of a full parse, documents located one by one', () => {
    const tenants = tenantDesignYaml({ namespaces: 3 });
    const docs = tenants.split('\n---\n');
    // As people write it: a leading separator, comments, flow lists, a List of one and a List of two.
    const list = (items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.map((d) => `- ${d.trim().split('\n').join('\n  ')}`).join('\n')}\n`;
    const texts = [
      `---\n# the shop\n${docs.slice(0, -2).join('\n---\n# next\n')}\n---\n${list([docs.at(-2)!])}---\n${docs.at(-1)!.replace('policyTypes:\n  - Ingress', 'policyTypes: [Ingress]')}`,
      `${docs.slice(0, -2).join('\n---\n')}\n---\n${list(docs.slice(-2))}`,
    ];
    for (const text of texts) {
      const design = loadDesign([{ name: 'shop.yaml', text }]);
      expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const objects = design.manifests.map((m) => m.object);
      const session = reviewSession();
      const parsed = { objects: structuredClone(objects), lines: design.manifests.map((m) => m.source.line) };
      expect(session.reviewText({ text, fileName: 'shop.yaml', settings: withApi, parsed })).toEqual(reviewDesign(design, withApi));
      const next = setAllowRule(objects, 'nonPrivateIPs', { namespace: 'app-002' }, true, withApi);
      const t = task(next, objects, withApi);
      expect(session.review(t)).toEqual(reviewDesign(loadDesign([{ name: 'design.yaml', text: t.text }]), withApi));
    }
  });

  it('a design with a held part (a large import): toggle after toggle, as patches, the findings of a fresh review', () => {
    const r = importLarge(kubectlDump({ pods: 150, seed: 3 }).text, 'cluster.yaml');
    if (!r.ok) throw new Error('import failed');
    const d = r.design;
    const held: HeldRef = { count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header };
    const namespaces = [...new Set(d.held.filter((o) => o.kind === 'Namespace' && o.metadata.name !== 'kube-system').map((o) => o.metadata.name))].slice(0, 3);
    expect(namespaces.length).toBe(3);
    const session = reviewSession();
    let last: KubeObject[] | undefined;
    let now = [...d.held, ...d.shown];
    let patches = 0;
    // Rules on and off, in several namespaces, the editor's text written (a toggle) or parsed (a text with the objects).
    const changes: [string, boolean][] = [[namespaces[0]!, true], [namespaces[1]!, true], [namespaces[0]!, false], [namespaces[2]!, true]];
    for (const [k, change] of [undefined, ...changes].entries()) {
      if (change) now = setAllowRule(now, 'nonPrivateIPs', { namespace: change[0] }, change[1], DEFAULT_SETTINGS);
      const text = emitHeldText(now, held);
      const written = k % 2 === 0;
      const encoded = encodeObjects(now, last);
      const t: SessionTask = encoded
        ? { kind: 'heldPatch', patch: encoded.patch, middle: structuredClone(encoded.middle), text, fileName: 'design.yaml', settings: DEFAULT_SETTINGS, written }
        : { kind: 'heldObjects', objects: structuredClone(now), held, text, fileName: 'design.yaml', settings: DEFAULT_SETTINGS, written };
      if (t.kind === 'heldPatch') patches++;
      const got = session.review(t);
      // A fresh review, as the analysis worker asked for it before: its own build, no session.
      const fresh = analyzeHeldObjects(now, DEFAULT_SETTINGS, held).analysis;
      const expected = reviewHeld(now, held, text, 'design.yaml', DEFAULT_SETTINGS, fresh, written);
      expect(expected).toBeDefined();
      expect(got).toEqual(expected);
      last = now;
    }
    expect(patches).toBe(changes.length);
    // A patch meant for a design without a held part does not fit these objects.
    const next = setAllowRule(now, 'nonPrivateIPs', { namespace: namespaces[1]! }, false, DEFAULT_SETTINGS);
    expect(() => session.review(task(next, now, DEFAULT_SETTINGS))).toThrow(/does not fit/);
  }, 120_000);

  it('refuses a patch that does not fit the objects it holds, then takes them whole', () => {
    const session = reviewSession();
    const objects = objectsOf(tenantDesignYaml({ namespaces: 2 }));
    const next = setAllowRule(objects, 'nonPrivateIPs', { namespace: 'app-001' }, true, DEFAULT_SETTINGS);
    expect(() => session.review(task(next, objects, DEFAULT_SETTINGS))).toThrow(/does not fit/);
    expect(session.review(task(next, undefined, DEFAULT_SETTINGS))).toEqual(reviewDesign(loadDesign([{ name: 'design.yaml', text: emitYaml(next) }]), DEFAULT_SETTINGS));
  });
});

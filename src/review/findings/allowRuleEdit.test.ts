import { describe, expect, it } from 'vitest';
import { tenantDesignYaml } from '../../../bench/tenantDesign.ts';
import { setAllowRule } from '../../design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import { loadDesign } from '../../model/index.ts';
import type { KubeObject } from '../../model/types.ts';
import { withAllowRules, type AllowRuleStep } from './allowRuleEdit.ts';

const objects = loadDesign([{ name: 't.yaml', text: tenantDesignYaml({ namespaces: 4 }) }]).manifests.map((m) => m.object);
const settings = DEFAULT_SETTINGS;
const chain = (from: readonly KubeObject[], steps: readonly AllowRuleStep[]) =>
  steps.reduce<KubeObject[]>((o, s) => setAllowRule(o, s.id, s.target, true, settings), [...from]);
const names = (list: readonly KubeObject[]) => list.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('withAllowRules: setAllowRule on the namespace, carried over to the whole set', () => {
  const cases: [string, readonly KubeObject[], AllowRuleStep[]][] = [
    ['a new switch (appended)', objects, [{ id: 'defaultDenyEgress', target: { namespace: 'app-001' } }]],
    ['two switches in turn', objects, [{ id: 'defaultDenyEgress', target: { namespace: 'app-001' } }, { id: 'dnsPortsKubeSystemNamespace', target: { namespace: 'app-001' } }]],
    ['per workload', objects, [{ id: 'kubeApiServer', target: { namespace: 'app-002', workload: 'api' } }, { id: 'kubeApiServer', target: { namespace: 'app-002', workload: 'db' } }]],
    ['a switch already on (regenerated in place)', chain(objects, [{ id: 'nonPrivateIPs', target: { namespace: 'app-001' } }]), [{ id: 'nonPrivateIPs', target: { namespace: 'app-001' } }]],
  ];
  const withApi = { ...settings, apiServer: { address: '10.0.0.1', port: 6443 } };
  for (const [name, from, steps] of cases) {
    it(name, () => {
      const s = steps.some((x) => x.id === 'kubeApiServer') ? withApi : settings;
      const expected = steps.reduce<KubeObject[]>((o, x) => setAllowRule(o, x.id, x.target, true, s), [...from]);
      const got = withAllowRules({ objects: from, settings: s }, steps[0]!.target.namespace, steps);
      expect(names(got)).toEqual(names(expected));
      expect(got).toEqual(expected);
      // Unchanged objects are kept by reference (the diff of a fix matches them by identity).
      got.forEach((o, i) => { if (from.includes(o)) expect(from.indexOf(o)).toBeLessThanOrEqual(i); });
    });
  }

  it('the same object twice, or a step in another namespace: the plain computation', () => {
    const twice = [...objects, objects[0]!];
    const steps: AllowRuleStep[] = [{ id: 'defaultDenyIngress', target: { namespace: 'app-001' } }];
    expect(withAllowRules({ objects: twice, settings }, 'app-001', steps)).toEqual(chain(twice, steps));
    const elsewhere: AllowRuleStep[] = [...steps, { id: 'defaultDenyIngress', target: { namespace: 'app-002' } }];
    expect(withAllowRules({ objects, settings }, 'app-001', elsewhere)).toEqual(chain(objects, elsewhere));
  });

  it('a step that cannot apply throws as setAllowRule does', () => {
    const steps: AllowRuleStep[] = [{ id: 'kubeApiServer', target: { namespace: 'app-001', workload: 'no-such-workload' } }];
    expect(() => chain(objects, steps)).toThrow();
    expect(() => withAllowRules({ objects, settings }, 'app-001', steps)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../design/samples.ts';
import { loadDesign } from '../../model/index.ts';
import { FINDING_SEVERITIES } from '../types.ts';
import { FINDING_RULES, reviewDesign } from './index.ts';
import { applyFix } from './testkit.ts';

const sample = (id: string) => {
  const s = SAMPLES.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return s;
};

describe('the samples', () => {
  for (const s of SAMPLES) {
    describe(s.id, () => {
      const design = loadDesign([{ name: `${s.id}.yaml`, text: s.yaml }]);
      const findings = reviewDesign(design, s.settings);

      it('reviews without failing checks; every finding is well formed and sorted', () => {
        expect(findings.filter((f) => f.rule === 'review-check-failed')).toEqual([]);
        const ids = findings.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const f of findings) {
          expect(Object.keys(FINDING_RULES)).toContain(f.rule);
          expect(f.id.startsWith(`${f.rule}:`)).toBe(true);
          expect(f.location?.file).toBe(`${s.id}.yaml`);
          expect(f.risk.length).toBeGreaterThan(20);
          expect(structuredClone(f)).toEqual(f);
        }
        const ranks = findings.map((f) => FINDING_SEVERITIES.indexOf(f.severity));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      });

      it('every fix makes its finding go away and leaves a valid design', () => {
        for (const f of findings) {
          for (const fix of f.fixes) {
            const fixed = applyFix(design, fix);
            expect(fixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            expect(reviewDesign(fixed, s.settings).map((x) => x.id), `${f.id}: ${fix.title}`).not.toContain(f.id);
          }
        }
      });
    });
  }

  it('audited-cache reports the DNS and API server lockdown of ignite, and the label kube-system lacks', () => {
    const s = sample('audited-cache');
    const ids = reviewDesign(loadDesign([{ name: 'a.yaml', text: s.yaml }]), s.settings).map((f) => f.id);
    expect(ids).toContain('egress-blocks-dns:cache-ns');
    expect(ids).toContain('egress-blocks-apiserver:cache-ns/ignite');
    expect(ids.some((id) => id.startsWith('namespace-selector-matches-nothing:cache-ns/ignite-lockdown'))).toBe(true);
  });

  it('the fixed audited-cache has none of those', () => {
    const s = sample('audited-cache');
    const findings = reviewDesign(loadDesign([{ name: 'a.yaml', text: s.fixedYaml! }]), s.settings);
    expect(findings.filter((f) => f.id.includes('cache-ns'))).toEqual([]);
  });

  it('jupyterhub: the proxy\'s second ingress rule is shadowed by the public one; nothing is high', () => {
    const s = sample('jupyterhub');
    const findings = reviewDesign(loadDesign([{ name: 'j.yaml', text: s.yaml }]), s.settings);
    expect(findings.map((f) => f.id)).toContain('shadowed-rule:jhub/proxy:spec.ingress[1]');
    expect(findings.filter((f) => f.severity === 'high')).toEqual([]);
  });

  it('homelab: pods locked down without a DNS flow are reported by what they lose; the controller and nexus (which have one) are not', () => {
    const s = sample('homelab');
    const findings = reviewDesign(loadDesign([{ name: 'h.yaml', text: s.yaml }]), s.settings);
    const dns = findings.filter((f) => f.rule === 'egress-blocks-dns').map((f) => `${f.id} ${f.severity}`);
    // The httpd proxies reach their VMs by address; jellyfin may send nothing at all.
    expect(dns.sort()).toEqual(['egress-blocks-dns:exposure medium', 'egress-blocks-dns:media low']);
    expect(findings.filter((f) => f.severity === 'high')).toEqual([]);
  });
});

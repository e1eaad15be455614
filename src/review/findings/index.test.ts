import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ofRule, only, review } from './testkit.ts';

// Switches that make one check (or the shared context) throw, so the engine's own error handling can
// be tested; off, every module behaves as written.
const broken = vi.hoisted(() => ({ wideCidr: false, context: false }));

vi.mock('./wideCidr.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./wideCidr.ts')>();
  return {
    ...original,
    checkWideCidrs: (...args: Parameters<typeof original.checkWideCidrs>) => {
      if (broken.wideCidr) throw new Error('boom in wideCidr');
      return original.checkWideCidrs(...args);
    },
  };
});

vi.mock('./context.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./context.ts')>();
  return {
    ...original,
    createContext: (...args: Parameters<typeof original.createContext>) => {
      if (broken.context) throw new Error('boom in compile');
      return original.createContext(...args);
    },
  };
});

/** A design that triggers egress-wide-cidr (and the usual namespace findings). */
const wide = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: out
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
`;

describe('review-check-failed', () => {
  beforeEach(() => {
    broken.wideCidr = false;
    broken.context = false;
  });

  it('reports a check that throws, as info, with its message, and the other checks still run', () => {
    broken.wideCidr = true;
    const { findings } = review(wide);
    const f = only(findings, 'review-check-failed');
    expect(f.id).toBe('review-check-failed:wideCidr');
    expect(f.severity).toBe('info');
    expect(f.title).toContain('wideCidr');
    expect(f.risk).toContain('boom in wideCidr');
    expect(f.fixes).toEqual([]);
    expect(ofRule(findings, 'egress-wide-cidr')).toEqual([]);
    expect(findings.some((x) => x.id === 'namespace-unprotected:other:ingress')).toBe(true);
  });

  it('near miss: the same design with the check working', () => {
    const { findings } = review(wide);
    expect(ofRule(findings, 'review-check-failed')).toEqual([]);
    expect(only(findings, 'egress-wide-cidr').id).toBe('egress-wide-cidr:shop/out:egress[0].to[0]');
  });

  it('reports a failure to build the review context as the only finding, without a location', () => {
    broken.context = true;
    const { findings } = review(wide);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.id).toBe('review-check-failed:compile');
    expect(f.rule).toBe('review-check-failed');
    expect(f.severity).toBe('info');
    expect(f.risk).toContain('boom in compile');
    expect(f.location).toBeUndefined();
  });
});

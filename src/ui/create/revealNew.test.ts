import { describe, expect, it } from 'vitest';
import { emitYaml } from '../../model/index.ts';
import { networkPolicy } from '../../design/objects.ts';
import { namespace } from '../../design/kube.ts';
import { lineOfObject } from './revealNew.ts';

describe('the line of a generated object', () => {
  it('finds the name line of the right document (kind, name and namespace all match)', () => {
    const a = networkPolicy('deny', 'shop', {}, 'x', { podSelector: {}, policyTypes: ['Ingress'] });
    const b = networkPolicy('deny', 'db', {}, 'x', { podSelector: {}, policyTypes: ['Ingress'] });
    const text = emitYaml([namespace('deny'), a, b]);
    const line = lineOfObject(text, b)!;
    const lines = text.split('\n');
    expect(lines[line - 1]).toBe('  name: deny');
    expect(lines.slice(line - 1, line + 2).join('\n')).toContain('namespace: db');
    expect(lineOfObject(text, a)).toBeLessThan(line);
    expect(lineOfObject(text, networkPolicy('other', 'db', {}, 'x', { podSelector: {}, policyTypes: ['Ingress'] }))).toBeUndefined();
  });
});

describe('the line of an object in a large text', () => {
  it('finds the one document among many with the same name, and the first document without a separator', () => {
    const docs = Array.from({ length: 300 }, (_, i) => networkPolicy('allow-dns', `ns-${i}`, {}, 'x', { podSelector: {}, policyTypes: ['Egress'] }));
    const text = emitYaml(docs);
    const lines = text.split('\n');
    for (const i of [0, 1, 150, 299]) {
      const line = lineOfObject(text, docs[i]!)!;
      expect(lines[line - 1]).toBe('  name: allow-dns');
      // Its namespace line is in the same document (before the next separator).
      const rest = lines.slice(line);
      const doc = rest.slice(0, rest.indexOf('---') < 0 ? rest.length : rest.indexOf('---'));
      expect(doc).toContain(`  namespace: ns-${i}`);
    }
    expect(lineOfObject(text, networkPolicy('allow-dns', 'ns-300', {}, 'x', { podSelector: {}, policyTypes: ['Egress'] }))).toBeUndefined();
    expect(lineOfObject(text, namespace('allow-dns'))).toBeUndefined();
  });
});

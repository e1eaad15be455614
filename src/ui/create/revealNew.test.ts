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

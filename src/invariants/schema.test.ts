// The JSON Schema editors complete netpol-invariants.yaml with agrees with the parser on examples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInvariants } from './index.ts';
import { invariantsText } from './testFixtures.ts';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/netpol-invariants.schema.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

const GOOD = invariantsText(`
- name: tenants-apart
  description: nothing in tenant-a reaches tenant-b
  never: {from: tenant-a, to: {namespaceSelector: {matchLabels: {team: b}}}, ports: [80, "53/UDP", "8000-8080/TCP", {port: 443, protocol: TCP}]}
- name: no-metadata
  never: {to: outside:metadata}
- only: {to: {namespace: shop, workload: web}, from: [{namespace: ingress-nginx}], ports: [8080]}
- always: {from: shop/web, to: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}], ports: [443]}
- isolated: {target: {podSelector: {matchExpressions: [{key: app, operator: Exists}]}}, direction: Both}
`);

const BAD = [
  invariantsText('- never: {from: a}'),
  invariantsText('- never: {to: a}\n  always: {to: b}'),
  invariantsText('- isolated: {target: a, direction: sideways}'),
  invariantsText('- never: {to: {outside: moon}}'),
  invariantsText('- never: {to: a, ports: [99999]}'),
  invariantsText('- only: {to: a}'),
];

describe('netpol-invariants.schema.json', () => {
  it('accepts what the parser accepts', () => {
    expect(parseInvariants([{ name: 'x.yaml', text: GOOD }]).diagnostics).toEqual([]);
    expect(validate(parse(GOOD)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the parser rejects', () => {
    for (const text of BAD) {
      expect(parseInvariants([{ name: 'x.yaml', text }]).diagnostics.filter((d) => d.severity === 'error').length, text).toBeGreaterThan(0);
      expect(validate(parse(text)), text).toBe(false);
    }
  });
});

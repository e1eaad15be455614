import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { parseManifests } from './parse.ts';
import { parseManifestsByItem, splitKubectlList } from './listItems.ts';
import { stripServerFields } from './strip.ts';

const LIST = `apiVersion: v1
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: web
    name: web
    namespace: shop
  spec:
    containers:
    - image: nginx
      name: web
kind: List
metadata:
  resourceVersion: ""
`;

describe('reading a kubectl List item by item', () => {
  it('splits the plain shape into items that keep their lines and columns', () => {
    const items = splitKubectlList(LIST)!;
    expect(items.map((i) => i.line)).toEqual([3, 7]);
    expect(items[1]!.text.split('\n')[0]).toBe('  apiVersion: v1');
  });

  it('gives exactly what parseManifests gives, positions included, on real dumps', () => {
    for (const text of [LIST, generateDump({ pods: 40, seed: 5 }).text, stripServerFields(generateDump({ pods: 40, seed: 6 }).text).text]) {
      expect(splitKubectlList(text)).toBeDefined();
      expect(parseManifestsByItem([{ name: 'd.yaml', text }])).toEqual(parseManifests([{ name: 'd.yaml', text }]));
    }
  });

  it('reads anything else whole: other shapes, and a List with a problem in an item', () => {
    const shapes = [
      LIST.replace('kind: List', 'kind: PodList'),
      `# a comment\n${LIST}`,
      LIST.replace('- apiVersion: v1\n  kind: Pod', '-\n  apiVersion: v1\n  kind: Pod'),
      `${LIST}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n`,
      '{"kind":"List","items":[]}',
    ];
    for (const text of shapes) expect(splitKubectlList(text)).toBeUndefined();
    const broken = LIST.replace('    name: web\n', '    name: web\n    name: again\n').replace('      app: web', '      app: yes');
    const whole = parseManifests([{ name: 'b.yaml', text: broken }]);
    expect(whole.diagnostics.length).toBeGreaterThan(0);
    expect(parseManifestsByItem([{ name: 'b.yaml', text: broken }])).toEqual(whole);
  });
});

import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/index.ts';
import { compile } from '../compile.ts';
import { classesOf, perClass } from './index.ts';

describe('classesOf and perClass', () => {
  it('compute the classes once per compiled cluster and an answer once per class and key', () => {
    const pods = [0, 1, 2].map((i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: x}]}`);
    const other = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: a, labels: {app: y}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}';
    const c = compile(loadDesign([{ name: 'd.yaml', text: [...pods, other].join('\n---\n') }]).cluster);
    expect(classesOf(c)).toBe(classesOf(c));
    const calls: number[] = [];
    const ask = perClass(c, (w, key: 'TCP' | 'UDP') => {
      calls.push(w);
      return `${classesOf(c).classOf[w]}/${key}`;
    });
    const answers = c.workloads.map((_, w) => ask(w, 'TCP'));
    ask(0, 'UDP');
    // p0..p2 are one class, q another: two TCP questions and one UDP.
    expect(new Set(answers).size).toBe(2);
    expect(answers.slice(0, 3)).toEqual([answers[0], answers[0], answers[0]]);
    expect(calls).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDesign } from '../../src/model/index.ts';
import { generateDump } from './index.ts';
import { scalar } from './yaml.ts';

describe('synthetic kubectl dumps', () => {
  it('are deterministic per seed and differ between seeds', () => {
    const a = generateDump({ pods: 120, seed: 7 }).text;
    expect(generateDump({ pods: 120, seed: 7 }).text).toBe(a);
    expect(generateDump({ pods: 120, seed: 8 }).text).not.toBe(a);
  });

  it('are one kind: List that the model loads without errors, with the counted objects', () => {
    const { text, stats } = generateDump({ pods: 110, seed: 3 });
    const list = parse(text) as { kind: string; items: { kind: string; metadata: { managedFields?: unknown } }[] };
    expect(list.kind).toBe('List');
    expect(list.items.filter((i) => i.kind === 'Pod')).toHaveLength(110);
    expect(list.items.every((i) => Array.isArray(i.metadata.managedFields))).toBe(true);
    const design = loadDesign([{ name: 'dump.yaml', text }]);
    expect(design.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(design.cluster.workloads).toHaveLength(stats.workloads);
    expect(design.cluster.policies).toHaveLength(stats.policies);
    expect(design.cluster.services).toHaveLength(stats.services);
    expect(design.cluster.namespaces).toHaveLength(stats.namespaces);
    // Pods carry their addresses, so ipBlock peers can be judged against them.
    expect(design.cluster.workloads.filter((w) => w.kind === 'Pod').every((w) => w.ips.length === 1)).toBe(true);
  });

  it('slim dumps keep the model and drop the server-set fields', () => {
    const full = generateDump({ pods: 100, seed: 2 });
    const slim = generateDump({ pods: 100, seed: 2, slim: true });
    expect(slim.text.length).toBeLessThan(full.text.length / 2);
    expect(slim.text).not.toContain('managedFields');
    const design = loadDesign([{ name: 'slim.yaml', text: slim.text }]);
    expect(design.cluster.workloads).toHaveLength(slim.stats.workloads);
  });

  it('a design of namespaces without pods (the 400-namespace shape)', () => {
    const { stats } = generateDump({ pods: 0, namespaces: 40, seed: 1, slim: true });
    expect(stats.pods).toBe(0);
    expect(stats.namespaces).toBe(43);
    expect(stats.workloads).toBe(40 * 6 + 3);
    expect(stats.policies).toBeGreaterThan(40 * 6);
  });

  it('quotes what YAML would read as another type', () => {
    for (const s of ['true', 'no', '123', '1.5', '0x1F', '2026-11-03T16:50:06Z', '1:20', '', 'a b', '- x', '"q"']) {
      expect(parse(`v: ${scalar(s)}`)).toEqual({ v: s });
    }
    expect(scalar('f:metadata')).toBe('f:metadata');
    expect(scalar('512Mi')).toBe('512Mi');
  });
});

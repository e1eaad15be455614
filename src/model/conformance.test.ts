// Smoke test on the shared conformance cases: real cluster and policy files must load cleanly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesign } from './cluster.ts';

const CASES = new URL('../../../shared/conformance/cases/', import.meta.url).pathname;
const cases = existsSync(CASES) ? readdirSync(CASES).filter((c) => existsSync(join(CASES, c, 'cluster.yaml'))) : [];

const load = (name: string) =>
  loadDesign(['cluster.yaml', 'policies.yaml'].map((file) => ({ name: `${name}/${file}`, text: readFileSync(join(CASES, name, file), 'utf8') })));

describe.skipIf(cases.length === 0)('conformance cases load', () => {
  it('every case loads with zero errors', () => {
    const failures = cases.flatMap((name) =>
      load(name)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`),
    );
    expect(failures).toEqual([]);
  });

  it('k8s-e2e-cidr-except-overlap-step2 has the x/y/z model and its policy', () => {
    const { cluster } = load('k8s-e2e-cidr-except-overlap-step2');
    expect(cluster.namespaces.map((n) => n.name)).toEqual(['x', 'y', 'z']);
    expect(cluster.namespaces[1]?.labels).toEqual({ 'kubernetes.io/metadata.name': 'y', ns: 'y' });
    expect(cluster.workloads).toHaveLength(9);
    expect(cluster.workloads.map((w) => w.id)).toContain('y/b');
    expect(cluster.workloads.find((w) => w.id === 'z/c')?.ips).toEqual(['10.244.3.13']);
    expect(cluster.policies).toHaveLength(1);
    expect(cluster.policies[0]?.egress[0]?.peers).toEqual([{ ipBlock: { cidr: '10.244.1.12/32', except: [] } }]);
  });

});

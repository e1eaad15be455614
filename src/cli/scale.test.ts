// The command line at cluster size: the matrix level default, streaming, probe batches.
import { describe, expect, it } from 'vitest';
import { compile, evaluate, evaluateService } from '../engine/index.ts';
import { loadDesign } from '../model/index.ts';
import { SHOP_CLUSTER, SHOP_POLICIES } from '../review/diff/testFixtures.ts';
import { buildMatrixView, computeReviewMatrix, exportMatrixView } from '../review/matrixView.ts';
import { WORKLOAD_LEVEL_LIMIT } from '../review/matrixStream/index.ts';
import { runCliStreaming } from './run.ts';
import { cliWith, tableIo } from './testkit.ts';

const SHOP = `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80, targetPort: http}]}\n`;
// Just over the limit: bare pods in three namespaces, one policy.
const MANY = [
  ...Array.from({ length: WORKLOAD_LEVEL_LIMIT + 1 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ns-${i % 3}, labels: {app: a${i % 2}}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}`),
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ns-0}\nspec: {podSelector: {matchLabels: {app: a0}}}',
].join('\n---\n');
const cli = cliWith({ 'shop.yaml': SHOP, 'many.yaml': MANY });

describe('cli matrix levels', () => {
  it('stays at the workload level for a design of ordinary size, silently', () => {
    const result = cli('matrix shop.yaml --format csv');
    expect(result.stderr).toBeUndefined();
    expect(result.stdout).toBe(cli('matrix shop.yaml --format csv --level workload').stdout);
    expect(result.stdout.split('\n')[0]).toBe('from,to,port,protocol,allowed');
  });

  it('--level namespace prints what the page exports at the namespace level', () => {
    const design = loadDesign([{ name: 'shop.yaml', text: SHOP }]);
    const view = buildMatrixView(computeReviewMatrix(compile(design.cluster)), { level: 'namespace' });
    expect(cli('matrix shop.yaml --level namespace --format md').stdout).toBe(exportMatrixView(view, 'md'));
    expect(cli('matrix shop.yaml --level nodes').exitCode).toBe(2);
  });

  it('defaults to the namespace level past the limit, says so on stderr and how to get every pair', () => {
    // One port: the default ports include the assumed DNS pods' 53 and 9153.
    const result = cli('matrix many.yaml --format csv --port 80/TCP');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('namespace level');
    expect(result.stderr).toContain('--level workload');
    expect(result.stdout.split('\n')).toEqual([
      'from,to,port,protocol,allowed,allowed_pairs,pairs',
      expect.stringMatching(/^ns-0,ns-0,80,TCP,some,\d+,111556$/),
      // ns-0..2 and kube-system (the assumed DNS pods): 4 x 4
      ...Array.from({ length: 15 }, () => expect.any(String)),
    ]);
    // The workload level is still there on request, streamed rather than built whole.
    const streamed = runCliStreaming(['matrix', 'many.yaml', '--level', 'workload', '--format', 'csv'], tableIo({ 'many.yaml': MANY }));
    expect(streamed.stream).toBeDefined();
    let lines = 0;
    for (const chunk of streamed.stream!) {
      lines += (typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)).split('\n').length - 1;
      if (lines > 5000) break;
    }
    expect(lines).toBeGreaterThan(5000);
  });
});

describe('cli probe batches', () => {
  it('answer as one explanation per probe did, byte for byte, and stream the JSON', () => {
    const design = loadDesign([{ name: 'shop.yaml', text: SHOP }]);
    const c = compile(design.cluster);
    const ids = [...c.workloads.map((w) => w.id), 'ip:8.8.8.8', 'ip:10.0.0.1'];
    const probes: Record<string, unknown>[] = [];
    for (const from of ids) for (const to of ids) for (const port of [80, 8080, 'http', 5432]) probes.push({ from, to, port, note: `${from}>${to}`, ...(port === 5432 ? { protocol: 'TCP', allowed: 'old' } : {}) });
    probes.push({ from: ids[0], to: 'svc:shop/api', port: 80 });
    const stdin = JSON.stringify({ probes });
    const expected = JSON.stringify({ probes: probes.map((raw) => {
      const to = String(raw.to);
      const from = String(raw.from);
      const endpoint = (t: string) => (t.startsWith('ip:') ? { kind: 'ip' as const, ip: t.slice(3) } : { kind: 'workload' as const, id: t });
      const verdict = to.startsWith('svc:')
        ? evaluateService(c, endpoint(from), to.slice(4), raw.port as number, 'TCP')
        : evaluate(c, { from: endpoint(from), to: endpoint(to), port: raw.port as number | string, protocol: 'TCP' });
      return { ...raw, allowed: verdict.allowed };
    }) });
    const result = cli('probe shop.yaml', stdin);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(JSON.parse(result.stdout).probes.some((p: { allowed: boolean }) => p.allowed)).toBe(true);
    expect(JSON.parse(result.stdout).probes.some((p: { allowed: boolean }) => !p.allowed)).toBe(true);
    const streamed = runCliStreaming(['probe', 'shop.yaml'], tableIo({ 'shop.yaml': SHOP }, stdin));
    expect([...streamed.stream!].length).toBeGreaterThan(2);
  });

  it('report the first bad probe in order, with its position, as before', () => {
    const stdin = '{"probes":[{"from":"shop/web","to":"shop/api","port":80},\n{"from":"shop/nope","to":"shop/api","port":80},\n{"from":"shop/web","to":"shop/api","port":0}]}';
    const result = cli('probe shop.yaml', stdin);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^netpol-designer: <stdin>:2:1: probes\[1\]: unknown workload "shop\/nope"/);
  });
});

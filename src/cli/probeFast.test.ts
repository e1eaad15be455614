// The probe batch's fast path (probeScan.ts, probeFast.ts) against the contract it must keep:
// JSON.stringify({ probes }) of the parsed probes with "allowed" added, for any input, whichever
// path answers it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, evaluateService, parseEndpoint, type Probe } from '../engine/index.ts';
import { loadDesign } from '../model/index.ts';
import { SHOP_CLUSTER, SHOP_POLICIES } from '../review/diff/testFixtures.ts';
import { parsePortText } from './args.ts';
import type { CliIo } from './io.ts';
import { scanProbes } from './probeScan.ts';
import { runCli } from './run.ts';
import { cliWith, tableIo } from './testkit.ts';

const SHOP = `${SHOP_CLUSTER}\n---\n${SHOP_POLICIES}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80, targetPort: http}]}\n`;
const cli = cliWith({ 'shop.yaml': SHOP });
const compiled = compile(loadDesign([{ name: 'shop.yaml', text: SHOP }]).cluster);

/** What the command must print: each parsed probe with its answer, as JSON.stringify writes it. */
function expected(stdin: string): string {
  const { probes } = JSON.parse(stdin) as { probes: Record<string, unknown>[] };
  return JSON.stringify({ probes: probes.map((raw) => {
    const from = parseEndpoint(String(raw.from));
    const to = String(raw.to);
    const port = typeof raw.port === 'number' ? raw.port : parsePortText(String(raw.port), true);
    const protocol = String(raw.protocol ?? 'TCP').toUpperCase() as Probe['protocol'];
    const verdict = to.startsWith('svc:')
      ? evaluateService(compiled, from, to.slice(4), port, protocol)
      : evaluate(compiled, { from, to: parseEndpoint(to), port, protocol });
    return { ...raw, allowed: verdict.allowed };
  }) });
}

// Values as JSON texts: the usual ones first, then ones only JSON.parse reads the same (escapes,
// 80.0, 8e1) and ones whose output differs from their input (they must take the general path).
const ENDPOINTS = ['"shop/web"', '"shop/api"', '"shop/db"', '"kube-system/coredns"', '"ip:8.8.8.8"', '"ip:10.0.0.1"'];
const ODD_ENDPOINTS = ['"shop\\/web"', '"shop/\\u0061pi"'];
const PORTS = ['80', '8080', '5432', '53', '"http"', '"80"', '"metrics"', '"dns"'];
const ODD_PORTS = ['80.0', '8e1', '8080.00', '"m\\u0065trics"'];
const PROTOCOLS = ['"TCP"', '"tcp"', '"UDP"', '"SCTP"'];
const EXTRAS = ['"allowed":"old"', '"note":"ünïcode ✓ \\u2028 \\"quoted\\""', '"x":[1,{"y":null},-0.5e3]', '"emoji":"😀"'];

type Field = [key: string, value: string];

const usualProbe = fc.record({
  from: fc.constantFrom(...ENDPOINTS),
  to: fc.constantFrom(...ENDPOINTS),
  port: fc.constantFrom(...PORTS),
  protocol: fc.option(fc.constantFrom(...PROTOCOLS), { nil: undefined }),
}).map(({ from, to, port, protocol }): Field[] => [['from', from], ['to', to], ['port', port], ...(protocol ? [['protocol', protocol] as Field] : [])]);

const oddProbe = fc.record({
  fields: usualProbe,
  from: fc.option(fc.constantFrom(...ODD_ENDPOINTS), { nil: undefined }),
  to: fc.option(fc.constantFrom(...ODD_ENDPOINTS), { nil: undefined }),
  port: fc.option(fc.constantFrom(...ODD_PORTS), { nil: undefined }),
  extras: fc.subarray(EXTRAS),
  shuffle: fc.boolean(),
}).map(({ fields, from, to, port, extras, shuffle }): Field[] => {
  const out: Field[] = fields.map(([key, value]) => [key, (key === 'from' && from) || (key === 'to' && to) || (key === 'port' && port) || value]);
  for (const extra of extras) {
    const colon = extra.indexOf(':');
    out.splice(extra.length % (out.length + 1), 0, [JSON.parse(extra.slice(0, colon)) as string, extra.slice(colon + 1)]);
  }
  return shuffle ? [...out.slice(1), out[0]!] : out;
});

// The usual shape, but a Service's: judged on its backends by the general path.
const serviceProbe = fc.constantFrom(...ENDPOINTS).map((from): Field[] => [['from', from], ['to', '"svc:shop/api"'], ['port', '80']]);

/** The probes' JSON, with the white space between tokens drawn from `spaces` (cycled). */
function write(probes: Field[][], spaces: string[]): string {
  let n = 0;
  const ws = () => spaces[n++ % spaces.length] ?? '';
  const probe = (fields: Field[]) => `{${fields.map(([key, value]) => `${ws()}${JSON.stringify(key)}${ws()}:${ws()}${value}${ws()}`).join(',')}}`;
  return `${ws()}{${ws()}"probes"${ws()}:${ws()}[${probes.map((p) => `${ws()}${probe(p)}${ws()}`).join(',')}]${ws()}}${ws()}`;
}

const spacing = fc.array(fc.constantFrom('', '', '', ' ', '\n  ', '\t', '\r\n'), { minLength: 1, maxLength: 5 });

describe('cli probe: the usual batch', () => {
  it('is read by the fast path and answered as JSON.stringify({ probes }) would write it', () => {
    fc.assert(fc.property(fc.array(usualProbe, { maxLength: 40 }), spacing, (probes, spaces) => {
      const stdin = write(probes, spaces);
      expect(scanProbes(Buffer.from(stdin))?.count).toBe(probes.length);
      expect(cli('probe shop.yaml', stdin)).toEqual({ stdout: expected(stdin), exitCode: 0 });
    }), { numRuns: 150 });
  });

  it('any other shape answers the same (the general path), whatever the mix', () => {
    fc.assert(fc.property(fc.array(fc.oneof(usualProbe, oddProbe, serviceProbe), { maxLength: 20 }), spacing, (probes, spaces) => {
      const stdin = write(probes, spaces);
      expect(cli('probe shop.yaml', stdin)).toEqual({ stdout: expected(stdin), exitCode: 0 });
    }), { numRuns: 150 });
  });

  it('is not read by the fast path when a value would be written otherwise, or the JSON is not the usual', () => {
    const usual = '{"from":"shop/web","to":"shop/api","port":80}';
    expect(scanProbes(Buffer.from(`{"probes":[${usual}]}`))?.count).toBe(1);
    for (const odd of [
      '{"from":"shop\\/web","to":"shop/api","port":80}',
      '{"from":"shop/wéb","to":"shop/api","port":80}',
      '{"from":"shop/web","to":"shop/api","port":80.0}',
      '{"from":"shop/web","to":"shop/api","port":080}',
      '{"from":"shop/web","to":"shop/api","port":-80}',
      '{"from":"shop/web","to":"shop/api","port":65536}',
      '{"to":"shop/api","from":"shop/web","port":80}',
      '{"from":"shop/web","to":"shop/api","port":80,"protocol":"TCP","allowed":true}',
      '{"from":"shop/web","to":"shop/api","port":80,"protocol":"TCP",}',
      '{"from":"shop/web","to":"shop/api","port":80}}',
    ]) {
      expect(scanProbes(Buffer.from(`{"probes":[${usual},${odd}]}`)), odd).toBeUndefined();
    }
    for (const odd of [`{"probes":[${usual}],"more":1}`, `{"probes":[${usual}]}x`, `{"probes":[${usual}]`, `[${usual}]`, `{"probes":[${usual},]}`, '']) {
      expect(scanProbes(Buffer.from(odd)), odd).toBeUndefined();
    }
  });

  it('keeps the answers across chunks, and answers an empty list', () => {
    const probes = Array.from({ length: 30_000 }, (_, i) => ({ from: ENDPOINTS[i % 6]!.slice(1, -1), to: ENDPOINTS[(i * 7) % 6]!.slice(1, -1), port: [80, 8080, 'http'][i % 3]! }));
    const stdin = JSON.stringify({ probes });
    const streamed = runCli(['probe', 'shop.yaml'], tableIo({ 'shop.yaml': SHOP }, stdin));
    expect(streamed.stdout).toBe(expected(stdin));
    expect(cli('probe shop.yaml', '{"probes":[]}')).toEqual({ stdout: '{"probes":[]}', exitCode: 0 });
  });

  it('tells apart hundreds of endpoints (the table of texts grows)', () => {
    const pods = Array.from({ length: 700 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ns-${i % 7}, labels: {app: a${i % 3}}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80, name: web}]}]}`);
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-a1, namespace: ns-0}\nspec: {podSelector: {matchLabels: {app: a0}}, ingress: [{from: [{podSelector: {matchLabels: {app: a1}}}]}]}';
    const text = [...pods, policy].join('\n---\n');
    const many = compile(loadDesign([{ name: 'many.yaml', text }]).cluster);
    const ids = many.workloads.map((w) => w.id).filter((id) => id.startsWith('ns-'));
    expect(ids.length).toBe(700);
    const probes = Array.from({ length: 3000 }, (_, i) => ({ from: ids[(i * 13) % 700]!, to: ids[(i * 29 + (i >> 5)) % 700]!, port: i % 2 ? 80 : 'web' }));
    const stdin = JSON.stringify({ probes });
    expect(scanProbes(Buffer.from(stdin))?.endpoints.length).toBe(700);
    const want = JSON.stringify({ probes: probes.map((p) => ({ ...p, allowed: evaluate(many, { from: parseEndpoint(p.from), to: parseEndpoint(p.to), port: p.port, protocol: 'TCP' }).allowed })) });
    const result = runCli(['probe', 'many.yaml'], tableIo({ 'many.yaml': text }, stdin));
    expect(result).toEqual({ stdout: want, exitCode: 0 });
    expect(want).toContain('"allowed":false');
  });

  it('reads the bytes of standard input past a byte order mark, as the text', () => {
    const stdin = '{"probes":[{"from":"shop/web","to":"shop/api","port":8080,"protocol":"TCP"}]}';
    const bytes: CliIo = { ...tableIo({ 'shop.yaml': SHOP }, `\uFEFF${stdin}`), readStdinBytes: () => Buffer.from(`\uFEFF${stdin}`) };
    expect(runCli(['probe', 'shop.yaml'], bytes)).toEqual({ stdout: expected(stdin), exitCode: 0 });
    // Not UTF-8: the general path reads the text as before (a replacement character), and says why it is wrong.
    const broken: CliIo = { ...bytes, readStdinBytes: () => Buffer.from([...Buffer.from('{"probes":[{"from":"shop/w'), 0xff, ...Buffer.from('eb","to":"shop/api","port":80}]}')]) };
    expect(runCli(['probe', 'shop.yaml'], broken).stderr).toContain('unknown workload "shop/w\uFFFDeb"');
  });
});


// npm run bench: full-matrix time and memory on synthetic clusters of growing size.
import { compile } from '../src/engine/compile.ts';
import { computeMatrix } from '../src/engine/matrix.ts';
import type { PortProbe } from '../src/engine/types.ts';
import { syntheticCluster } from './synthetic.ts';

const PROBES: PortProbe[] = [
  { port: 80, protocol: 'TCP' },
  { port: 443, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
];
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log('pods   policies  rules   compile ms  matrix ms  total ms  allowed pairs  heap MB  ns per (pod² x rule / 32)');
for (const pods of sizes.length ? sizes : [100, 1000, 5000]) {
  const model = syntheticCluster(pods);
  const rules = model.policies.reduce((n, p) => n + p.ingress.length + p.egress.length, 0);
  const runs = pods >= 5000 ? 3 : 7;
  const compileTimes: number[] = [];
  const matrixTimes: number[] = [];
  let allowed = 0;
  let heap = 0;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const compiled = compile(model);
    const t1 = performance.now();
    const m = computeMatrix(compiled, { ports: PROBES });
    const t2 = performance.now();
    heap = Math.max(heap, process.memoryUsage().heapUsed - heapBefore + m.allowed.reduce((s, a) => s + a.byteLength, 0));
    compileTimes.push(t1 - t0);
    matrixTimes.push(t2 - t1);
    allowed = m.allowed.reduce((s, a) => s + a.reduce((x, y) => x + y, 0), 0);
  }
  const c = median(compileTimes);
  const mx = median(matrixTimes);
  const perUnit = ((c + mx) * 1e6) / ((pods * pods * Math.max(1, rules)) / 32);
  console.log(
    [String(pods).padEnd(6), String(model.policies.length).padEnd(9), String(rules).padEnd(7), c.toFixed(1).padEnd(11), mx.toFixed(1).padEnd(10),
      (c + mx).toFixed(1).padEnd(9), String(allowed).padEnd(14), (heap / 2 ** 20).toFixed(1).padEnd(8), perUnit.toFixed(3)].join(' '),
  );
}
console.log(`(${PROBES.length} probes: ${PROBES.map((p) => `${p.protocol}/${p.port}`).join(', ')}; median of runs; heap includes the result tables)`);

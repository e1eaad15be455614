// node --import tsx bench/findings.bench.ts [pods...]: time of reviewDesign on synthetic clusters
// (the matrix bench's), turned back into manifests so fixes and locations are computed as in the app.
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { reviewDesign } from '../src/review/findings/index.ts';
import { syntheticDesign } from './syntheticDesign.ts';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

console.log('pods   policies  findings  fixes   review ms (median)   by rule');
for (const pods of sizes.length ? sizes : [100, 1000]) {
  const design = syntheticDesign(pods);
  const times: number[] = [];
  let findings = reviewDesign(design, DEFAULT_SETTINGS);
  for (let r = 0; r < (pods >= 5000 ? 3 : 7); r++) {
    const t0 = performance.now();
    findings = reviewDesign(design, DEFAULT_SETTINGS);
    times.push(performance.now() - t0);
  }
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const fixes = findings.reduce((n, f) => n + f.fixes.length, 0);
  console.log([String(pods).padEnd(6), String(design.cluster.policies.length).padEnd(9), String(findings.length).padEnd(9), String(fixes).padEnd(7),
    median(times).toFixed(1).padEnd(20), [...byRule].map(([rule, n]) => `${rule}=${n}`).join(' ')].join(' '));
}

// node --import tsx bench/findings.bench.ts [pods...]: the security review on synthetic clusters (the
// matrix bench's), turned back into manifests so fixes and locations are computed as in the app.
// Columns: reviewDesign on a parsed design (the CLI's way); the review worker's way after a toggle
// (objects + the YAML written for them), the first time (before: every document a finding points at
// is parsed) and the next time (after: those documents are located already); the costliest checks.
// CPU ms (process.cpuUsage), with the load average: the machine is shared.
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildClusterFromObjects, emitYaml } from '../src/model/index.ts';
import { REVIEW_CHECKS, reviewDesign } from '../src/review/findings/index.ts';
import { createContext } from '../src/review/findings/context.ts';
import { reviewEmitted } from '../src/workers/findings.ts';
import { syntheticDesign } from './syntheticDesign.ts';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const timed = <T>(fn: () => T): [T, number] => {
  const t = cpu();
  const r = fn();
  return [r, cpu() - t];
};
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('pods   policies  findings  fixes   parsed ms  worker first ms  worker next ms  costliest checks (ms)');
for (const pods of sizes.length ? sizes : [100, 1000]) {
  const design = syntheticDesign(pods);
  reviewDesign(design, DEFAULT_SETTINGS); // warm-up (JIT)
  const [findings, parsedMs] = timed(() => reviewDesign(design, DEFAULT_SETTINGS));
  const objects = design.manifests.map((m) => m.object);
  const text = emitYaml(objects);
  const built = buildClusterFromObjects(objects);
  const facts = { cluster: withAssumedServices(built.cluster, DEFAULT_SETTINGS), diagnostics: built.diagnostics };
  // A renamed file: the first review in the worker finds nothing located yet.
  const file = `bench-${pods}.yaml`;
  const [, firstMs] = timed(() => reviewEmitted(objects, text, file, DEFAULT_SETTINGS, facts));
  const [, nextMs] = timed(() => reviewEmitted(objects, text, file, DEFAULT_SETTINGS, facts));
  const ctx = createContext(design, DEFAULT_SETTINGS);
  const checks = REVIEW_CHECKS.map((c) => ({ name: c.name, ms: timed(() => c.run(ctx))[1] })).sort((a, b) => b.ms - a.ms).slice(0, 4);
  const fixes = findings.reduce((n, f) => n + f.fixes.length, 0);
  console.log([String(pods).padEnd(6), String(design.cluster.policies.length).padEnd(9), String(findings.length).padEnd(9), String(fixes).padEnd(7),
    parsedMs.toFixed(0).padEnd(10), firstMs.toFixed(0).padEnd(16), nextMs.toFixed(0).padEnd(15), checks.map((c) => `${c.name} ${c.ms.toFixed(0)}`).join(', ')].join(' '));
}

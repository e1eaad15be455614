// Where the security review's time goes, check by check (issue 12): the review as the worker runs it
// after a toggle (objects + the YAML the worker wrote), in CPU ms.
// Usage: node --import tsx bench/reviewProfile.ts [pods5000|tenants400|pods200|dump:FILE] [--parsed] [--session [--load]]
// --session: instead, the review worker's session (src/workers/reviewSession.ts) over six toggles in
// turn (the first task carries every object, the next ones a patch), CPU ms per review; with --load
// it starts from the text of record instead (as after a load; --reparse: without the analysis' objects),
// the first toggle already a patch.
import { cpuMs, cpuTimer } from './cpuTime.ts';
import type { KubeObject } from '../src/model/types.ts';
import { reviewSession } from '../src/workers/reviewSession.ts';
import { encodeObjects } from '../src/workers/objectsPatch.ts';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { withAssumedServices } from '../src/cluster/assumed/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { buildClusterFromObjects, emitYaml, loadDesign } from '../src/model/index.ts';
import { emittedDesign } from '../src/workers/findings.ts';
import { REVIEW_CHECKS, reviewDesign } from '../src/review/findings/index.ts';
import { createContext } from '../src/review/findings/context.ts';
import { syntheticCluster } from './synthetic.ts';
import { tenantDesignYaml } from './tenantDesign.ts';
import { clusterYaml } from '../scripts/synthetic-yaml.ts';

const name = process.argv[2] ?? 'pods5000';
const text = name === 'tenants400' ? tenantDesignYaml({ namespaces: 400 })
  : name.startsWith('dump:') ? readFileSync(name.slice(5), 'utf8')
  : clusterYaml(syntheticCluster(Number(name.replace('pods', ''))));
const settings = DEFAULT_SETTINGS;
const objects = loadDesign([{ name: 'd.yaml', text }]).manifests.map((m) => m.object);
const namespace = name === 'tenants400' ? 'app-003' : name.startsWith('pods') ? 'ns-3' : undefined;
const toggled = namespace ? setAllowRule(objects, 'nonPrivateIPs', { namespace }, true, settings) : objects;

if (process.argv.includes('--session')) {
  const session = reviewSession();
  let last: KubeObject[] | undefined;
  let now = objects;
  // --load: the session starts as after a load (the text of record, parsed by the review worker), and
  // the first toggle is a patch against the objects it parsed (the analysis worker's parse of it).
  if (process.argv.includes('--load')) {
    // The analysis worker's parse of it: its objects and their lines go along (not timed: the analysis' work).
    const lines = loadDesign([{ name: 'design.yaml', text }]).manifests.map((m) => m.source.line);
    const parsed = process.argv.includes('--reparse') ? undefined : { objects: structuredClone(objects), lines };
    const started = cpuMs();
    const found = session.reviewText({ text, fileName: 'design.yaml', settings, ...(parsed ? { parsed } : {}) });
    console.log(`  ${'load (text of record)'.padEnd(24)} ${(cpuMs() - started).toFixed(0).padStart(6)} CPU ms, ${found?.length} findings, load ${loadavg()[0]!.toFixed(1)}`);
    last = objects;
  }
  const names = name === 'tenants400' ? ['app-003', 'app-004', 'app-005', 'app-006', 'app-007'] : ['ns-3', 'ns-4', 'ns-5', 'ns-6', 'ns-7'];
  console.log(`${name}: ${objects.length} objects, review worker session; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const step of [...(last ? [] : [undefined]), ...(name.startsWith('dump:') ? [] : names)]) {
    if (step) now = setAllowRule(now, 'nonPrivateIPs', { namespace: step }, true, settings);
    const text = emitYaml(now);
    const encoded = encodeObjects(now, last);
    // structuredClone: what crosses to the review worker is a copy.
    const task = encoded
      ? { kind: 'objectsPatch' as const, patch: encoded.patch, middle: structuredClone(encoded.middle), text, fileName: 'design.yaml', settings }
      : { kind: 'objects' as const, objects: structuredClone(now), text, fileName: 'design.yaml', settings };
    const started = cpuMs();
    const found = session.review(task);
    console.log(`  ${(step ? `toggle ${step}` : 'first (every object)').padEnd(24)} ${(cpuMs() - started).toFixed(0).padStart(6)} CPU ms, ${found?.length ?? "no"} findings, load ${loadavg()[0]!.toFixed(1)}`);
    last = now;
  }
  process.exit(0);
}

const time = cpuTimer(30);
console.log(`${name}: ${toggled.length} objects; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const built = buildClusterFromObjects(toggled);
const cluster = withAssumedServices(built.cluster, settings);
const yaml = emitYaml(toggled);
// --parsed: locations from a full parse up front, so each check's time is its own (not the lazy
// location lookups of the documents its findings point at).
const parsed = process.argv.includes('--parsed') ? loadDesign([{ name: 'design.yaml', text: yaml }]) : undefined;
const design = () => parsed ?? emittedDesign(toggled, yaml, 'design.yaml', cluster, built.diagnostics)!;
const ctx = time('context (compile)', () => createContext(design(), settings));
for (const check of REVIEW_CHECKS) {
  const found = time(check.name, () => check.run(ctx));
  if (found.length) console.log(`    ${found.length} findings`);
}
const all = time('reviewDesign (whole, fresh)', () => reviewDesign(design(), settings));
console.log(`    ${all.length} findings`);

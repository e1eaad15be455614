// The review of toggles on a design with a held part (the 5,000-pod kubectl dump imported), CPU per
// toggle on each side of the worker boundary: the analysis worker's copy of the review task
// (structured clone, as postMessage writes it) and the review worker's read of it and review.
// `before`: every object and the analysis' model copied, reviewed from nothing (reviewHeld);
// `after`: the session's task, a patch after the first (src/workers/reviewSession.ts).
//   node --import tsx bench/heldReviewToggle.ts [pods]
import { loadavg } from 'node:os';
import { serialize, deserialize } from 'node:v8';
import { kubectlDump } from '../scripts/kubectl-dump.ts';
import { importLarge } from '../src/import/index.ts';
import { setAllowRule } from '../src/design/allowRules.ts';
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import type { KubeObject } from '../src/model/types.ts';
import { analyzeHeldObjects, emitHeldText, reviewHeld, type HeldRef } from '../src/workers/held.ts';
import { encodeObjects } from '../src/workers/objectsPatch.ts';
import { reviewSession, type SessionTask } from '../src/workers/reviewSession.ts';
import { cpuMs } from './cpuTime.ts';

const pods = Number(process.argv[2] ?? 5000);
const r = importLarge(kubectlDump({ pods, seed: 1 }).text, 'cluster.yaml');
if (!r.ok) throw new Error('import failed');
const d = r.design;
const held: HeldRef = { count: d.held.length, file: 'cluster.yaml', lines: d.heldLines, header: d.header };
const namespace = d.shown.find((o) => o.metadata.namespace)?.metadata.namespace ?? 'default';
const settings = DEFAULT_SETTINGS;
const session = reviewSession();
let now: KubeObject[] = [...d.held, ...d.shown];
let last: KubeObject[] | undefined;
console.log(`${pods} pods: ${now.length} objects (${held.count} held); toggles in ${namespace}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const timed = <T>(fn: () => T): [T, number] => {
  const t = cpuMs();
  const v = fn();
  return [v, cpuMs() - t];
};
for (let k = 0; k < 5; k++) {
  if (k > 0) now = setAllowRule(now, 'nonPrivateIPs', { namespace }, k % 2 === 1, settings);
  const text = emitHeldText(now, held);
  const facts = analyzeHeldObjects(now, settings, held).analysis;
  // Before: the task as the analysis worker sent it.
  const [bytesBefore, sendBefore] = timed(() => serialize({ kind: 'held', objects: now, held, text, fileName: 'design.yaml', settings, facts: { cluster: facts.cluster, diagnostics: facts.diagnostics }, written: true }));
  const [before, readBefore] = timed(() => deserialize(bytesBefore) as { objects: KubeObject[]; facts: typeof facts });
  const [fresh, reviewBefore] = timed(() => reviewHeld(before.objects, held, text, 'design.yaml', settings, before.facts, true));
  // After.
  const encoded = encodeObjects(now, last);
  const task: SessionTask = encoded
    ? { kind: 'heldPatch', patch: encoded.patch, middle: encoded.middle, text, fileName: 'design.yaml', settings, written: true }
    : { kind: 'heldObjects', objects: now, held, text, fileName: 'design.yaml', settings, written: true };
  const [bytesAfter, sendAfter] = timed(() => serialize(task));
  const [after, readAfter] = timed(() => deserialize(bytesAfter) as SessionTask);
  const [kept, reviewAfter] = timed(() => session.review(after));
  if (JSON.stringify(kept) !== JSON.stringify(fresh)) throw new Error(`toggle ${k}: the session's findings differ from a fresh review`);
  console.log(`  ${k === 0 ? 'first review ' : `toggle ${k}      `} analysis worker copy ${sendBefore.toFixed(0).padStart(5)} -> ${sendAfter.toFixed(0).padStart(4)} CPU ms (${(bytesBefore.length / 1e6).toFixed(1)} -> ${(bytesAfter.length / 1e6).toFixed(2)} MB); review worker read+review ${(readBefore + reviewBefore).toFixed(0).padStart(5)} -> ${(readAfter + reviewAfter).toFixed(0).padStart(5)} CPU ms; ${kept?.length ?? 'no'} findings; load ${loadavg()[0]!.toFixed(1)}`);
  last = now;
}

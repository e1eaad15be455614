// node --import tsx bench/story.bench.ts [pods...]: time to prepare a presentation (every story
// step analyzed for the graph and diffed against the step before), as the worker does it.
import { DEFAULT_SETTINGS } from '../src/design/types.ts';
import { presentStory } from '../src/workers/presentation.ts';
import { syntheticDesign } from './syntheticDesign.ts';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

console.log('pods   policies  steps  changed pairs  prepare ms (median)');
for (const pods of sizes.length ? sizes : [100, 1000]) {
  const design = syntheticDesign(pods);
  const objects = design.manifests.map((m) => m.object);
  const times: number[] = [];
  let steps = presentStory(objects, DEFAULT_SETTINGS);
  for (let r = 0; r < (pods >= 1000 ? 3 : 7); r++) {
    const t0 = performance.now();
    steps = presentStory(objects, DEFAULT_SETTINGS);
    times.push(performance.now() - t0);
  }
  const changed = steps.reduce((n, s) => n + s.changes.length, 0);
  console.log([String(pods).padEnd(6), String(design.cluster.policies.length).padEnd(9), String(steps.length).padEnd(6), String(changed).padEnd(14), median(times).toFixed(0)].join(' '));
}

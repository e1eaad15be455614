// The test plan's output comes back as evidence: every line the script prints parses, maps onto the
// design it was planned from, and replays to the outcome the plan expected.
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../design/samples.ts';
import { loadDesign } from '../../model/index.ts';
import { mapConnections, parseFlows, replay } from '../../observed/index.ts';
import { planTests, probeTitle } from '../testplan/index.ts';
import { replayMarkdown, replayText } from './index.ts';

describe('test-plan results replayed', () => {
  for (const sample of SAMPLES) {
    it(`${sample.id}: PASS lines replay to what the plan expected; a FAIL that got through would break`, () => {
      const design = loadDesign([{ name: `${sample.id}.yaml`, text: sample.yaml }]);
      const plan = planTests(design, { settings: sample.settings });
      const run = plan.probes.filter((p) => p.method === 'tcp' || p.method === 'dns');
      expect(run.length).toBeGreaterThan(0);
      const lines = run.map((p) => `PASS ${p.id} ${probeTitle(p)}: ${p.expected} (${p.expected === 'allow' ? 'open' : 'closed'})`);
      const flows = parseFlows(`${lines.join('\n')}\nsummary: ${run.length} passed, 0 failed, 0 not run, 0 best-effort (UDP)\n`);
      expect(flows.format).toBe('testplan');
      expect(flows.problems).toEqual([]);
      expect(flows.records).toBe(run.length);
      const traffic = mapConnections(flows.connections, design.cluster, sample.settings);
      expect(traffic.unknown).toEqual([]);
      const result = replay(traffic, design.cluster, sample.settings);
      expect(result.wouldBreak).toEqual([]);
      expect(result.wouldOpen).toBe(0);
      expect(result.keepWorking + result.staysBlocked).toBe(result.items.length);

      const denied = run.find((p) => p.expected === 'deny');
      if (!denied) return;
      const fail = `FAIL ${denied.id} ${probeTitle(denied)}: expected deny, observed allow (open)`;
      const failed = parseFlows(fail);
      const again = replay(mapConnections(failed.connections, design.cluster, sample.settings), design.cluster, sample.settings);
      expect(again.wouldBreak).toHaveLength(1);
      expect(replayText({ sources: [{ name: 'run.log', flows: failed }], traffic: mapConnections(failed.connections, design.cluster, sample.settings), result: again })).toContain('would break:');
    });
  }

  it('the Markdown section escapes what the log names', () => {
    const design = loadDesign([{ name: 'd.yaml', text: SAMPLES[0]!.yaml }]);
    const flows = parseFlows('from,to,port\njhub/x<img src=y>,jhub/hub,8081\n');
    const traffic = mapConnections(flows.connections, design.cluster, SAMPLES[0]!.settings);
    const md = replayMarkdown({ sources: [{ name: 'a|b.csv', flows }], traffic, result: replay(traffic, design.cluster, SAMPLES[0]!.settings) });
    expect(md).toContain('jhub/x&lt;img src=y&gt;');
    expect(md).toContain('a\\|b.csv');
    expect(md).not.toContain('<img');
  });
});

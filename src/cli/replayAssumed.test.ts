// The page's replay (the flow worker's path: replayRaw on the loaded design) and the CLI's `replay`
// and `explain` agree on an app-only design judged in its assumed cluster.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { loadDesign } from '../model/index.ts';
import { parseFlows, replayRaw } from '../observed/index.ts';
import { APP_ONLY_DESIGN as APP, APP_ONLY_LOG as LOG } from '../observed/fixtures/appOnly.ts';
import { cliWith } from './testkit.ts';

describe('replay on an app-only design: page and CLI', () => {
  it('the page (flow worker path) and the CLI agree: replay, and explain of each connection', () => {
    const cli = cliWith({ 'app.yaml': APP, 'flows.log': LOG });
    const page = replayRaw(parseFlows(LOG).connections, loadDesign([{ name: 'design.yaml', text: APP }]).cluster, DEFAULT_SETTINGS);
    const run = cli('replay app.yaml --flows flows.log --format json');
    expect(run.exitCode).toBe(1);
    const json = JSON.parse(run.stdout) as { summary: string; worked: number; keepWorking: number; wouldBreak: { from: string; to: string; port: number; protocol: string }[] };
    expect(json.summary).toBe(page.result.summary);
    expect(json.wouldBreak.map((g) => `${g.from} -> ${g.to} ${g.protocol}/${g.port}`)).toEqual(page.result.wouldBreak.map((g) => `${g.from} -> ${g.to} ${g.protocol}/${g.port}`));
    for (const item of page.result.items) {
      const c = item.connection;
      if (c.from.kind !== 'workload' || c.to.kind !== 'workload') continue;
      const explained = cli(`explain app.yaml --from ${c.from.id} --to ${c.to.id} --port ${c.port}/${c.protocol}`).stdout;
      expect(explained.startsWith('Allowed'), `${c.key}: ${explained.split('\n')[0]}`).toBe(item.outcome === 'keeps-working');
    }
  });
});

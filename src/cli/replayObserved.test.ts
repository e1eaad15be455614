// The page's replay (the flow worker's path: replayRaw on the loaded design) and the CLI's `replay`
// and `explain` agree on an app-only design judged in its assumed cluster; the page's folded-traffic
// download replays on the command line like the log it came from.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { loadDesign } from '../model/index.ts';
import { readFileSync } from 'node:fs';
import { SAMPLES } from '../design/samples.ts';
import { formatFolded, parseFlows, replayRaw } from '../observed/index.ts';
import { APP_ONLY_DESIGN as APP, APP_ONLY_LOG as LOG } from '../observed/fixtures/appOnly.ts';
import { cliWith } from './testkit.ts';

const LOG_JHUB = readFileSync(new URL('../observed/fixtures/jupyterhub.hubble.jsonl', import.meta.url), 'utf8');
const jhub = SAMPLES.find((s) => s.id === 'jupyterhub')!;

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

  it('the CLI replays a folded file like the log it came from', () => {
    const { connections, ...flows } = parseFlows(LOG_JHUB);
    const cli = cliWith({ 'jhub.yaml': jhub.yaml, 'hub.log': LOG_JHUB, 'hub.jsonl': formatFolded([{ name: 'hub.log', flows, connections }]) });
    const flags = '--api-server 10.96.0.1:443';
    const fromLog = cli(`replay jhub.yaml --flows hub.log ${flags}`);
    const fromFolded = cli(`replay jhub.yaml --flows hub.jsonl ${flags}`);
    expect(fromFolded.exitCode).toBe(fromLog.exitCode);
    expect(fromFolded.stdout.split('\n')[0]).toBe(fromLog.stdout.split('\n')[0]);
    expect(cli(`replay jhub.yaml --flows hub.jsonl --flow-format folded ${flags}`).stdout.split('\n')[0]).toBe(fromLog.stdout.split('\n')[0]);
  });
});

// `replay`: the observed-traffic replay on the command line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../design/samples.ts';
import { cliWith } from './testkit.ts';

const jhub = SAMPLES.find((s) => s.id === 'jupyterhub')!;
const FILES: Record<string, string> = {
  'jhub.yaml': jhub.yaml,
  'hub.log': readFileSync(new URL('../observed/fixtures/jupyterhub.hubble.jsonl', import.meta.url), 'utf8'),
  'flows.csv': 'from,to,port,protocol,count\njhub/jupyter-alice,jhub/jupyter-bob,8888,TCP,4\njhub/hub,jhub/proxy,8001,TCP,2\n',
  'broken.csv': 'jhub/hub,jhub/proxy,8001\njhub/hub,jhub/proxy,nope\n',
  'garbage.log': 'not a log\n',
};
const cli = cliWith(FILES);

describe('cli replay', () => {
  it('judges the Hubble log of the sample: nothing breaks, exit 0', () => {
    const result = cli('replay jhub.yaml --flows hub.log');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^16 of 16 observed connections keep working; 3 dropped connections stay blocked; 1 connection not judged/);
    expect(result.stdout).toContain('jhub/user-scheduler: no workload of the design matches');
    expect(result.stderr).toBeUndefined();
  });

  it('exits 1 when an observed connection would break, and says why in every format', () => {
    const text = cli('replay jhub.yaml --flows flows.csv');
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain('would break:\n  jhub/jupyter-alice -> jhub/jupyter-bob TCP/8888 (seen 4 times)');
    const json = cli('replay jhub.yaml --flows flows.csv --format json');
    expect(json.exitCode).toBe(1);
    const parsed = JSON.parse(json.stdout) as { worked: number; keepWorking: number; wouldBreak: { from: string; fix: object }[] };
    expect(parsed).toMatchObject({ worked: 2, keepWorking: 1 });
    expect(parsed.wouldBreak[0]).toMatchObject({ from: 'jhub/jupyter-alice', fix: { sides: ['Egress', 'Ingress'] } });
    const md = cli('replay jhub.yaml --flows flows.csv --format md --plugin cilium');
    expect(md.stdout).toContain('## Would break');
    expect(md.stdout).toContain('Cilium: stage the policies in policy audit mode');
  });

  it('reads the log from standard input and several logs as one', () => {
    expect(cli('replay jhub.yaml --flows -', FILES['flows.csv']).exitCode).toBe(1);
    const both = cli('replay jhub.yaml --flows hub.log --flows flows.csv');
    expect(both.stdout).toMatch(/^16 of 17 observed connections keep working; 1 would break/);
  });

  it('lists broken lines on stderr with file:line; exit 2 when nothing is readable or with --strict', () => {
    const broken = cli('replay jhub.yaml --flows broken.csv');
    expect(broken.exitCode).toBe(0);
    expect(broken.stderr).toBe('broken.csv:2: port "nope" is not a port number 1-65535');
    expect(cli('replay jhub.yaml --flows broken.csv --strict').exitCode).toBe(2);
    const garbage = cli('replay jhub.yaml --flows garbage.log');
    expect(garbage.exitCode).toBe(2);
    expect(garbage.stderr).toContain('no readable flow in garbage.log');
  });

  it('usage errors exit 2', () => {
    expect(cli('replay jhub.yaml').stderr).toMatch(/replay needs --flows LOG/);
    expect(cli('replay jhub.yaml').exitCode).toBe(2);
    expect(cli('replay jhub.yaml --flows missing.log').exitCode).toBe(2);
    expect(cli('replay jhub.yaml --flows hub.log --format xml').exitCode).toBe(2);
    expect(cli('replay jhub.yaml --flows hub.log --flow-format pcap').stderr).toMatch(/--flow-format must be one of hubble, csv, json, testplan/);
    expect(cli('replay - --flows -', 'x').stderr).toMatch(/standard input is already read/);
  });

  it('report --flows adds the replay section and the rollout checklist, in HTML and Markdown', () => {
    const md = cli('report jhub.yaml --flows flows.csv --format md --date 2026-12-03 --plugin calico');
    expect(md.exitCode).toBe(0);
    expect(md.stdout).toContain('## Observed traffic replay');
    expect(md.stdout).toContain('| jhub/jupyter-alice → jhub/jupyter-bob TCP/8888 | seen 4 times |');
    expect(md.stdout).toContain('Calico: preview the policies as staged policies');
    const html = cli('report jhub.yaml --flows hub.log --date 2026-12-03');
    expect(html.stdout).toContain('<h2>Observed traffic replay</h2><p><strong>16 of 16 observed connections keep working');
    expect(html.stdout).toContain('<h3>Staged rollout checklist</h3><ol><li><strong>Apply the allow policies before any default deny</strong>');
    expect(cli('report jhub.yaml --date 2026-12-03 --format md').stdout).not.toContain('Observed traffic');
    expect(cli('report jhub.yaml --flows garbage.log').exitCode).toBe(2);
  });
});

// Folded traffic: what the page keeps (autosave, share links) and downloads, read back by the
// page and the CLI like any log: the same connections and counts, broken lines with their numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../design/samples.ts';
import { loadDesign } from '../model/index.ts';
import { formatFolded, parseFlows, readFoldedSources, replayRaw, type FoldedSource } from './index.ts';

const LOG = readFileSync(new URL('./fixtures/jupyterhub.hubble.jsonl', import.meta.url), 'utf8');
const jhub = SAMPLES.find((s) => s.id === 'jupyterhub')!;
const settings = { ...jhub.settings, apiServer: { address: '10.96.0.1', port: 443 } };
const design = loadDesign([{ name: 'jhub.yaml', text: jhub.yaml }]);

const source = (): FoldedSource => {
  const { connections, ...flows } = parseFlows(LOG);
  return { name: 'jupyterhub.hubble.jsonl', flows, connections };
};
const withoutLine = <T extends { line: number }>({ line: _line, ...rest }: T) => rest;

describe('folded traffic', () => {
  it('is one header and one line per connection, much smaller than the log', () => {
    const s = source();
    const text = formatFolded([s]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + s.connections.length);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'netpol-designer/observed-traffic', version: 1, source: s.name, format: 'hubble', records: 93 });
    expect(text.length).toBeLessThan(LOG.length / 3);
  });

  it('reads back as the same connections with the same counts and times, and replays the same', () => {
    const s = source();
    const again = parseFlows(formatFolded([s]));
    expect(again.format).toBe('folded');
    expect(again.problems).toEqual([]);
    expect(again.records).toBe(s.flows.records);
    expect(again.connections.map(withoutLine)).toEqual(s.connections.map(withoutLine));
    const before = replayRaw(s.connections, design.cluster, settings).result;
    const after = replayRaw(again.connections, design.cluster, settings).result;
    expect(after.summary).toBe(before.summary);
  });

  it('two copies fold into one: counts add up, first/last widen', () => {
    const s = source();
    const shifted = { ...s, connections: s.connections.map((c) => ({ ...c, ...(c.last === undefined ? {} : { last: c.last + 60_000 }) })) };
    const both = parseFlows(formatFolded([s, shifted]));
    expect(both.connections).toHaveLength(s.connections.length);
    const one = both.connections.find((c) => c.from.pod?.startsWith('proxy') && c.port === 8081)!;
    const orig = s.connections.find((c) => c.from.pod === one.from.pod && c.to.pod === one.to.pod && c.port === 8081)!;
    expect(one.count).toBe(orig.count * 2);
    expect(one.forwarded).toBe(orig.forwarded * 2);
    expect(one.last).toBe(orig.last! + 60_000);
    expect(one.first).toBe(orig.first);
  });

  it('broken lines are reported with their line numbers, the rest is kept', () => {
    const s = source();
    const lines = formatFolded([s]).trimEnd().split('\n');
    lines.splice(2, 0, '{"from":{"pod":"a"},"to":{"pod":"b"},"port":0,"protocol":"TCP","count":1}', 'nope', '{"from":{},"to":{"pod":"b"},"port":80,"protocol":"TCP","count":1}', '{"from":{"pod":"a"},"to":{"pod":"b"},"port":80,"protocol":"ICMP","count":1}');
    const parsed = parseFlows(lines.join('\n'));
    expect(parsed.problems).toEqual([
      { line: 3, message: 'port 0 is not a port number 1-65535' },
      { line: 4, message: expect.stringMatching(/^not JSON/) },
      { line: 5, message: 'from: an end names nothing' },
      { line: 6, message: 'protocol "ICMP" is not TCP, UDP or SCTP' },
    ]);
    expect(parsed.connections).toHaveLength(s.connections.length);
  });

  it('stored or shared copies are checked: bad connections are left out and counted, bad shapes refused', () => {
    const s = source();
    const hostile = [{ ...s, connections: [...s.connections, { from: { pod: 'x' }, to: 'y', port: 80, protocol: 'TCP', count: 1 }, { from: { pod: 'x' }, to: { pod: 'y' }, port: 80, protocol: 'TCP', count: -3 }] }];
    const read = readFoldedSources(JSON.parse(JSON.stringify(hostile)) as unknown)!;
    expect(read.dropped).toBe(2);
    expect(read.sources[0]!.connections).toEqual(s.connections);
    expect(read.sources[0]!.flows).toEqual(s.flows);
    expect(readFoldedSources({ sources: [] })).toBeUndefined();
    expect(readFoldedSources([{ name: 1 }])).toBeUndefined();
  });
});

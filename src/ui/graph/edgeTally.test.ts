// An edge's summary after a delta is a tally updated with the pairs gone and come (derive.ts
// pairsSummary). Pairs decoded from different answers carry different set objects of one content:
// the tally counts by content, so a port stays on the label while any pair still carries it.
import { describe, expect, it } from 'vitest';
import { multiTenantObjects } from '../../design/samples.ts';
import { DEFAULT_SETTINGS } from '../../design/types.ts';
import type { ConnectionSet } from '../core.ts';
import { analyzeObjects, type GPair, type GraphData } from '../../workers/analysis.ts';
import { decodePairs, encodePairs } from '../../workers/pairsDelta.ts';
import { derive, deriveMemo } from './derive.ts';

const tcp = (port: number): ConnectionSet => ({ all: false, byProtocol: { TCP: [{ from: port, to: port }], UDP: [], SCTP: [] } });

describe('an edge tallied across deltas', () => {
  const r = analyzeObjects(multiTenantObjects(), DEFAULT_SETTINGS, false);
  if (!r.ok) throw new Error('analysis failed');
  const base = r.analysis.graph;
  const [a, b] = base.namespaces.filter((ns) => ns.workloads.length >= 2);
  if (!a || !b) throw new Error('the sample needs two namespaces with two workloads');
  const collapsed = Object.fromEntries(base.namespaces.map((ns) => [ns.name, false]));
  const pair = (from: string, to: string, conn: ConnectionSet): GPair => ({ from, to, conn, intent: 'intended', tier: 'NetworkPolicy' });
  const graphOf = (pairs: GPair[]): GraphData => ({ ...base, pairs, flows: [], cuts: [] });
  const edgeId = `e:ns:${a.name}->ns:${b.name}`;
  const label = (g: GraphData, memo?: ReturnType<typeof deriveMemo>) => derive(g, collapsed, {}, null, { showCuts: false }, undefined, memo).edges.find((e) => e.id === edgeId)?.data?.label;

  it('keeps a port while a pair of another set object with that content carries it', () => {
    // Two pairs on port 80, each with its own set object (as after two answers), one on 443.
    const first = [pair(a.workloads[0]!, b.workloads[0]!, tcp(80)), pair(a.workloads[1]!, b.workloads[0]!, tcp(80)), pair(a.workloads[0]!, b.workloads[1]!, tcp(443))];
    const memo = deriveMemo();
    expect(label(graphOf(first), memo)).toBe(label(graphOf(first)));
    expect(label(graphOf(first))).toMatch(/80/);
    // The first port-80 pair goes: the other still carries 80.
    const kept = first.slice(1);
    const second = decodePairs(encodePairs(kept, kept, first, first.length), first)!;
    const after = label(graphOf(second), memo);
    expect(after).toBe(label(graphOf(second)));
    expect(after).toMatch(/80/);
    expect(after).toMatch(/443/);
    // The last port-80 pair goes: 80 leaves the label.
    const last = second.slice(1);
    const third = decodePairs(encodePairs(last, last, second, second.length), second)!;
    const end = label(graphOf(third), memo);
    expect(end).toBe(label(graphOf(third)));
    expect(end).not.toMatch(/80/);
    expect(end).toMatch(/443/);
  });

  it('tells sets apart by every range and protocol (ports 80, 80-90, UDP 80 are three contents)', () => {
    const range: ConnectionSet = { all: false, byProtocol: { TCP: [{ from: 80, to: 90 }], UDP: [], SCTP: [] } };
    const udp: ConnectionSet = { all: false, byProtocol: { TCP: [], UDP: [{ from: 80, to: 80 }], SCTP: [] } };
    const pairs = [pair(a.workloads[0]!, b.workloads[0]!, tcp(80)), pair(a.workloads[1]!, b.workloads[0]!, range), pair(a.workloads[0]!, b.workloads[1]!, udp)];
    const text = label(graphOf(pairs));
    expect(text).toMatch(/80-90/);
    expect(text).toMatch(/UDP/);
  });
});

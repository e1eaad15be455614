import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FINDING_SEVERITIES, type Finding, type FindingSeverity, type KubeObject } from '../core.ts';
import {
  countBySeverity,
  filterFindings,
  findingsSummary,
  freshness,
  graphNodeOf,
  groupBySeverity,
  objectLabel,
  textsMatch,
  type DesignOnScreen,
} from './findingsView.ts';

const finding = (id: string, severity: FindingSeverity, extra: Partial<Finding> = {}): Finding => ({
  id,
  rule: id.split(':')[0]!,
  severity,
  title: `title of ${id}`,
  risk: `risk of ${id}`,
  fixes: [],
  ...extra,
});

const FINDINGS: Finding[] = [
  finding('egress-blocks-dns:shop/lockdown', 'high', {
    title: 'Policy shop/lockdown: egress lockdown blocks DNS',
    object: { kind: 'NetworkPolicy', name: 'lockdown', namespace: 'shop', manifest: 2 },
    path: 'spec.egress',
    location: { file: 'd.yaml', line: 12, col: 3 },
  }),
  finding('namespace-unprotected:db', 'high', { object: { kind: 'Namespace', name: 'db', manifest: 0 } }),
  finding('egress-wide-cidr:shop/out', 'medium', { path: 'spec.egress[0].to[0].ipBlock' }),
  finding('no-ports-icmp-varies:x', 'info', { object: { kind: 'Deployment', name: 'api', namespace: 'shop', manifest: 1 } }),
];

const all = new Set(FINDING_SEVERITIES);

describe('counts, groups and the header summary', () => {
  it('counts every severity, zero included', () => {
    expect(countBySeverity(FINDINGS)).toEqual({ high: 2, medium: 1, low: 0, info: 1 });
    expect(countBySeverity([])).toEqual({ high: 0, medium: 0, low: 0, info: 0 });
  });

  it('groups most severe first, leaves out empty groups and keeps the order within a group', () => {
    const groups = groupBySeverity([FINDINGS[3]!, FINDINGS[1]!, FINDINGS[2]!, FINDINGS[0]!]);
    expect(groups.map((g) => g.severity)).toEqual(['high', 'medium', 'info']);
    expect(groups[0]!.findings.map((f) => f.id)).toEqual(['namespace-unprotected:db', 'egress-blocks-dns:shop/lockdown']);
  });

  it('says how many findings and how many high, in text and accessible name', () => {
    expect(findingsSummary(FINDINGS)).toEqual({ text: '2 high · 4 findings', label: 'Findings: 4 (2 high)' });
    expect(findingsSummary([FINDINGS[2]!])).toEqual({ text: '1 finding', label: 'Findings: 1' });
    expect(findingsSummary([])).toEqual({ text: '0 findings', label: 'Findings: 0' });
  });

  it('names the object with its namespace', () => {
    expect(objectLabel(FINDINGS[0]!)).toBe('NetworkPolicy shop/lockdown');
    expect(objectLabel(FINDINGS[1]!)).toBe('Namespace db');
    expect(objectLabel(FINDINGS[2]!)).toBeUndefined();
  });
});

describe('filterFindings', () => {
  const ids = (list: Finding[]) => list.map((f) => f.id);

  it('keeps the shown severities only', () => {
    expect(ids(filterFindings(FINDINGS, new Set<FindingSeverity>(['medium', 'info']), ''))).toEqual([
      'egress-wide-cidr:shop/out',
      'no-ports-icmp-varies:x',
    ]);
    expect(filterFindings(FINDINGS, new Set(), '')).toEqual([]);
  });

  it('matches every word of the query, case-insensitively, in title, object, check name or field path', () => {
    expect(ids(filterFindings(FINDINGS, all, 'DNS'))).toEqual(['egress-blocks-dns:shop/lockdown']);
    // Object kind and namespace, across two fields.
    expect(ids(filterFindings(FINDINGS, all, '  deployment   shop '))).toEqual(['no-ports-icmp-varies:x']);
    // The check's name from the catalogue ("Wide egress ipBlock ...") and the path.
    expect(ids(filterFindings(FINDINGS, all, 'wide ipblock'))).toEqual(['egress-wide-cidr:shop/out']);
    expect(ids(filterFindings(FINDINGS, all, 'to[0].ipBlock'))).toEqual(['egress-wide-cidr:shop/out']);
    expect(filterFindings(FINDINGS, all, 'dns nowhere')).toEqual([]);
    expect(filterFindings(FINDINGS, new Set<FindingSeverity>(['low']), 'dns')).toEqual([]);
  });
});

describe('freshness', () => {
  const objects: KubeObject[] = [];
  const page: DesignOnScreen = { text: 'a', validText: 'a', textValid: true, objects, textObjects: objects, settings: DEFAULT_SETTINGS };
  const reviewed = { reviewedText: 'a', reviewedSettings: DEFAULT_SETTINGS };

  it('is current when the findings are of the text on screen, its objects and settings', () => {
    expect(freshness(page, reviewed)).toBe('current');
    // Settings compare by value: a copy is the same settings.
    expect(freshness(page, { ...reviewed, reviewedSettings: structuredClone(DEFAULT_SETTINGS) })).toBe('current');
  });

  it('is updating while a change is on its way, and invalid while the YAML does not parse', () => {
    expect(freshness({ ...page, text: 'ab' }, reviewed)).toBe('updating');
    expect(freshness({ ...page, objects: [] }, reviewed)).toBe('updating');
    expect(freshness({ ...page, validText: 'b', text: 'b' }, reviewed)).toBe('updating');
    expect(freshness(page, { ...reviewed, reviewedSettings: { ...DEFAULT_SETTINGS, apiServer: { address: '10.0.0.1', port: 6443 } } })).toBe('updating');
    expect(freshness(page, { reviewedText: null, reviewedSettings: null })).toBe('updating');
    expect(freshness({ ...page, text: 'a: [', textValid: false }, reviewed)).toBe('invalid');
  });
});

describe('textsMatch', () => {
  // Copies made at run time: equal texts that are not the same string (as the worker's and the page's are).
  const copy = (t: string) => [...t].join('');
  const texts = [null, 'a: 1', copy('a: 1'), 'a: 2', ''];

  it('answers as comparing the texts would, whatever was asked before', () => {
    // Every sequence of two questions: a remembered answer must never stand for another question's.
    for (const r1 of texts) for (const v1 of texts) for (const s1 of texts) {
      if (v1 === null || s1 === null) continue;
      textsMatch(r1, v1, s1);
      for (const r of texts) for (const v of texts) for (const s of texts) {
        if (v === null || s === null) continue;
        expect(textsMatch(r, v, s)).toEqual({ reviewedIsValid: r === v, shownIsValid: s === v });
        textsMatch(r1, v1, s1);
      }
    }
  });

  it('decides freshness: the findings of another text are updating, of a copy of this text current', () => {
    const objects: KubeObject[] = [];
    const page: DesignOnScreen = { text: 'a: 2', validText: 'a: 2', textValid: true, objects, textObjects: objects, settings: DEFAULT_SETTINGS };
    expect(freshness(page, { reviewedText: 'a: 1', reviewedSettings: DEFAULT_SETTINGS })).toBe('updating');
    expect(freshness(page, { reviewedText: copy('a: 2'), reviewedSettings: DEFAULT_SETTINGS })).toBe('current');
    expect(freshness({ ...page, text: 'a: 3' }, { reviewedText: 'a: 2', reviewedSettings: DEFAULT_SETTINGS })).toBe('updating');
  });
});

describe('graphNodeOf', () => {
  const graph = {
    namespaces: [{ name: 'shop' }, { name: 'db' }],
    workloads: [{ key: 'wl:shop/api', namespace: 'shop', name: 'api', kind: 'Deployment' }],
  };
  const open = () => true;

  it('finds the workload, or its namespace box when the namespace is collapsed', () => {
    expect(graphNodeOf(FINDINGS[3]!, graph, open)).toBe('wl:shop/api');
    expect(graphNodeOf(FINDINGS[3]!, graph, () => false)).toBe('ns:shop');
  });

  it('shows a namespace and a policy by their namespace, and nothing for unknown or missing objects', () => {
    expect(graphNodeOf(FINDINGS[1]!, graph, open)).toBe('ns:db');
    expect(graphNodeOf(FINDINGS[0]!, graph, open)).toBe('ns:shop');
    expect(graphNodeOf(FINDINGS[2]!, graph, open)).toBeUndefined();
    expect(graphNodeOf(finding('x:y', 'low', { object: { kind: 'Namespace', name: 'gone', manifest: 5 } }), graph, open)).toBeUndefined();
  });
});

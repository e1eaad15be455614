// Observed traffic: parsers per format (malformed lines included), mapping, folding, replay against
// the JupyterHub sample with its hand-built Hubble log, and proposals from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../design/samples.ts';
import { DEFAULT_SETTINGS } from '../design/types.ts';
import { allowedConnections, compile, isEmptyConnectionSet } from '../engine/index.ts';
import { emitYaml, loadDesign } from '../model/index.ts';
import type { KubeObject } from '../model/types.ts';
import { HOST_NETWORK_NODE_YAML } from '../testing/fixtures.ts';
import {
  applyProposal, connectionsThatWorked, filterConnections, FlowParser, mapConnections, observedNamespaces, ownerCandidates, parseFlows, proposeFlows, replay,
} from './index.ts';

const FIXTURE = readFileSync(new URL('./fixtures/jupyterhub.hubble.jsonl', import.meta.url), 'utf8');
const jhub = SAMPLES.find((s) => s.id === 'jupyterhub')!;
const sampleDesign = loadDesign([{ name: 'jhub.yaml', text: jhub.yaml }]);
// The log reaches the API server at 10.96.0.1:443: that is its endpoint as this capture saw it (fixes and
// proposals write the endpoint, which stays unset until the user fills it).
const settings = { ...jhub.settings, apiServer: { address: '10.96.0.1', port: 443 } };

const load = (objects: readonly KubeObject[]) => loadDesign([{ name: 'd.yaml', text: emitYaml([...objects]) }]);

describe('Hubble import of the JupyterHub log', () => {
  const flows = parseFlows(FIXTURE);
  const traffic = mapConnections(flows.connections, sampleDesign.cluster, settings);
  const keys = traffic.connections.map((c) => c.key);

  it('detects the format and reads every line, counting what it does not judge', () => {
    expect(flows.format).toBe('hubble');
    expect(flows.problems).toEqual([]);
    expect(flows.lines).toBe(FIXTURE.trimEnd().split('\n').length);
    expect(flows.skipped.map((s) => [s.reason.split(' ')[0], s.count])).toEqual([['ICMP', 1], ['Hubble', 1]]);
    expect(flows.records).toBe(flows.lines - 2);
  });

  it('maps pods to workloads by owner and name, addresses to the outside nodes, and folds replies and duplicates', () => {
    expect(keys).toContain('jhub/proxy -> jhub/hub TCP/8081');
    expect(keys).toContain('jhub/hub -> apiserver:10.96.0.1 TCP/443');
    expect(keys).toContain('internet:203.0.113.7 -> jhub/proxy TCP/8000');
    expect(keys).toContain('jhub/jupyter-alice -> metadata:169.254.169.254 TCP/80');
    // Both CoreDNS pods are the one coredns workload.
    expect(keys.filter((k) => k.startsWith('jhub/jupyter-alice -> kube-system/coredns'))).toEqual([
      'jhub/jupyter-alice -> kube-system/coredns TCP/53', 'jhub/jupyter-alice -> kube-system/coredns UDP/53',
    ]);
    // No reply became a connection of its own (server -> client on an ephemeral port).
    expect(keys.some((k) => /TCP\/4\d{4}|UDP\/4\d{4}/.test(k))).toBe(false);
    const proxyHub = traffic.connections.find((c) => c.key === 'jhub/proxy -> jhub/hub TCP/8081')!;
    // Three connections, each seen egress, ingress and as a reply.
    expect(proxyHub).toMatchObject({ count: 9, forwarded: 9, dropped: 0 });
    expect(proxyHub.first).toBeLessThan(proxyHub.last!);
    expect(new Date(proxyHub.first!).toISOString()).toMatch(/^2025-11-30T12:0/);
  });

  it('filters by verdict and time window (connections without times pass any window)', () => {
    const all = { forwarded: true, dropped: true, audit: true };
    expect(filterConnections(traffic.connections, { verdicts: all })).toHaveLength(traffic.connections.length);
    const droppedOnly = filterConnections(traffic.connections, { verdicts: { forwarded: false, dropped: true, audit: false } });
    expect(droppedOnly.map((c) => c.key)).toEqual(traffic.connections.filter((c) => c.dropped > 0).map((c) => c.key));
    const start = Math.min(...traffic.connections.map((c) => c.first!));
    const early = filterConnections(traffic.connections, { verdicts: all, until: start + 5_000 });
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(traffic.connections.length);
    expect(early.every((c) => c.first! <= start + 5_000)).toBe(true);
    const untimed = { ...traffic.connections[0]!, first: undefined, last: undefined } as typeof traffic.connections[number];
    expect(filterConnections([untimed], { verdicts: all, since: Date.now() })).toHaveLength(1);
  });

  it('lists the endpoint the design lacks instead of dropping it', () => {
    expect(traffic.unknown).toEqual([expect.objectContaining({ label: 'jhub/user-scheduler', count: 2 })]);
    expect(keys).toContain('?jhub/user-scheduler -> apiserver:10.96.0.1 TCP/443');
  });

  it('replay reports exactly the connections the sample policies deny: the ones the cluster dropped', () => {
    const result = replay(traffic, sampleDesign.cluster, settings);
    const denied = result.items.filter((i) => i.outcome === 'stays-blocked' || i.outcome === 'would-break').map((i) => i.connection.key).sort();
    const droppedInLog = traffic.connections.filter((c) => c.dropped > 0).map((c) => c.key).sort();
    expect(denied).toEqual(droppedInLog);
    expect(denied).toHaveLength(3);
    expect(result.wouldBreak).toEqual([]);
    expect(result.notJudged).toBe(1);
    expect(result.summary).toMatch(/^16 of 16 observed connections keep working; 3 dropped connections stay blocked/);
  });

  it('a design change shows up as would-break, grouped, with the explanation and a fix on the denying side', () => {
    // The hub loses its egress rules: everything it started now breaks.
    const objects = sampleDesign.manifests.map((m) => m.object).map((o) =>
      o.kind === 'NetworkPolicy' && o.metadata.name === 'hub' ? { ...o, spec: { ...(o['spec'] as object), egress: [] } } : o);
    const changed = load(objects);
    const result = replay(mapConnections(flows.connections, changed.cluster, settings), changed.cluster, settings);
    expect(result.wouldBreak.map((g) => `${g.from} -> ${g.to} ${g.protocol}/${g.port}`).sort()).toEqual([
      'jhub/hub -> apiserver TCP/443', 'jhub/hub -> jhub/jupyter-alice TCP/8888', 'jhub/hub -> jhub/proxy TCP/8001', 'jhub/hub -> kube-system/coredns UDP/53',
    ]);
    const api = result.wouldBreak.find((g) => g.to === 'apiserver')!;
    expect(api.explanation).toContain('jhub/hub is isolated for egress by jhub/hub');
    expect(api.fix).toEqual({ from: { kind: 'workload', namespace: 'jhub', name: 'hub' }, to: { kind: 'external', id: 'apiserver' }, ports: [{ protocol: 'TCP', port: 443 }], sides: ['Egress'] });
    expect(result.summary).toMatch(/^12 of 16 observed connections keep working; 4 would break/);
    // Each fix applied, the replay is clean again.
    let fixed = objects;
    for (const g of result.wouldBreak) fixed = applyProposal(fixed, { flows: [g.fix!], lockdown: [], skipped: [] }, settings);
    const after = load(fixed);
    expect(replay(mapConnections(flows.connections, after.cluster, settings), after.cluster, settings).wouldBreak).toEqual([]);
  });

  it('proposing flows from it gives a design where nothing breaks and nothing unobserved is open', () => {
    // Start from the cluster as captured, without the chart's policies, and lock down jhub.
    const clusterOnly = sampleDesign.manifests.map((m) => m.object).filter((o) => o.kind !== 'NetworkPolicy');
    const base = load(clusterOnly);
    const mapped = mapConnections(flows.connections, base.cluster, settings);
    const worked = connectionsThatWorked(mapped.connections);
    const proposal = proposeFlows(worked, { lockdown: observedNamespaces(worked, [settings.dns.namespace]) });
    expect(proposal.lockdown).toEqual(['jhub']);
    expect(proposal.skipped.map((s) => s.key)).toEqual(['?jhub/user-scheduler -> apiserver:10.96.0.1 TCP/443']);
    const proposed = load(applyProposal(clusterOnly, proposal, settings));
    expect(proposed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = replay(mapConnections(flows.connections, proposed.cluster, settings), proposed.cluster, settings);
    expect(result.wouldBreak).toEqual([]);
    expect(result.keepWorking).toBe(16);
    // The dropped ones were not proposed, and stay blocked.
    expect(result.staysBlocked).toBe(3);
    const observedPairs = new Set(worked.filter((c) => c.from.kind === 'workload' && c.to.kind === 'workload').map((c) => `${c.from.kind === 'workload' && c.from.id}>${c.to.kind === 'workload' && c.to.id}`));
    const compiled = compile(proposed.cluster);
    for (const a of compiled.workloads) for (const b of compiled.workloads) {
      // A pod reaching itself is not a pair of workloads (and the engine always allows it).
      if (a.id === b.id || (a.namespace !== 'jhub' && b.namespace !== 'jhub')) continue;
      const open = !isEmptyConnectionSet(allowedConnections(compiled, { kind: 'workload', id: a.id }, { kind: 'workload', id: b.id }));
      expect(open, `${a.id} -> ${b.id}`).toBe(observedPairs.has(`${a.id}>${b.id}`));
    }
  });
});

describe('parsers', () => {
  it('Hubble: jsonpb and bare flows, camelCase, reply swap; broken lines with their numbers', () => {
    const flow = (extra: object) => JSON.stringify({
      verdict: 'DROPPED', IP: { source: '10.0.0.9', destination: '10.0.0.5' }, l4: { TCP: { source_port: 8080, destination_port: 51000 } },
      source: { namespace: 'shop', pod_name: 'api-5d9c7b8f6-abcde' }, destination: { namespace: 'shop', podName: 'web-0' }, ...extra,
    });
    const text = [
      flow({ is_reply: true, time: '2026-01-02T03:04:05.5Z' }),
      'not json at all',
      JSON.stringify({ flow: { IP: {} } }),
      flow({ verdict: 'MAYBE' }),
      JSON.stringify({ flow: { verdict: 'FORWARDED', l4: { UDP: { destinationPort: 0 } }, source: { namespace: 'a', pod_name: 'x' }, destination: { namespace: 'a', pod_name: 'y' } } }),
      '',
      flow({ isReply: { value: true } }),
    ].join('\n');
    const flows = parseFlows(text);
    expect(flows.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(flows.problems[0]!.message).toMatch(/^not JSON/);
    expect(flows.problems[1]!.message).toMatch(/no "verdict"/);
    expect(flows.problems[2]!.message).toMatch(/unknown verdict "MAYBE"/);
    expect(flows.problems[3]!.message).toMatch(/no valid UDP destination port/);
    expect(flows.connections).toHaveLength(1);
    expect(flows.connections[0]).toMatchObject({ from: { namespace: 'shop', pod: 'web-0' }, to: { pod: 'api-5d9c7b8f6-abcde' }, port: 8080, count: 2, dropped: 2 });
    expect(flows.connections[0]!.first).toBe(Date.parse('2026-01-02T03:04:05.500Z'));
  });

  it('the fast path for compact Hubble lines reads exactly what JSON.parse reads', () => {
    expect(parseFlows(FIXTURE)).toEqual(parseFlows(FIXTURE, undefined, { fastPath: false }));
    // Keys out of proto order, or spaces after colons: the fast path steps aside.
    const reordered = '{"destination":{"namespace":"b","pod_name":"y"},"source":{"namespace":"a","pod_name":"x"},"verdict":"FORWARDED","l4":{"TCP":{"destination_port":80}},"IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}\n{"verdict": "DROPPED", "IP": {"source": "10.0.0.1", "destination": "10.0.0.2"}, "l4": {"UDP": {"destination_port": 53}}, "source": {"namespace": "a", "pod_name": "x", "labels": ["k8s:app=x"]}, "destination": {}}\n';
    const parsed = parseFlows(reordered);
    expect(parsed).toEqual(parseFlows(reordered, undefined, { fastPath: false }));
    expect(parsed.connections.map((c) => [c.from.pod, c.to.pod ?? c.to.ip, c.port])).toEqual([['x', 'y', 80], ['x', '10.0.0.2', 53]]);
  });

  it('streams: any chunking gives the same result as the whole text', () => {
    const whole = parseFlows(FIXTURE);
    for (const size of [1, 7, 100, 4096]) {
      const parser = new FlowParser();
      for (let i = 0; i < FIXTURE.length; i += size) parser.push(FIXTURE.slice(i, i + size));
      expect(parser.finish()).toEqual(whole);
    }
  });

  it('CSV: header optional, addresses and ns/workload, counts; bad fields are line-numbered errors', () => {
    const csv = 'shop/web,shop/api,8080,TCP,5\nshop/web,ip:1.1.1.1,443\n10.0.0.7,shop/api,8080,UDP\nshop/web,shop/api,99999,TCP\nshop/web,nowhere,80\nshop/web,shop/api,80,ICMP\nshop/web,shop/api,80,TCP,-1\nonly,two\n';
    const flows = parseFlows(csv);
    expect(flows.format).toBe('csv');
    expect(flows.connections.map((c) => [c.from, c.to, c.port, c.protocol, c.count])).toEqual([
      [{ namespace: 'shop', workload: 'web' }, { namespace: 'shop', workload: 'api' }, 8080, 'TCP', 5],
      [{ namespace: 'shop', workload: 'web' }, { ip: '1.1.1.1' }, 443, 'TCP', 1],
      [{ ip: '10.0.0.7' }, { namespace: 'shop', workload: 'api' }, 8080, 'UDP', 1],
    ]);
    expect(flows.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '4: port "99999" is not a port number 1-65535',
      '5: to: "nowhere" is neither namespace/workload nor an IP address',
      '6: protocol "ICMP" is not TCP, UDP or SCTP',
      '7: count "-1" is not a positive whole number',
      '8: expected from,to,port[,protocol[,count]] (got 2 fields)',
    ]);
    const headed = parseFlows('to,from,port,verdict,time\nshop/api,shop/web,80,dropped,2026-01-01T00:00:00Z\n');
    expect(headed.connections[0]).toMatchObject({ from: { workload: 'web' }, to: { workload: 'api' }, dropped: 1, first: Date.parse('2026-01-01T00:00:00Z') });
    expect(parseFlows('from,to,port,colour\n').problems[0]!.message).toMatch(/unknown column\(s\) colour/);
  });

  it('JSON: one object per line, or one array', () => {
    const lines = parseFlows('{"from":"shop/web","to":"ip:8.8.8.8","port":53,"protocol":"UDP","count":2}\n{"from":"shop/web"}\n');
    expect(lines.format).toBe('json');
    expect(lines.connections[0]).toMatchObject({ to: { ip: '8.8.8.8' }, port: 53, protocol: 'UDP', count: 2 });
    expect(lines.problems).toEqual([{ line: 2, message: 'needs "from" and "to" (namespace/workload or an address)' }]);
    const array = parseFlows('[\n {"from":"shop/web","to":"shop/api","port":80},\n {"from":"shop/web","to":"shop/api","port":"x"}\n]\n');
    expect(array.connections).toHaveLength(1);
    expect(array.problems[0]!.message).toMatch(/^item 1: port "x"/);
    expect(parseFlows('[{"from":').problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^not JSON/) });
  });

  it('test-plan results: PASS and FAIL become observed outcomes; INFO and SKIP are counted as skipped', () => {
    const text = [
      'pod/np-probe-1 created',
      'PASS 1 shop/web -> shop/api TCP/8080: allow (open)',
      'FAIL 2 shop/web -> 1.1.1.1 (Internet) TCP/443: expected deny, observed allow (open)',
      'PASS 3 shop/api -> shop/db TCP/5432: deny (closed)',
      'INFO 4 shop/web -> shop/dns UDP/5353: expected allow, nc says open (UDP is best-effort: no reply reads as open)',
      'SKIP 5 shop/web -> shop/x TCP/80: no running destination pod',
      'FAIL 6 garbage',
      'summary: 2 passed, 1 failed, 1 not run, 1 best-effort (UDP)',
    ].join('\n');
    const flows = parseFlows(text);
    expect(flows.format).toBe('csv');
    const forced = parseFlows(text, 'testplan');
    expect(forced.connections.map((c) => [c.to, c.port, c.forwarded, c.dropped])).toEqual([
      [{ namespace: 'shop', workload: 'api' }, 8080, 1, 0],
      [{ ip: '1.1.1.1' }, 443, 1, 0],
      [{ namespace: 'shop', workload: 'db' }, 5432, 0, 1],
    ]);
    expect(forced.problems).toEqual([{ line: 7, message: expect.stringMatching(/PASS\/FAIL line/) }]);
    expect(forced.skipped.map((s) => s.count)).toEqual([1, 1, 1]);
    // Detected from the first line when the file starts with the results.
    expect(parseFlows(text.split('\n').slice(1).join('\n')).format).toBe('testplan');
  });
});

describe('proposal options', () => {
  it('outside addresses as hosts, their /24, or their outside node; namespace level', () => {
    const flows = parseFlows('shop/web,203.0.113.7,443\nshop/web,203.0.113.9,443\nshop/web,169.254.169.254,80\nshop/web,shop/api,8080\nshop/web,shop/api,8081\n');
    const design = loadDesign([{ name: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: c, image: x}]}\n' }]);
    const { connections } = mapConnections(flows.connections, design.cluster, DEFAULT_SETTINGS);
    const ends = (o: Parameters<typeof proposeFlows>[1]) => proposeFlows(connections, o).flows.map((f) => [f.to, f.ports.map((p) => p.port)]);
    expect(ends({})).toEqual([
      [{ kind: 'cidr', cidr: '203.0.113.7/32' }, [443]], [{ kind: 'cidr', cidr: '203.0.113.9/32' }, [443]],
      [{ kind: 'external', id: 'metadata' }, [80]], [{ kind: 'workload', namespace: 'shop', name: 'api' }, [8080, 8081]],
    ]);
    expect(ends({ outside: 'cidr24' }).slice(0, 2)).toEqual([[{ kind: 'cidr', cidr: '203.0.113.0/24' }, [443]], [{ kind: 'external', id: 'metadata' }, [80]]]);
    expect(ends({ outside: 'nodes' })[0]).toEqual([{ kind: 'external', id: 'internet' }, [443]]);
    expect(proposeFlows(connections, { level: 'namespace' }).flows.at(-1)).toMatchObject({ from: { kind: 'namespace', namespace: 'shop' }, to: { kind: 'namespace', namespace: 'shop' } });
  });
});

describe('mapping', () => {
  it('owner names from pod names: Deployment, CronJob, StatefulSet, DaemonSet', () => {
    expect(ownerCandidates('hub-7d9f8c6b5-x2x4q')).toEqual(['hub', 'hub-7d9f8c6b5']);
    expect(ownerCandidates('backup-28391040-abcde')[0]).toBe('backup');
    expect(ownerCandidates('db-2')).toEqual(['db']);
    expect(ownerCandidates('agent-x7k2p')).toEqual(['agent']);
  });

  it('a node address that hostNetwork pods hold is the node, as in the engine: kubelet probes from it keep working', () => {
    const yaml = `${HOST_NETWORK_NODE_YAML}---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {nodeName: node-1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.1.0.5, hostIP: 10.0.0.11}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
    const design = loadDesign([{ name: 'node.yaml', text: yaml }]);
    const traffic = mapConnections(parseFlows('10.0.0.11,10.1.0.5,8080').connections, design.cluster, DEFAULT_SETTINGS);
    expect(traffic.connections.map((c) => c.key)).toEqual(['private:10.0.0.11 -> shop/web TCP/8080']);
    // The node's own pods are always reachable from it, whatever the policies say.
    expect(replay(traffic, design.cluster, DEFAULT_SETTINGS).items.map((i) => i.outcome)).toEqual(['keeps-working']);
  });

  it('app-only design: addresses by pod IP and ClusterIP, outside nodes, DNS without the DNS pods, pod CIDRs', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
status: {podIP: 10.1.0.5}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, template: {metadata: {labels: {app: api, tier: be}}, spec: {containers: [{name: c, image: x}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {clusterIP: 10.96.5.5, selector: {app: api}, ports: [{port: 80}]}
`;
    const design = loadDesign([{ name: 'app.yaml', text: yaml }]);
    const csv = [
      '10.1.0.5,10.96.5.5,80', '10.1.0.5,169.254.169.254,80', '10.1.0.5,10.96.0.1,443', '10.1.0.5,8.8.8.8,443', '10.1.0.5,10.1.9.9,80',
      'shop/web,shop/api-6d4cf56db6-8xq2k,80',
    ].join('\n');
    const hubbleDns = JSON.stringify({ verdict: 'FORWARDED', IP: { source: '10.1.0.5', destination: '10.1.7.7' }, l4: { UDP: { source_port: 3333, destination_port: 53 } }, source: { namespace: 'shop', pod_name: 'web', labels: ['k8s:app=web'] }, destination: { namespace: 'kube-system', pod_name: 'coredns-1', labels: ['k8s:k8s-app=kube-dns'] } });
    const traffic = mapConnections(
      [...parseFlows(csv).connections, ...parseFlows(hubbleDns).connections],
      design.cluster, { ...DEFAULT_SETTINGS, podCidrs: ['10.1.0.0/16'] },
    );
    expect(traffic.connections.map((c) => c.key)).toEqual([
      'shop/web -> ?10.1.9.9 TCP/80',
      'shop/web -> apiserver:10.96.0.1 TCP/443',
      'shop/web -> dns UDP/53',
      'shop/web -> internet:8.8.8.8 TCP/443',
      'shop/web -> metadata:169.254.169.254 TCP/80',
      'shop/web -> shop/api TCP/80',
    ]);
    expect(traffic.connections.find((c) => c.key === 'shop/web -> shop/api TCP/80')!.count).toBe(2);
    expect(traffic.unknown).toEqual([expect.objectContaining({ label: '10.1.9.9', reason: expect.stringMatching(/pod CIDRs/) })]);
    // Every judged connection gets a verdict; nothing throws on the app-only design.
    const result = replay(traffic, design.cluster, DEFAULT_SETTINGS);
    expect(result.items.map((i) => i.outcome)).toEqual(['not-judged', 'keeps-working', 'keeps-working', 'keeps-working', 'keeps-working', 'keeps-working']);

    // An egress lockdown that allows DNS by namespace and pod labels: the DNS the log saw keeps
    // working although the design has no DNS pods; the API server and the rest would break.
    const locked = loadDesign([{ name: 'app.yaml', text: `${yaml}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}]}]
` }]);
    const lockedResult = replay(mapConnections([...parseFlows(csv).connections, ...parseFlows(hubbleDns).connections], locked.cluster, DEFAULT_SETTINGS), locked.cluster, DEFAULT_SETTINGS);
    expect(lockedResult.items.filter((i) => i.outcome === 'keeps-working').map((i) => i.connection.key)).toEqual(['shop/web -> dns UDP/53']);
    expect(lockedResult.wouldBreak.map((g) => g.to)).toEqual(expect.arrayContaining(['apiserver', 'metadata', 'internet 8.8.8.8', 'shop/api']));
  });
});

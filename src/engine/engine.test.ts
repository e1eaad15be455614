import { describe, expect, it } from 'vitest';
import { cluster, netpol, workload } from '../testing/builders.ts';
import { Bitset } from './bitset.ts';
import { compileIpBlock, ipBlockContains, parseIp } from './cidr.ts';
import { compile } from './compile.ts';
import { allowedConnections, formatConnections } from './connections.ts';
import { evaluate } from './evaluate.ts';
import { computeMatrix } from './matrix.ts';
import { matchesSelector } from './selectors.ts';
import type { Endpoint, Probe } from './types.ts';

const w = (id: string): Endpoint => ({ kind: 'workload', id });
const ip = (addr: string): Endpoint => ({ kind: 'ip', ip: addr });
const probe = (from: Endpoint, to: Endpoint, port: number | string = 80, protocol: Probe['protocol'] = 'TCP'): Probe => ({ from, to, port, protocol });

describe('selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  it('matchLabels and expressions are ANDed; {} matches all', () => {
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(matchesSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
  });
  it('operators', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'missing', operator: 'In', values: ['x'] }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'nope', operator: 'DoesNotExist' }] }, labels)).toBe(true);
  });
});

describe('cidr', () => {
  it('IPv4 with except, host bits masked', () => {
    const block = compileIpBlock({ cidr: '10.0.0.7/8', except: ['10.1.0.0/16'] })!;
    expect(ipBlockContains(block, parseIp('10.2.3.4')!)).toBe(true);
    expect(ipBlockContains(block, parseIp('10.1.3.4')!)).toBe(false);
    expect(ipBlockContains(block, parseIp('11.0.0.1')!)).toBe(false);
  });
  it('IPv6, and families never mix', () => {
    const block = compileIpBlock({ cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] })!;
    expect(ipBlockContains(block, parseIp('2001:db8:2::1')!)).toBe(true);
    expect(ipBlockContains(block, parseIp('2001:db8:1::1')!)).toBe(false);
    expect(ipBlockContains(compileIpBlock({ cidr: '0.0.0.0/0', except: [] })!, parseIp('::1')!)).toBe(false);
    expect(ipBlockContains(compileIpBlock({ cidr: '::/0', except: [] })!, parseIp('::1')!)).toBe(true);
  });
  it('IPv4-mapped IPv6 counts as IPv4', () => {
    expect(ipBlockContains(compileIpBlock({ cidr: '10.0.0.0/8', except: [] })!, parseIp('::ffff:10.1.2.3')!)).toBe(true);
  });
});

describe('bitset', () => {
  it('full sets exactly size bits', () => {
    for (const size of [0, 1, 31, 32, 33, 64, 100]) expect(Bitset.full(size).count()).toBe(size);
  });
});

const web = workload('shop/web', { app: 'web' }, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], ['10.0.1.5']);
const api = workload('shop/api', { app: 'api' }, [{ name: 'http', containerPort: 9090, protocol: 'TCP' }, { name: 'metrics', containerPort: 9100, protocol: 'TCP' }], ['10.0.1.6']);
const dns = workload('kube-system/coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }]);

describe('evaluate', () => {
  it('no policy: everything allowed, explained as not isolated', () => {
    const v = evaluate(compile(cluster([web, api], [])), probe(w('shop/web'), w('shop/api'), 9090));
    expect(v.allowed).toBe(true);
    expect(v.egress.isolated).toBe(false);
    expect(v.ingress.summary).toContain('not isolated');
  });

  it('policyTypes inferred: egress-only rules still isolate ingress', () => {
    const policy = netpol('shop/egress-only', { matchLabels: { app: 'api' } }, { egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] });
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    const c = compile(cluster([web, api, dns], [policy]));
    expect(evaluate(c, probe(w('shop/web'), w('shop/api'), 9090)).allowed).toBe(false);
    expect(evaluate(c, probe(w('shop/api'), w('kube-system/coredns'), 53, 'UDP')).allowed).toBe(true);
    expect(evaluate(c, probe(w('shop/api'), w('kube-system/coredns'), 53, 'TCP')).allowed).toBe(false);
  });

  it('rules of a direction missing from explicit policyTypes are ignored', () => {
    const policy = netpol('shop/p', { matchLabels: { app: 'api' } }, { egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }], policyTypes: ['Ingress'] });
    const c = compile(cluster([web, api, dns], [policy]));
    expect(evaluate(c, probe(w('shop/api'), w('kube-system/coredns'), 53, 'TCP')).allowed).toBe(true);
  });

  it('names the rule, peer and port that allowed it', () => {
    const policy = netpol('shop/allow-web', { matchLabels: { app: 'api' } }, {
      ingress: [
        { peers: [{ podSelector: { matchLabels: { app: 'other' } } }] },
        { peers: [{ ipBlock: { cidr: '192.168.0.0/16', except: [] } }, { podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 'metrics' }, { protocol: 'TCP', port: 'http' }] },
      ],
    });
    const v = evaluate(compile(cluster([web, api], [policy])), probe(w('shop/web'), w('shop/api'), 9090));
    expect(v.allowed).toBe(true);
    expect(v.ingress.allowedBy).toEqual([{ policy: policy.ref, direction: 'Ingress', ruleIndex: 1, peerIndex: 1, portIndex: 1 }]);
    expect(v.ingress.misses).toEqual([{ policy: policy.ref, direction: 'Ingress', ruleIndex: 0, peerMatched: false, portMatched: true }]);
  });

  it('why nothing allowed: peer matched but port did not', () => {
    const policy = netpol('shop/allow-web', { matchLabels: { app: 'api' } }, { ingress: [{ peers: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 80 }] }] });
    const v = evaluate(compile(cluster([web, api], [policy])), probe(w('shop/web'), w('shop/api'), 9090));
    expect(v.allowed).toBe(false);
    expect(v.ingress.misses[0]).toMatchObject({ peerMatched: true, portMatched: false });
    expect(v.summary).toContain('shop/allow-web');
  });

  it('named probe ports resolve on the destination', () => {
    const c = compile(cluster([web, api], [netpol('shop/p', { matchLabels: { app: 'api' } }, { ingress: [{ ports: [{ protocol: 'TCP', port: 9100 }] }] })]));
    const v = evaluate(c, probe(w('shop/web'), w('shop/api'), 'metrics'));
    expect(v.resolvedPort).toBe(9100);
    expect(v.allowed).toBe(true);
    const missing = evaluate(c, probe(w('shop/web'), w('shop/api'), 'nope'));
    expect(missing.allowed).toBe(false);
    expect(missing.summary).toContain('no TCP container port named "nope"');
  });

  it('named rule port: same rule admits one pod and not another', () => {
    const other = workload('shop/other', { app: 'api' }, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    const c = compile(cluster([web, api, other], [netpol('shop/p', { matchLabels: { app: 'api' } }, { ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }] }] })]));
    expect(evaluate(c, probe(w('shop/web'), w('shop/api'), 9090)).allowed).toBe(true);
    expect(evaluate(c, probe(w('shop/web'), w('shop/other'), 9090)).allowed).toBe(false);
    expect(evaluate(c, probe(w('shop/web'), w('shop/other'), 8080)).allowed).toBe(true);
  });

  it('endPort ranges are inclusive', () => {
    const c = compile(cluster([web, api], [netpol('shop/p', {}, { egress: [{ ports: [{ protocol: 'TCP', port: 9000, endPort: 9100 }] }], policyTypes: ['Egress'] })]));
    expect(evaluate(c, probe(w('shop/web'), w('shop/api'), 9100)).allowed).toBe(true);
    expect(evaluate(c, probe(w('shop/web'), w('shop/api'), 9101)).allowed).toBe(false);
    expect(evaluate(c, probe(w('shop/web'), w('shop/api'), 8999)).allowed).toBe(false);
  });

  it('outside addresses: only ipBlock peers match; selectors never do', () => {
    const c = compile(cluster([web], [netpol('shop/p', {}, {
      egress: [{ peers: [{ namespaceSelector: {} }] }, { peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
      policyTypes: ['Egress'],
    })]));
    expect(evaluate(c, probe(w('shop/web'), ip('8.8.8.8'), 443)).allowed).toBe(true);
    expect(evaluate(c, probe(w('shop/web'), ip('169.254.169.254'), 443)).allowed).toBe(false);
    expect(evaluate(c, probe(w('shop/web'), ip('10.20.0.1'), 443)).allowed).toBe(false);
    expect(evaluate(c, probe(w('shop/web'), ip('8.8.8.8'), 80)).allowed).toBe(false);
    const inbound = evaluate(c, probe(ip('8.8.8.8'), w('shop/web'), 8080));
    expect(inbound.allowed).toBe(true);
    expect(inbound.egress.subject).toBeNull();
  });

  it('an address that is a pod IP is that pod', () => {
    const c = compile(cluster([web, api], [netpol('shop/deny', { matchLabels: { app: 'api' } }, {})]));
    expect(evaluate(c, probe(w('shop/web'), ip('10.0.1.6'), 9090)).allowed).toBe(false);
  });

  it('rejects unknown workloads with a message', () => {
    expect(() => evaluate(compile(cluster([web], [])), probe(w('shop/nope'), w('shop/web')))).toThrow(/unknown workload "shop\/nope"/);
  });
});

describe('matrix', () => {
  it('includes outside endpoints in both directions', () => {
    const c = compile(cluster([web, api], [netpol('shop/p', { matchLabels: { app: 'web' } }, {
      ingress: [{ peers: [{ ipBlock: { cidr: '203.0.113.0/24', except: [] } }] }],
      egress: [{ peers: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
    })]));
    const m = computeMatrix(c, { endpoints: [w('shop/web'), w('shop/api'), ip('203.0.113.7'), ip('8.8.8.8')], ports: [{ port: 8080, protocol: 'TCP' }] });
    const at = (i: number, j: number) => m.allowed[0]![i * 4 + j];
    expect(at(2, 0)).toBe(1); // 203.0.113.7 -> web
    expect(at(3, 0)).toBe(0); // 8.8.8.8 -> web
    expect(at(1, 0)).toBe(0); // api -> web
    expect(at(0, 1)).toBe(1); // web -> api
    expect(at(0, 3)).toBe(0); // web -> internet
    expect(at(1, 3)).toBe(1); // api -> internet (not isolated)
  });
});

describe('allowedConnections', () => {
  it('intersects egress and ingress port sets, resolving names on the destination', () => {
    const c = compile(cluster([web, api, dns], [
      netpol('shop/web-out', { matchLabels: { app: 'web' } }, { egress: [{ ports: [{ protocol: 'TCP', port: 9000, endPort: 9200 }, { protocol: 'UDP', port: 53 }] }], policyTypes: ['Egress'] }),
      netpol('shop/api-in', { matchLabels: { app: 'api' } }, { ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 9100 }, { protocol: 'TCP', port: 22 }] }] }),
    ]));
    expect(formatConnections(allowedConnections(c, w('shop/web'), w('shop/api')))).toBe('TCP 9090, 9100');
    expect(formatConnections(allowedConnections(c, w('shop/web'), w('kube-system/coredns')))).toBe('TCP 9000-9200 · UDP 53');
    expect(formatConnections(allowedConnections(c, w('shop/api'), w('kube-system/coredns')))).toBe('all');
    expect(formatConnections(allowedConnections(c, w('kube-system/coredns'), w('shop/web')))).toBe('all');
  });
});

describe('services', () => {
  it('judges traffic on each backend and its targetPort', async () => {
    const { evaluateService } = await import('./services.ts');
    const other = workload('shop/api-2', { app: 'api' }, [{ name: 'web', containerPort: 9091, protocol: 'TCP' }]);
    const model = cluster([web, api, other], [netpol('shop/p', { matchLabels: { app: 'api' } }, { ingress: [{ ports: [{ protocol: 'TCP', port: 9090 }] }] })]);
    model.services.push({ id: 'shop/api', namespace: 'shop', name: 'api', selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' }, { name: 'named', port: 81, targetPort: 'http', protocol: 'TCP' }], clusterIPs: [], type: 'ClusterIP', ref: { kind: 'Service', name: 'api', namespace: 'shop', manifest: 99 } });
    const c = compile(model);
    const byNumber = evaluateService(c, w('shop/web'), 'shop/api', 80, 'TCP');
    expect(byNumber.backends.map((b) => [b.workload, b.targetPort, b.allowed])).toEqual([['shop/api', 9090, true], ['shop/api-2', 9090, true]]);
    expect(byNumber.allowed).toBe(true);
    const byName = evaluateService(c, w('shop/web'), 'shop/api', 'named', 'TCP');
    expect(byName.backends.map((b) => [b.workload, b.targetPort, b.allowed])).toEqual([['shop/api', 9090, true], ['shop/api-2', undefined, false]]);
    expect(byName.partial).toBe(true);
    expect(evaluateService(c, w('shop/web'), 'shop/api', 443, 'TCP').summary).toContain('has no TCP port 443');
  });
});

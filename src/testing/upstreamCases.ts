// Cases of kubernetes/kubernetes test/e2e/network/netpol/network_policy.go, ported with their truth
// tables: the policies and the Reachability expectations are transcribed from upstream, then the
// whole 9 x 9 matrix (loopback excluded, as upstream ignores it) is compared with our engine.
import type { Protocol } from '../model/types.ts';
import { Reachability, type UpstreamCase } from './xyz.ts';

type Json = Record<string, unknown>;

/** A NetworkPolicy as JSON, which is valid YAML. */
function policy(namespace: string, name: string, spec: Json): string {
  return JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
}
/** Several objects as one `kind: List` (a JSON file is one document, as kubectl reads it). */
const docs = (...p: string[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: p.map((d) => JSON.parse(d) as unknown) });
const ingressPolicy = (ns: string, name: string, podSelector: Json, ingress: Json[]) =>
  policy(ns, name, { podSelector, policyTypes: ['Ingress'], ingress });
const egressPolicy = (ns: string, name: string, podSelector: Json, egress: Json[]) =>
  policy(ns, name, { podSelector, policyTypes: ['Egress'], egress });
const podA = { matchLabels: { pod: 'a' } };
const nsName = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });
const r = (allowed = true) => new Reachability(allowed);
const check = (port: number, reachability: Reachability, protocol: Protocol = 'TCP') => ({ port, protocol, reachability });

export const UPSTREAM_CASES: UpstreamCase[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    policies: ingressPolicy('x', 'deny-ingress', {}, []),
    checks: [check(80, r().expectPeer({}, { namespace: 'x' }, false))],
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] }),
    checks: [check(80, r().expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    policies: ingressPolicy('x', 'x-a-allows-x-b', podA, [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    policies: docs(
      ingressPolicy('x', 'deny-all', {}, []),
      ingressPolicy('x', 'allow-all-to-a', podA, [{ from: [{ podSelector: {}, namespaceSelector: {} }] }]),
    ),
    checks: [check(80, r().expectAllIngress('x/a', true).expectAllIngress('x/b', false).expectAllIngress('x/c', false))],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    policies: ingressPolicy('x', 'allow-from-another-ns', podA, [{ from: [{ namespaceSelector: { matchLabels: {} } }] }]),
    checks: [check(80, r())],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector', podA, [{ from: [{ namespaceSelector: nsName('y') }] }]),
    checks: [check(80, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false))],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    policies: ingressPolicy('x', 'x-a-allows-x-b', podA, [
      { from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] },
    ]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    policies: ingressPolicy('x', 'allow-ns-y-match-selector', podA, [
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['y'] }] } }] },
    ]),
    checks: [check(80, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false))],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    policies: ingressPolicy('x', 'allow-ns-y-match-selector', podA, [
      {
        from: [
          { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] } },
          { podSelector: { matchLabels: { pod: 'b' } } },
        ],
      },
    ]),
    checks: [check(80, r().expect('x/a', 'x/a', false).expect('x/c', 'x/a', false))],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    policies: ingressPolicy('x', 'allow-ns-y-podselector-and-nsselector', podA, [
      {
        from: [
          {
            namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] },
            podSelector: { matchLabels: { pod: 'b' } },
          },
        ],
      },
    ]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    policies: ingressPolicy('x', 'allow-ns-y-z-pod-b-c', podA, [
      {
        from: [
          {
            namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] },
            podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
          },
        ],
      },
    ]),
    checks: [check(80, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expect('y/a', 'x/a', false).expect('z/a', 'x/a', false))],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    policies: ingressPolicy('x', 'allow-ns-x-pod-b-c', podA, [
      { from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { podSelector: { matchLabels: { pod: 'c' } } }] },
    ]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true))],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: ingressPolicy('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', podA, [
      { from: [{ namespaceSelector: nsName('y'), podSelector: { matchLabels: { pod: 'a' } } }] },
    ]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('y/a', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on Ports',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'TCP' }] }]),
    checks: [
      check(81, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)),
      check(80, r().expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    policies: docs(
      ingressPolicy('x', 'allow-client-a-via-ns-selector', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'TCP' }] }]),
      ingressPolicy('x', 'allow-client-a-via-ns-selector-80', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 80, protocol: 'TCP' }] }]),
    ),
    checks: [80, 81].map((port) =>
      check(port, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)),
    ),
  },
  {
    name: 'should support allow-all policy',
    policies: ingressPolicy('x', 'allow-all', {}, [{}]),
    checks: [check(80, r()), check(81, r())],
  },
  {
    name: 'should allow ingress access on one named port',
    policies: ingressPolicy('x', 'allow-all', {}, [{ ports: [{ port: 'serve-81-tcp' }] }]),
    checks: [check(81, r()), check(80, r().expectPeer({}, { namespace: 'x' }, false))],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector-80', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }]),
    checks: [
      check(80, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)),
      check(81, r().expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should allow egress access on one named port',
    policies: egressPolicy('x', 'allow-egress', {}, [{ ports: [{ port: 'serve-80-tcp' }] }]),
    checks: [check(80, r()), check(81, r().expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should enforce updated policy (after the update to deny all)',
    policies: ingressPolicy('x', 'allow-all-mutate-to-deny-all', {}, []),
    checks: [check(81, r().expectPeer({}, { namespace: 'x' }, false))],
  },
  {
    name: 'should allow ingress access from updated namespace (before the label)',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector', podA, [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }]),
    checks: [check(80, r().expectAllIngress('x/a', false))],
  },
  {
    name: 'should allow ingress access from updated namespace (after the label)',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector', podA, [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }]),
    clusterOverrides: { namespaceLabels: { y: { ns: 'y', ns2: 'updated' } } },
    checks: [check(80, r().expectAllIngress('x/a', false).expectPeer({ namespace: 'y' }, {}, true))],
  },
  {
    name: 'should allow ingress access from updated pod (after the label)',
    policies: ingressPolicy('x', 'allow-client-a-via-pod-selector', podA, [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }]),
    clusterOverrides: { podLabels: { 'x/b': { pod: 'b', pod2: 'updated' } } },
    checks: [check(80, r().expectAllIngress('x/a', false).expect('x/b', 'x/a', true))],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    policies: ingressPolicy('x', 'deny-empty-policy', {}, [{ from: [{ podSelector: { matchLabels: {} } }] }]),
    checks: [check(80, r().expectPeer({ namespace: 'y' }, { namespace: 'x' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x' }, false))],
  },
  {
    name: 'should deny ingress access to updated pod (after the label)',
    policies: ingressPolicy('x', 'deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, []),
    clusterOverrides: { podLabels: { 'x/a': { pod: 'a', target: 'isolated' } } },
    checks: [check(80, r().expectAllIngress('x/a', false))],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    policies: egressPolicy('x', 'deny-egress-pod-a', podA, []),
    checks: [check(80, r().expectAllEgress('x/a', false))],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    policies: egressPolicy('x', 'deny-egress-ns-x', {}, []),
    checks: [check(80, r().expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    policies: policy('x', 'allow-client-a-via-pod-selector', {
      podSelector: podA,
      policyTypes: ['Egress', 'Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }],
      egress: [{ ports: [{ port: 80 }] }],
    }),
    checks: [
      check(80, r().expectAllIngress('x/a', false).expect('x/b', 'x/a', true)),
      check(81, r().expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    policies: docs(
      egressPolicy('x', 'allow-to-ns-y-pod-a', podA, [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }]),
      ingressPolicy('y', 'allow-from-xa-on-ya-match-selector', podA, [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }]),
      ingressPolicy('y', 'allow-from-xa-on-yb-match-selector', { matchLabels: { pod: 'b' } }, [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }]),
    ),
    checks: [
      check(
        80,
        r()
          .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
          .expectPeer({}, { namespace: 'y', pod: 'a' }, false)
          .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true)
          .expectPeer({}, { namespace: 'y', pod: 'b' }, false),
      ),
    ],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    policies: egressPolicy('x', 'allow-to-ns-y-pod-a', podA, [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }]),
    checks: [check(80, r().expectAllEgress('x/a', false).expect('x/a', 'y/a', true))],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    policies: ingressPolicy('x', 'allow-ingress-by-proto', podA, [{ ports: [{ protocol: 'TCP' }] }]),
    checks: [check(80, r()), check(80, r().expectPeer({}, { namespace: 'x', pod: 'a' }, false), 'UDP')],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    policies: docs(ingressPolicy('x', 'allow-ingress-port-80', {}, [{ ports: [{ port: 80 }] }]), ingressPolicy('x', 'allow-ingress', {}, [{}])),
    checks: [check(81, r())],
  },
  {
    name: 'should enforce multiple ingress policies (before the allow-all policy)',
    policies: ingressPolicy('x', 'allow-ingress-port-80', {}, [{ ports: [{ port: 80 }] }]),
    checks: [check(81, r().expectPeer({}, { namespace: 'x' }, false))],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    policies: docs(egressPolicy('x', 'allow-egress-port-80', {}, [{ ports: [{ port: 80 }] }]), egressPolicy('x', 'allow-egress', {}, [{}])),
    checks: [check(81, r())],
  },
  {
    name: 'should enforce multiple egress policies (before the allow-all policy)',
    policies: egressPolicy('x', 'allow-egress-port-80', {}, [{ ports: [{ port: 80 }] }]),
    checks: [check(81, r().expectPeer({ namespace: 'x' }, {}, false))],
  },
  {
    name: 'should stop enforcing policies after they are deleted (after the delete)',
    policies: '',
    checks: [check(80, r())],
  },
  {
    name: 'should allow egress access to server in CIDR block',
    policies: egressPolicy('x', 'allow-client-a-via-cidr-egress-rule', podA, [{ to: [{ ipBlock: { cidr: '10.244.2.12/32' } }] }]),
    checks: [check(80, r().expectAllEgress('x/a', false).expect('x/a', 'y/b', true))],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    policies: egressPolicy('x', 'allow-client-a-via-cidr-egress-rule', podA, [{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.12/32'] } }] }]),
    checks: [check(80, r().expect('x/a', 'x/b', false))],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (after the update)',
    policies: egressPolicy('x', 'allow-client-a-via-cidr-egress-rule', podA, [{ to: [{ ipBlock: { cidr: '10.244.1.12/32' } }] }]),
    checks: [check(80, r().expectAllEgress('x/a', false).expect('x/a', 'x/b', true))],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    policies: docs(egressPolicy('x', 'allow-egress-for-target', podA, [{}]), ingressPolicy('x', 'deny-ingress-via-label-selector', podA, [])),
    checks: [check(80, r().expectAllIngress('x/a', false))],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    policies: docs(ingressPolicy('x', 'deny-ingress', {}, []), ingressPolicy('x', 'allow-only-sctp-ingress-on-port-81', podA, [{ ports: [{ port: 81, protocol: 'SCTP' }] }])),
    checks: [check(81, r().expectPeer({}, { namespace: 'x' }, false)), check(81, r().expectPeer({}, { namespace: 'x', pod: 'b' }, false).expectPeer({}, { namespace: 'x', pod: 'c' }, false), 'SCTP')],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    policies: ingressPolicy('x', 'allow-only-sctp-ingress-on-port-80', podA, [{ ports: [{ port: 80, protocol: 'SCTP' }] }]),
    checks: [check(81, r().expectAllIngress('x/a', false))],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    policies: ingressPolicy('x', 'allow-only-udp-ingress-on-port-81', podA, [{ ports: [{ port: 81, protocol: 'UDP' }] }]),
    checks: [check(81, r().expectAllIngress('x/a', false)), check(81, r(), 'UDP')],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    policies: ingressPolicy('x', 'allow-client-a-via-ns-selector-for-immutable-ns-label', podA, [{ from: [{ namespaceSelector: nsName('y') }] }]),
    // The namespaces carry no custom labels: only the control plane's kubernetes.io/metadata.name.
    clusterOverrides: { namespaceLabels: { x: {}, y: {}, z: {} } },
    checks: [check(80, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false))],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    policies: egressPolicy('x', 'allow-ns-y-match-selector-for-immutable-ns-label', podA, [
      { to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['y'] }] } }] },
    ]),
    clusterOverrides: { namespaceLabels: { x: {}, y: {}, z: {} } },
    checks: [check(80, r().expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, false))],
  },
  {
    name: 'UDP: should support a default-deny-ingress policy',
    policies: ingressPolicy('x', 'deny-all', {}, []),
    checks: [check(80, r().expectPeer({}, { namespace: 'x' }, false), 'UDP')],
  },
  {
    name: 'UDP: should enforce policy based on Ports',
    policies: ingressPolicy('x', 'allow-ingress-on-port-81-ns-x', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'UDP' }] }]),
    checks: [check(81, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 'UDP')],
  },
  {
    name: 'UDP: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: ingressPolicy('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', podA, [{ from: [{ namespaceSelector: nsName('y'), podSelector: podA }] }]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('y/a', 'x/a', true), 'UDP')],
  },
  {
    name: 'SCTP: should support a default-deny-ingress policy',
    policies: ingressPolicy('x', 'deny-all', {}, []),
    checks: [check(80, r().expectPeer({}, { namespace: 'x' }, false), 'SCTP')],
  },
  {
    name: 'SCTP: should enforce policy based on Ports',
    policies: ingressPolicy('x', 'allow-ingress-on-port-81-ns-x', podA, [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'SCTP' }] }]),
    checks: [check(81, r().expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 'SCTP')],
  },
  {
    name: 'SCTP: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: ingressPolicy('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', podA, [{ from: [{ namespaceSelector: nsName('y'), podSelector: podA }] }]),
    checks: [check(80, r().expectAllIngress('x/a', false).expect('y/a', 'x/a', true), 'SCTP')],
  },
];

import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse.ts';
import type { Diagnostic, Severity } from './types.ts';
import { validateManifest } from './validate.ts';

/** Parse one object and validate it; parse diagnostics included (they are part of what the user sees). */
function check(text: string): Diagnostic[] {
  const parsed = parseManifests([{ name: 'case.yaml', text }]);
  expect(parsed.manifests, JSON.stringify(parsed.diagnostics)).toHaveLength(1);
  const manifest = parsed.manifests[0];
  return manifest ? [...parsed.diagnostics, ...validateManifest(manifest)] : parsed.diagnostics;
}

const indent = (text: string, by: number): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(by) + l))
    .join('\n');

const policy = (spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: default\nspec:\n${indent(spec, 2)}\n`;
const ingressFrom = (peer: string, ports = ''): string =>
  policy(`podSelector: {}\ningress:\n- from:\n${indent(peer, 2)}${ports ? `\n  ports:\n${indent(ports, 2)}` : ''}`);
const ingressPorts = (ports: string): string => policy(`podSelector: {}\ningress:\n- ports:\n${indent(ports, 2)}`);
const pod = (spec: string, meta = '  name: web\n'): string => `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}spec:\n${indent(spec, 2)}\n`;
const service = (spec: string, name = 'web'): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n`;
const adminObject = (kind: string, apiVersion: string, name: string) => (spec: string): string =>
  `apiVersion: policy.networking.k8s.io/${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n`;
const anp = adminObject('AdminNetworkPolicy', 'v1alpha1', 'guard');
const banp = (spec: string, name = 'default') => adminObject('BaselineAdminNetworkPolicy', 'v1alpha1', name)(spec);
const cnp = (spec: string, version = 'v1alpha2') => adminObject('ClusterNetworkPolicy', version, 'guard')(spec);
const allNamespaces = 'subject: {namespaces: {}}';
/** A v1alpha1 rule list under `direction` with one rule; `rule` holds its fields after the dash. */
const anpRule = (direction: 'ingress' | 'egress', rule: string, priority = 'priority: 10') =>
  anp(`${priority}\n${allNamespaces}\n${direction}:\n- ${indent(rule, 2).trimStart()}`);
const cnpRule = (rule: string, tier = 'tier: Admin') => cnp(`${tier}\npriority: 10\n${allNamespaces}\negress:\n- ${indent(rule, 2).trimStart()}`);

interface RuleCase {
  name: string;
  /** Must give a diagnostic with this code and severity on the line marked `#!`. */
  bad: string;
  code: string;
  severity?: Severity;
  message?: string;
  /** Close to `bad`, but valid: no diagnostic of that code (and no error at all). */
  good: string;
}

const CASES: RuleCase[] = [
  // --- NetworkPolicy spec
  {
    name: 'missing spec.podSelector (defaults to {}: a warning)',
    // A missing field is reported on its parent's key line.
    bad: policy('policyTypes: [Ingress]').replace('spec:\n', 'spec: #!\n'),
    code: 'missing-pod-selector',
    severity: 'warning',
    good: policy('podSelector: {}\npolicyTypes: [Ingress]'),
  },
  {
    name: 'invalid IPv4 CIDR',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/33 #!'),
    code: 'invalid-cidr',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/32'),
  },
  {
    name: 'CIDR without prefix',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.1 #!'),
    code: 'invalid-cidr',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.1/32'),
  },
  {
    name: 'invalid IPv6 CIDR',
    bad: ingressFrom('- ipBlock:\n    cidr: fd00::zz/64 #!'),
    code: 'invalid-cidr',
    good: ingressFrom('- ipBlock:\n    cidr: fd00::/64'),
  },
  {
    name: 'IPv6 prefix too long',
    bad: ingressFrom('- ipBlock:\n    cidr: "fd00::/129" #!'),
    code: 'invalid-cidr',
    good: ingressFrom('- ipBlock:\n    cidr: "fd00::/128"'),
  },
  {
    name: 'CIDR with host bits is accepted (warning only)',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.1/24 #!'),
    code: 'cidr-host-bits',
    severity: 'warning',
    message: 'spec.ingress[0].from[0].ipBlock.cidr: 10.0.0.1/24 has host bits set; the API server accepts it and matches 10.0.0.0/24',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/24'),
  },
  {
    name: 'except outside cidr',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/16\n    except:\n    - 10.1.0.0/16 #!'),
    code: 'invalid-except',
    message: 'spec.ingress[0].from[0].ipBlock.except[0]: 10.1.0.0/16 is not inside cidr 10.0.0.0/16',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/16\n    except:\n    - 10.0.1.0/24'),
  },
  {
    name: 'except equal to cidr (must be strictly inside)',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/16\n    except: [10.0.0.0/16] #!'),
    code: 'invalid-except',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/16\n    except: [10.0.0.0/17]'),
  },
  {
    name: 'except of another IP family',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n    except:\n    - "fd00::/64" #!'),
    code: 'invalid-except',
    good: ingressFrom('- ipBlock:\n    cidr: "fd00::/8"\n    except:\n    - "fd00::/64"'),
  },
  {
    name: 'invalid CIDR in except',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n    except:\n    - 10.0.0.300/24 #!'),
    code: 'invalid-cidr',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n    except:\n    - 10.0.0.255/32'),
  },
  {
    name: 'ipBlock with podSelector in the same peer',
    bad: ingressFrom('- ipBlock: #!\n    cidr: 10.0.0.0/8\n  podSelector: {}'),
    code: 'invalid-peer',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n- podSelector: {}'),
  },
  {
    name: 'ipBlock with namespaceSelector in the same peer',
    bad: ingressFrom('- namespaceSelector: {} #!\n  ipBlock: {cidr: 10.0.0.0/8}'),
    code: 'invalid-peer',
    good: ingressFrom('- namespaceSelector: {}\n  podSelector: {}'),
  },
  {
    name: 'empty peer',
    bad: ingressFrom('- {} #!'),
    code: 'invalid-peer',
    good: ingressFrom('- podSelector: {}'),
  },
  {
    name: 'ipBlock without cidr',
    // A missing field is reported on its enclosing field's key line.
    bad: ingressFrom('- ipBlock: #!\n    except: [10.0.0.0/24]'),
    code: 'missing-field',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/16\n    except: [10.0.0.0/24]'),
  },
  {
    name: 'port 0',
    bad: ingressPorts('- port: 0 #!'),
    code: 'invalid-port',
    good: ingressPorts('- port: 1'),
  },
  {
    name: 'port above 65535',
    bad: ingressPorts('- port: 65536 #!'),
    code: 'invalid-port',
    good: ingressPorts('- port: 65535'),
  },
  {
    name: 'named port in upper case',
    bad: ingressPorts('- port: HTTP #!'),
    code: 'invalid-port-name',
    good: ingressPorts('- port: http'),
  },
  {
    name: 'named port longer than 15',
    bad: ingressPorts('- port: abcdefghijklmnop #!'),
    code: 'invalid-port-name',
    good: ingressPorts('- port: abcdefghijklmno'),
  },
  {
    name: 'named port with double dash',
    bad: ingressPorts('- port: http--alt #!'),
    code: 'invalid-port-name',
    good: ingressPorts('- port: http-alt'),
  },
  {
    name: 'named port with leading dash',
    bad: ingressPorts('- port: "-http" #!'),
    code: 'invalid-port-name',
    good: ingressPorts('- port: "h-ttp"'),
  },
  {
    name: 'named port without a letter (a quoted number)',
    bad: ingressPorts('- port: "8080" #!'),
    code: 'invalid-port-name',
    message: 'write it without quotes',
    good: ingressPorts('- port: 8080'),
  },
  {
    name: 'endPort without port',
    bad: ingressPorts('- endPort: 90 #!'),
    code: 'invalid-port',
    good: ingressPorts('- port: 80\n  endPort: 90'),
  },
  {
    name: 'endPort below port',
    bad: ingressPorts('- port: 8080\n  endPort: 8000 #!'),
    code: 'invalid-port',
    message: 'spec.ingress[0].ports[0].endPort: 8000 must be greater than or equal to port 8080',
    good: ingressPorts('- port: 8080\n  endPort: 8080'),
  },
  {
    name: 'endPort with a named port',
    bad: ingressPorts('- port: http\n  endPort: 8080 #!'),
    code: 'invalid-port',
    good: ingressPorts('- port: http'),
  },
  {
    name: 'endPort out of range',
    bad: ingressPorts('- port: 80\n  endPort: 70000 #!'),
    code: 'invalid-port',
    good: ingressPorts('- port: 80\n  endPort: 65535'),
  },
  {
    name: 'protocol in lower case',
    bad: ingressPorts('- protocol: tcp #!'),
    code: 'invalid-protocol',
    message: 'TCP (upper case)',
    good: ingressPorts('- protocol: SCTP'),
  },
  {
    name: 'unknown protocol',
    bad: ingressPorts('- protocol: ICMP #!\n  port: 80'),
    code: 'invalid-protocol',
    good: ingressPorts('- protocol: UDP\n  port: 80'),
  },
  {
    name: 'unknown policy type',
    bad: policy('podSelector: {}\npolicyTypes:\n- ingress #!'),
    code: 'invalid-policy-type',
    good: policy('podSelector: {}\npolicyTypes:\n- Ingress'),
  },
  {
    name: 'duplicate policy type (accepted by the API server: warning)',
    bad: policy('podSelector: {}\npolicyTypes:\n- Egress\n- Egress #!'),
    code: 'duplicate-policy-type',
    severity: 'warning',
    good: policy('podSelector: {}\npolicyTypes:\n- Egress\n- Ingress'),
  },
  {
    name: 'more than two policy types',
    bad: policy('podSelector: {}\npolicyTypes: [Ingress, Egress, Ingress] #!'),
    code: 'invalid-policy-type',
    good: policy('podSelector: {}\npolicyTypes: [Ingress, Egress]'),
  },
  {
    name: 'rules ignored because of policyTypes',
    bad: policy('podSelector: {}\npolicyTypes: [Egress]\ningress: #!\n- {}'),
    code: 'ignored-rules',
    severity: 'warning',
    good: policy('podSelector: {}\npolicyTypes: [Egress, Ingress]\ningress:\n- {}'),
  },
  // --- selectors and labels
  {
    name: 'unknown selector operator',
    bad: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: in #!\n    values: [web]'),
    code: 'invalid-selector',
    good: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: [web]'),
  },
  {
    name: 'In without values',
    bad: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: NotIn\n    values: [] #!'),
    code: 'missing-field',
    good: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: NotIn\n    values: [""]'),
  },
  {
    name: 'Exists with values',
    bad: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: Exists\n    values: [web] #!'),
    code: 'invalid-selector',
    good: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: DoesNotExist'),
  },
  {
    name: 'invalid matchExpressions key',
    bad: policy('podSelector:\n  matchExpressions:\n  - key: "app name" #!\n    operator: Exists'),
    code: 'invalid-label-key',
    good: policy('podSelector:\n  matchExpressions:\n  - key: app.kubernetes.io/name\n    operator: Exists'),
  },
  {
    name: 'invalid matchExpressions value',
    bad: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values:\n    - web- #!'),
    code: 'invalid-label-value',
    good: policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values:\n    - web-1'),
  },
  {
    name: 'matchLabels key with an invalid prefix',
    bad: policy('podSelector:\n  matchLabels:\n    Example.com/app: web #!'),
    code: 'invalid-label-key',
    good: policy('podSelector:\n  matchLabels:\n    example.com/app: web'),
  },
  {
    name: 'matchLabels key name longer than 63',
    bad: policy(`podSelector:\n  matchLabels:\n    ${'a'.repeat(64)}: web #!`),
    code: 'invalid-label-key',
    good: policy(`podSelector:\n  matchLabels:\n    ${'a'.repeat(63)}: web`),
  },
  {
    name: 'matchLabels key with a leading dash',
    bad: policy('podSelector:\n  matchLabels:\n    -app: web #!'),
    code: 'invalid-label-key',
    good: policy('podSelector:\n  matchLabels:\n    app-: web'.replace('app-', 'a-pp')),
  },
  {
    name: 'matchLabels value longer than 63',
    bad: policy(`podSelector:\n  matchLabels:\n    app: ${'w'.repeat(64)} #!`),
    code: 'invalid-label-value',
    good: policy(`podSelector:\n  matchLabels:\n    app: ${'w'.repeat(63)}`),
  },
  {
    name: 'matchLabels value with a space',
    bad: policy('podSelector:\n  matchLabels:\n    app: "my app" #!'),
    code: 'invalid-label-value',
    good: policy('podSelector:\n  matchLabels:\n    app: ""'),
  },
  {
    name: 'matchLabels value not a string (JSON has no quoting excuse)',
    bad: '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "p"},\n"spec": {"podSelector": {"matchLabels": {"on": true}}}, "x": "#!"}',
    code: 'invalid-type',
    good: '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "p"},\n"spec": {"podSelector": {"matchLabels": {"on": "true"}}}, "x": "#!"}',
  },
  {
    name: 'metadata.labels key invalid',
    bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    "a/b/c": x #!\n',
    code: 'invalid-label-key',
    good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    "a.b/c": x\n',
  },
  {
    name: 'metadata.labels value invalid',
    bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    team: "a/b" #!\n',
    code: 'invalid-label-value',
    good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    team: a_b\n',
  },
  // --- names
  {
    name: 'NetworkPolicy name not a DNS subdomain',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: Allow_Web #!\nspec:\n  podSelector: {}\n',
    code: 'invalid-name',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow.web\nspec:\n  podSelector: {}\n',
  },
  {
    name: 'Namespace name not a DNS label',
    bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a #!\n',
    code: 'invalid-name',
    good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n',
  },
  {
    name: 'Service name starting with a digit',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web #!\nspec:\n  ports: [{port: 80}]\n',
    code: 'invalid-name',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web1\nspec:\n  ports: [{port: 80}]\n',
  },
  {
    name: 'namespace not a DNS label',
    bad: pod('containers: []', '  name: web\n  namespace: Prod #!\n'),
    code: 'invalid-namespace',
    good: pod('containers: []', '  name: web\n  namespace: prod\n'),
  },
  {
    name: 'CronJob name longer than 52',
    bad: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${'c'.repeat(53)} #!\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: []}\n`,
    code: 'invalid-name',
    good: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${'c'.repeat(52)}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: []}\n`,
  },
  // --- unknown fields and versions
  {
    name: 'unknown field in a NetworkPolicy spec',
    bad: policy('podselector: {} #!'),
    code: 'unknown-field',
    severity: 'warning',
    message: 'did you mean "podSelector"?',
    good: policy('podSelector: {}'),
  },
  {
    name: 'unknown field deep in a peer',
    bad: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n    excepts: [] #!'),
    code: 'unknown-field',
    severity: 'warning',
    good: ingressFrom('- ipBlock:\n    cidr: 10.0.0.0/8\n    except: []'),
  },
  {
    name: 'NetworkPolicy in networking.k8s.io/v1beta1',
    bad: 'apiVersion: networking.k8s.io/v1beta1 #!\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n',
    code: 'unsupported-api-version',
    severity: 'warning',
    message: 'not evaluated',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n',
  },
  {
    name: 'NetworkPolicy in extensions/v1beta1',
    bad: 'apiVersion: extensions/v1beta1 #!\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n',
    code: 'unsupported-api-version',
    severity: 'warning',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n',
  },
  {
    name: 'kind in the wrong case',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: networkpolicy #!\nmetadata:\n  name: p\n',
    code: 'unknown-kind',
    severity: 'warning',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n',
  },
  {
    name: 'wrong type for a list',
    bad: policy('podSelector: {}\ningress: {from: []} #!'),
    code: 'invalid-type',
    good: policy('podSelector: {}\ningress: [{from: []}]'),
  },
  // --- Pods, workloads, Services
  {
    name: 'containerPort out of range',
    bad: pod('containers:\n- name: c\n  ports:\n  - containerPort: 70000 #!'),
    code: 'invalid-port',
    good: pod('containers:\n- name: c\n  ports:\n  - containerPort: 65535'),
  },
  {
    name: 'containerPort 0',
    bad: pod('containers:\n- name: c\n  ports:\n  - containerPort: 0 #!'),
    code: 'invalid-port',
    good: pod('containers:\n- name: c\n  ports:\n  - containerPort: 1'),
  },
  {
    name: 'container port name invalid',
    bad: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    name: Web #!'),
    code: 'invalid-port-name',
    good: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    name: web'),
  },
  {
    name: 'container port name used twice in a container',
    bad: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    name: web\n  - containerPort: 81\n    name: web #!'),
    code: 'duplicate-port-name',
    good: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    name: web\n  - containerPort: 81\n    name: web2'),
  },
  {
    name: 'container port protocol',
    bad: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    protocol: HTTP #!'),
    code: 'invalid-protocol',
    good: pod('containers:\n- name: c\n  ports:\n  - containerPort: 80\n    protocol: UDP'),
  },
  {
    name: 'Deployment template port out of range',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers:\n      - name: c\n        ports: [{containerPort: 99999}] #!\n',
    code: 'invalid-port',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers:\n      - name: c\n        ports: [{containerPort: 9999}]\n',
  },
  {
    name: 'Deployment selector does not match its template',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: x}} #!\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: []}\n',
    code: 'selector-mismatch',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchExpressions: [{key: app, operator: In, values: [d, x]}]}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: []}\n',
  },
  {
    name: 'StatefulSet without selector',
    bad: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec: #!\n  template:\n    metadata: {labels: {app: s}}\n    spec: {containers: []}\n',
    code: 'missing-field',
    good: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  selector: {matchLabels: {app: s}}\n  template:\n    metadata: {labels: {app: s}}\n    spec: {containers: []}\n',
  },
  {
    name: 'Service port out of range',
    bad: service('ports:\n- port: 0 #!'),
    code: 'invalid-port',
    good: service('ports:\n- port: 443'),
  },
  {
    name: 'Service targetPort out of range',
    bad: service('ports:\n- port: 80\n  targetPort: 65536 #!'),
    code: 'invalid-port',
    good: service('ports:\n- port: 80\n  targetPort: 8080'),
  },
  {
    name: 'Service targetPort name invalid',
    bad: service('ports:\n- port: 80\n  targetPort: Http #!'),
    code: 'invalid-port-name',
    good: service('ports:\n- port: 80\n  targetPort: http'),
  },
  {
    name: 'Service with two ports needs names',
    bad: service('ports:\n- port: 80\n  name: http\n- port: 443 #!'),
    code: 'missing-field',
    good: service('ports:\n- port: 80\n  name: http\n- port: 443\n  name: https'),
  },
  {
    name: 'Service protocol',
    bad: service('ports:\n- port: 53\n  protocol: udp #!'),
    code: 'invalid-protocol',
    good: service('ports:\n- port: 53\n  protocol: UDP'),
  },
  {
    name: 'Service type',
    bad: service('type: Internal #!\nports: [{port: 80}]'),
    code: 'invalid-value',
    good: service('type: NodePort\nports: [{port: 80}]'),
  },
  {
    name: 'Service without ports',
    bad: service('selector: {app: web}').replace('spec:\n', 'spec: #!\n'),
    code: 'missing-field',
    good: service('clusterIP: None\nselector: {app: web}'),
  },
  // --- AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy (network-policy-api)
  {
    name: 'ANP priority above 1000',
    bad: anp(`priority: 1001 #!\n${allNamespaces}`),
    code: 'invalid-priority',
    good: anp(`priority: 1000\n${allNamespaces}`),
  },
  {
    name: 'ANP without priority',
    bad: anp(allNamespaces).replace('spec:\n', 'spec: #!\n'),
    code: 'missing-field',
    message: 'spec.priority',
    good: anp(`priority: 0\n${allNamespaces}`),
  },
  {
    name: 'ANP subject with both namespaces and pods',
    bad: anp('priority: 5\nsubject: #!\n  namespaces: {}\n  pods: {namespaceSelector: {}, podSelector: {}}'),
    code: 'invalid-admin-field',
    message: 'exactly one of namespaces, pods',
    good: anp('priority: 5\nsubject:\n  pods: {namespaceSelector: {}, podSelector: {}}'),
  },
  {
    name: 'ANP action Accept (the v1alpha2 word)',
    bad: anpRule('ingress', 'action: Accept #!\nfrom: [{namespaces: {}}]'),
    code: 'invalid-admin-action',
    message: 'v1alpha1 says Allow',
    good: anpRule('ingress', 'action: Allow\nfrom: [{namespaces: {}}]'),
  },
  {
    name: 'ANP rule without peers',
    bad: anpRule('ingress', 'action: Deny\nfrom: [] #!'),
    code: 'missing-field',
    good: anpRule('ingress', 'action: Deny\nfrom: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}]'),
  },
  {
    name: 'ANP ingress peer cannot be a network',
    bad: anpRule('ingress', 'action: Deny\nfrom:\n- networks: [10.0.0.0/8] #!'),
    code: 'unknown-field',
    severity: 'warning',
    good: anpRule('egress', 'action: Deny\nto:\n- networks: [10.0.0.0/8]'),
  },
  {
    name: 'ANP networks peer with an invalid CIDR',
    bad: anpRule('egress', 'action: Deny\nto:\n- networks:\n  - 10.0.0.0/33 #!'),
    code: 'invalid-cidr',
    good: anpRule('egress', 'action: Deny\nto:\n- networks:\n  - 10.0.0.0/32'),
  },
  {
    name: 'ANP port range whose start is not below its end',
    bad: anpRule('egress', 'action: Allow\nto: [{namespaces: {}}]\nports:\n- portRange: {protocol: TCP, start: 9000, end: 9000} #!'),
    code: 'invalid-port-range',
    good: anpRule('egress', 'action: Allow\nto: [{namespaces: {}}]\nports:\n- portRange: {protocol: TCP, start: 9000, end: 9001}'),
  },
  {
    name: 'ANP ICMP is not a protocol of the API',
    bad: anpRule('egress', 'action: Deny\nto: [{namespaces: {}}]\nports:\n- portNumber: {protocol: ICMP, port: 1} #!'),
    code: 'invalid-protocol',
    message: 'ICMP cannot be expressed',
    good: anpRule('egress', 'action: Deny\nto: [{namespaces: {}}]\nports:\n- portNumber: {protocol: SCTP, port: 1}'),
  },
  {
    name: 'ANP named port towards networks',
    bad: anpRule('egress', 'action: Allow\nto: [{networks: [192.0.2.0/24]}]\nports: #!\n- namedPort: https'),
    code: 'invalid-admin-field',
    message: 'named port',
    good: anpRule('egress', 'action: Allow\nto: [{pods: {namespaceSelector: {}, podSelector: {}}}]\nports:\n- namedPort: https'),
  },
  {
    name: 'BANP is a singleton named default',
    bad: banp(allNamespaces, 'strict').replace('name: strict', 'name: strict #!'),
    code: 'invalid-admin-field',
    message: 'must be "default"',
    good: banp(allNamespaces),
  },
  {
    name: 'BANP has no Pass',
    bad: banp(`${allNamespaces}\ningress:\n- action: Pass #!\n  from: [{namespaces: {}}]`),
    code: 'invalid-admin-action',
    good: banp(`${allNamespaces}\ningress:\n- action: Deny\n  from: [{namespaces: {}}]`),
  },
  {
    name: 'CNP tier that does not exist',
    bad: cnp(`tier: Platform #!\npriority: 1\n${allNamespaces}`),
    code: 'invalid-admin-field',
    good: cnp(`tier: Baseline\npriority: 1\n${allNamespaces}`),
  },
  {
    name: 'CNP action Allow (the v1alpha1 word)',
    bad: cnpRule('action: Allow #!\nto: [{namespaces: {}}]'),
    code: 'invalid-admin-action',
    message: 'ClusterNetworkPolicy says Accept',
    good: cnpRule('action: Accept\nto: [{namespaces: {}}]'),
  },
  {
    name: 'CNP destinationPort with both number and range',
    bad: cnpRule('action: Deny\nto: [{namespaces: {}}]\nprotocols:\n- tcp:\n    destinationPort: #!\n      number: 80\n      range: {start: 81, end: 90}'),
    code: 'invalid-admin-field',
    good: cnpRule('action: Deny\nto: [{namespaces: {}}]\nprotocols:\n- tcp:\n    destinationPort:\n      range: {start: 81, end: 90}'),
  },
  {
    name: 'CNP domainNames only in Accept rules',
    bad: cnpRule('action: Deny\nto: #!\n- domainNames: [example.com]'),
    code: 'invalid-admin-field',
    message: 'only allowed in Accept rules',
    good: cnpRule('action: Accept\nto:\n- domainNames: [example.com]'),
  },
  {
    name: 'CNP domainNames wildcard only as a leading label',
    bad: cnpRule('action: Accept\nto:\n- domainNames:\n  - www.*.example.com #!'),
    code: 'invalid-admin-field',
    good: cnpRule('action: Accept\nto:\n- domainNames:\n  - "*.example.com"'),
  },
  {
    name: 'CNP domainNames cannot be probed by address (a warning)',
    bad: cnpRule('action: Accept\nto:\n- domainNames: [example.com] #!'),
    code: 'domain-names-not-evaluated',
    severity: 'warning',
    good: cnpRule('action: Accept\nto:\n- networks: [93.184.215.14/32]'),
  },
];

describe('validateManifest: every rule fires on the marked line, and its near miss is clean', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const line = c.bad.split('\n').findIndex((l) => l.includes('#!')) + 1;
      expect(line, 'case needs a #! marker').toBeGreaterThan(0);
      const found = check(c.bad).filter((d) => d.code === c.code);
      expect(found, JSON.stringify(check(c.bad), null, 1)).toContainEqual(
        expect.objectContaining({ severity: c.severity ?? 'error', line, file: 'case.yaml' }),
      );
      const hit = found.find((d) => d.line === line);
      if (c.message) expect(hit?.message).toContain(c.message);
      if (hit?.path) expect(hit.message.startsWith(`${hit.path}: `)).toBe(true);

      const nearMiss = check(c.good);
      expect(nearMiss.filter((d) => d.code === c.code || d.severity === 'error')).toEqual([]);
    });
  }
});

describe('validateManifest: other kinds', () => {
  it('evaluates ClusterNetworkPolicy in v1beta1 as in v1alpha2, and says when a version is not served', () => {
    const spec = `tier: Admin\npriority: 3\n${allNamespaces}\ningress:\n- {action: Deny, from: [{namespaces: {}}]}`;
    expect(check(cnp(spec, 'v1beta1'))).toEqual([]);
    expect(check(cnp(spec))).toEqual([]);
    expect(check(cnp(spec, 'v1'))).toContainEqual(expect.objectContaining({ code: 'unsupported-api-version', line: 1 }));
  });

  it('does not validate kinds it does not model', () => {
    expect(check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name\ndata: {a: b}\n')).toEqual([]);
  });

  it('accepts the usual shapes without any diagnostic', () => {
    const text = policy(`podSelector:
  matchLabels: {app: web}
policyTypes: [Ingress, Egress]
ingress:
- from:
  - namespaceSelector:
      matchLabels: {kubernetes.io/metadata.name: frontend}
    podSelector:
      matchExpressions:
      - {key: tier, operator: NotIn, values: [db]}
  - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}
  ports:
  - {port: http}
  - {port: 8000, endPort: 8100, protocol: UDP}
  - {protocol: SCTP}
egress:
- {}`);
    expect(check(text)).toEqual([]);
  });
});

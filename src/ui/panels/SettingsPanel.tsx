import { useState, type FormEvent } from 'react';
import { NODE_LOCAL_DNS_IP, parseCidr, parseIpAddress, type DesignSettings } from '../core.ts';
import { setSettings, useStore } from '../store.ts';
import { ProfileSetting } from './ProfileSetting.tsx';

export function SettingsPanel() {
  const settings = useStore((s) => s.settings);
  // Settings replaced from elsewhere (a new design, an import, Undo) start the form afresh.
  return (
    <>
      <SettingsForm key={JSON.stringify(settings)} settings={settings} />
      <ProfileSetting />
    </>
  );
}

const validPort = (text: string): boolean => {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
};
const validIp = (text: string): boolean => !('error' in parseIpAddress(text.trim()));
const splitList = (text: string): string[] => text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '');
const validCidrs = (text: string): boolean => splitList(text).every((c) => !('error' in parseCidr(c)));

function SettingsForm({ settings }: { settings: DesignSettings }) {
  const [address, setAddress] = useState(settings.apiServer?.address ?? '');
  const [port, setPort] = useState(String(settings.apiServer?.port ?? 6443));
  const [vipAddress, setVipAddress] = useState(settings.apiServerVip.address);
  const [vipPort, setVipPort] = useState(String(settings.apiServerVip.port));
  const [ingressNs, setIngressNs] = useState(settings.ingressControllerNamespace);
  const [dnsNs, setDnsNs] = useState(settings.dns.namespace);
  const [dnsLabels, setDnsLabels] = useState(Object.entries(settings.dns.podLabels).map(([k, v]) => `${k}=${v}`).join(', '));
  const [nodeLocalDns, setNodeLocalDns] = useState(settings.nodeLocalDns);
  const [podCidrs, setPodCidrs] = useState(settings.podCidrs.join(', '));
  const [serviceCidrs, setServiceCidrs] = useState(settings.serviceCidrs.join(', '));

  const labels = splitList(dnsLabels).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);
  const labelsValid = labels.length > 0 && splitList(dnsLabels).every((l) => l.indexOf('=') > 0);
  // An empty endpoint address means "not set": the designer does not pretend to know it.
  const endpointValid = address.trim() === '' || (validIp(address) && validPort(port));
  const problems = [
    ...(endpointValid ? [] : ['The kube-apiserver endpoint needs an IP address and a port 1-65535 (or leave the address empty).']),
    ...(validIp(vipAddress) && validPort(vipPort) ? [] : ['The kubernetes Service needs an IP address and a port.']),
    ...(ingressNs.trim() !== '' && dnsNs.trim() !== '' ? [] : ['Namespaces cannot be empty.']),
    ...(labelsValid ? [] : ['DNS pod labels are KEY=VALUE, separated by commas.']),
    ...(validCidrs(podCidrs) && validCidrs(serviceCidrs) ? [] : ['CIDRs look like 10.42.0.0/16, separated by commas.']),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return;
    const { apiServer: _unset, ...rest } = settings;
    setSettings({
      ...rest,
      ...(address.trim() !== '' ? { apiServer: { address: address.trim(), port: Number(port) } } : {}),
      apiServerVip: { address: vipAddress.trim(), port: Number(vipPort) },
      ingressControllerNamespace: ingressNs.trim(),
      dns: { namespace: dnsNs.trim(), podLabels: Object.fromEntries(labels) },
      nodeLocalDns,
      podCidrs: splitList(podCidrs),
      serviceCidrs: splitList(serviceCidrs),
    });
  };

  return (
    <form className="panel-content form" onSubmit={submit} aria-label="Cluster settings">
      <p className="hint">
        The cluster the design runs in. Services the YAML does not declare (the DNS pods, kube-system, the ingress
        controller's namespace) are assumed from these, so the graph, Explain, the matrix and the findings judge the
        design as the real cluster would. They are never written to the YAML. Switch a rule off and on again to
        regenerate it with new settings.
      </p>
      <fieldset className="settings-group">
        <legend>kube-apiserver</legend>
        <p className="hint">
          Policies see the API server's <em>endpoint</em> (after the kubernetes Service is translated), often the
          control plane nodes on 6443: <code>kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes</code>.
          {settings.apiServer ? '' : ' Not set yet: the kube-apiserver switch and its fixes need it.'}
        </p>
        <label>
          kube-apiserver endpoint address (empty: not set)
          <input type="text" value={address} placeholder="not set, e.g. 192.168.178.123" onChange={(e) => setAddress(e.target.value)} spellCheck={false} />
        </label>
        <label>
          kube-apiserver endpoint port
          <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label>
          Service (kubernetes.default) address
          <input type="text" value={vipAddress} onChange={(e) => setVipAddress(e.target.value)} spellCheck={false} />
        </label>
        <label>
          Service port
          <input type="number" min={1} max={65535} value={vipPort} onChange={(e) => setVipPort(e.target.value)} />
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Cluster DNS</legend>
        <label>
          DNS namespace
          <input type="text" value={dnsNs} onChange={(e) => setDnsNs(e.target.value)} spellCheck={false} />
        </label>
        <label>
          DNS pod labels
          <input type="text" value={dnsLabels} onChange={(e) => setDnsLabels(e.target.value)} spellCheck={false} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={nodeLocalDns} onChange={(e) => setNodeLocalDns(e.target.checked)} />
          NodeLocal DNSCache ({NODE_LOCAL_DNS_IP}): pods query the cache on their node
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Namespaces and addresses</legend>
        <label>
          Ingress controller namespace
          <input type="text" value={ingressNs} onChange={(e) => setIngressNs(e.target.value)} spellCheck={false} />
        </label>
        <label>
          Pod CIDRs (empty: not known)
          <input type="text" value={podCidrs} placeholder="e.g. 10.42.0.0/16" onChange={(e) => setPodCidrs(e.target.value)} spellCheck={false} />
        </label>
        <label>
          Service CIDRs (assumed: kubeadm's default)
          <input type="text" value={serviceCidrs} onChange={(e) => setServiceCidrs(e.target.value)} spellCheck={false} />
        </label>
      </fieldset>
      {problems.length > 0 && (
        <ul className="hint settings-problems" role="alert">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <button type="submit" className="primary" disabled={problems.length > 0}>
        Apply settings
      </button>
      <AssumedList />
    </form>
  );
}

/** Nodes listed one by one; a 20,000-pod dump implies 182 (the count says the rest). */
const NODES_LISTED = 8;

/** What the model assumes right now, so nobody has to guess what the verdicts rest on. */
function AssumedList() {
  const cluster = useStore((s) => s.analysis?.cluster);
  if (!cluster) return null;
  const workloads = cluster.workloads.filter((w) => w.assumed);
  const namespaces = cluster.namespaces.filter((n) => n.assumed);
  const nodes = cluster.nodes.filter((n) => n.assumed);
  if (workloads.length === 0 && namespaces.length === 0 && nodes.length === 0) return null;
  return (
    <section aria-label="Assumed cluster services" className="assumed-list">
      <h4>Assumed in the cluster (not in the YAML)</h4>
      <ul>
        {workloads.map((w) => <li key={w.id}><strong>{w.id}</strong>: {w.assumed!.source}</li>)}
        {namespaces.map((n) => <li key={n.name}>namespace <strong>{n.name}</strong>: {n.assumed!.source}</li>)}
        {nodes.slice(0, NODES_LISTED).map((n) => <li key={`node:${n.name}`}>node <strong>{n.name}</strong>: {n.assumed!.source}</li>)}
        {nodes.length > NODES_LISTED && <li>and {nodes.length - NODES_LISTED} more nodes from pod placement (spec.nodeName and status.hostIP)</li>}
      </ul>
    </section>
  );
}

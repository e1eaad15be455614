import { useState, type FormEvent } from 'react';
import type { DesignSettings } from '../core.ts';
import { setSettings, useStore } from '../store.ts';

export function SettingsPanel() {
  const settings = useStore((s) => s.settings);
  // Settings replaced from elsewhere (a new design, an import, Undo) start the form afresh.
  return <SettingsForm key={JSON.stringify(settings)} settings={settings} />;
}

function SettingsForm({ settings }: { settings: DesignSettings }) {
  const [address, setAddress] = useState(settings.apiServer?.address ?? '');
  const [port, setPort] = useState(String(settings.apiServer?.port ?? 6443));
  const [ingressNs, setIngressNs] = useState(settings.ingressControllerNamespace);
  const [dnsNs, setDnsNs] = useState(settings.dns.namespace);
  const portNumber = Number(port);
  const valid = address.trim() !== '' && Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535 && ingressNs.trim() !== '' && dnsNs.trim() !== '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setSettings({
      ...settings,
      apiServer: { address: address.trim(), port: portNumber },
      ingressControllerNamespace: ingressNs.trim(),
      dns: { ...settings.dns, namespace: dnsNs.trim() },
    });
  };

  return (
    <form className="panel-content form" onSubmit={submit} aria-label="Cluster settings">
      <p className="hint">Used by the switches that reach the kube-apiserver, cluster DNS and the ingress controller. Switch a rule off and on again to regenerate it with new settings.</p>
      <label>
        kube-apiserver address
        <input type="text" value={address} onChange={(e) => setAddress(e.target.value)} spellCheck={false} />
      </label>
      <label>
        kube-apiserver port
        <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
      </label>
      <label>
        Ingress controller namespace
        <input type="text" value={ingressNs} onChange={(e) => setIngressNs(e.target.value)} spellCheck={false} />
      </label>
      <label>
        Cluster DNS namespace
        <input type="text" value={dnsNs} onChange={(e) => setDnsNs(e.target.value)} spellCheck={false} />
      </label>
      <button type="submit" className="primary" disabled={!valid}>
        Apply settings
      </button>
    </form>
  );
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './core.ts';
import { readSettings } from './savedSettings.ts';

describe('saved settings', () => {
  it('old saves and share links: the untouched 10.96.0.1:443 default becomes "endpoint not set"', () => {
    const old = { apiServer: { address: '10.96.0.1', port: 443 }, ingressControllerNamespace: 'ingress-nginx', dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }, podCidrs: [] };
    const read = readSettings(old);
    expect(read.apiServer).toBeUndefined();
    expect(read.apiServerVip).toEqual({ address: '10.96.0.1', port: 443 });
    expect(read.serviceCidrs).toEqual(['10.96.0.0/12']);
    expect(read.nodeLocalDns).toBe(false);
  });

  it('an address the user typed stays the endpoint; new fields round-trip', () => {
    expect(readSettings({ apiServer: { address: '192.168.178.123', port: 6443 } }).apiServer).toEqual({ address: '192.168.178.123', port: 6443 });
    const now = { ...DEFAULT_SETTINGS, apiServer: { address: '172.18.0.2', port: 6443 }, nodeLocalDns: true, serviceCidrs: ['10.43.0.0/16'] };
    expect(readSettings(JSON.parse(JSON.stringify(now)))).toEqual(now);
    expect(readSettings(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
  });

  it('garbage never throws: defaults', () => {
    expect(readSettings('nope')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ apiServer: { address: 5 }, serviceCidrs: 'x' })).toEqual(DEFAULT_SETTINGS);
  });
});

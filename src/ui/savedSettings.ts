// Settings as saved (autosave, share links) -> DesignSettings, for every version that was ever saved.
// Pure: no store, no DOM.
import { DEFAULT_API_SERVER_VIP, DEFAULT_SETTINGS, isProfileId, type DesignSettings, type HostPort } from './core.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readHostPort(value: unknown): HostPort | undefined {
  if (!isRecord(value) || typeof value.address !== 'string' || value.address.trim() === '') return undefined;
  const port = typeof value.port === 'number' && Number.isInteger(value.port) && value.port >= 1 && value.port <= 65535 ? value.port : DEFAULT_API_SERVER_VIP.port;
  return { address: value.address.trim(), port };
}

/** The single `apiServer` setting before the endpoint and the Service VIP were two: its default, the VIP. */
const LEGACY_API_SERVER_DEFAULT: HostPort = { address: '10.96.0.1', port: 443 };

/**
 * The API server endpoint of saved settings and share links. Before the endpoint and the Service VIP
 * were two settings, one `apiServer` held either and defaulted to 10.96.0.1:443, the VIP: that
 * default (left untouched) means "not set"; anything the user typed is kept as the endpoint.
 */
export function readApiServer(value: unknown): HostPort | undefined {
  const api = readHostPort(value);
  if (!api || (api.address === LEGACY_API_SERVER_DEFAULT.address && api.port === LEGACY_API_SERVER_DEFAULT.port)) return undefined;
  return api;
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : undefined);

/** Saved settings of any version; missing or malformed fields take the defaults. */
export function readSettings(value: unknown): DesignSettings {
  const s = isRecord(value) ? value : {};
  const dns = isRecord(s.dns) ? s.dns : {};
  const apiServer = readApiServer(s.apiServer);
  return {
    ...(apiServer ? { apiServer } : {}),
    apiServerVip: readHostPort(s.apiServerVip) ?? DEFAULT_SETTINGS.apiServerVip,
    ingressControllerNamespace: typeof s.ingressControllerNamespace === 'string' ? s.ingressControllerNamespace : DEFAULT_SETTINGS.ingressControllerNamespace,
    dns: {
      namespace: typeof dns.namespace === 'string' ? dns.namespace : DEFAULT_SETTINGS.dns.namespace,
      podLabels: isRecord(dns.podLabels)
        ? Object.fromEntries(Object.entries(dns.podLabels).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : DEFAULT_SETTINGS.dns.podLabels,
    },
    podCidrs: strings(s.podCidrs) ?? [],
    serviceCidrs: strings(s.serviceCidrs) ?? [...DEFAULT_SETTINGS.serviceCidrs],
    nodeLocalDns: s.nodeLocalDns === true,
    // An unknown profile (a newer version's, or a hand-edited link) falls back to the spec.
    ...(typeof s.profile === 'string' && isProfileId(s.profile) ? { profile: s.profile } : {}),
  };
}

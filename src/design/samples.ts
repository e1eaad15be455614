// Ready designs to load: cluster objects plus their policies, as YAML, with the settings they assume.
import { emitYaml } from '../model/emit.ts';
import type { KubeObject } from '../model/types.ts';
import { AUDITED_CACHE_SETTINGS, AUDITED_CACHE_STORY, auditedCacheObjects, fixAuditedCache } from './samples/auditedCache.ts';
import { HOMELAB_SETTINGS, HOMELAB_STORY, homelabObjects } from './samples/homelab.ts';
import { JUPYTERHUB_SETTINGS, JUPYTERHUB_STORY, jupyterhubObjects } from './samples/jupyterhub.ts';
import { MULTI_TENANT_SETTINGS, MULTI_TENANT_STORY, multiTenantObjects } from './samples/multiTenant.ts';
import type { DesignSettings } from './types.ts';

export interface Sample {
  id: string;
  title: string;
  /** 2-4 sentences. */
  story: string;
  yaml: string;
  /** The settings the design assumes (API server endpoint, ingress controller namespace, DNS pods). */
  settings: DesignSettings;
  /** For samples that show a problem: the design with the fix applied. */
  fixedYaml?: string;
}

function sample(
  id: string,
  title: string,
  story: string,
  settings: DesignSettings,
  objects: KubeObject[],
  fixed?: KubeObject[],
): Sample {
  return { id, title, story, settings, yaml: emitYaml(objects), ...(fixed ? { fixedYaml: emitYaml(fixed) } : {}) };
}

const cache = auditedCacheObjects();

export const SAMPLES: Sample[] = [
  sample('jupyterhub', 'JupyterHub on Kubernetes', JUPYTERHUB_STORY, JUPYTERHUB_SETTINGS, jupyterhubObjects()),
  sample('homelab', 'Home-lab microsegmentation', HOMELAB_STORY, HOMELAB_SETTINGS, homelabObjects()),
  sample('audited-cache', 'Audited cache: Ignite cannot find its peers', AUDITED_CACHE_STORY, AUDITED_CACHE_SETTINGS, cache, fixAuditedCache(cache)),
  sample('multi-tenant', 'Multi-tenant cluster with admin policies', MULTI_TENANT_STORY, MULTI_TENANT_SETTINGS, multiTenantObjects()),
];

export { auditedCacheObjects, fixAuditedCache, homelabObjects, jupyterhubObjects };
export { multiTenantObjects };

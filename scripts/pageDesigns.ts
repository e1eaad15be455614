// The designs the page measurements run on (measure-page, profile-page): one list, so that a
// profile is of the same design as the measurement it explains.
import { syntheticCluster } from '../bench/synthetic.ts';
import { tenantDesignYaml } from '../bench/tenantDesign.ts';
import { clusterYaml } from './synthetic-yaml.ts';

export interface PageDesign {
  text: () => string;
  /** The namespace whose switches the toggle measurement flips. */
  namespace: string;
  /** What focus-through-search types. */
  search: string;
}

export const PAGE_DESIGNS: Record<string, PageDesign> = {
  pods200: { text: () => clusterYaml(syntheticCluster(200)), namespace: 'ns-3', search: 'pod-3' },
  pods1000: { text: () => clusterYaml(syntheticCluster(1000)), namespace: 'ns-3', search: 'pod-3' },
  pods5000: { text: () => clusterYaml(syntheticCluster(5000)), namespace: 'ns-3', search: 'pod-3' },
  tenants400: { text: () => tenantDesignYaml({ namespaces: 400 }), namespace: 'app-003', search: 'app-003 api' },
};

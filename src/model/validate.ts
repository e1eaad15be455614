// Manifest -> diagnostics, as the Kubernetes API server (with kubectl's strict field validation) would judge it.
import { Checker } from './checker.ts';
import { EVALUATED_KINDS, isWorkloadKind, kindStatus, misspelledKind } from './kinds.ts';
import type { Diagnostic, Manifest } from './types.ts';
import { validateNetworkPolicy } from './validate-networkpolicy.ts';
import { isAdminKind, validateAdminPolicy, validateNode } from './admin.ts';
import { validateNamespace, validatePod, validateService, validateTemplateWorkload } from './validate-workloads.ts';

export function validateManifest(m: Manifest): Diagnostic[] {
  const c = new Checker(m);
  const object = m.object as unknown as Record<string, unknown>;
  const { kind, apiVersion } = m.object;
  switch (kindStatus(m.object)) {
    case 'wrong-version':
      c.warning(
        'unsupported-api-version',
        'apiVersion',
        `${kind} ${apiVersion} is not served by current Kubernetes (use ${EVALUATED_KINDS[kind]}); this object is not evaluated`,
      );
      break;
    case 'deferred':
    case 'other': {
      const hint = misspelledKind(kind);
      if (hint) c.warning('unknown-kind', 'kind', `${JSON.stringify(kind)} is not a known kind; did you mean ${hint}? (kinds are case-sensitive)`);
      break;
    }
    case 'evaluated':
      if (kind === 'NetworkPolicy') validateNetworkPolicy(c, object);
      else if (kind === 'Namespace') validateNamespace(c, object);
      else if (kind === 'Service') validateService(c, object);
      else if (kind === 'Pod') validatePod(c, object);
      else if (isWorkloadKind(kind)) validateTemplateWorkload(c, object, kind);
      else if (isAdminKind(kind)) validateAdminPolicy(c, object, kind);
      else if (kind === 'Node') validateNode(c, object);
      break;
  }
  return c.diagnostics;
}

// Which fields of a kubectl dump the fast reader parses at all: what slim.ts keeps, and the few
// fields validation reads to tell the object's kind and name. Everything else (managedFields,
// status but pod IPs and node addresses, the last-applied copy, uids and timestamps, container
// detail but names, images and ports) is skipped unparsed. It must never skip what slim.ts keeps.
import type { KeepFn } from './fastYaml.ts';
import { LAST_APPLIED } from './slim.ts';

const METADATA = new Set(['name', 'namespace', 'labels', 'annotations', 'ownerReferences']);
const POD_STATUS = new Set(['podIP', 'podIPs', 'hostIP', 'hostIPs']);
const POD_SPEC = new Set(['containers', 'initContainers', 'hostNetwork', 'nodeName']);
const CONTAINER = new Set(['name', 'image', 'ports', 'restartPolicy']);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Where a kind's pod spec is: `spec` of a Pod, `spec.template.spec` of a workload, deeper for a CronJob. */
function podSpecDepth(path: readonly string[], kind: unknown): number {
  if (kind === 'Pod') return path[0] === 'spec' ? 1 : -1;
  if (typeof kind === 'string' && WORKLOADS.has(kind)) return path[0] === 'spec' && path[1] === 'template' && path[2] === 'spec' ? 3 : -1;
  if (kind === 'CronJob') {
    return path[0] === 'spec' && path[1] === 'jobTemplate' && path[2] === 'spec' && path[3] === 'template' && path[4] === 'spec' ? 5 : -1;
  }
  return -1;
}

export const keepForModel: KeepFn = (path, root) => {
  const top = path[0];
  if (path.length === 1) return true;
  if (top === 'metadata') {
    if (path.length === 2) return METADATA.has(path[1]!);
    return !(path.length === 3 && path[1] === 'annotations' && path[2] === LAST_APPLIED);
  }
  const kind = root.kind;
  if (top === 'status') {
    // A status read before the kind (keys not in kubectl's order) is kept; slimming trims it.
    if (kind === undefined) return true;
    if (kind === 'Pod') return path.length > 2 || POD_STATUS.has(path[1]!);
    if (kind === 'Node') return path.length > 2 || path[1] === 'addresses';
    return false;
  }
  const depth = podSpecDepth(path, kind);
  if (depth < 0 || path.length <= depth) return true;
  if (path.length === depth + 1) return POD_SPEC.has(path[depth]!);
  const list = path[depth];
  if ((list === 'containers' || list === 'initContainers') && path.length === depth + 3) return CONTAINER.has(path[depth + 2]!);
  return true;
};

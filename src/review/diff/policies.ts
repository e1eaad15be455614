// Policies added, removed and changed, by kind/namespace/name, with a field-level account of changes.
import { joinIndex, joinKey, objectNamespace, orderFields } from '../../model/index.ts';
import type { KubeObject, Manifest } from '../../model/types.ts';
import type { FieldChange, PolicyChange, PolicyRef } from './types.ts';

export const POLICY_KINDS: readonly string[] = ['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

// Bookkeeping the API server writes; it changes on every apply and says nothing about traffic.
const SERVER_METADATA = new Set(['resourceVersion', 'uid', 'generation', 'creationTimestamp', 'managedFields', 'selfLink']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function policyRef(object: KubeObject): PolicyRef {
  const namespace = objectNamespace(object);
  const name = String(object.metadata.name);
  return {
    key: namespace === undefined ? `${object.kind}/${name}` : `${object.kind}/${namespace}/${name}`,
    kind: object.kind,
    ...(namespace === undefined ? {} : { namespace }),
    name,
  };
}

/** The policy objects of a design by key; a later object with the same key replaces an earlier one, as `kubectl apply` would. */
export function policyObjects(manifests: readonly Manifest[]): Map<string, { ref: PolicyRef; object: KubeObject }> {
  const byKey = new Map<string, { ref: PolicyRef; object: KubeObject }>();
  for (const m of manifests) {
    if (!POLICY_KINDS.includes(m.object.kind)) continue;
    const ref = policyRef(m.object);
    byKey.set(ref.key, { ref, object: m.object });
  }
  return byKey;
}

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object without server bookkeeping, so only authored fields are compared. */
function authored(object: KubeObject): Fields {
  const { status: _status, ...rest } = orderFields(object) as Fields;
  const metadata = isFields(rest.metadata) ? { ...rest.metadata } : rest.metadata;
  if (isFields(metadata)) {
    for (const key of SERVER_METADATA) delete metadata[key];
    if (isFields(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
      const { [LAST_APPLIED]: _lastApplied, ...annotations } = metadata.annotations;
      if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
      else delete metadata.annotations;
    }
  }
  return { ...rest, metadata };
}

const render = (value: unknown): string => JSON.stringify(value) ?? String(value);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isFields(a) && isFields(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** Field-level differences; lists compare item by item, so a removed first rule reads as every later rule changing. */
export function fieldChanges(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (sameValue(before, after)) return out;
  if (isFields(before) && isFields(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    for (const key of keys) fieldChanges(before[key], after[key], joinKey(path, key), out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) fieldChanges(before[i], after[i], joinIndex(path, i), out);
  } else {
    out.push({ path, ...(before === undefined ? {} : { before: render(before) }), ...(after === undefined ? {} : { after: render(after) }) });
  }
  return out;
}

export function diffPolicies(baseline: readonly Manifest[], current: readonly Manifest[]): { added: PolicyRef[]; removed: PolicyRef[]; changed: PolicyChange[] } {
  const a = policyObjects(baseline);
  const b = policyObjects(current);
  const added = [...b.values()].filter(({ ref }) => !a.has(ref.key)).map(({ ref }) => ref);
  const removed = [...a.values()].filter(({ ref }) => !b.has(ref.key)).map(({ ref }) => ref);
  const changed: PolicyChange[] = [];
  for (const [key, { ref, object }] of b) {
    const old = a.get(key);
    if (!old) continue;
    const changes = fieldChanges(authored(old.object), authored(object));
    if (changes.length > 0) changed.push({ policy: ref, changes });
  }
  const byKey = (x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key);
  return { added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort((x, y) => byKey(x.policy, y.policy)) };
}

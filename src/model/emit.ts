// Objects -> kubectl-style text. YAML 1.1 rules decide quoting, so strings such as "on", "no", "1.0"
// or "2024-01-01" stay strings when Kubernetes (sigs.k8s.io/yaml, YAML 1.1) reads them back.
import { Document, isScalar, visit } from 'yaml';
import type { Tags } from 'yaml';
import type { KubeObject } from './types.ts';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];
const METADATA_ORDER = ['name', 'namespace', 'labels', 'annotations'];

type Fields = Record<string, unknown>;

// With the merge tag present, yaml prints every "<<" string bare, whatever its quoting style says.
const withoutMergeTag = (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:merge');

function reorder(object: Fields, first: readonly string[]): Fields {
  const out: Fields = {};
  const put = (key: string): void => {
    // defineProperty: a `__proto__` field must stay a field.
    Object.defineProperty(out, key, { value: object[key], enumerable: true, writable: true, configurable: true });
  };
  for (const key of first) if (Object.hasOwn(object, key)) put(key);
  for (const key of Object.keys(object)) if (!first.includes(key)) put(key);
  return out;
}

/** apiVersion, kind, metadata (name, namespace, labels, annotations, rest), spec, then the rest in their order. */
export function orderFields(object: KubeObject): KubeObject {
  const top = reorder(object, TOP_ORDER);
  const metadata = object.metadata as unknown;
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) {
    top.metadata = reorder(metadata as Fields, METADATA_ORDER);
  }
  return top as KubeObject;
}

export function emitYaml(objects: KubeObject[]): string {
  return objects.map(emitOne).join('---\n');
}

/** One object's document, without the `---` line that separates it from the one before. */
export function emitOne(object: KubeObject): string {
  // Shared sub-objects (a selector reused by two rules) must not turn into anchors and aliases.
  const doc = new Document(orderFields(object), { version: '1.1', aliasDuplicateObjects: false, customTags: withoutMergeTag });
  visit(doc, {
    Scalar: (_key, node) => {
      // A plain `<<` is YAML 1.1's merge key; the string must be quoted to stay a string.
      if (isScalar(node) && node.value === '<<') node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0 });
}

/** One object as JSON, several as a `kind: List` (what `kubectl get -o json` prints). */
export function emitJson(objects: KubeObject[]): string {
  const ordered = objects.map(orderFields);
  const value = ordered.length === 1 ? ordered[0] : { apiVersion: 'v1', kind: 'List', items: ordered };
  return `${JSON.stringify(value, null, 2)}\n`;
}

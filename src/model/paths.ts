// Field paths in API style: `spec.ingress[0].from[1].ipBlock.except[0]`,
// `spec.podSelector.matchLabels["kubernetes.io/metadata.name"]`.

const SIMPLE_KEY = /^[A-Za-z0-9_-]+$/;

/** Appends a mapping key; keys with dots, slashes or other punctuation are bracket-quoted so the path stays unambiguous. */
export function joinKey(base: string, key: string): string {
  if (SIMPLE_KEY.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function joinIndex(base: string, index: number): string {
  return `${base}[${index}]`;
}

const LAST_SEGMENT = /(?:\[\d+\]|\["(?:[^"\\]|\\.)*"\]|\.[A-Za-z0-9_-]+|^[A-Za-z0-9_-]+)$/;

/** The enclosing field's path (`a.b[0]` -> `a.b`), or `''` at the top. */
export function parentPath(path: string): string {
  const match = LAST_SEGMENT.exec(path);
  if (!match || match.index === 0) return '';
  return path.slice(0, match.index);
}

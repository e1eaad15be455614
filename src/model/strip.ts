// Server-set bulk out of `kubectl get -o yaml` text before it is parsed: metadata.managedFields and
// every status field but the pod and node addresses (status.podIP/podIPs, which ipBlock peers are
// judged on; a Node's status.addresses, which admin `nodes` peers are).
// In a real dump they are half the lines, and the YAML parser's time and memory grow with lines.
// Removed lines become empty lines, so every line:col the diagnostics name stays where it was.
// Nothing the model reads is in them: managedFields is bookkeeping of field owners
// (https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management), and status is
// written by controllers, not by whoever designs policies; validation only checks the pod addresses.
//
// Works on the block style kubectl prints (go-yaml: keys then an indented block; sequences under a
// key at the key's own indentation). Anything else is left alone: flow collections, JSON, block
// scalars (a `|` ConfigMap value that happens to contain `managedFields:` is text, not a field).

/** status children that the model reads (normalize.ts podIps, validate-workloads.ts). */
// hostIP: the node a Pod runs on (its node may reach it: kubelet probes). addresses: a Node's
// (model/admin.ts): an admin policy's `nodes` peer matches them, as the page's import keeps them
// (src/import/slim.ts); no other kind has a top-level status.addresses.
const KEPT_STATUS_FIELDS = new Set(['podIP', 'podIPs', 'hostIP', 'hostIPs', 'addresses']);

export interface StrippedText {
  text: string;
  /** Lines emptied. */
  lines: number;
}

const indentOf = (line: string): number => {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
};
const isBlank = (line: string): boolean => /^\s*(?:#.*)?$/.test(line);
/** `key:` alone on its line (optionally a comment): a block value follows. */
const BLOCK_KEY = /^( *)([A-Za-z][A-Za-z0-9]*):\s*(?:#.*)?\r?$/;
/** A line that opens a block scalar (`key: |`, `- >-`): the lines below it are text. */
const BLOCK_SCALAR = /(?:^|:\s|^\s*-\s)\s*[|>][-+0-9]*\s*(?:#.*)?\r?$/;

/**
 * Does `line` (not blank) belong to the block of a key at `indent`? Deeper lines do, and so do the
 * items of a sequence that kubectl writes at the key's own indentation.
 */
function inBlock(line: string, indent: number): boolean {
  const at = indentOf(line);
  return at > indent || (at === indent && line.charCodeAt(at) === 45 /* - */ && (line.length === at + 1 || line.charCodeAt(at + 1) === 32));
}

export function stripServerFields(text: string): StrippedText {
  if (/^\uFEFF?\s*[{[]/.test(text)) return { text, lines: 0 }; // JSON: parsed fast anyway, no line structure to rely on
  if (!text.includes('managedFields:') && !text.includes('status:')) return { text, lines: 0 };
  const lines = text.split('\n');
  let emptied = 0;
  let scalarIndent = -1; // >= 0 while inside a block scalar opened at that indentation
  const empty = (i: number) => {
    if (lines[i] !== '') emptied++;
    lines[i] = '';
  };
  /** End (exclusive) of the block of the key on line `start` at `indent`. */
  const blockEnd = (start: number, indent: number): number => {
    let end = start + 1;
    while (end < lines.length && (isBlank(lines[end]!) || inBlock(lines[end]!, indent))) end++;
    // Trailing blank lines belong to what follows (a comment, the next document).
    while (end > start + 1 && isBlank(lines[end - 1]!)) end--;
    return end;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (scalarIndent >= 0) {
      if (isBlank(line) || indentOf(line) > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (BLOCK_SCALAR.test(line)) {
      scalarIndent = indentOf(line);
      continue;
    }
    const key = BLOCK_KEY.exec(line);
    if (!key) continue;
    const indent = key[1]!.length;
    const name = key[2]!;
    if (name === 'managedFields') {
      const end = blockEnd(i, indent);
      if (end === i + 1 || containsBlockScalar(lines, i + 1, end)) continue;
      for (let j = i; j < end; j++) empty(j);
      i = end - 1;
    } else if (name === 'status' && indent <= 2) {
      // Top-level status: column 0 in a document, column 2 in a `kind: List` item.
      const end = blockEnd(i, indent);
      if (end === i + 1 || containsBlockScalar(lines, i + 1, end)) continue;
      const first = lines.slice(i + 1, end).find((l) => !isBlank(l));
      const childIndent = first === undefined ? -1 : indentOf(first);
      if (childIndent <= indent) continue;
      let kept = 0;
      for (let j = i + 1; j < end;) {
        const child = /^( *)([A-Za-z][A-Za-z0-9]*):/.exec(lines[j]!);
        if (!child || child[1]!.length !== childIndent) {
          j++;
          continue;
        }
        const childEnd = blockEnd(j, childIndent);
        if (KEPT_STATUS_FIELDS.has(child[2]!)) kept++;
        else for (let k = j; k < childEnd; k++) empty(k);
        j = childEnd;
      }
      if (kept === 0) empty(i);
      i = end - 1;
    }
  }
  return emptied === 0 ? { text, lines: 0 } : { text: lines.join('\n'), lines: emptied };
}

function containsBlockScalar(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BLOCK_SCALAR.test(lines[i]!)) return true;
  return false;
}

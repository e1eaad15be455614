// A small YAML writer for plain JSON data in the style `kubectl get -o yaml` prints: keys sorted (kubectl
// goes through JSON, whose maps Go sorts), block sequences not indented under their key (go-yaml v2),
// strings that could read as another type double-quoted. Much faster than a general YAML library on
// 60 MB, and streamable: one item at a time.

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@-]*(?::[A-Za-z0-9_./@-]+)*$/;
// Plain text that YAML 1.1 would read as a number, a date or a base-60 number stays quoted.
const NUMERIC = /^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xob].*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[0-9]+(?::[0-9]+)+.*)$/;
// YAML 1.1 booleans and nulls that a plain scalar would turn into (go-yaml v2 quotes these too).
const RESERVED = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

export function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) && !NUMERIC.test(value) ? value : JSON.stringify(value);
}

const isMap = (v: Json): v is { readonly [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEmptyCollection(v: Json): boolean {
  return Array.isArray(v) ? v.length === 0 : isMap(v) && Object.keys(v).length === 0;
}

function inline(v: Json): string {
  if (Array.isArray(v)) return '[]';
  if (isMap(v)) return '{}';
  return scalar(v as string | number | boolean | null);
}

/** Appends `value` as a block mapping/sequence body at `indent`; `out` collects lines. */
function emit(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) {
      if (isMap(item) && !isEmptyCollection(item)) {
        const lines: string[] = [];
        emit(item, indent + '  ', lines);
        out.push(indent + '- ' + lines[0]!.slice(indent.length + 2));
        for (let i = 1; i < lines.length; i++) out.push(lines[i]!);
      } else if (Array.isArray(item) && item.length > 0) {
        out.push(indent + '-');
        emit(item, indent + '  ', out);
      } else {
        out.push(indent + '- ' + inline(item));
      }
    }
    return;
  }
  if (!isMap(value)) return;
  for (const key of Object.keys(value).sort()) {
    const v = value[key]!;
    const k = scalar(key);
    if (isEmptyCollection(v) || !(typeof v === 'object' && v !== null)) out.push(`${indent}${k}: ${inline(v)}`);
    else if (Array.isArray(v)) {
      out.push(`${indent}${k}:`);
      emit(v, indent, out); // go-yaml v2: a sequence under a key is not indented
    } else {
      out.push(`${indent}${k}:`);
      emit(v, indent + '  ', out);
    }
  }
}

/** One item of a `kind: List`'s `items:` sequence, with its trailing newline. */
export function listItem(value: { readonly [key: string]: Json }): string {
  const lines: string[] = [];
  emit([value], '', lines);
  return lines.join('\n') + '\n';
}

export type { Json };

// A `kind: List` as kubectl prints it, read one item at a time: the YAML parser's tree of a 60 MB
// List is several GB, of one item a few KB. Each item is parsed as a document of its own, with the
// same line:col as in the file. Only for the plain shape kubectl writes (block style, one document,
// no comments between items) and only when no item has a parse diagnostic: anything else is read
// whole by parseManifests, so the result is always what parseManifests gives.
import { parseManifests } from './parse.ts';
import type { Manifest, ParseResult, Position, SourceFile } from './types.ts';

/** Item texts and the line each starts on, or undefined when the text is not a plain kubectl List. */
export function splitKubectlList(text: string): { line: number; text: string }[] | undefined {
  if (/^\uFEFF?\s*[{[]/.test(text) || text.includes('\t') || text.includes('\0')) return undefined;
  const lines = text.split('\n');
  const items: { line: number; text: string }[] = [];
  let kind: string | undefined;
  let inItems = false;
  let inMetadata = false;
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    const body = lines.slice(start, end);
    // `- apiVersion: v1` -> `  apiVersion: v1`: a mapping indented as in the file, so columns stay.
    body[0] = `  ${body[0]!.slice(2)}`;
    items.push({ line: start + 1, text: body.join('\n') });
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const top = line.charCodeAt(0) !== 32;
    if (inItems && line.startsWith('- ')) {
      if (!/^- [A-Za-z]/.test(line)) return undefined; // `- ` with the mapping on the next line, `- - x`, ...
      close(i);
      start = i;
      continue;
    }
    if (!top) {
      if (inItems && start >= 0) continue;
      if (inMetadata) continue;
      return undefined;
    }
    close(i);
    inItems = false;
    inMetadata = false;
    const field = /^(apiVersion|kind|items|metadata): ?(.*)$/.exec(line);
    if (!field) return undefined; // comments, `---`, other fields: not the plain shape
    if (field[1] === 'items') {
      if (field[2] !== '' || items.length > 0) return undefined;
      inItems = true;
    } else if (field[1] === 'metadata') inMetadata = field[2] === '';
    else if (field[1] === 'kind') kind = field[2];
  }
  close(lines.length);
  return kind === 'List' && items.length > 0 ? items : undefined;
}

/** A line that only separates documents: `---`, maybe with a comment (content after it is left to the full parser). */
const SEPARATOR = /^---[ ]*(?:#.*)?$/;

/**
 * The documents of a plain YAML stream (`---` between them), each with the line it starts on, or
 * undefined when the stream has what only the full parser reads right: directives (`%YAML`), document
 * ends (`...`), content on a `---` line, tabs, carriage returns, NUL bytes, JSON. YAML documents are
 * independent of each other (anchors, tags and keys live in one document), so each reads alone to
 * what the stream gives it.
 */
export function splitDocuments(text: string): { line: number; text: string }[] | undefined {
  if (/^\uFEFF?\s*[{[]/.test(text) || text.charCodeAt(0) === 0xfeff || /[\t\r\0]/.test(text)) return undefined;
  const lines = text.split('\n');
  const items: { line: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const c = line.charCodeAt(0);
    if (c === 37 /* % */ || line.startsWith('...')) return undefined;
    if (c !== 45 /* - */ || !line.startsWith('---')) continue;
    if (!SEPARATOR.test(line)) return undefined;
    if (i > start) items.push({ line: start + 1, text: lines.slice(start, i).join('\n') });
    start = i + 1;
  }
  if (start < lines.length) items.push({ line: start + 1, text: lines.slice(start).join('\n') });
  return items;
}

function shift<T extends Position>(p: T, lines: number): T {
  return { ...p, line: p.line + lines };
}

function shifted(m: Manifest, lines: number): Manifest {
  const positions: Record<string, Position> = Object.create(null);
  for (const [path, p] of Object.entries(m.positions)) positions[path] = shift(p, lines);
  return { object: m.object, source: shift(m.source, lines), positions };
}

/** Reads one List item faster than the full parser, or undefined to leave it to the full parser. */
export type ItemReader = (item: { line: number; text: string }, fileName: string) => Manifest | undefined;

/** parseManifests' result, reading plain kubectl Lists item by item (with `readFast` first where given). */
export function parseManifestsByItem(files: SourceFile[], readFast?: ItemReader): ParseResult {
  const out: ParseResult = { manifests: [], diagnostics: [] };
  for (const file of files) {
    // A stream of documents is read document by document only when a fast reader takes them.
    const items = splitKubectlList(file.text) ?? (readFast ? splitDocuments(file.text) : undefined);
    let read: Manifest[] | undefined = items ? [] : undefined;
    for (const item of items ?? []) {
      const fast = readFast?.(item, file.name);
      if (fast) {
        read!.push(fast);
        continue;
      }
      const one = parseManifests([{ name: file.name, text: item.text }]);
      if (one.diagnostics.length > 0) {
        read = undefined; // a problem is reported as parseManifests words it for the whole List
        break;
      }
      for (const m of one.manifests) read!.push(shifted(m, item.line - 1));
    }
    if (read) out.manifests.push(...read);
    else {
      const whole = parseManifests([file]);
      out.manifests.push(...whole.manifests);
      out.diagnostics.push(...whole.diagnostics);
    }
  }
  return out;
}

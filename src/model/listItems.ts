// A `kind: List` as kubectl prints it, read one item at a time: the YAML parser's tree of a 60 MB
// List is several GB, of one item a few KB. Each item is parsed as a document of its own, with the
// same line:col as in the file. Only for the plain shape kubectl writes (block style, one document,
// no comments between items) and only when no item has a parse diagnostic: anything else is read
// whole by parseManifests, so the result is always what parseManifests gives.
import { parseManifests } from './parse.ts';
import { rememberedText, rememberSourceTexts } from './sourceText.ts';
import type { KubeObject, Manifest, ParseResult, Position, SourceFile } from './types.ts';

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

/**
 * The documents' texts as parseManifests remembers them for the writer (parse.ts ownText): from the
 * line after its `---` (the first document: from its first line of content, the comments before it
 * being the file's) to the next `---`, ending with a line break, and not read as JSON alone.
 */
function rememberDocumentTexts(text: string, items: readonly { line: number; text: string }[], single: readonly (KubeObject | undefined)[]): void {
  const objects: KubeObject[] = [];
  const texts: (string | undefined)[] = [];
  // Each document's text is a slice of the file's (no copy): found by its first line's offset.
  let line = 1;
  let at = 0;
  const offsetOf = (n: number): number => {
    for (; line < n; line++) at = text.indexOf('\n', at) + 1;
    return at;
  };
  items.forEach((item, i) => {
    const object = single[i];
    if (!object) return;
    objects.push(object);
    // A `---` with more on its line (`--- # x`) leaves the text to the writer, as parse.ts does.
    if (item.line > 1) {
      const before = offsetOf(item.line - 1);
      if (text.indexOf('\n', before) !== before + 3) {
        texts.push(undefined);
        return;
      }
    }
    const start = offsetOf(item.line);
    // A document before a `---` line ends with the line break the split took off; the file's tail as it ends.
    let own = text.slice(start, Math.min(text.length, start + item.text.length + 1));
    if (i === 0 && item.line === 1) own = withoutLeadingComments(own);
    texts.push(own.endsWith('\n') && !/^\s*\{/.test(own) ? own : undefined);
  });
  rememberSourceTexts(objects, texts);
}

/** The text without the blank and comment lines it starts with. */
function withoutLeadingComments(text: string): string {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).trimStart();
    if (line !== '' && line[0] !== '#') break;
    if (end < 0) return '';
    at = end + 1;
  }
  return text.slice(at);
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
    const list = splitKubectlList(file.text);
    const items = list ?? (readFast ? splitDocuments(file.text) : undefined);
    let read: Manifest[] | undefined = items ? [] : undefined;
    /** Per document of a stream, its object when it holds exactly one (sourceText.ts). */
    const single: (KubeObject | undefined)[] = [];
    for (const item of items ?? []) {
      const fast = readFast?.(item, file.name);
      if (fast) {
        read!.push(fast);
        single.push(fast.object);
        continue;
      }
      // Ending with a line break, as in the file: parseManifests then keeps its text when it is one object.
      const one = parseManifests([{ name: file.name, text: list || item.text.endsWith('\n') ? item.text : `${item.text}\n` }]);
      if (one.diagnostics.length > 0) {
        read = undefined; // a problem is reported as parseManifests words it for the whole List
        break;
      }
      for (const m of one.manifests) read!.push(shifted(m, item.line - 1));
      const only = one.manifests.length === 1 ? one.manifests[0]!.object : undefined;
      // Not a List's one item: parseManifests keeps a text only for a document that is one object.
      single.push(only && rememberedText(only) !== undefined ? only : undefined);
    }
    // A List's items are not documents of their own: parseManifests keeps no text for them either.
    if (read && !list) rememberDocumentTexts(file.text, items!, single);
    if (read) out.manifests.push(...read);
    else {
      const whole = parseManifests([file]);
      out.manifests.push(...whole.manifests);
      out.diagnostics.push(...whole.diagnostics);
    }
  }
  return out;
}

// Text -> Manifests. Reads YAML the way kubectl does (YAML 1.1, multi-document, `kind: List`
// flattened; a stream starting with `{` is JSON) and never throws: every problem becomes a Diagnostic.
import { Composer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, visit } from 'yaml';
import type { CST, Document, Node as YamlNode, Tags, YAMLError } from 'yaml';
import { jsonSyntaxError, offsetToPosition } from './json.ts';
import { joinIndex, joinKey, parentPath } from './paths.ts';
import { rememberSourceTexts } from './sourceText.ts';
import type { Diagnostic, KubeObject, ParseResult, Position, SourceFile } from './types.ts';

/** Deeper documents are refused: yaml's composer recurses per level and V8 can abort the whole process near the stack limit. */
export const MAX_DEPTH = 200;
/** yaml's own alias-expansion guard (uses x references); 100 is its default and plenty for manifests. */
const MAX_ALIAS_COUNT = 100;
/** Manifests use few aliases or none; more than this is refused outright. */
const MAX_ALIAS_NODES = 1000;
/**
 * yaml re-scans the whole document for each alias inside an anchored collection (quadratic);
 * cap (such aliases x document length) so a hostile file cannot stall the page.
 */
const MAX_NESTED_ALIAS_WORK = 20_000_000;
const MAX_SYNTAX_ERRORS_PER_FILE = 20;

// sigs.k8s.io/yaml keeps timestamp-looking scalars as strings (go-yaml v2 does so for untyped targets).
const withoutTimestamps = (tags: Tags): Tags =>
  tags.filter((tag) => (typeof tag === 'string' ? tag !== 'timestamp' : tag.tag !== 'tag:yaml.org,2002:timestamp'));

const YAML_OPTIONS = {
  version: '1.1',
  prettyErrors: true,
  uniqueKeys: true,
  logLevel: 'error',
  customTags: withoutTimestamps,
} as const;

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

interface FileContext {
  file: string;
  text: string;
  lines: LineCounter;
  out: ParseResult;
  syntaxErrors: number;
  json: boolean;
}

export function parseManifests(files: SourceFile[]): ParseResult {
  const out: ParseResult = { manifests: [], diagnostics: [] };
  for (const file of files) parseFile(file, out);
  return out;
}

function parseFile(source: SourceFile, out: ParseResult): void {
  const json = /^\uFEFF?\s*\{/.test(source.text);
  const ctx: FileContext = { file: source.name, text: source.text, lines: new LineCounter(), out, syntaxErrors: 0, json };
  const nul = source.text.indexOf('\0');
  if (nul >= 0) {
    const at = offsetToPosition(source.text, nul);
    out.diagnostics.push({
      severity: 'error',
      code: 'binary-file',
      message: 'this looks like a binary file (it contains NUL bytes), not YAML or JSON; it was not read',
      file: source.name,
      ...at,
    });
    return;
  }
  // kubectl decodes a stream whose first character is `{` as JSON, so flow-style YAML there fails too.
  if (json && !checkJson(ctx)) return;
  parseYamlStream(ctx);
}

/** Reports a JSON syntax error with a precise position; false when the text is not valid JSON. */
function checkJson(ctx: FileContext): boolean {
  try {
    JSON.parse(ctx.text.replace(/^\uFEFF/, ''));
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bom = ctx.text.startsWith('\uFEFF') ? 1 : 0;
    let at: Position = offsetToPosition(ctx.text, ctx.text.length);
    const byOffset = /position (\d+)/.exec(message);
    const byLine = /line (\d+) column (\d+)/.exec(message);
    // Node 20 often names no position (`Unexpected token 'x', "..." is not valid JSON`): scan for it.
    const scanned = byLine || byOffset ? undefined : jsonSyntaxError(ctx.text);
    if (byLine) at = { line: Number(byLine[1]), col: Number(byLine[2]) };
    else if (byOffset) at = offsetToPosition(ctx.text, Number(byOffset[1]) + bom);
    else if (scanned) at = { line: scanned.line, col: scanned.col };
    const detail = scanned?.message ?? message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/ at line \d+ column \d+.*$/, '');
    ctx.out.diagnostics.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: `invalid JSON: ${detail} (text starting with '{' is read as JSON, as kubectl does)`,
      file: ctx.file,
      ...at,
    });
    return false;
  }
}

/**
 * yaml's CST parser recurses when many block levels close at once (flow collections are fine, and
 * deep ones are caught per document below), so block nesting is bounded before parsing, cheaply
 * and conservatively: the block levels open on a line are at most about twice its indentation,
 * plus the `- `/`? ` indicators leading it, plus one mapping.
 */
const PRESCAN_LIMIT = 1000;

function prescanTooDeep(text: string): number | undefined {
  let indent = 0;
  let leading = 0;
  let inIndent = true;
  let inIndicators = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      indent = 0;
      leading = 0;
      inIndent = true;
      inIndicators = true;
      continue;
    }
    if (!inIndicators) continue;
    if (ch === 32 || ch === 9) {
      if (inIndent && ch === 32) indent++;
      continue;
    }
    inIndent = false;
    const next = text.charCodeAt(i + 1);
    const separated = Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
    if ((ch === 45 || ch === 63) && separated) leading++;
    else inIndicators = false;
    if (2 * indent + leading + 1 > PRESCAN_LIMIT) return i;
  }
  return undefined;
}

function parseYamlStream(ctx: FileContext): void {
  const deep = prescanTooDeep(ctx.text);
  if (deep !== undefined) {
    const at = offsetToPosition(ctx.text, deep);
    ctx.out.diagnostics.push({
      severity: 'error',
      code: 'too-deep',
      message: `block nesting or indentation goes beyond ${PRESCAN_LIMIT} levels here; the file was not read`,
      file: ctx.file,
      ...at,
    });
    return;
  }
  const parser = new Parser(ctx.lines.addNewLine);
  const composer = new Composer(YAML_OPTIONS);
  const docs: Document.Parsed[] = [];
  let skippedDoc = false;
  // Whether the stream is only documents between `---` lines (and comments): then each document's
  // text can be written again alone (sourceText.ts). Not with JSON, directives, `...` or a BOM.
  let plain = !ctx.json;
  let firstDocument: number | undefined;
  // Like yaml's parseAllDocuments, but documents nested too deeply are dropped before composing.
  for (const token of parser.parse(ctx.text)) {
    if (token.type === 'document') firstDocument ??= token.offset;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') plain = false;
    if (token.type === 'document' && cstDepthExceeds(token, MAX_DEPTH)) {
      report(ctx, 'error', 'too-deep', `document is nested more than ${MAX_DEPTH} levels deep; it was not read`, token.value?.offset ?? token.offset);
      skippedDoc = true;
      continue;
    }
    if (skippedDoc && token.type === 'doc-end') continue;
    if (token.type === 'document') skippedDoc = false;
    for (const doc of composer.next(token)) docs.push(doc);
  }
  for (const doc of composer.end()) docs.push(doc);
  if (docs.length === 0) for (const error of composer.streamInfo().errors) reportYamlError(ctx, error, 'error');
  const kept: { objects: KubeObject[]; texts: string[] } = { objects: [], texts: [] };
  for (const doc of docs) loadDocument(ctx, doc, plain ? ownText(ctx.text, doc, doc.range[0] === firstDocument) : undefined, kept);
  rememberSourceTexts(kept.objects, kept.texts);
}

/**
 * A document's text without its `---` line, when it can stand alone after any `---\n` line: it ends
 * with a line break and does not start like JSON (a stream starting with `{` is read as JSON).
 * Comments before the first document are the file's, not its first object's: a text the worker
 * writes after a header of its own (a large import's summary, src/workers/held.ts) must not get
 * that header twice.
 */
function ownText(text: string, doc: Document.Parsed, first: boolean): string | undefined {
  let start = doc.range[0];
  if (text.startsWith('---', start)) {
    // A marker with more on its line (`--- # x`, `--- |`, `---\r`): left to the writer.
    if (!text.startsWith('---\n', start)) return undefined;
    start += 4;
  } else if (!first) return undefined;
  const own = text.slice(start, doc.range[2]);
  return own.endsWith('\n') && !/^\s*\{/.test(own) ? own : undefined;
}

/** Collection nesting of a CST document, walked with an explicit stack so depth cannot hurt us here. */
function cstDepthExceeds(doc: CST.Document, limit: number): boolean {
  const stack: Array<{ token: CST.Token; depth: number }> = doc.value ? [{ token: doc.value, depth: 0 }] : [];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > limit) return true;
    for (const item of token.items) {
      if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return false;
}

/** `own`: the document's text, when it may stand for its object alone (see ownText); then the object and it go to `kept`. */
function loadDocument(ctx: FileContext, doc: Document.Parsed, own: string | undefined, kept: { objects: KubeObject[]; texts: string[] }): void {
  const reported = ctx.out.diagnostics.length;
  for (const warning of doc.warnings) reportYamlError(ctx, warning, 'warning');
  if (doc.errors.length > 0) {
    for (const error of doc.errors) reportYamlError(ctx, error, 'error');
    return;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return; // empty document, as kubectl skips it
  const start = root.range[0];

  let aliases = 0;
  let nestedAliases = 0;
  let complexKey: YamlNode | undefined;
  visit(doc, {
    Alias: (_key, _node, path) => {
      aliases++;
      if (path.some((ancestor) => (isMap(ancestor) || isSeq(ancestor)) && ancestor.anchor !== undefined)) nestedAliases++;
    },
    Pair: (_key, pair) => {
      if (pair.key !== null && !isScalar(pair.key) && !complexKey) complexKey = pair.key as YamlNode;
    },
  });
  if (complexKey) {
    report(ctx, 'error', 'yaml-syntax', 'mapping keys must be plain values, not lists or mappings (JSON cannot represent them)', complexKey.range?.[0] ?? start);
    return;
  }
  if (aliases > MAX_ALIAS_NODES || nestedAliases * (root.range[2] - start) > MAX_NESTED_ALIAS_WORK) {
    report(ctx, 'error', 'yaml-alias', 'document uses too many aliases (*name) for its size; it was not read', start);
    return;
  }

  if (!ctx.json) quoteNameLikeScalars(ctx, root);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias count|resource exhaustion/i.test(message)) {
      report(ctx, 'error', 'yaml-alias', 'aliases (*name) expand to too much data (possibly an alias bomb); document not read', start);
    } else {
      report(ctx, 'error', 'yaml-syntax', message, start);
    }
    return;
  }
  // Aliases share data; copying them out must stay within a size proportional to the text.
  const budget = { nodes: 4 * (root.range[2] - start) + 10_000 };
  const json = toJson(raw, 0, new Set(), budget);
  if ('error' in json) {
    report(ctx, 'error', json.code, json.error, start);
    return;
  }
  const before = ctx.out.manifests.length;
  addObjects(ctx, json.value, root, '');
  // Only a document that is one object (not a List's items, which may share its anchors), read
  // without a warning: a `name: on` read as the string here is a boolean to kubectl (the writer quotes it).
  const added = ctx.out.manifests[before];
  if (own !== undefined && ctx.out.diagnostics.length === reported && ctx.out.manifests.length === before + 1 && added!.object === (json.value as unknown)) {
    kept.objects.push(added!.object);
    kept.texts.push(own);
  }
}

type Segment = string | number;

/** Fields that must be strings and that people write unquoted: names, namespaces, labels, selectors, port names. */
function expectsString(path: readonly Segment[]): boolean {
  const [a, b, c, d] = [path.at(-4), path.at(-3), path.at(-2), path.at(-1)];
  if (c === 'metadata' && (d === 'name' || d === 'namespace' || d === 'generateName')) return true;
  if (b === 'metadata' && (c === 'labels' || c === 'annotations')) return true;
  if (c === 'matchLabels' || (b === 'spec' && c === 'selector')) return true;
  if (a === 'matchExpressions' && c === 'values' && typeof d === 'number') return true;
  if (b === 'matchExpressions' && typeof c === 'number' && d === 'key') return true;
  return b === 'ports' && typeof c === 'number' && d === 'name';
}

/**
 * YAML 1.1 reads unquoted `y`, `no`, `on`, `1.0` as booleans and numbers. In a field that must be a
 * string, kubectl would send that boolean/number and the API server would reject the object; the
 * intent is plainly the text, so we keep the text and warn (and emitting quotes it).
 */
function quoteNameLikeScalars(ctx: FileContext, root: YamlNode): void {
  const walk = (node: YamlNode, path: Segment[]): void => {
    if (path.length > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || typeof pair.key.value === 'symbol' || !isYamlNode(pair.value)) continue;
        walk(pair.value, [...path, pair.key.value === null ? '' : String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isYamlNode(item)) walk(item, [...path, i]);
      });
    } else if (isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' && node.source !== '') {
      const kind = typeof node.value === 'boolean' ? 'a boolean' : typeof node.value === 'number' ? 'a number' : undefined;
      if (kind === undefined || !expectsString(path)) return;
      const text = node.source;
      report(
        ctx,
        'warning',
        'unquoted-string',
        `${text} is ${kind} in YAML 1.1, so kubectl would send ${String(node.value)} and the API server would reject the object; quote it: "${text}" (read here as the string "${text}")`,
        node.range?.[0] ?? 0,
      );
      node.value = text;
    }
  };
  walk(root, []);
}

type Converted = { value: JsonValue } | { error: string; code: string };

/** Turns yaml's JS output into plain JSON data: no Dates/Maps/Sets/bytes, no shared or circular refs, bounded depth. */
function toJson(value: unknown, depth: number, ancestors: Set<object>, budget: { nodes: number }): Converted {
  if (--budget.nodes < 0) return { code: 'yaml-alias', error: 'aliases (*name) expand to too much data (possibly an alias bomb); document not read' };
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { code: 'invalid-value', error: `${String(value)} (.inf/.nan) cannot be represented in JSON; the API server rejects it` };
    return { value: value === 0 ? 0 : value }; // -0 is not JSON
  }
  if (typeof value === 'bigint') return { value: Number(value) };
  if (value instanceof Date) return { value: Number.isNaN(value.getTime()) ? String(value) : value.toISOString() };
  if (value instanceof Uint8Array) return { value: bytesToBase64(value) };
  if (typeof value !== 'object') return { value: null };
  if (depth >= MAX_DEPTH) return { code: 'too-deep', error: `document is nested more than ${MAX_DEPTH} levels deep; it was not read` };
  if (ancestors.has(value)) return { code: 'yaml-alias', error: 'an alias (*name) refers to a value that contains it; circular data cannot be loaded' };
  ancestors.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) {
      if (value instanceof Set) {
        const out: JsonObject = {};
        for (const item of value) setOwn(out, String(item), null);
        return { value: out };
      }
      const out: JsonValue[] = [];
      for (const item of value) {
        const converted = toJson(item, depth + 1, ancestors, budget);
        if ('error' in converted) return converted;
        out.push(converted.value);
      }
      return { value: out };
    }
    const entries: Iterable<[unknown, unknown]> = value instanceof Map ? value.entries() : Object.entries(value);
    const out: JsonObject = {};
    for (const [key, item] of entries) {
      const converted = toJson(item, depth + 1, ancestors, budget);
      if ('error' in converted) return converted;
      setOwn(out, String(key), converted.value);
    }
    return { value: out };
  } finally {
    ancestors.delete(value);
  }
}

/** `__proto__` is a legal YAML key; assigning it would change the prototype instead of adding a field. */
function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: JsonValue): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Adds one object, or the items of a List (`kind: List`, `NetworkPolicyList`, ...), as manifests. */
function addObjects(ctx: FileContext, value: JsonValue, node: YamlNode | undefined, where: string): void {
  const start = node?.range?.[0] ?? 0;
  const label = where === '' ? 'document' : where;
  if (!isObject(value)) {
    report(ctx, 'error', 'not-an-object', `${label} is ${describeValue(value)}; expected a Kubernetes object (a mapping with apiVersion, kind and metadata)`, start);
    return;
  }
  const { kind, items } = value;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
    const itemsNode = isMap(node) ? node.get('items', true) : undefined;
    items.forEach((item, i) => {
      const itemNode = isSeq(itemsNode) ? itemsNode.items[i] : undefined;
      const itemWhere = joinIndex(where === '' ? 'items' : joinKey(where, 'items'), i);
      addObjects(ctx, inferFromTypedList(item, value), isYamlNode(itemNode) ? itemNode : node, itemWhere);
    });
    return;
  }
  addObject(ctx, value, node, where, start);
}

function isYamlNode(value: unknown): value is YamlNode {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value);
}

/** Items of typed lists (`NetworkPolicyList` from the API) may omit apiVersion/kind; they are the list's. */
function inferFromTypedList(item: JsonValue, list: JsonObject): JsonValue {
  const listKind = list.kind;
  if (!isObject(item) || listKind === 'List' || typeof listKind !== 'string') return item;
  if (item.kind !== undefined && item.apiVersion !== undefined) return item;
  const out: JsonObject = { apiVersion: item.apiVersion ?? list.apiVersion ?? null, kind: item.kind ?? listKind.slice(0, -'List'.length) };
  for (const [key, field] of Object.entries(item)) if (key !== 'apiVersion' && key !== 'kind') setOwn(out, key, field);
  return out;
}

function addObject(ctx: FileContext, value: JsonObject, node: YamlNode | undefined, where: string, start: number): void {
  const positions = node ? collectPositions(node, ctx.lines) : Object.create(null);
  const source = { file: ctx.file, ...linePos(ctx.lines, start) };
  const prefix = where === '' ? '' : `${where}: `;
  const problem = (path: string, code: string, message: string): void => {
    let at: Position = source;
    for (let p = path; p !== ''; p = parentPath(p)) {
      const found = positions[p];
      if (found) {
        at = found;
        break;
      }
    }
    ctx.out.diagnostics.push({ severity: 'error', code, message: `${prefix}${message}`, file: ctx.file, line: at.line, col: at.col, path });
  };
  const { apiVersion, kind, metadata } = value;
  let ok = true;
  for (const [field, fieldValue] of [['apiVersion', apiVersion], ['kind', kind]] as const) {
    if (fieldValue === undefined || fieldValue === null || fieldValue === '') {
      problem(field, 'missing-field', `${field} is missing; every Kubernetes object needs apiVersion and kind`);
      ok = false;
    } else if (typeof fieldValue !== 'string') {
      problem(field, 'invalid-type', `${field} must be a string, got ${describeValue(fieldValue)}`);
      ok = false;
    }
  }
  if (metadata === undefined || metadata === null) {
    problem('metadata', 'missing-field', 'metadata is missing; the object needs metadata.name');
    ok = false;
  } else if (!isObject(metadata)) {
    problem('metadata', 'invalid-type', `metadata must be a mapping, got ${describeValue(metadata)}`);
    ok = false;
  } else if (metadata.name === undefined || metadata.name === null || metadata.name === '') {
    const hint = metadata.generateName !== undefined ? ' (generateName is not supported: objects need a fixed name here)' : '';
    problem('metadata.name', 'missing-field', `metadata.name is missing${hint}`);
    ok = false;
  } else if (typeof metadata.name !== 'string') {
    problem('metadata.name', 'invalid-type', `metadata.name must be a string, got ${describeValue(metadata.name)}`);
    ok = false;
  }
  if (!ok) return;
  ctx.out.manifests.push({ object: value as unknown as KubeObject, source, positions });
}

/**
 * Path -> position of every field: its value, or its key when the value is empty or a block
 * collection (whose first item sits on a later line: the `spec:` line is where a reader looks).
 * Aliased content has no position of its own.
 */
function collectPositions(root: YamlNode, lines: LineCounter): Record<string, Position> {
  const positions: Record<string, Position> = Object.create(null);
  const walk = (node: YamlNode, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || typeof key.value === 'symbol') continue; // merge key `<<`: its fields have no single place
        const childPath = joinKey(path, key.value === null ? '' : String(key.value));
        const value = pair.value;
        const empty = value === null || (isScalar(value) && value.value === null && value.source === '');
        const block = (isMap(value) || isSeq(value)) && !value.flow;
        const at = empty || block ? key.range?.[0] : (value as YamlNode).range?.[0];
        if (at !== undefined) positions[childPath] = linePos(lines, at);
        if (!empty) walk(value as YamlNode, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (!isYamlNode(item)) return;
        const childPath = joinIndex(path, i);
        if (item.range) positions[childPath] = linePos(lines, item.range[0]);
        walk(item, childPath);
      });
    }
  };
  walk(root, '');
  return positions;
}

function linePos(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line: Math.max(1, line), col: Math.max(1, col) };
}

function report(ctx: FileContext, severity: Diagnostic['severity'], code: string, message: string, offset: number): void {
  ctx.out.diagnostics.push({ severity, code, message, file: ctx.file, ...linePos(ctx.lines, offset) });
}

function reportYamlError(ctx: FileContext, error: YAMLError, severity: 'error' | 'warning'): void {
  if (severity === 'error') {
    ctx.syntaxErrors++;
    if (ctx.syntaxErrors > MAX_SYNTAX_ERRORS_PER_FILE) {
      if (ctx.syntaxErrors === MAX_SYNTAX_ERRORS_PER_FILE + 1) {
        report(ctx, 'error', 'yaml-syntax', `more than ${MAX_SYNTAX_ERRORS_PER_FILE} syntax errors; the rest are not shown`, error.pos[0]);
      }
      return;
    }
  }
  // Keep the first line only: a prettified message repeats the position and adds a source excerpt.
  const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  const code = severity === 'error' ? 'yaml-syntax' : 'yaml-warning';
  report(ctx, severity, code, message, error.pos[0]);
}


// Reads a flow log in chunks (so a 100 MB file streams), detects its format from its first line,
// and folds its records by their raw identity: a reply and the request it answers, and the two
// copies of a flow Hubble reports (egress at the source, ingress at the destination), are one.
import { detach, parseHubbleLine, type LineResult } from './hubble.ts';
import { HubbleFastPath } from './hubbleFast.ts';
import { isFoldedHeader, readFoldedConnection } from './folded.ts';
import { LineSplitter } from './lines.ts';
import { csvHeader, csvRecord, CSV_COLUMNS, plainRecord, splitCsv } from './plain.ts';
import { isTestplanLine, parseTestplanLine } from './testplanResults.ts';
import type { FlowFormat, FlowProblem, ParsedFlows, RawConnection, RawEnd, RawRecord, SkippedRecords } from './types.ts';

export const MAX_PROBLEMS = 100;
export const FLOW_FORMATS: readonly FlowFormat[] = ['hubble', 'csv', 'json', 'testplan', 'folded'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HUBBLE_KEYS = ['flow', 'verdict', 'l4', 'IP', 'source', 'destination', 'node_status', 'lost_events'];

/** The identity of a raw end: a pod by name, else a workload by name, else its address. */
export function rawEndKey(e: RawEnd): string {
  if (e.pod) return `p:${e.namespace ?? ''}/${e.pod}`;
  if (e.workload) return `w:${e.namespace ?? ''}/${e.workload}`;
  if (e.ip) return `i:${e.ip}`;
  if (e.labels) return `l:${e.namespace ?? ''}:${Object.entries(e.labels).sort().map(([k, v]) => `${k}=${v}`).join(',')}`;
  return `n:${e.namespace ?? ''}:${(e.reserved ?? []).join(',')}`;
}

/** The end with its strings detached from the log's text (see `detach`). */
const detachEnd = (e: RawEnd): RawEnd => JSON.parse(JSON.stringify(e)) as RawEnd;

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');

export class FlowParser {
  private readonly splitter = new LineSplitter();
  private format: FlowFormat | undefined;
  private columns: (typeof CSV_COLUMNS)[number][] = ['from', 'to', 'port', 'protocol', 'count'];
  /** Pretty-printed or array JSON: kept whole and parsed at the end. */
  private document: string[] | undefined;
  private documentLine = 0;
  private records = 0;
  private readonly folded = new Map<string, RawConnection>();
  private readonly problems: FlowProblem[] = [];
  private moreProblems = 0;
  private readonly skipped = new Map<string, SkippedRecords>();

  private readonly fast: HubbleFastPath | undefined;

  /** `fastPath: false` parses every Hubble line with JSON.parse (the reference; tests compare both). */
  constructor(format?: FlowFormat, options: { fastPath?: boolean } = {}) {
    this.format = format;
    this.fast = options.fastPath === false ? undefined : new HubbleFastPath();
  }

  push(chunk: string): void {
    this.splitter.push(chunk, this.onLine);
  }

  get lines(): number {
    return this.splitter.lines;
  }

  finish(): ParsedFlows {
    this.splitter.end(this.onLine);
    if (this.document) this.parseDocument();
    return {
      format: this.format ?? 'csv',
      lines: this.splitter.lines,
      records: this.records,
      connections: [...this.folded.values()],
      problems: this.problems,
      moreProblems: this.moreProblems,
      skipped: [...this.skipped.values()],
    };
  }

  private readonly onLine = (text: string, line: number): void => {
    if (this.document) {
      this.document.push(text);
      return;
    }
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    if (this.format === undefined) this.format = this.detect(trimmed, line);
    if (this.document) return;
    if (this.format === 'folded') this.foldedLine(trimmed, line);
    else this.take(this.parseLine(trimmed, line), line);
  };

  /** A line of a folded-traffic file (src/observed/folded.ts): a source's header or one connection. */
  private foldedLine(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.problem(line, `not JSON: ${errorMessage(e)}`);
      return;
    }
    if (isFoldedHeader(value)) return;
    const c = readFoldedConnection(value, line);
    if (typeof c === 'string') this.problem(line, c);
    else this.foldConnection(c);
  }

  private detect(first: string, line: number): FlowFormat {
    if (first.startsWith('[') || (first.startsWith('{') && !first.endsWith('}'))) {
      this.document = [first];
      this.documentLine = line;
      return 'json';
    }
    if (first.startsWith('{')) {
      try {
        const value: unknown = JSON.parse(first);
        if (isFoldedHeader(value)) return 'folded';
        return isObject(value) && HUBBLE_KEYS.some((k) => value[k] !== undefined) ? 'hubble' : 'json';
      } catch {
        return 'hubble';
      }
    }
    return isTestplanLine(first) ? 'testplan' : 'csv';
  }

  private parseLine(text: string, line: number): LineResult | undefined {
    switch (this.format) {
      case 'hubble':
      case 'json': {
        if (this.format === 'hubble' && this.fast) {
          const quick = this.fast.parse(text, line);
          if (quick) return quick;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          return { error: `not JSON: ${errorMessage(e)}` };
        }
        if (this.format === 'hubble') return parseHubbleLine(value, line);
        return isObject(value) ? plainRecord(value, line) : { error: 'expected a JSON object {"from","to","port","protocol"}' };
      }
      case 'testplan':
        if (text.startsWith('summary: ')) return undefined;
        return parseTestplanLine(text, line) ?? { skip: 'other output of the test-plan script' };
      default: {
        const cells = splitCsv(text);
        if (this.records === 0 && this.problems.length === 0) {
          const header = csvHeader(cells);
          if (typeof header === 'string') return { error: header };
          if (header) {
            this.columns = header;
            return undefined;
          }
        }
        return csvRecord(cells, this.columns, line);
      }
    }
  }

  private parseDocument(): void {
    const text = this.document!.join('\n');
    this.document = undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.problem(this.documentLine, `not JSON: ${errorMessage(e)}`);
      return;
    }
    const items = Array.isArray(value) ? value : isObject(value) && Array.isArray(value['flows']) ? value['flows'] : [value];
    items.forEach((item, i) => {
      // Items of one document have no line of their own: report them by the document's first line and index.
      const line = this.documentLine;
      const result = isObject(item) ? plainRecord(item, line) : { error: 'expected an object' };
      if ('error' in result) this.problem(line, `item ${i}: ${result.error}`);
      else this.take(result, line);
    });
  }

  private problem(line: number, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line, message });
    else this.moreProblems++;
  }

  private take(result: LineResult | undefined, line: number): void {
    if (!result) return;
    if ('error' in result) this.problem(line, result.error);
    else if ('skip' in result) {
      const s = this.skipped.get(result.skip);
      if (s) s.count++;
      else this.skipped.set(result.skip, { reason: result.skip, count: 1, line });
    } else this.fold(result.record);
  }

  /** A connection folded already (a folded-traffic file): its counts and times add up. */
  private foldConnection(f: RawConnection): void {
    this.records += f.count;
    const key = `${rawEndKey(f.from)}>${rawEndKey(f.to)}|${f.protocol}/${f.port}`;
    const c = this.folded.get(key);
    if (!c) {
      this.folded.set(key, { ...f });
      return;
    }
    c.count += f.count;
    c.forwarded += f.forwarded;
    c.dropped += f.dropped;
    c.audit += f.audit;
    if (f.first !== undefined && (c.first === undefined || f.first < c.first)) c.first = f.first;
    if (f.last !== undefined && (c.last === undefined || f.last > c.last)) c.last = f.last;
  }

  private fold(r: RawRecord): void {
    this.records++;
    const key = `${rawEndKey(r.from)}>${rawEndKey(r.to)}|${r.protocol}/${r.port}`;
    let c = this.folded.get(key);
    if (!c) {
      c = { from: detachEnd(r.from), to: detachEnd(r.to), port: r.port, protocol: r.protocol, count: 0, forwarded: 0, dropped: 0, audit: 0, line: r.line };
      this.folded.set(detach(key), c);
    } else {
      // Later records may know more (labels, an address) than the first one did.
      if (!c.from.labels && r.from.labels) c.from = { ...c.from, labels: r.from.labels };
      if (!c.to.labels && r.to.labels) c.to = { ...c.to, labels: r.to.labels };
    }
    c.count += r.count;
    c[r.verdict] += r.count;
    if (r.time !== undefined) {
      if (c.first === undefined || r.time < c.first) c.first = r.time;
      if (c.last === undefined || r.time > c.last) c.last = r.time;
    }
  }
}

/** Parses a whole log held in memory (tests, the CLI). */
export function parseFlows(text: string, format?: FlowFormat, options: { fastPath?: boolean } = {}): ParsedFlows {
  const parser = new FlowParser(format, options);
  parser.push(text);
  return parser.finish();
}

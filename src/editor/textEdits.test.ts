import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, rewritesMost, textEdits, type TextEdit } from './textEdits.ts';

/** `from` with the edits applied by LINE AND COLUMN (as Monaco does), to check the positions. */
function applyByPosition(from: string, edits: readonly TextEdit[]): string {
  const lines = from.split('\n');
  const offset = (line: number, column: number) => {
    let o = 0;
    for (let l = 1; l < line; l++) o += lines[l - 1]!.length + 1;
    expect(column).toBeGreaterThanOrEqual(1);
    expect(column).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
    return o + column - 1;
  };
  let out = '';
  let at = 0;
  for (const e of edits) {
    const start = offset(e.startLine, e.startColumn);
    const end = offset(e.endLine, e.endColumn);
    expect(start).toBe(e.start);
    expect(end).toBe(e.end);
    out += from.slice(at, start) + e.text;
    at = end;
  }
  return out + from.slice(at);
}

/** The 1-based line of an offset, from the offsets where lines start (as Monaco's model keeps them). */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return line + 1;
  };
}

function check(from: string, to: string, options?: Parameters<typeof textEdits>[2]): TextEdit[] {
  const edits = textEdits(from, to, options);
  expect(edits).not.toBeNull();
  for (let k = 1; k < edits!.length; k++) expect(edits![k]!.start).toBeGreaterThanOrEqual(edits![k - 1]!.end);
  expect(applyEdits(from, edits!)).toBe(to);
  expect(applyByPosition(from, edits!)).toBe(to);
  for (const e of edits!) expect(Math.abs(e.newLines - (e.text.split('\n').length - 1))).toBeLessThanOrEqual(1);
  return edits!;
}

/** A YAML-like text of `n` documents, each with a few lines, some of them alike (anchors are hard). */
function manifests(n: number, variant = (_i: number) => ''): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ns-${i % 7}\n  labels:${variant(i)}\n    app: app-${i % 5}\nspec:\n  containers:\n    - name: c\n      ports:\n        - containerPort: ${8000 + (i % 3)}\n`);
  }
  return docs.join('---\n');
}

describe('textEdits', () => {
  it('is empty for equal texts', () => {
    expect(textEdits('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('a small change is one edit of the changed characters, at the right line and column', () => {
    const from = manifests(50);
    const to = from.replace('name: pod-30\n', 'name: pod-30x\n');
    const edits = check(from, to);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.text).toBe('x');
    expect(edits[0]!.startLine).toBe(from.slice(0, from.indexOf('name: pod-30\n')).split('\n').length);
  });

  it('changes spread over a large text become one edit per changed run, each small', () => {
    const from = manifests(2000, (i) => (i % 3 === 0 ? ' &a1' : ''));
    // As the app writes it again: every anchor written out (a line changed, a line added).
    const to = manifests(2000, (i) => (i % 3 === 0 ? '\n    tier: web' : ''));
    const edits = check(from, to);
    expect(edits.length).toBe(667);
    for (const e of edits) expect(e.endLine - e.startLine).toBeLessThanOrEqual(2);
  });

  it('gives up past maxEdits (the caller replaces the text whole)', () => {
    const from = manifests(300, (i) => (i % 2 === 0 ? ' &a1' : ''));
    const to = manifests(300);
    expect(textEdits(from, to, { maxEdits: 100 })).toBeNull();
    expect(check(from, to, { maxEdits: 1000 }).length).toBe(150);
  });

  it('past maxEdits with chunkLines: the changed middle in pieces of about that many lines', () => {
    const from = manifests(300, (i) => (i % 2 === 0 ? ' &a1' : ''));
    const to = manifests(300, (i) => (i % 2 === 1 ? '\n    tier: web' : ''));
    const edits = check(from, to, { maxEdits: 100, chunkLines: 500 });
    const lines = to.split('\n').length;
    expect(edits.length).toBe(Math.ceil(lines / 500));
    for (const e of edits) expect(e.endLine - e.startLine).toBeLessThanOrEqual(500);
  });

  it('replaces the whole text when it holds a carriage return (Monaco counts its lines differently)', () => {
    expect(textEdits('a\r\nb\r\n', 'a\r\nc\r\n')).toBeNull();
    expect(textEdits('a\nb\n', 'a\rb\n')).toBeNull();
    expect(textEdits('\ufeffa\n', '\ufeffb\n')).toBeNull();
  });

  it('edges: empty texts, no final line break, a change in the first or the last line', () => {
    const cases: Array<[string, string]> = [
      ['', 'a\nb'],
      ['a\nb', ''],
      ['\nx', 'x'],
      ['x', '\nx'],
      ['a\nb', 'a\nb\n'],
      ['a\nb\n', 'a\nb'],
      ['a\n', 'a\nb\n'],
      ['first\nsame\n', 'FIRST\nsame\n'],
      ['same\nlast', 'same\nLAST'],
    ];
    for (const [from, to] of cases) {
      check(from, to);
      check(from, to, { oneEditLines: 0 });
    }
  });

  it('any change of lines gives edits that turn the old text into the new (by offset and by position)', () => {
    const line = fc.constantFrom('---', 'kind: Pod', '  labels:', '    app: a', '    app: b', 'spec: {}', '', '  - x', 'name: é🙂');
    const text = fc.array(line, { maxLength: 120 }).chain((lines) => fc.tuple(fc.constant(lines), fc.boolean()));
    const mutation = fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace', 'char'), line), { maxLength: 30 });
    fc.assert(
      fc.property(text, mutation, fc.nat({ max: 8 }), ([lines, finalBreak], changes, oneEditLines) => {
        const from = lines.join('\n') + (finalBreak ? '\n' : '');
        const next: string[] = [...lines];
        for (const [at, kind, l] of changes) {
          const k = next.length === 0 ? 0 : at % (next.length + (kind === 'insert' ? 1 : 0));
          if (kind === 'delete') next.splice(k, 1);
          else if (kind === 'insert') next.splice(k, 0, l);
          else if (kind === 'replace' && next.length > 0) next[k] = l;
          else if (next.length > 0) next[k] = `${next[k]}~`;
        }
        const to = next.join('\n') + (finalBreak !== changes.length % 2 > 0 ? '\n' : '');
        check(from, to, { oneEditLines, maxWindow: 16 });
        check(from, to, { oneEditLines, maxWindow: 16, maxEdits: 2, chunkLines: 1 + (changes.length % 5) });
        // With the old text's lines looked up (as the editor does in Monaco's model): the same edits.
        expect(textEdits(from, to, { oneEditLines, maxWindow: 16, lineAt: lineIndex(from) })).toEqual(textEdits(from, to, { oneEditLines, maxWindow: 16 }));
      }),
      { numRuns: 400 },
    );
  });

  it('tells a rewrite of most of the text (a List written as documents) from a change of a few lines', () => {
    const items = Array.from({ length: 200 }, (_, i) => `kind: Pod\nmetadata:\n  name: p${i}\n`);
    const list = `apiVersion: v1\nkind: List\nitems:\n${items.map((t) => `- ${t.trimEnd().split('\n').join('\n  ')}\n`).join('')}`;
    const documents = items.join('---\n');
    const lines = list.split('\n').length;
    expect(rewritesMost(textEdits(list, documents, { maxEdits: 120, chunkLines: 3000 })!, lines)).toBe(true);
    const toggled = `${list}- kind: NetworkPolicy\n  metadata:\n    name: allow-dns\n`;
    expect(rewritesMost(textEdits(list, toggled, { maxEdits: 120, chunkLines: 3000 })!, lines)).toBe(false);
  });
});

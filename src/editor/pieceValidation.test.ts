// Validation by document must give what validating the whole text gives: checked here with
// monaco-yaml's own language service (its worker bundle, with a stand-in for Monaco's worker host).
import { describe, expect, it, vi } from 'vitest';
import { manifestSchema } from './schema.ts';
import { pieceValidator, splitDocuments, withPieceValidation, type Diagnostic } from './pieceValidation.ts';

type Service = Record<string, (uri: string) => Promise<Diagnostic[]>>;
let factory: ((ctx: unknown, data: unknown) => Service) | undefined;
vi.mock('monaco-worker-manager/worker', () => ({ initialize: (fn: typeof factory) => void (factory = fn) }));

const URI = 'file:///design.netpol.yaml';

async function languageService(): Promise<(text: string) => Promise<Diagnostic[]>> {
  await import('monaco-yaml/yaml.worker.js');
  let model = { uri: URI, version: 0, getValue: () => '' };
  const service = factory!(
    { getMirrorModels: () => [model] },
    { enableSchemaRequest: false, yamlVersion: '1.1', validate: true, isKubernetes: false, format: { enable: true }, schemas: [{ uri: 'inmemory://schemas/kubernetes-manifest.json', fileMatch: ['**/*.netpol.yaml'], schema: manifestSchema }] },
  );
  return (text) => {
    model = { uri: URI, version: model.version + 1, getValue: () => text };
    return service.doValidation!(URI);
  };
}

const policy = (name: string, extra = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: ${name}\n  policyTypes:\n    - Ingress\n  ingress:\n    - from:\n        - podSelector: {}\n      ports:\n        - protocol: TCP\n          port: 8080\n${extra}`;

/** Texts with each kind of complaint, in the first, a middle and the last document. */
const TEXTS: Record<string, string> = {
  valid: `${policy('a')}---\n${policy('b')}---\n${policy('c')}`,
  'leading comment and marker': `# the shop\n---\n${policy('a')}---\n${policy('b')}`,
  'blank document between': `${policy('a')}---\n# nothing here\n---\n${policy('b')}`,
  'trailing marker': `${policy('a')}---\n`,
  'schema complaints': `${policy('a')}---\nkind: NetworkPolicy\nmetadata:\n  name: 7\n---\n${policy('b', 'spec: 3\n')}`,
  'unclosed flow in the middle': `${policy('a')}---\nkind: Foo\nx: [1, 2\n---\n${policy('b')}`,
  'duplicate key and bad indentation': `${policy('a', 'kind: Service\n')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n   name: a\n  labels: {}\n---\n${policy('c')}`,
  'tab and unterminated string': `${policy('a')}---\napiVersion: v1\nkind: "Namespace\n---\n\tkind: x\n`,
  'no newline at the end, marker with content': `${policy('a')}--- \n${policy('b')}--- {kind: Namespace}`,
  'document end markers': `${policy('a')}...\n---\n${policy('b')}...\n`,
};

describe('pieceValidation', () => {
  it('splits before each `---` line, never inside a line or at the start', () => {
    const text = 'a: 1\n---\nb: 2\n--- \nc: ---\n----\n---x\n---';
    expect(splitDocuments(text)).toEqual([
      { text: 'a: 1\n', line: 0 },
      { text: '---\nb: 2\n', line: 1 },
      { text: '--- \nc: ---\n----\n---x\n', line: 3 },
      { text: '---', line: 7 },
    ]);
    expect(splitDocuments('---\na: 1\n').map((p) => p.line)).toEqual([0]);
    expect(splitDocuments('')).toEqual([{ text: '', line: 0 }]);
  });

  it('gives what validating the whole text gives, for each text and after each change', async () => {
    const whole = await languageService();
    const asked: string[] = [];
    const pause = () => Promise.resolve();
    const byPiece = pieceValidator((text) => (asked.push(text), whole(text)), { pause, wholeAbove: Infinity });
    const sorted = (ds: Diagnostic[]) => [...ds].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const [name, text] of Object.entries(TEXTS)) {
      const expected = sorted(await whole(text));
      expect(sorted(await byPiece.validate(text)), name).toEqual(expected);
      // Validated whole first (a new design: more than one new document), then each document
      // changed in turn (validated alone): the answer shared out to the others must be theirs.
      const shared = pieceValidator(whole, { pause, wholeAbove: 1 });
      expect(sorted(await shared.validate(text)), name).toEqual(expected);
      const pieces = splitDocuments(text);
      for (let i = 0; i < pieces.length; i++) {
        const changed = pieces.map((p, j) => (j === i ? `${p.text.endsWith('\n') || p.text === '' ? p.text : `${p.text}\n`}# changed\n` : p.text)).join('');
        const afterShare = pieceValidator(whole, { pause, wholeAbove: 1 });
        await afterShare.validate(text);
        expect(sorted(await afterShare.validate(changed)), `${name}, document ${i} changed`).toEqual(sorted(await whole(changed)));
      }
    }
    // One document changed: only it is validated again.
    const before = `${policy('a')}---\nkind: NetworkPolicy\nmetadata:\n  name: 7\n---\n${policy('b')}`;
    await byPiece.validate(before);
    asked.length = 0;
    const after = before.replace('name: 7', 'name: seven\n  labels: 3');
    expect(sorted(await byPiece.validate(after))).toEqual(sorted(await whole(after)));
    expect(asked).toEqual(['---\nkind: NetworkPolicy\nmetadata:\n  name: seven\n  labels: 3\n']);
    // A syntax error in one document: the text is validated whole (as the editor did before).
    asked.length = 0;
    const broken = after.replace('labels: 3', 'labels: [3');
    expect(sorted(await byPiece.validate(broken))).toEqual(sorted(await whole(broken)));
    expect(asked).toEqual(['---\nkind: NetworkPolicy\nmetadata:\n  name: seven\n  labels: [3\n', broken]);
  }, 120_000);

  it("the yaml worker's host answers doValidation by document, and the rest as monaco-yaml does", async () => {
    await import('monaco-yaml/yaml.worker.js');
    let model = { uri: URI, version: 1, getValue: () => TEXTS['schema complaints']! };
    const data = { enableSchemaRequest: false, yamlVersion: '1.1', validate: true, isKubernetes: false, format: { enable: true }, schemas: [{ uri: 'inmemory://schemas/kubernetes-manifest.json', fileMatch: ['**/*.netpol.yaml'], schema: manifestSchema }] };
    const ctx = { getMirrorModels: () => [model] };
    const plain = factory!(ctx, data);
    const host = withPieceValidation(factory as never, ctx, data);
    const text = `${policy('a')}---\nkind: NetworkPolicy\nmetadata:\n  name: 7\n---\n${policy('b')}`;
    model = { uri: URI, version: 2, getValue: () => text };
    const expected = await plain.doValidation!(URI);
    expect(expected.length).toBeGreaterThan(0);
    expect(await host.doValidation!(URI)).toEqual(expected);
    expect(await host.findLinks!(URI)).toEqual(await plain.findLinks!(URI));
  }, 60_000);

  it('validates a text with a directive or a modeline whole', async () => {
    const asked: string[] = [];
    const v = pieceValidator((text) => (asked.push(text), Promise.resolve([])), { pause: () => Promise.resolve() });
    const modeline = `# yaml-language-server: $schema=other.json\n${policy('a')}---\n${policy('b')}`;
    await v.validate(modeline);
    expect(asked).toEqual([modeline]);
  });

  it('gives the worker a turn between runs of documents', async () => {
    let clock = 0;
    let pauses = 0;
    const v = pieceValidator(() => ((clock += 30), Promise.resolve([])), { pause: () => (pauses++, Promise.resolve()), now: () => clock, wholeAbove: Infinity });
    await v.validate(['a: 1\n', '---\nb: 2\n', '---\nc: 3\n', '---\nd: 4\n'].join(''));
    expect(pauses).toBe(1);
  });
});

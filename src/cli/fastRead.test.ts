// The CLI reads kubectl dumps with the fast reader (src/import/manifests.ts): every command's output
// must be what the full parser's reading gives, byte for byte.
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../bench/dump/index.ts';
import { parseManifestsByItem } from '../model/listItems.ts';
import { runCli } from './run.ts';
import { tableIo } from './testkit.ts';

const dump = generateDump({ pods: 24, seed: 11 }).text;
// The same dump with one policy less and a broken item (a Service port that is no number), so lint,
// diff and findings have something to say.
const changed = dump.replace(/^- apiVersion: networking\.k8s\.io\/v1\n[\s\S]*?(?=^- )/m, '').replace(/port: 8080$/m, 'port: eighty');
const ns = /name: frontend\n\s+namespace: (\S+)/.exec(dump)![1]!;
const files = { 'dump.yaml': dump, 'changed.yaml': changed };

describe('the CLI on kubectl dumps', () => {
  it('prints what the full parser would give, for every command', () => {
    expect(changed).not.toBe(dump);
    const fast = tableIo(files);
    const full = { ...tableIo(files), parse: parseManifestsByItem };
    for (const argv of [
      'lint dump.yaml --format json',
      'lint changed.yaml',
      'findings dump.yaml --format json',
      'findings changed.yaml --format sarif',
      'matrix dump.yaml --format csv --port 8080/TCP',
      `explain dump.yaml --from ${ns}/frontend --to ${ns}/api --port 8080/TCP`,
      'report changed.yaml --baseline dump.yaml --format md --date D',
      'diff dump.yaml changed.yaml --format json',
    ]) {
      const a = runCli(argv.split(' '), fast);
      const b = runCli(argv.split(' '), full);
      expect(a, argv).toEqual(b);
      expect(a.stdout.length, argv).toBeGreaterThan(0);
    }
  }, 120_000);
});

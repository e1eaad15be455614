// The analysis worker's parse of an editor text (src/workers/findings.ts analyzeTextForReview):
// the full parser against the document-by-document reading with the fast reader, in CPU time.
// Usage: node --import tsx bench/textParse.ts [tenants400 pods5000 ...] [--runs 3]
import { cpuUsage } from 'node:process';
import { loadavg } from 'node:os';
import { PAGE_DESIGNS } from '../scripts/pageDesigns.ts';
import { parseManifests } from '../src/model/parse.ts';
import { parseKubectlManifests } from '../src/import/manifests.ts';
import type { ParseResult, SourceFile } from '../src/model/types.ts';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const names = process.argv.slice(2).filter((a, i, all) => a !== '--runs' && all[i - 1] !== '--runs');
const cpuMs = (run: () => void): number => {
  const start = cpuUsage();
  run();
  const used = cpuUsage(start);
  return (used.user + used.system) / 1000;
};
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const name of names.length > 0 ? names : ['tenants400', 'pods5000']) {
  const text = PAGE_DESIGNS[name]!.text();
  const files: SourceFile[] = [{ name: 'editor.yaml', text }];
  const time = (parse: (f: SourceFile[]) => ParseResult) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(cpuMs(() => void parse(files)));
    return ms.map((x) => x.toFixed(0)).join(', ');
  };
  console.log(`${name} (${(text.length / 1024 / 1024).toFixed(1)} MB): full parser ${time(parseManifests)} CPU ms; by document ${time(parseKubectlManifests)} CPU ms`);
}

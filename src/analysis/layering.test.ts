// Imports point down only: the core and the workers never reach into the UI (React, the DOM-bound
// panels), so they run in Node, the CLI and workers alike. Read from the sources, not assumed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..');
/** Folders that must not import src/ui/ (nor React). */
const BELOW_UI = ['model', 'engine', 'design', 'review', 'format', 'analysis', 'workers', 'cluster', 'invariants', 'import', 'observed', 'pipeline'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `from '...'` and `import('...')` specifiers of a source file. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('layering', () => {
  it('keeps the core and the workers free of src/ui and React', () => {
    const offending: string[] = [];
    for (const folder of BELOW_UI) {
      for (const file of filesUnder(join(SRC, folder))) {
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          const ui = spec.startsWith('.') && relative(SRC, join(file, '..', spec)).split(/[\\/]/)[0] === 'ui';
          if (ui || spec === 'react' || spec.startsWith('react-dom') || spec.startsWith('@xyflow/')) offending.push(`${relative(SRC, file)} -> ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});

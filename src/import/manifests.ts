// The command line's reader for what `kubectl get -A -o yaml` prints: parseManifests' result, with
// the items of a plain kubectl List read by the fast reader (fastYaml.ts) where it can, field
// positions included, and by the full parser where it cannot. The `yaml` library reads about
// 1-2 MB/s (minutes for a 60 MB dump); kubectl's plain block style is read many times faster.
// Whatever the fast reader accepts, the full parser reads to the same object and positions (tested
// on generated dumps, the samples and edge cases in manifests.test.ts); an item it leaves, or any
// item with a problem, goes the old way, so diagnostics keep their words and file:line:col.
import { parseManifestsByItem } from '../model/listItems.ts';
import type { KubeObject, Manifest, ParseResult, Position, SourceFile } from '../model/types.ts';
import { readKubectlYaml } from './fastYaml.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The line and column of an item's first content (where the full parser's root node starts). */
function start(text: string, firstLine: number): Position {
  let line = firstLine;
  for (let at = 0; at < text.length; line++) {
    const nl = text.indexOf('\n', at);
    const content = text.slice(at, nl < 0 ? text.length : nl);
    const trimmed = content.trimStart();
    if (trimmed !== '' && trimmed[0] !== '#') return { line, col: content.length - trimmed.length + 1 };
    if (nl < 0) break;
    at = nl + 1;
  }
  return { line: firstLine, col: 1 };
}

/**
 * One List item as the full parser would give it, or undefined when the fast reader leaves it, or
 * the object is one the full parser has something to say about (no apiVersion, kind or name; a
 * nested List), so that the full parser reads it and words the problem.
 */
function fastItem(item: { line: number; text: string }, file: string): Manifest | undefined {
  const value = readKubectlYaml(item.text);
  if (!isRecord(value) || !nonEmptyString(value.apiVersion) || !nonEmptyString(value.kind) || value.kind.endsWith('List')) return undefined;
  if (!isRecord(value.metadata) || !nonEmptyString(value.metadata.name)) return undefined;
  // Field positions are read only when asked for (a diagnostic or a finding points into the object):
  // for the pods of a large dump they would be most of the memory (a position per field) and are
  // rarely needed. The item's text is read again then, to the same object, so with positions.
  let positions: Record<string, Position> | undefined;
  return {
    object: value as unknown as KubeObject,
    source: { file, ...start(item.text, item.line) },
    get positions(): Record<string, Position> {
      if (!positions) {
        positions = Object.create(null) as Record<string, Position>;
        readKubectlYaml(item.text, undefined, positions, item.line);
      }
      return positions;
    },
  };
}

/** parseManifests' result for `files`, reading plain kubectl Lists item by item, fast where possible. */
export function parseKubectlManifests(files: SourceFile[]): ParseResult {
  return parseManifestsByItem(files, fastItem);
}

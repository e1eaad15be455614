// The editor text a large import wrote comes to the analysis worker with its objects and is not
// parsed there (src/workers/heldStore.ts), so the YAML writer's memo knew none of its documents:
// the first toggle after a large import wrote every policy again (~700 at 5,000 pods). Its
// documents are handed to the memo as a parse hands its own (src/model/sourceText.ts), and the
// first toggle writes only the objects it changed.
import { rememberSourceTexts } from '../model/index.ts';
import { splitDocuments } from './findings.ts';
import type { KubeObject } from '../model/types.ts';
import type { WrittenText } from './heldStore.ts';

/** The object lists seeded already (the page may ask for the first analysis of the same text again). */
const seeded = new WeakSet<KubeObject[]>();

/**
 * Remembers each document of `written.text` (after `header`) as the text of its object, which the
 * import wrote for it alone (src/import finishImport). Whether it did: not when the text is not the
 * header followed by one document per object (then the objects are written again, as without this).
 */
export function seedWrittenText(written: WrittenText, header: string): boolean {
  const { text, objects } = written;
  if (seeded.has(objects)) return true;
  if (objects.length === 0 || !text.startsWith(header)) return false;
  const documents = splitDocuments(text.slice(header.length));
  if (documents.length !== objects.length) return false;
  const texts = new Array<string>(documents.length);
  for (let i = 0; i < documents.length; i++) {
    const document = documents[i]!.text;
    // As the parser keeps its own (src/model/parse.ts ownText): a document that does not end its
    // last line would run into the `---` written after it; one starting with `{` makes a stream JSON.
    if (!document.endsWith('\n') || document.trim() === '' || /^\s*\{/.test(document)) return false;
    texts[i] = document;
  }
  rememberSourceTexts(objects, texts);
  seeded.add(objects);
  return true;
}

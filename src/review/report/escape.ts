// Escaping for the documents the review layer writes. Every user string (names, labels,
// annotations, anything from the YAML) goes through one of these before it lands in markup.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values in HTML or SVG (quotes too, so it is safe inside attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Inline Markdown text: Markdown punctuation backslash-escaped, and HTML's `<`, `>`, `&` as entities,
 * because renderers pass raw HTML through. Line breaks become spaces so a table row stays one row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function markdownCodeBlock(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

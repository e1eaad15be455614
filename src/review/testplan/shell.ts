// Shell quoting: every value that reaches the script goes through here.

/** One shell word, single-quoted: nothing inside is expanded. */
export function shellQuote(text: string | number): string {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** A `#` comment line: line breaks inside would start a command, so they become spaces. */
export function shellComment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

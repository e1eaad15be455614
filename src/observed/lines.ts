// Splits text arriving in chunks into numbered lines, so a 100 MB log never has to be one string.

export class LineSplitter {
  private rest = '';
  private next = 1;

  /** Calls `onLine` for every complete line of `chunk` (CRLF or LF), with its 1-based number. */
  push(chunk: string, onLine: (text: string, line: number) => void): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end), this.next++);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** The last line, when the text does not end with a newline. */
  end(onLine: (text: string, line: number) => void): void {
    if (this.rest !== '') onLine(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest, this.next++);
    this.rest = '';
  }

  /** Lines seen so far. */
  get lines(): number {
    return this.next - 1;
  }
}

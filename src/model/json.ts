// Where things are in a JSON text: the first syntax error, or where a value starts, as line:col.
// JSON.parse says neither reliably (Node 20 often gives no position at all), so the parser and the
// command line scan the text themselves, only after JSON.parse has failed or a value turned out wrong.
import type { Position } from './types.ts';

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after';

interface Frame {
  kind: 'object' | 'array';
  path: string;
  index: number;
  key: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function shown(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  return JSON.stringify(String.fromCodePoint(text.codePointAt(offset)!));
}

/**
 * Scans `text` as JSON. `onValue` hears the path (`probes[0].port`) and offset of every value
 * down to `maxDepth` levels; returning true stops the scan. Returns the first syntax error.
 */
function scan(text: string, maxDepth: number, onValue?: (path: string, offset: number) => boolean): JsonSyntaxError | undefined {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;
  let state: State = 'value';
  const fail = (message: string, at = i): JsonSyntaxError => ({ offset: at, message });
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  // A string from the opening quote at i; i ends after the closing quote.
  const scanString = (): JsonSyntaxError | undefined => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('invalid \\u escape in string (expected 4 hex digits)');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return fail(`invalid escape ${e === undefined ? '\\' : JSON.stringify(`\\${e}`)} in string`);
      } else if (c < 32) return fail('unescaped control character in string (a string cannot span lines)');
      else i++;
    }
    return fail('unterminated string', start);
  };
  const valuePath = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    if (top.kind === 'array') return `${top.path}[${top.index}]`;
    const key = IDENTIFIER.test(top.key) ? top.key : JSON.stringify(top.key);
    return top.path === '' ? key : IDENTIFIER.test(top.key) ? `${top.path}.${key}` : `${top.path}[${key}]`;
  };

  for (;;) {
    skipSpace();
    const c = text[i];
    if (state === 'after') {
      const top = stack.at(-1);
      if (!top) return i < n ? fail(`unexpected ${shown(text, i)} after the end of the JSON value`) : undefined;
      const close = top.kind === 'array' ? ']' : '}';
      if (c === ',') {
        i++;
        if (top.kind === 'array') top.index++;
        state = top.kind === 'array' ? 'value' : 'key';
      } else if (c === close) {
        i++;
        stack.pop();
      } else return fail(`expected ',' or '${close}', found ${shown(text, i)}`);
      continue;
    }
    if (state === 'keyOrClose' || state === 'key') {
      if (state === 'keyOrClose' && c === '}') {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      if (c !== '"') return fail(`expected a double-quoted property name, found ${shown(text, i)}${c === '}' ? ' (a trailing comma?)' : ''}`);
      const start = i;
      const bad = scanString();
      if (bad) return bad;
      stack.at(-1)!.key = JSON.parse(text.slice(start, i)) as string;
      skipSpace();
      if (text[i] !== ':') return fail(`expected ':' after the property name, found ${shown(text, i)}`);
      i++;
      state = 'value';
      continue;
    }
    // A value, or the end of an array that may close here.
    if (state === 'valueOrClose' && c === ']') {
      i++;
      stack.pop();
      state = 'after';
      continue;
    }
    if (c === undefined) return fail('unexpected end of input (expected a value)');
    if (onValue && stack.length <= maxDepth && onValue(valuePath(), i)) return undefined;
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', path: stack.length < maxDepth ? valuePath() : '', index: 0, key: '' });
      i++;
      state = c === '{' ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    if (c === '"') {
      const bad = scanString();
      if (bad) return bad;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(`invalid number ${shown(text, i)}`);
      i = NUMBER.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (!literal) {
        const hint = c === ']' || c === '}' ? ' (a trailing comma?)' : c === "'" ? ' (JSON strings use double quotes)' : '';
        return fail(`unexpected ${shown(text, i)} (expected a value)${hint}`);
      }
      i += literal.length;
    }
    state = 'after';
  }
}

export function offsetToPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** The first syntax error of `text` as JSON, with its position; undefined when it is valid. */
export function jsonSyntaxError(text: string): (JsonSyntaxError & Position) | undefined {
  const error = scan(text, 0);
  return error && { ...error, ...offsetToPosition(text, error.offset) };
}

/** Where the value at `path` (`probes[2].port`, at most `depth` levels down) starts in valid JSON `text`. */
export function jsonValuePosition(text: string, path: string, depth: number): Position | undefined {
  let found: number | undefined;
  scan(text, depth, (p, offset) => {
    if (p !== path) return false;
    found = offset;
    return true;
  });
  return found === undefined ? undefined : offsetToPosition(text, found);
}

// Collects diagnostics for one manifest, located through its field positions.
import { joinKey, parentPath } from './paths.ts';
import type { Diagnostic, Manifest, Position, Severity } from './types.ts';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent and `null` are the same to the API server for optional fields. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

export class Checker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly manifest: Manifest) {}

  report(severity: Severity, code: string, path: string, message: string): void {
    const at = this.locate(path);
    this.diagnostics.push({
      severity,
      code,
      message: path === '' ? message : `${path}: ${message}`,
      file: this.manifest.source.file,
      line: at.line,
      col: at.col,
      ...(path === '' ? {} : { path }),
    });
  }

  error(code: string, path: string, message: string): void {
    this.report('error', code, path, message);
  }

  warning(code: string, path: string, message: string): void {
    this.report('warning', code, path, message);
  }

  /** A missing field has no position: point at the closest enclosing field that has one. */
  locate(path: string): Position {
    const { positions, source } = this.manifest;
    for (let p = path; p !== ''; p = parentPath(p)) {
      const at = positions[p];
      if (at) return at;
    }
    return source;
  }

  /** The mapping at `path`; undefined (with an error when it is something else) when absent or null. */
  object(value: unknown, path: string): Obj | undefined {
    if (!isSet(value)) return undefined;
    if (isObj(value)) return value;
    this.error('invalid-type', path, `must be a mapping, got ${describe(value)}`);
    return undefined;
  }

  list(value: unknown, path: string): unknown[] | undefined {
    if (!isSet(value)) return undefined;
    if (Array.isArray(value)) return value;
    this.error('invalid-type', path, `must be a list, got ${describe(value)}`);
    return undefined;
  }

  string(value: unknown, path: string): string | undefined {
    if (!isSet(value)) return undefined;
    if (typeof value === 'string') return value;
    this.error('invalid-type', path, `must be a string, got ${describe(value)}`);
    return undefined;
  }

  integer(value: unknown, path: string): number | undefined {
    if (!isSet(value)) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    this.error('invalid-type', path, `must be a whole number, got ${describe(value)}`);
    return undefined;
  }

  /** Fields the API does not know: strict field validation (kubectl's default) rejects them. */
  knownFields(object: Obj, path: string, known: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const hint = known.find((k) => k.toLowerCase() === key.toLowerCase());
      this.warning(
        'unknown-field',
        joinKey(path, key),
        `unknown field ${JSON.stringify(key)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}; kubectl rejects it with strict field validation and it has no effect here`,
      );
    }
  }
}

// The probe batch on standard input, read from its bytes without JSON.parse when it has the usual
// shape: {"probes":[{"from":"..","to":"..","port":80,"protocol":"TCP"}, ...]} (protocol may be left
// out; white space anywhere JSON allows it). Parsing 360,000 probes into objects and writing them
// back with JSON.stringify was most of the command's time and garbage; here each probe is four
// small numbers. Anything else (other keys or key order, escapes, characters outside printable
// ASCII, 80.0, a syntax error) is not read here at all: the caller falls back to JSON.parse, which
// also words the errors.

/** The probes as indices into tables of their distinct texts. */
export interface ScannedProbes {
  count: number;
  /** Distinct endpoint texts (from and to share the table); `from[i]`, `to[i]` index it. */
  endpoints: string[];
  from: Int32Array;
  to: Int32Array;
  /** Distinct port values as written: a number (1-65535, digits as JSON.stringify writes them) or a string. */
  ports: (number | string)[];
  port: Int32Array;
  /** Distinct protocol texts; `protocol[i]` is 1 + an index into them, 0 when the probe has none. */
  protocols: string[];
  protocol: Int32Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;

/** Thrown inside the scanner only: the input is not of the usual shape. */
class NotUsual extends Error {}
const NOT_USUAL = new NotUsual();

const latin1 = new TextDecoder('latin1');

/**
 * Distinct strings of the input by number, compared in place: a batch names the same few hundred
 * endpoints hundreds of thousands of times, and cutting each out to look it up in a Map was the
 * scan's largest cost. An open-addressing table of ids, keyed by a hash of the bytes.
 */
class Interner {
  readonly texts: string[] = [];
  /** Where each text is in the input (its first occurrence): start, end. */
  private readonly spans: number[] = [];
  private slots = new Int32Array(1024).fill(-1);

  constructor(private readonly input: Uint8Array) {}

  /** The id of the input's bytes start..end, which hash to `hash`. */
  id(start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return this.add(start, end, slot);
      if (this.same(id, start, end)) return id;
    }
  }

  private same(id: number, start: number, end: number): boolean {
    const from = this.spans[2 * id]!;
    if (this.spans[2 * id + 1]! - from !== end - start) return false;
    const input = this.input;
    for (let k = 0; k < end - start; k++) if (input[from + k] !== input[start + k]) return false;
    return true;
  }

  private add(start: number, end: number, slot: number): number {
    const id = this.texts.length;
    // Printable ASCII only (the scanner checks), so latin1 is the UTF-8 reading.
    this.texts.push(latin1.decode(this.input.subarray(start, end)));
    this.spans.push(start, end);
    this.slots[slot] = id;
    // At most half full, so looking for a missing text ends soon.
    if (this.texts.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.texts.length; id++) {
      let slot = hashOf(this.input, this.spans[2 * id]!, this.spans[2 * id + 1]!) & mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = id;
    }
  }
}

function hashOf(input: Uint8Array, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + input[i]!) | 0;
  return hash;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const FROM = ascii('"from"');
const TO = ascii('"to"');
const PORT = ascii('"port"');
const PROTOCOL = ascii('"protocol"');
const PROBES = ascii('"probes"');
// The same keys as JSON.stringify writes them, without white space: one comparison each, the common case.
const FROM_TIGHT = ascii('{"from":"');
const TO_TIGHT = ascii(',"to":"');
const PORT_TIGHT = ascii(',"port":');
const PROTOCOL_TIGHT = ascii(',"protocol":"');

class Scanner {
  i = 0;
  constructor(private readonly s: Uint8Array) {}

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  /** The byte `c` after optional white space. */
  char(c: number): void {
    this.ws();
    if (this.s[this.i] !== c) throw NOT_USUAL;
    this.i++;
  }

  /** Whether the next byte (after white space) is `c`; it is consumed when it is. */
  maybe(c: number): boolean {
    this.ws();
    if (this.s[this.i] !== c) return false;
    this.i++;
    return true;
  }

  /** `"key":` exactly (keys are compared as written, quotes included: no escapes). */
  key(quoted: Uint8Array): void {
    this.ws();
    const s = this.s;
    const i = this.i;
    for (let k = 0; k < quoted.length; k++) if (s[i + k] !== quoted[k]) throw NOT_USUAL;
    this.i = i + quoted.length;
    this.char(COLON);
  }

  /** Whether `bytes` come next, exactly (no white space); they are consumed when they do. */
  tight(bytes: Uint8Array): boolean {
    const s = this.s;
    const i = this.i;
    for (let k = 0; k < bytes.length; k++) if (s[i + k] !== bytes[k]) return false;
    this.i = i + bytes.length;
    return true;
  }

  /**
   * A string's id in `table`. Printable ASCII only and no backslash: such a string is its UTF-8
   * text without escapes, which JSON.stringify writes back as it is.
   */
  string(table: Interner): number {
    this.char(QUOTE);
    return this.rest(table);
  }

  /** string() past its opening quote. */
  rest(table: Interner): number {
    const s = this.s;
    const start = this.i;
    let hash = 0;
    let i = start;
    for (;;) {
      const c = s[i];
      if (c === QUOTE) break;
      // undefined (past the end) fails this test too.
      if (!(c! >= 0x20 && c! < 0x7f) || c === BACKSLASH) throw NOT_USUAL;
      hash = (Math.imul(hash, 31) + c!) | 0;
      i++;
    }
    this.i = i + 1;
    return table.id(start, i, hash);
  }

  /**
   * A port: a number, or -1 - the id of a string in `names`. A number is an integer 1-65535 written
   * as JSON.stringify writes it (no sign, leading zero, fraction or exponent: `80.0` and `8e1` are
   * left to JSON.parse).
   */
  port(names: Interner): number {
    this.ws();
    const s = this.s;
    if (s[this.i] === QUOTE) return -1 - this.string(names);
    let i = this.i;
    let value = 0;
    const first = s[i];
    if (first === undefined || first <= ZERO || first > NINE) throw NOT_USUAL;
    for (let c = first; c >= ZERO && c <= NINE; c = s[++i] ?? 0) {
      value = value * 10 + (c - ZERO);
      if (value > 65535) throw NOT_USUAL;
    }
    const next = s[i];
    if (next === 0x2e || next === 0x65 || next === 0x45) throw NOT_USUAL;
    this.i = i;
    return value;
  }

  end(): boolean {
    this.ws();
    return this.i === this.s.length;
  }
}

/**
 * The probes when `input` (the JSON's UTF-8 bytes, from `start`: past a byte order mark) has the
 * usual shape; else undefined.
 */
export function scanProbes(input: Uint8Array, start = 0): ScannedProbes | undefined {
  const endpoints = new Interner(input);
  const protocols = new Interner(input);
  const portNames = new Interner(input);
  // Ports by number (80) or name id (-1 - id, for "http" and "80" alike): 80 and "80" are the same
  // port but not the same text.
  const portIds = new Map<number, number>();
  const ports: (number | string)[] = [];
  // Room for every probe the input can hold (none is shorter than {"from":"","to":"","port":1},
  // 28 bytes and a comma): pages not written are never touched, and a store needs no check.
  const room = Math.floor((input.length - start) / 29) + 1;
  const from = new Int32Array(room);
  const to = new Int32Array(room);
  const port = new Int32Array(room);
  const protocol = new Int32Array(room);
  const scan = new Scanner(input);
  scan.i = start;
  let count = 0;
  try {
    scan.char(OPEN_BRACE);
    scan.key(PROBES);
    scan.char(OPEN_BRACKET);
    if (!scan.maybe(CLOSE_BRACKET)) {
      do {
        // Each key: as JSON.stringify writes it, or with white space around it (slower).
        if (scan.tight(FROM_TIGHT)) from[count] = scan.rest(endpoints);
        else {
          scan.char(OPEN_BRACE);
          scan.key(FROM);
          from[count] = scan.string(endpoints);
        }
        if (scan.tight(TO_TIGHT)) to[count] = scan.rest(endpoints);
        else {
          scan.char(COMMA);
          scan.key(TO);
          to[count] = scan.string(endpoints);
        }
        if (!scan.tight(PORT_TIGHT)) {
          scan.char(COMMA);
          scan.key(PORT);
        }
        const value = scan.port(portNames);
        let portId = portIds.get(value);
        if (portId === undefined) {
          portId = ports.length;
          ports.push(value < 0 ? portNames.texts[-1 - value]! : value);
          portIds.set(value, portId);
        }
        port[count] = portId;
        let protocolId = 0;
        if (scan.tight(PROTOCOL_TIGHT)) protocolId = 1 + scan.rest(protocols);
        else if (scan.maybe(COMMA)) {
          scan.key(PROTOCOL);
          protocolId = 1 + scan.string(protocols);
        }
        protocol[count] = protocolId;
        scan.char(CLOSE_BRACE);
        count++;
      } while (scan.maybe(COMMA));
      scan.char(CLOSE_BRACKET);
    }
    scan.char(CLOSE_BRACE);
    if (!scan.end()) return undefined;
  } catch (e) {
    if (e === NOT_USUAL) return undefined;
    throw e;
  }
  return { count, endpoints: endpoints.texts, from, to, ports, port, protocols: protocols.texts, protocol };
}

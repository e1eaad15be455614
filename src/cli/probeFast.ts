// The probe command's fast path for a batch of the usual shape (probeScan.ts): answered from the
// scanned indices and written from templates, byte for byte what JSON.stringify({ probes }) writes
// after JSON.parse and adding "allowed". Whatever this path does not judge certain (an unknown
// workload, a bad port or protocol, a Service) makes it answer undefined before anything is
// written, and the caller takes the general path, which also words the error.
import { answerProbeColumns, type ProbeColumns } from '../engine/classes/batch.ts';
import { resolveEndpoint } from '../engine/endpoints.ts';
import type { CompiledCluster, Endpoint, Probe } from '../engine/index.ts';
import { parsePortText, parseProtocol } from './args.ts';
import type { ScannedProbes } from './probeScan.ts';

/** About how many bytes of output each chunk of the answer holds. */
const CHUNK = 1 << 20;

/**
 * The answer to the scanned probes as chunks of JSON, or undefined when the general path must
 * answer. `endpoint` reads an endpoint's text as the general path does.
 */
export function fastProbeAnswers(compiled: CompiledCluster, scanned: ScannedProbes, endpoint: (text: string) => Endpoint): Iterable<Uint8Array> | undefined {
  const columns = columnsOf(compiled, scanned, endpoint);
  if (!columns) return undefined;
  return writeAnswers(scanned, answerProbeColumns(compiled, columns));
}

/** The scanned probes as the engine's columns, or undefined when one of their values is not certain to be right. */
function columnsOf(compiled: CompiledCluster, scanned: ScannedProbes, endpoint: (text: string) => Endpoint): ProbeColumns | undefined {
  const endpoints: Endpoint[] = [];
  const ports: (number | string)[] = [];
  // The scanner's protocol column is 0 for none (TCP) and 1 + the index of a text.
  const protocols: Probe['protocol'][] = ['TCP'];
  try {
    for (const text of scanned.endpoints) {
      // A Service's probe is judged on its backends, one by one: the general path's job.
      if (text.startsWith('svc:')) return undefined;
      const e = endpoint(text);
      resolveEndpoint(compiled, e);
      endpoints.push(e);
    }
    for (const value of scanned.ports) {
      if (value === '') return undefined;
      ports.push(typeof value === 'number' ? value : parsePortText(value, true));
    }
    for (const text of scanned.protocols) protocols.push(parseProtocol(text));
  } catch {
    return undefined;
  }
  return { count: scanned.count, endpoints, from: scanned.from, to: scanned.to, ports, port: scanned.port, protocols, protocol: scanned.protocol };
}

const encoder = new TextEncoder();
/** The bytes of a text of printable ASCII (its UTF-8). */
const ascii = (text: string) => encoder.encode(text);

/**
 * `{"probes":[...]}` with each probe as JSON.stringify writes it, `"allowed"` last, as UTF-8 (the
 * scanned texts are printable ASCII, which JSON.stringify writes as they are). Each probe is three
 * precomputed pieces, copied: its start up to the destination, the destination up to the port, and
 * the port, protocol, answer and a comma. Writing bytes saves building and encoding 30 MB of strings.
 */
function* writeAnswers(scanned: ScannedProbes, answers: Uint8Array): Generator<Uint8Array> {
  const head = scanned.endpoints.map((text) => ascii(`{"from":"${text}","to":"`));
  const middle = scanned.endpoints.map((text) => ascii(`${text}","port":`));
  const protocolTexts = ['', ...scanned.protocols.map((text) => `,"protocol":"${text}"`)];
  // tail[(port * protocols + protocol) * 2 + allowed], protocol 0 for none
  const tail: Uint8Array[] = [];
  for (const value of scanned.ports) {
    const portText = typeof value === 'number' ? String(value) : `"${value}"`;
    for (const protocol of protocolTexts) tail.push(ascii(`${portText}${protocol},"allowed":false},`), ascii(`${portText}${protocol},"allowed":true},`));
  }
  const perPort = protocolTexts.length * 2;
  const longest = Math.max(0, ...head.map((b) => b.length)) + Math.max(0, ...middle.map((b) => b.length)) + Math.max(0, ...tail.map((b) => b.length));
  let chunk = new Uint8Array(CHUNK + longest + 2);
  let at = 0;
  const start = ascii('{"probes":[');
  chunk.set(start);
  at = start.length;
  for (let i = 0; i < scanned.count; i++) {
    const a = head[scanned.from[i]!]!;
    chunk.set(a, at);
    at += a.length;
    const b = middle[scanned.to[i]!]!;
    chunk.set(b, at);
    at += b.length;
    const c = tail[scanned.port[i]! * perPort + scanned.protocol[i]! * 2 + answers[i]!]!;
    chunk.set(c, at);
    at += c.length;
    // The last probe stays in the chunk: its comma is replaced below.
    if (at >= CHUNK && i + 1 < scanned.count) {
      yield chunk.subarray(0, at);
      chunk = new Uint8Array(CHUNK + longest + 2);
      at = 0;
    }
  }
  // Each probe ends with a comma: the last one's is where the list ends.
  if (scanned.count > 0) at--;
  chunk.set(ascii(']}'), at);
  yield chunk.subarray(0, at + 2);
}

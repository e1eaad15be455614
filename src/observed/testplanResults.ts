// The output of our own test-plan script (src/review/testplan/script.ts), so a run on a live cluster
// comes back as evidence: `PASS 3 jhub/hub -> jhub/proxy TCP/8001: allow (open)`,
// `FAIL 4 jhub/hub -> 1.1.1.1 (Internet) TCP/443: expected deny, observed allow (open)`. INFO lines are
// UDP probes nc cannot prove either way, and SKIP lines probes that did not run: both are counted as
// skipped, not judged.
import type { Protocol } from '../model/types.ts';
import type { LineResult } from './hubble.ts';
import { parseEndText } from './plain.ts';

const RESULT = /^(PASS|FAIL) (\d+) (\S+) -> (\S+)(?: \([^)]*\))? (TCP|UDP|SCTP)\/(\d+): (.*)$/;
const OBSERVED = /(?:^|observed )(allow|deny)\b/;

export const isTestplanLine = (line: string): boolean => /^(PASS|FAIL|INFO|SKIP) \d+ /.test(line) || line.startsWith('summary: ');

export function parseTestplanLine(line: string, lineNo: number): LineResult | undefined {
  if (line.startsWith('INFO ')) return { skip: 'UDP probes of the test plan (best-effort, not evidence either way)' };
  if (line.startsWith('SKIP ')) return { skip: 'test-plan probes that did not run' };
  if (line.startsWith('summary: ') || !/^(PASS|FAIL) /.test(line)) return undefined;
  const m = RESULT.exec(line);
  if (!m) return { error: 'a PASS/FAIL line the test plan does not print (expected "PASS N ns/a -> ns/b TCP/80: allow (open)")' };
  const [, , , fromText, toText, protocol, portText, rest] = m;
  const observed = OBSERVED.exec(rest!)?.[1];
  if (!observed) return { error: `no observed outcome in "${rest}"` };
  const from = parseEndText(fromText!);
  if (typeof from === 'string') return { error: `from: ${from}` };
  const to = parseEndText(toText!);
  if (typeof to === 'string') return { error: `to: ${to}` };
  return {
    record: {
      line: lineNo, from, to, port: Number(portText), protocol: protocol as Protocol,
      verdict: observed === 'allow' ? 'forwarded' : 'dropped', count: 1,
    },
  };
}

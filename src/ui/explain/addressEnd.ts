// Explain with any address or CIDR as the outside end. The probe keeps it as `addr:<text>`; an
// address is one probe, a CIDR one probe per piece the design's ipBlocks cut it into (see
// src/design/outside), answered together.
import { parseOutside, representatives } from '../../design/outside/index.ts';
import type { Endpoint, KubeObject, Probe, Verdict } from '../core.ts';

export const ADDRESS_KEY = 'addr:';
export const isAddressKey = (key: string) => key.startsWith(ADDRESS_KEY);
export const addressText = (key: string) => key.slice(ADDRESS_KEY.length);

export interface RangeVerdict {
  cidr: string;
  pieces: { address: string; allowed: boolean }[];
  partial: boolean;
}

/** The endpoints a key stands for: one, or the representatives of a CIDR; or what is wrong with it. */
export function addressEndpoints(key: string, objects: readonly KubeObject[]): { endpoints: Endpoint[]; cidr?: string; partial?: boolean } | { error: string } {
  const end = parseOutside(addressText(key));
  if (end.kind === 'error') return { error: end.message };
  if (end.kind === 'ip') return { endpoints: [{ kind: 'ip', ip: end.ip }] };
  const r = representatives(end.cidr, objects);
  return { endpoints: r.addresses.map((ip) => ({ kind: 'ip', ip })), cidr: end.cidr, partial: r.partial };
}

/**
 * Evaluates a probe whose one end is a CIDR: the verdict shown is the first denied piece's (else the
 * first piece's), with every piece's outcome alongside.
 */
export function evaluateRange(
  evaluate: (p: Probe) => Verdict,
  base: Omit<Probe, 'from' | 'to'>,
  from: Endpoint[],
  to: Endpoint[],
  cidr: string,
  partial: boolean,
): { verdict: Verdict; range: RangeVerdict } {
  const verdicts: { address: string; verdict: Verdict }[] = [];
  for (const f of from) for (const t of to) {
    const v = evaluate({ ...base, from: f, to: t });
    const address = f.kind === 'ip' && from.length > 1 ? f.ip : t.kind === 'ip' ? t.ip : '';
    verdicts.push({ address, verdict: v });
  }
  const shown = verdicts.find((v) => !v.verdict.allowed) ?? verdicts[0]!;
  return { verdict: shown.verdict, range: { cidr, partial, pieces: verdicts.map((v) => ({ address: v.address, allowed: v.verdict.allowed })) } };
}

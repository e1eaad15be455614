import type { ClusterModel } from '../../model/types.ts';
import { compile, type CompiledCluster } from '../compile.ts';
import { evaluate } from '../evaluate.ts';
import type { Probe, Verdict, VerdictNote } from '../types.ts';
import { profileById } from './table.ts';
import { PROFILE_IDS, type NetworkProfileId } from './types.ts';

export interface ProfileVerdict {
  profile: NetworkProfileId;
  verdict: Verdict;
}

/** The design compiled once per profile, for comparing verdicts. */
export function compileAll(cluster: ClusterModel, profiles: readonly NetworkProfileId[] = PROFILE_IDS): Map<NetworkProfileId, CompiledCluster> {
  // Each after the first starts from it (compile's `sibling`): the same compilations, less work.
  let first: CompiledCluster | undefined;
  return new Map(profiles.map((p) => {
    const compiled = compile(cluster, { profile: p, ...(first ? { sibling: first } : {}) });
    first ??= compiled;
    return [p, compiled];
  }));
}

/** One probe judged under each profile. */
export function evaluateAcrossProfiles(compiled: ReadonlyMap<NetworkProfileId, CompiledCluster>, probe: Probe): ProfileVerdict[] {
  return [...compiled].map(([profile, c]) => ({ profile, verdict: evaluate(c, probe) }));
}

export interface ProfileDependence {
  allowedOn: NetworkProfileId[];
  deniedOn: NetworkProfileId[];
  /** The documented differences behind the split, each with its source. */
  reasons: VerdictNote[];
  /** `Allowed on Kubernetes spec and Calico, denied on Cilium: <why> (source).` */
  text: string;
}

const names = (ids: readonly NetworkProfileId[]) => {
  const list = ids.map((id) => profileById(id).name);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
};

/** Undefined when every profile agrees; else who allows, who denies, and the documented reasons. */
export function profileDependence(results: readonly ProfileVerdict[]): ProfileDependence | undefined {
  const allowedOn = results.filter((r) => r.verdict.allowed).map((r) => r.profile);
  const deniedOn = results.filter((r) => !r.verdict.allowed).map((r) => r.profile);
  if (allowedOn.length === 0 || deniedOn.length === 0) return undefined;
  const reasons: VerdictNote[] = [];
  // The profiles answering otherwise than the spec (or than the majority) carry the explanation.
  const reference = results.find((r) => r.profile === 'spec')?.verdict.allowed ?? allowedOn.length >= deniedOn.length;
  for (const r of results.filter((x) => x.verdict.allowed !== reference)) {
    for (const n of r.verdict.notes ?? []) if (n.difference && !reasons.some((m) => m.difference === n.difference)) reasons.push(n);
  }
  const because = reasons.map((n) => `${profileById(n.difference!.split('.')[0]).name}: ${n.text} (${n.source})`).join(' ');
  return { allowedOn, deniedOn, reasons, text: `Allowed on ${names(allowedOn)}, denied on ${names(deniedOn)}.${because ? ` ${because}` : ''}` };
}

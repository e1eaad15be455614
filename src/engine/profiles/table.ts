import { AWS_VPC_CNI_PROFILE } from './awsVpcCni.ts';
import { CALICO_PROFILE } from './calico.ts';
import { CILIUM_PROFILE } from './cilium.ts';
import { SPEC_PROFILE } from './spec.ts';
import { PROFILE_IDS, type DifferenceTopic, type NetworkProfile, type NetworkProfileId, type ProfileDifference } from './types.ts';

export const PROFILES: readonly NetworkProfile[] = [SPEC_PROFILE, CILIUM_PROFILE, CALICO_PROFILE, AWS_VPC_CNI_PROFILE];

const byId = new Map<string, NetworkProfile>(PROFILES.map((p) => [p.id, p]));

export function isProfileId(text: string): text is NetworkProfileId {
  return (PROFILE_IDS as readonly string[]).includes(text);
}

/** The profile with this id; the spec profile for an unknown or missing id (old saved designs). */
export function profileById(id: string | undefined): NetworkProfile {
  return (id !== undefined ? byId.get(id) : undefined) ?? SPEC_PROFILE;
}

/** Every documented difference of every profile. */
export const ALL_DIFFERENCES: readonly ProfileDifference[] = PROFILES.flatMap((p) => p.differences);

/** The difference of `profile` on `topic`, when it has one. */
export function differenceOf(profile: NetworkProfile, topic: DifferenceTopic): ProfileDifference | undefined {
  return profile.differences.find((d) => d.topic === topic);
}

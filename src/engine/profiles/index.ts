// Network-plugin profiles: what Cilium, Calico and the AWS VPC CNI are documented to do where the
// NetworkPolicy spec leaves the behaviour to the plugin. Public entry of the folder.
export type * from './types.ts';
export { PROFILE_IDS } from './types.ts';
export { PROFILES, ALL_DIFFERENCES, profileById, isProfileId, differenceOf } from './table.ts';
export { compileAll, evaluateAcrossProfiles, profileDependence, type ProfileVerdict, type ProfileDependence } from './compare.ts';

// `--profile` and `--compare-profile`: which network plugin's documented behaviour the verdicts follow.
import { PROFILES, PROFILE_IDS, isProfileId, type NetworkProfileId } from '../engine/index.ts';
import { UsageError, type ParsedArgs } from './args.ts';

export const PROFILE_HELP = `network-plugin profiles (--profile on probe, matrix, explain, diff, report, testplan, findings, check):
  --profile ${PROFILE_IDS.join('|')}   whose documented behaviour decides what the spec leaves open
                     (default spec); matrix and diff also take --compare-profile ID: matrix lists
                     the cells where the two profiles differ, diff judges the current design under it
${PROFILES.map((p) => `  ${p.id.padEnd(12)} ${p.summary}`).join('\n')}`;

function one(args: ParsedArgs, name: string): NetworkProfileId | undefined {
  const values = args.options.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  const value = values[0];
  if (value === undefined) return undefined;
  if (!isProfileId(value)) throw new UsageError(`${name}: unknown profile "${value}" (expected ${PROFILE_IDS.join(', ')})`);
  return value;
}

/** The profile to judge by; `spec` when not given. */
export function profileFromArgs(args: ParsedArgs): NetworkProfileId {
  return one(args, '--profile') ?? 'spec';
}

export function compareProfileFromArgs(args: ParsedArgs): NetworkProfileId | undefined {
  return one(args, '--compare-profile');
}

// The admin tiers' chips as the page draws them. The analysis of the tiers is core code
// (src/analysis/admin/tiers.ts), re-exported here so the panels keep importing from one place.
import type { AdminPolicyChip } from '../../analysis/index.ts';

export * from '../../analysis/admin/tiers.ts';

/** One line for tooltips and screen readers: `AdminNetworkPolicy isolate-tenant-b: Deny in, priority 30 (admin switch “Isolate tenants”)`. */
export function describeChip(chip: AdminPolicyChip): string {
  const where = chip.tier === 'Baseline' ? 'baseline tier' : `priority ${chip.priority ?? 0}`;
  return `${chip.kind} ${chip.name}: ${chip.actions}, ${where}${chip.origin ? ` (${chip.origin})` : ''}`;
}

/** The chip's short text: `Deny in · 30`, `Baseline Deny in/out`. */
export function chipLabel(chip: AdminPolicyChip): string {
  return chip.tier === 'Baseline' ? `Baseline ${chip.actions}` : `${chip.actions} · ${chip.priority ?? 0}`;
}

/** The widest a chip's policy name is drawn before it is cut short (CSS .achip-name). */
export const CHIP_NAME_MAX = 120;

/** About how wide a chip is drawn (10.5px text, 6px padding each side), for sizing the namespace header. */
export const chipWidth = (chip: AdminPolicyChip, withName = false): number =>
  16 + chipLabel(chip).length * 6.2 + (withName ? 4 + Math.min(CHIP_NAME_MAX, chip.name.length * 6) : 0);

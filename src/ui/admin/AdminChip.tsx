import { chipLabel, describeChip, type AdminPolicyChip } from './tiers.ts';

/** A cluster-scoped policy as a small chip: its action(s), direction and priority, coloured by tier and action. */
export function AdminChip({ chip, withName = false }: { chip: AdminPolicyChip; withName?: boolean }) {
  return (
    <span className={`achip achip-${chip.tier.toLowerCase()} act-${chip.mainAction.toLowerCase()}`} title={describeChip(chip)}>
      <span className="achip-what">{chipLabel(chip)}</span>
      {withName && <span className="achip-name">{chip.name}</span>}
    </span>
  );
}

/** The chips of a namespace, in evaluation order; the full list is in the node's accessible label. */
export function AdminChipRow({ chips, withNames = true }: { chips: readonly AdminPolicyChip[]; withNames?: boolean }) {
  if (chips.length === 0) return null;
  return (
    <div className="ns-admin" aria-hidden="true">
      {chips.map((chip) => (
        <AdminChip key={chip.policy} chip={chip} withName={withNames} />
      ))}
    </div>
  );
}

// The flow dialog's admin-rule part: action, priority (with where it lands among the tier's other
// policies), tier, API flavor and the side that carries the rule.
import { useId } from 'react';
import {
  nextFreeAdminPriority,
  ANNOTATION_FLOW,
  type AdminAction,
  type AdminFlavor,
  type AdminPolicy,
  type AdminTier,
  type KubeObject,
  type PolicyType,
} from '../core.ts';
import { FlavorSelect } from './AdminRulesSection.tsx';

export interface AdminFlowChoice {
  action: AdminAction;
  tier: AdminTier;
  flavor: AdminFlavor;
  /** As typed; checked by checkPriority. */
  priority: string;
  /** auto: the destination's ingress between pods, the source's egress towards outside addresses. */
  side: 'auto' | Extract<PolicyType, 'Egress'>;
}

/** A new admin flow: Allow, admin tier, the first free priority from 100 (after the switches' 10-50). */
export function adminFlowDefaults(objects: readonly KubeObject[], flavor: AdminFlavor): AdminFlowChoice {
  let priority = 100;
  try {
    priority = nextFreeAdminPriority(objects, 'Admin', 100);
  } catch {
    // every priority is taken: the field says so
  }
  return { action: 'Allow', tier: 'Admin', flavor, priority: String(priority), side: 'auto' };
}

const isOwn = (p: AdminPolicy, objects: readonly KubeObject[], flowId: string | undefined) =>
  flowId !== undefined && objects[p.ref.manifest]?.metadata.annotations?.[ANNOTATION_FLOW] === flowId;

/** Why the priority cannot be used, or undefined: 0-1000, and no other policy of the tier holds it (their order would be undefined). */
export function checkPriority(choice: AdminFlowChoice, policies: readonly AdminPolicy[], objects: readonly KubeObject[], ownFlowId: string | undefined): string | undefined {
  const text = choice.priority.trim();
  if (!/^\d+$/.test(text) || Number(text) > 1000) return 'Enter a whole number from 0 to 1000.';
  const value = Number(text);
  const holders = policies.filter((p) => p.tier === choice.tier && p.kind !== 'BaselineAdminNetworkPolicy' && p.priority === value && !isOwn(p, objects, ownFlowId));
  if (holders.length > 0) {
    return `Priority ${value} is used by ${holders.map((h) => `${h.kind} ${h.name}`).join(', ')}: equal priorities have no defined order, choose another.`;
  }
  return undefined;
}

const ACTION_HELP: Record<AdminAction, string> = {
  Allow: 'final: no NetworkPolicy can deny it (the other end still decides its own side)',
  Deny: 'final: no NetworkPolicy can allow it',
  Pass: 'skips the later admin rules: the namespace’s NetworkPolicies decide, else the baseline',
};

function actionsOf(p: AdminPolicy): string {
  const words = [...new Set([...p.ingress, ...p.egress].map((r) => r.action))];
  return words.join('/') || 'no rules';
}

/** Where the chosen priority lands among the tier's policies: the nearest few before and after it. */
function OrderPreview({ choice, policies, objects, ownFlowId }: { choice: AdminFlowChoice; policies: readonly AdminPolicy[]; objects: readonly KubeObject[]; ownFlowId: string | undefined }) {
  const value = Number(choice.priority);
  if (choice.tier === 'Baseline' || !Number.isFinite(value)) return null;
  const tier = policies
    .filter((p) => p.tier === 'Admin' && !isOwn(p, objects, ownFlowId))
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const at = tier.findIndex((p) => p.priority > value);
  const insert = at < 0 ? tier.length : at;
  const before = tier.slice(Math.max(0, insert - 3), insert);
  const after = tier.slice(insert, insert + 3);
  if (tier.length === 0) return <p className="hint">No other admin-tier policy yet: this rule is the only one.</p>;
  return (
    <div className="admin-order">
      <span className="hint">Admin tier, in the order evaluated (lower first):</span>
      <ol aria-label="Admin tier order">
        {insert - before.length > 0 && <li className="more">… {insert - before.length} earlier</li>}
        {before.map((p) => (
          <li key={p.ref.manifest}>
            <span className="prio">{p.priority}</span> {actionsOf(p)} · {p.name}
          </li>
        ))}
        <li className="this-rule">
          <span className="prio">{value}</span> {choice.action} · this flow
        </li>
        {after.map((p) => (
          <li key={p.ref.manifest}>
            <span className="prio">{p.priority}</span> {actionsOf(p)} · {p.name}
          </li>
        ))}
        {tier.length - insert - after.length > 0 && <li className="more">… {tier.length - insert - after.length} later</li>}
      </ol>
    </div>
  );
}

export function AdminFlowFields({
  value,
  onChange,
  priorityError,
  adminPolicies,
  objects,
  ownFlowId,
  toOutside,
}: {
  value: AdminFlowChoice;
  onChange: (v: AdminFlowChoice) => void;
  priorityError: string | undefined;
  adminPolicies: readonly AdminPolicy[];
  objects: readonly KubeObject[];
  ownFlowId: string | undefined;
  toOutside: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<AdminFlowChoice>) => onChange({ ...value, ...patch });
  return (
    <div className="admin-flow-fields">
      <fieldset className="enforce">
        <legend>Action</legend>
        <div className="radio-row">
          {(['Allow', 'Deny', 'Pass'] as const).map((action) => (
            <label key={action} className="radio">
              <input type="radio" name={`${id}-action`} value={action} checked={value.action === action} onChange={() => set({ action })} />
              {action}
            </label>
          ))}
        </div>
        <p className="hint">{ACTION_HELP[value.action]}</p>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <input
            id={`${id}-priority`}
            type="number"
            min={0}
            max={1000}
            step={1}
            value={value.priority}
            onChange={(e) => set({ priority: e.target.value })}
            aria-invalid={priorityError !== undefined}
            aria-describedby={`${id}-priority-help`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tier`}>Tier</label>
          <select id={`${id}-tier`} value={value.tier} onChange={(e) => set({ tier: e.target.value as AdminTier })}>
            <option value="Admin">Admin (before NetworkPolicies)</option>
            <option value="Baseline">Baseline (where none selects the pod)</option>
          </select>
        </div>
      </div>
      <p id={`${id}-priority-help`} className={priorityError ? 'error-text' : 'hint'} role={priorityError ? 'alert' : undefined}>
        {priorityError ?? 'Lower numbers are evaluated first: to make an exception to a Deny, give it a lower number.'}
      </p>
      <OrderPreview choice={value} policies={adminPolicies} objects={objects} ownFlowId={ownFlowId} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-flavor`}>API</label>
          <FlavorSelect id={`${id}-flavor`} value={value.flavor} onChange={(flavor) => set({ flavor })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-side`}>Decided at</label>
          <select id={`${id}-side`} value={toOutside ? 'Egress' : value.side} disabled={toOutside} onChange={(e) => set({ side: e.target.value as AdminFlowChoice['side'] })}>
            <option value="auto">the destination (ingress)</option>
            <option value="Egress">the source (egress)</option>
          </select>
        </div>
      </div>
    </div>
  );
}

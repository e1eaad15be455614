// The Rules panel's cluster-wide section: one switch per ready-made admin rule, the API flavor new
// ones are written in, and per switch its priority (and the tenant label for tenant isolation).
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  ADMIN_RULES,
  ANNOTATION_TARGET,
  listAdminRules,
  setAdminRule,
  type AdminFlavor,
  type AdminRuleDefinition,
  type AdminRuleId,
  type DesignSettings,
  type KubeObject,
} from '../core.ts';
import { commitObjects, notify, useStore } from '../store.ts';

const FLAVOR_TITLE: Record<AdminFlavor, string> = {
  anp: 'AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1)',
  cnp: 'ClusterNetworkPolicy (v1alpha2)',
};

/** The choice of API the admin rules are written in. */
export function FlavorSelect({ id, value, onChange }: { id: string; value: AdminFlavor; onChange: (flavor: AdminFlavor) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as AdminFlavor)}>
      {(Object.keys(FLAVOR_TITLE) as AdminFlavor[]).map((f) => (
        <option key={f} value={f}>
          {FLAVOR_TITLE[f]}
        </option>
      ))}
    </select>
  );
}

type RuleOptions = Parameters<typeof setAdminRule>[3];

/** Applies a switch change as one undoable step; a rule that cannot be set says why instead. */
function apply(id: AdminRuleId, on: boolean, options: RuleOptions): boolean {
  try {
    commitObjects(setAdminRule(useStore.getState().objects, id, on, options));
    return true;
  } catch (error) {
    const title = ADMIN_RULES.find((r) => r.id === id)?.title ?? id;
    notify({ kind: 'error', title: `“${title}” could not be ${on ? 'set' : 'removed'}: ${error instanceof Error ? error.message : String(error)}` });
    return false;
  }
}

/** A summary's first sentence (the one line under the switch) and the rest (under Details). */
function splitSummary(text: string): { first: string; rest: string } {
  const m = /^(.+?\.)(\s+[A-Z"]|$)/s.exec(text);
  const first = m?.[1] ?? text;
  return { first, rest: text.slice(first.length).trim() };
}

const tenantLabelOf = (objects: readonly KubeObject[]) =>
  objects.map((o) => o.metadata.annotations?.[ANNOTATION_TARGET]?.split('=')[0]).find((k): k is string => !!k);

interface SwitchProps {
  rule: AdminRuleDefinition;
  on: boolean;
  priority: number | undefined;
  flavor: AdminFlavor | undefined;
  tenantLabel: string | undefined;
  settings: DesignSettings;
  newFlavor: AdminFlavor;
}

function PriorityField({ rule, priority, settings }: { rule: AdminRuleDefinition; priority: number; settings: DesignSettings }) {
  const [text, setText] = useState(String(priority));
  const id = useId();
  const value = Number(text);
  const valid = /^\d+$/.test(text.trim()) && value >= 0 && value <= 1000;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && value !== priority && !apply(rule.id, true, { settings, priority: value })) setText(String(priority));
  };
  return (
    <form className="admin-option" onSubmit={submit}>
      <label htmlFor={id}>Priority</label>
      <input
        id={id}
        type="number"
        min={0}
        max={1000}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-h`}
        onChange={(e) => setText(e.target.value)}
        onBlur={submit}
      />
      <span id={`${id}-h`} className={valid ? 'hint' : 'error-text'}>
        {valid ? 'lower is evaluated first (0-1000)' : 'a whole number from 0 to 1000'}
      </span>
    </form>
  );
}

function TenantLabelField({ label, settings }: { label: string; settings: DesignSettings }) {
  const [text, setText] = useState(label);
  const id = useId();
  const valid = /^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(text.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && text.trim() !== label && !apply('isolateTenants', true, { settings, tenantLabel: text.trim() })) setText(label);
  };
  return (
    <form className="admin-option" onSubmit={submit}>
      <label htmlFor={id}>Tenant label</label>
      <input id={id} type="text" value={text} spellCheck={false} autoComplete="off" aria-invalid={!valid} onChange={(e) => setText(e.target.value)} onBlur={submit} />
      <span className={valid ? 'hint' : 'error-text'}>{valid ? 'namespaces with the same value are one tenant' : 'not a label key'}</span>
    </form>
  );
}

function AdminSwitch({ rule, on, priority, flavor, tenantLabel, settings, newFlavor }: SwitchProps) {
  const descId = useId();
  const shownPriority = priority ?? rule.defaultPriority;
  const summary = splitSummary(rule.summary);
  const where = rule.tier === 'Admin' ? `Admin tier, priority ${shownPriority}` : 'Baseline tier (after the NetworkPolicies)';
  return (
    <li className={`rule admin-rule${on ? ' is-on' : ''}`}>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={rule.title}
        aria-describedby={descId}
        className="switch"
        onClick={() => apply(rule.id, !on, on ? { settings } : { settings, flavor: newFlavor })}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="rule-title">{rule.title}</span>
        <span className={`tier tier-${rule.tier.toLowerCase()}`} aria-hidden="true">
          {rule.tier === 'Admin' ? `${rule.action} · ${shownPriority}` : `Baseline ${rule.action}`}
        </span>
      </button>
      <p id={descId} className="rule-summary">
        {summary.first} <span className="rule-where">{where}{on && flavor ? ` · ${flavor === 'cnp' ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy'}` : ''}.</span>
      </p>
      <details className="rule-details">
        <summary>Details{on ? ' and options' : ''}</summary>
        {summary.rest && <p className="rule-summary">{summary.rest}</p>}
        {rule.caution && <p className="rule-summary rule-caution">{rule.caution}</p>}
        {on && rule.tier === 'Admin' && priority !== undefined && <PriorityField key={priority} rule={rule} priority={priority} settings={settings} />}
        {on && rule.id === 'isolateTenants' && <TenantLabelField key={tenantLabel} label={tenantLabel ?? 'tenant'} settings={settings} />}
      </details>
    </li>
  );
}

/** Cluster-wide rules: the admin and baseline tiers, around the namespaces' NetworkPolicies. */
export function AdminRulesSection() {
  const { objects, settings } = useStore(useShallow((s) => ({ objects: s.objects, settings: s.settings })));
  const instances = useMemo(() => listAdminRules(objects), [objects]);
  const [flavor, setFlavor] = useState<AdminFlavor>(() => instances[0]?.flavor ?? 'anp');
  const flavorId = useId();
  const other = instances.filter((i) => i.flavor !== flavor);
  const convert = () => {
    let next = useStore.getState().objects;
    try {
      for (const i of other) next = setAdminRule(next, i.id, true, { settings, flavor });
      commitObjects(next);
    } catch (error) {
      notify({ kind: 'error', title: `The rules could not be rewritten: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <section className="admin-rules" aria-labelledby={`${flavorId}-h`}>
      <h3 id={`${flavorId}-h`}>Cluster-wide rules (admin)</h3>
      <p className="hint">
        Admin rules are decided before any NetworkPolicy (Allow and Deny are final, Pass hands over to the namespace) and isolate
        nothing by themselves; the baseline applies only where no NetworkPolicy selects a pod.
      </p>
      <div className="field">
        <label htmlFor={flavorId}>API for new admin rules</label>
        <FlavorSelect id={flavorId} value={flavor} onChange={setFlavor} />
      </div>
      {other.length > 0 && (
        <p className="admin-convert">
          <button type="button" onClick={convert}>
            Rewrite {other.length} switched-on rule{other.length === 1 ? '' : 's'} as {flavor === 'cnp' ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy'}
          </button>
        </p>
      )}
      <ul className="rules" aria-label="Cluster-wide admin rules">
        {ADMIN_RULES.map((rule) => {
          const instance = instances.find((i) => i.id === rule.id);
          return (
            <AdminSwitch
              key={rule.id}
              rule={rule}
              on={instance !== undefined}
              priority={instance?.priority}
              flavor={instance?.flavor}
              tenantLabel={instance && rule.id === 'isolateTenants' ? tenantLabelOf(instance.objects) : undefined}
              settings={settings}
              newFlavor={flavor}
            />
          );
        })}
      </ul>
    </section>
  );
}

import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ALLOW_RULES, allowRulesOn, setAllowRule, type AllowRuleDefinition, type RuleTarget } from '../core.ts';
import { commitObjects, setRuleTarget, useStore } from '../store.ts';
import { AdminRulesSection } from '../admin/AdminRulesSection.tsx';

/** `blocked`: why the switch cannot be turned on yet (it can always be turned off). */
function RuleSwitch({ rule, on, onToggle, blocked }: { rule: AllowRuleDefinition; on: boolean; onToggle: () => void; blocked?: string | undefined }) {
  const descId = useId();
  const disabled = !on && blocked !== undefined;
  return (
    <li className={`rule${on ? ' is-on' : ''}${disabled ? ' is-blocked' : ''}`}>
      <button type="button" role="switch" aria-checked={on} aria-describedby={descId} className="switch" aria-disabled={disabled} onClick={disabled ? undefined : onToggle}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="rule-title">{rule.title}</span>
        <span className="rule-dir" aria-hidden="true" title={rule.direction === 'Ingress' ? 'An ingress rule' : 'An egress rule'}>
          {rule.direction === 'Ingress' ? 'in' : 'out'}
        </span>
      </button>
      <p id={descId} className="rule-summary">
        <span className="sr-only">{rule.direction === 'Ingress' ? 'Ingress rule. ' : 'Egress rule. '}</span>
        {rule.summary}
        {rule.caution && <span className="rule-caution"> {rule.caution}</span>}
        {disabled && <span className="rule-blocked"> {blocked}</span>}
      </p>
    </li>
  );
}

export function RulesPanel() {
  const { objects, graph, ruleTarget, selection, settings } = useStore(
    useShallow((s) => ({ objects: s.objects, graph: s.analysis?.graph, ruleTarget: s.ruleTarget, selection: s.selection, settings: s.settings })),
  );
  const namespaces = graph?.namespaces ?? [];

  const target: RuleTarget | undefined = useMemo(() => {
    if (ruleTarget) return ruleTarget;
    if (selection?.kind === 'node') {
      if (selection.id.startsWith('wl:')) {
        const [namespace, name] = selection.id.slice(3).split('/');
        if (namespace && name) return { namespace, workload: name };
      }
      if (selection.id.startsWith('ns:')) return { namespace: selection.id.slice(3) };
    }
    const first = namespaces.find((n) => n.workloads.length > 0) ?? namespaces[0];
    return first ? { namespace: first.name } : undefined;
  }, [ruleTarget, selection, namespaces]);

  const workloads = useMemo(() => graph?.workloads.filter((w) => w.namespace === target?.namespace) ?? [], [graph, target?.namespace]);
  // Recomputed when the objects or the target change, not on every render of the panel.
  const rulesOn = useMemo(() => (target ? allowRulesOn(objects, target) : new Set<string>()), [objects, target]);

  return (
    <div className="panel-content">
      <h3 className="rules-heading">Namespace rules (NetworkPolicy)</h3>
      <p className="hint">
        Allow rules add up: a switch can only open traffic, and no switch narrows what another one opened. Each switch
        generates its own policy, named after it.
      </p>
      {!target ? (
        <p className="empty">No namespaces yet. Load a sample, import manifests or add a Namespace in the YAML.</p>
      ) : (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor="rules-namespace">Namespace</label>
              <select
                id="rules-namespace"
                value={target.namespace}
                onChange={(e) => setRuleTarget({ namespace: e.target.value })}
              >
                {namespaces.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rules-workload">Applies to</label>
              <select
                id="rules-workload"
                value={target.workload ?? ''}
                onChange={(e) => setRuleTarget(e.target.value ? { namespace: target.namespace, workload: e.target.value } : { namespace: target.namespace })}
              >
                <option value="">all pods in the namespace</option>
                {workloads.map((w) => (
                  <option key={w.id} value={w.name}>
                    {w.kind} {w.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ul className="rules" aria-label={`Allow rules for ${target.workload ? `${target.namespace}/${target.workload}` : `namespace ${target.namespace}`}`}>
            {ALLOW_RULES.map((rule) => {
              const on = rulesOn.has(rule.id);
              return (
                <RuleSwitch
                  key={rule.id}
                  rule={rule}
                  on={on}
                  onToggle={() => commitObjects(setAllowRule(useStore.getState().objects, rule.id, target, !on, settings))}
                  blocked={rule.id === 'kubeApiServer' && !settings.apiServer ? 'Set the kube-apiserver endpoint in Settings first: policies see the endpoint, not the Service address.' : undefined}
                />
              );
            })}
          </ul>
        </>
      )}
      <AdminRulesSection />
    </div>
  );
}

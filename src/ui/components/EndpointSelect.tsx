import { useId, useMemo } from 'react';
import type { GraphData } from '../../workers/analysis.ts';
import { endpointOptions, nodeOptions } from '../endpoints.ts';

const GROUPS = ['Outside the cluster', 'Nodes', 'Namespaces', 'Workloads'] as const;

export function EndpointSelect(props: {
  label: string; value: string; onChange: (key: string) => void; graph: GraphData | undefined; withNamespaces: boolean;
  /** Modelled Nodes to offer as ends (a node reaching the pods it runs: kubelet probes). */
  nodes?: readonly { name: string; addresses: readonly string[] }[];
  extra?: { key: string; label: string }[];
}) {
  const id = useId();
  // Built once per graph: a 5,000-pod design lists thousands of options, and a probe's every change
  // re-renders the panel (the same elements let React skip them).
  const groups = useMemo(() => {
    const options = [...endpointOptions(props.graph, props.withNamespaces), ...nodeOptions(props.nodes ?? [])];
    return GROUPS.map((g) => {
      const items = options.filter((o) => o.group === g);
      return items.length === 0 ? null : (
        <optgroup key={g} label={g}>
          {items.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </optgroup>
      );
    });
  }, [props.graph, props.withNamespaces, props.nodes]);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} required>
        <option value="">Choose…</option>
        {groups}
        {props.extra && props.extra.length > 0 && (
          <optgroup label="Any address">
            {props.extra.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

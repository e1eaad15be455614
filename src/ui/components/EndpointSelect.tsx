import { useId } from 'react';
import type { GraphData } from '../../workers/analysis.ts';
import { endpointOptions, nodeOptions } from '../endpoints.ts';

export function EndpointSelect(props: {
  label: string; value: string; onChange: (key: string) => void; graph: GraphData | undefined; withNamespaces: boolean;
  /** Modelled Nodes to offer as ends (a node reaching the pods it runs: kubelet probes). */
  nodes?: readonly { name: string; addresses: readonly string[] }[];
  extra?: { key: string; label: string }[];
}) {
  const id = useId();
  const options = [...endpointOptions(props.graph, props.withNamespaces), ...nodeOptions(props.nodes ?? [])];
  const groups = ['Outside the cluster', 'Nodes', 'Namespaces', 'Workloads'] as const;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} required>
        <option value="">Choose…</option>
        {groups.map((g) => {
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
        })}
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

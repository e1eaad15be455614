import { useId } from 'react';
import type { GraphData } from '../../workers/analysis.ts';
import { endpointOptions } from '../endpoints.ts';

export function EndpointSelect(props: { label: string; value: string; onChange: (key: string) => void; graph: GraphData | undefined; withNamespaces: boolean; extra?: { key: string; label: string }[] }) {
  const id = useId();
  const options = endpointOptions(props.graph, props.withNamespaces);
  const groups = ['Outside the cluster', 'Namespaces', 'Workloads'] as const;
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

import { useId, useMemo } from 'react';
import type { GraphData } from '../../workers/analysis.ts';
import { endpointOptions, nodeOptions } from '../endpoints.ts';
import { EndpointCombobox } from './EndpointCombobox.tsx';

const GROUPS = ['Outside the cluster', 'Nodes', 'Namespaces', 'Workloads'] as const;
/** More ends than this are chosen by typing (EndpointCombobox): a list that long is neither quick to open nor to read. */
const LIST_LIMIT = 1000;

export function EndpointSelect(props: {
  label: string; value: string; onChange: (key: string) => void; graph: GraphData | undefined; withNamespaces: boolean;
  /** Modelled Nodes to offer as ends (a node reaching the pods it runs: kubelet probes). */
  nodes?: readonly { name: string; addresses: readonly string[] }[];
  extra?: { key: string; label: string }[];
}) {
  const id = useId();
  const options = useMemo(() => [...endpointOptions(props.graph, props.withNamespaces), ...nodeOptions(props.nodes ?? [])], [props.graph, props.withNamespaces, props.nodes]);
  const typed = options.length > LIST_LIMIT;
  // Built once per graph: the same elements let React skip them when a probe's change re-renders the panel.
  const groups = useMemo(() => typed ? null : GROUPS.map((g) => {
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
  }), [options, typed]);
  const withExtra = useMemo(() => (typed ? [...options, ...(props.extra ?? []).map((o) => ({ ...o, group: 'Any address' }))] : []), [typed, options, props.extra]);
  if (typed) return <EndpointCombobox label={props.label} value={props.value} onChange={props.onChange} options={withExtra} />;
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

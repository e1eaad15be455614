import { useId, useMemo } from 'react';
import type { GraphData } from '../../workers/analysis.ts';
import { endpointOptions, nodeOptions, type EndpointOption } from '../endpoints.ts';
import { EndpointCombobox, type ComboOption } from './EndpointCombobox.tsx';

const GROUPS = ['Outside the cluster', 'Nodes', 'Namespaces', 'Workloads'] as const;
/** More ends than this are chosen by typing (EndpointCombobox): a list that long is neither quick to open nor to read. */
const LIST_LIMIT = 1000;

type NodeEnds = readonly { name: string; addresses: readonly string[] }[];
type ExtraEnds = readonly { key: string; label: string }[];
interface Choices {
  options: EndpointOption[];
  /** The options with the extra ends, for the typed choice. */
  withExtra: ComboOption[];
}

/**
 * The ends offered for a graph, by what else is offered: the selects that show the same graph share
 * them (Explain's source and destination each built 22,000 options at 20,000 pods, ~35 ms apiece).
 */
const choicesByGraph = new WeakMap<GraphData, { withNamespaces: boolean; nodes: NodeEnds | undefined; extra: ExtraEnds | undefined; choices: Choices }[]>();

function choicesFor(graph: GraphData | undefined, withNamespaces: boolean, nodes: NodeEnds | undefined, extra: ExtraEnds | undefined): Choices {
  const known = graph ? choicesByGraph.get(graph) : undefined;
  const found = known?.find((c) => c.withNamespaces === withNamespaces && c.nodes === nodes && c.extra === extra);
  if (found) return found.choices;
  const options = [...endpointOptions(graph, withNamespaces), ...nodeOptions(nodes ?? [])];
  const typed = options.length > LIST_LIMIT;
  const choices = { options, withExtra: typed ? [...options, ...(extra ?? []).map((o) => ({ ...o, group: 'Any address' }))] : [] };
  // A few per graph (the pickers on the page at once), should a caller pass new arrays each render.
  if (graph) choicesByGraph.set(graph, [{ withNamespaces, nodes, extra, choices }, ...(known ?? []).slice(0, 3)]);
  return choices;
}

export function EndpointSelect(props: {
  label: string; value: string; onChange: (key: string) => void; graph: GraphData | undefined; withNamespaces: boolean;
  /** Modelled Nodes to offer as ends (a node reaching the pods it runs: kubelet probes). */
  nodes?: readonly { name: string; addresses: readonly string[] }[];
  extra?: { key: string; label: string }[];
}) {
  const id = useId();
  const { options, withExtra } = useMemo(() => choicesFor(props.graph, props.withNamespaces, props.nodes, props.extra), [props.graph, props.withNamespaces, props.nodes, props.extra]);
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

// The end of a probe or a flow chosen by typing, for designs with more ends than a list can hold:
// a native <select> of 5,600 workloads cost ~400 ms of the page's thread to open the Explain tab (and
// 4x that at 20,000 pods), and nobody scrolls such a list. Typing part of a name, a namespace or a
// group shows the first matches (names that start with it first); arrows and Enter pick one.
import { useId, useMemo, useState } from 'react';
import { MatchList, moveActive, rankMatches, type Match } from './MatchList.tsx';

export interface ComboOption {
  key: string;
  label: string;
  group: string;
}

const MAX_SHOWN = 50;

/** As the search lists it: the end's name, its group beside it. */
const asMatch = (o: ComboOption): Match & { option: ComboOption } => ({ key: o.key, title: o.label, detail: o.group, haystack: `${o.label} ${o.group}`.toLowerCase(), option: o });

/** The matches of a list of options, once per list: the comboboxes that offer the same ends share them. */
const matchesOf = new WeakMap<readonly ComboOption[], (Match & { option: ComboOption })[]>();
function searchableOf(options: readonly ComboOption[]): (Match & { option: ComboOption })[] {
  let m = matchesOf.get(options);
  if (!m) matchesOf.set(options, (m = options.map(asMatch)));
  return m;
}

export function EndpointCombobox(props: { label: string; value: string; onChange: (key: string) => void; options: readonly ComboOption[] }) {
  const id = useId();
  const listId = `${id}-list`;
  const chosen = useMemo(() => props.options.find((o) => o.key === props.value), [props.options, props.value]);
  const searchable = useMemo(() => searchableOf(props.options), [props.options]);
  // What is typed while the list is open; the chosen end's name otherwise.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const { shown, total } = useMemo(() => (open ? rankMatches(searchable, query, MAX_SHOWN) : { shown: [], total: 0 }), [open, searchable, query]);
  const pick = (o: ComboOption) => {
    props.onChange(o.key);
    setQuery(null);
  };
  return (
    <div className="field endpoint-combobox">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-o${active}` : undefined}
        placeholder="Type a name, namespace or group…"
        spellCheck={false}
        autoComplete="off"
        value={open ? query : (chosen?.label ?? '')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onFocus={(e) => {
          setQuery('');
          setActive(0);
          e.target.select();
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) setQuery('');
          if (moveActive(e.key, shown.length, setActive)) e.preventDefault();
          else if (e.key === 'Enter') {
            const o = shown[active];
            if (open && o) {
              e.preventDefault();
              pick(o.option);
            }
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setQuery(null);
          }
        }}
      />
      {open && <MatchList listId={listId} idPrefix={id} label={`Matches for ${props.label}`} shown={shown} total={total} active={active} setActive={setActive} onPick={(m) => pick(m.option)} />}
    </div>
  );
}

// The end of a probe or a flow chosen by typing, for designs with more ends than a list can hold:
// a native <select> of 5,600 workloads cost ~400 ms of the page's thread to open the Explain tab (and
// 4x that at 20,000 pods), and nobody scrolls such a list. Typing part of a name, a namespace or a
// group shows the first matches (names that start with it first); arrows and Enter pick one.
import { useId, useMemo, useState } from 'react';

export interface ComboOption {
  key: string;
  label: string;
  group: string;
}

const MAX_SHOWN = 50;

function matches(options: readonly ComboOption[], query: string): { shown: ComboOption[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { shown: options.slice(0, MAX_SHOWN), total: options.length };
  const hits = options.filter((o) => {
    const text = `${o.label} ${o.group}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const first = words[0]!;
  hits.sort((a, b) => Number(!a.label.toLowerCase().startsWith(first)) - Number(!b.label.toLowerCase().startsWith(first)));
  return { shown: hits.slice(0, MAX_SHOWN), total: hits.length };
}

export function EndpointCombobox(props: { label: string; value: string; onChange: (key: string) => void; options: readonly ComboOption[] }) {
  const id = useId();
  const listId = `${id}-list`;
  const chosen = useMemo(() => props.options.find((o) => o.key === props.value), [props.options, props.value]);
  // What is typed while the list is open; the chosen end's name otherwise.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const { shown, total } = useMemo(() => (open ? matches(props.options, query) : { shown: [], total: 0 }), [open, props.options, query]);
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
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (!open) setQuery('');
            setActive((a) => Math.min(a + 1, shown.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            const o = shown[active];
            if (open && o) {
              e.preventDefault();
              pick(o);
            }
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setQuery(null);
          }
        }}
      />
      {open && (
        <ul role="listbox" id={listId} className="graph-search-list" aria-label={`Matches for ${props.label}`}>
          {shown.length === 0 && <li role="option" aria-selected={false} aria-disabled="true" className="graph-search-none">No match</li>}
          {shown.map((o, i) => (
            <li
              key={o.key}
              id={`${id}-o${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="graph-search-title">{o.label}</span> <span className="graph-search-detail">{o.group}</span>
            </li>
          ))}
          {total > shown.length && <li role="option" aria-selected={false} aria-disabled="true" className="graph-search-none">{(total - shown.length).toLocaleString('en')} more: type more of the name</li>}
        </ul>
      )}
    </div>
  );
}

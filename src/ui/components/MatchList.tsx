// What a typed search shows and how it ranks: the graph search (GraphToolbar) and the ends chosen by
// typing (EndpointCombobox) find and list matches alike.

export interface Match {
  key: string;
  title: string;
  detail: string;
  /** Lower-case text the query is matched against. */
  haystack: string;
}

/** The first `max` options holding every word of `query`, names that start with its first word first; and how many hold them. */
export function rankMatches<T extends Match>(options: readonly T[], query: string, max: number): { shown: T[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { shown: options.slice(0, max), total: options.length };
  const hits = options.filter((o) => words.every((w) => o.haystack.includes(w)));
  const first = words[0]!;
  hits.sort((a, b) => Number(!a.title.toLowerCase().startsWith(first)) - Number(!b.title.toLowerCase().startsWith(first)));
  return { shown: hits.slice(0, max), total: hits.length };
}

/** Arrow Down and Up move the active match (within `count`); true when the key was one of them. */
export function moveActive(key: string, count: number, setActive: (next: (active: number) => number) => void): boolean {
  if (key === 'ArrowDown') setActive((a) => Math.min(a + 1, count - 1));
  else if (key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
  else return false;
  return true;
}

/** The listbox of a combobox: option ids are `${idPrefix}-o${i}` (for aria-activedescendant). */
export function MatchList<T extends Match>(props: {
  listId: string; idPrefix: string; label: string; shown: readonly T[]; total: number; active: number;
  setActive: (i: number) => void; onPick: (o: T) => void;
}) {
  const { shown, total, active } = props;
  return (
    <ul role="listbox" id={props.listId} className="graph-search-list" aria-label={props.label}>
      {shown.length === 0 && <li role="option" aria-selected={false} aria-disabled="true" className="graph-search-none">No match</li>}
      {shown.map((o, i) => (
        <li
          key={o.key}
          id={`${props.idPrefix}-o${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'is-active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            props.onPick(o);
          }}
          onMouseEnter={() => props.setActive(i)}
        >
          <span className="graph-search-title">{o.title}</span> <span className="graph-search-detail">{o.detail}</span>
        </li>
      ))}
      {total > shown.length && <li role="option" aria-selected={false} aria-disabled="true" className="graph-search-none">{(total - shown.length).toLocaleString('en')} more: type more of the name</li>}
    </ul>
  );
}

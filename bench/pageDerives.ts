// What the page derives per answer with an edge selected, as the page does it: the canvas, the
// Explain panel and the selection focus each run deriveShown with a memo of their own.
import { deriveMemo, type Derived } from '../src/ui/graph/derive.ts';
import { deriveShown, type Shown } from '../src/ui/scale/shown.ts';
import type { Selection } from '../src/ui/store.ts';

export function pageDerives(): (shown: Shown, selection: Selection) => Derived {
  const canvas = deriveMemo();
  const explain = deriveMemo();
  const focus = deriveMemo();
  return (shown, selection) => {
    const d = deriveShown(shown, {}, {}, selection, { showCuts: true }, undefined, canvas);
    if (selection) {
      deriveShown(shown, {}, {}, null, { showCuts: true }, undefined, explain);
      deriveShown(shown, {}, {}, null, { showCuts: true }, undefined, focus);
    }
    return d;
  };
}

// What the page derives per answer with an edge selected, as the page does it: the canvas, the
// Explain panel and the selection focus read one derive (src/ui/graph/shownDerive.ts), the canvas
// marks the selection on top.
import type { Derived } from '../src/ui/graph/derive.ts';
import { shownDeriver, withSelection } from '../src/ui/graph/shownDerive.ts';
import type { Shown } from '../src/ui/scale/shown.ts';
import type { Selection } from '../src/ui/store.ts';

const NONE = {};
const OPTIONS = { showCuts: true };

export function pageDerives(): (shown: Shown, selection: Selection) => Derived {
  const derive = shownDeriver();
  return (shown, selection) => {
    const d = withSelection(derive(shown, NONE, NONE, OPTIONS), selection);
    if (selection) {
      // The Explain panel and the selection focus: the same derive again.
      derive(shown, NONE, NONE, OPTIONS);
      derive(shown, NONE, NONE, OPTIONS);
    }
    return d;
  };
}

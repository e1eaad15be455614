// Reading a large design: overview grouped by a namespace label, focus on one node and its
// neighbours, search, filters, and the notices that say what a view leaves out.
export { arrangeFocus, arrangeOverview } from './arrange.ts';
export { deriveShown, isLarge, shownGraph, type Shown, type ShownMode } from './shown.ts';
export { filterGraph, filtersActive, focusGraph, groupGraph, groupingLabels, isGroupName, parsePortFilter, type GraphFilters } from './transform.ts';
export { resetScaleView, setFilters, setFocus, setOverview, useScaleView, type ScaleView } from './viewState.ts';
export { GraphToolbar } from './GraphToolbar.tsx';

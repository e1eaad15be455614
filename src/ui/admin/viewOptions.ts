// How the graph shows the cluster-scoped policies: a view choice, not part of the design (not
// saved, no undo), so it lives apart from the design store.
import { create } from 'zustand';
import type { DeriveOptions } from '../graph/derive.ts';

export const useGraphOptions = create<DeriveOptions>()(() => ({ showCuts: true }));

export function setShowCuts(showCuts: boolean): void {
  useGraphOptions.setState({ showCuts });
}

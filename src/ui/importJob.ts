// A large import in progress, for the progress bar and its Cancel button (src/ui/dialogs). Kept
// apart from the design store: progress ticks must not wake every subscriber of the design.
import { create } from 'zustand';
import type { FirstStep } from '../workers/firstProgress.ts';

export type ImportPhase = 'reading' | 'parsing' | 'analyzing';

export interface ImportJobState {
  /** `step`: while analyzing, the first analysis's step (src/workers/firstProgress.ts); `done` of `total` then counts percent. */
  active: { name: string; phase: ImportPhase; done: number; total: number; step?: FirstStep } | null;
  cancel: (() => void) | null;
}

export const useImportJob = create<ImportJobState>()(() => ({ active: null, cancel: null }));

export function cancelImport(): void {
  useImportJob.getState().cancel?.();
}

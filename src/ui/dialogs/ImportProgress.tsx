// The progress of a large import (src/ui/importLarge.ts) and its Cancel button: Cancel keeps the
// design on screen, whatever phase the import is in.
import { cancelImport, useImportJob, type ImportPhase } from '../importJob.ts';
import { FIRST_STEP_LABELS } from '../../workers/firstProgress.ts';

const PHASES: Record<ImportPhase, string> = {
  reading: 'Reading',
  parsing: 'Parsing',
  analyzing: 'Analyzing the design of',
};

export function ImportProgress() {
  const active = useImportJob((s) => s.active);
  const canCancel = useImportJob((s) => s.cancel !== null);
  if (!active) return null;
  // Analyzing without a step (an older worker message order) has no fraction: the bar is indeterminate.
  const measured = active.phase !== 'analyzing' || active.step !== undefined;
  const percent = !measured ? 100 : active.total > 0 ? Math.min(100, Math.round((100 * active.done) / active.total)) : 0;
  const label = `${PHASES[active.phase]} ${active.name}`;
  const step = active.step ? `, ${FIRST_STEP_LABELS[active.step]}` : '';
  return (
    <div className="import-progress" role="group" aria-label="Import progress">
      <p className="import-progress-label" aria-live="polite">
        {label}
        {step}
        {measured ? `: ${percent}%` : '…'}
      </p>
      <progress max={100} value={measured ? percent : undefined} aria-label={`Import: ${label}`} />
      <button type="button" onClick={cancelImport} disabled={!canCancel}>
        Cancel import
      </button>
    </div>
  );
}

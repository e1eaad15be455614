// The progress of a large import (src/ui/importLarge.ts) and its Cancel button: Cancel keeps the
// design on screen, whatever phase the import is in.
import { cancelImport, useImportJob, type ImportPhase } from '../importJob.ts';

const PHASES: Record<ImportPhase, string> = {
  reading: 'Reading',
  parsing: 'Parsing',
  analyzing: 'Analyzing the design of',
};

export function ImportProgress() {
  const active = useImportJob((s) => s.active);
  const canCancel = useImportJob((s) => s.cancel !== null);
  if (!active) return null;
  const percent = active.phase === 'analyzing' ? 100 : active.total > 0 ? Math.min(100, Math.round((100 * active.done) / active.total)) : 0;
  const label = `${PHASES[active.phase]} ${active.name}`;
  return (
    <div className="import-progress" role="group" aria-label="Import progress">
      <p className="import-progress-label" aria-live="polite">
        {label}
        {active.phase === 'analyzing' ? '…' : `: ${percent}%`}
      </p>
      <progress max={100} value={active.phase === 'analyzing' ? undefined : percent} aria-label={`Import: ${label}`} />
      <button type="button" onClick={cancelImport} disabled={!canCancel}>
        Cancel import
      </button>
    </div>
  );
}

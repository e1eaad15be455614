import { useShallow } from 'zustand/react/shallow';
import { copyYaml, downloadYaml } from '../actions.ts';
import { openDialog, redo, setTheme, toggleYaml, undo, useStore } from '../store.ts';
import { autoLayout } from '../graph/layout.ts';
import { openFindings, useFindings, useFindingsFreshness } from '../review/findingsStore.ts';
import { findingsSummary } from '../review/findingsView.ts';
import { startPresentation, stopPresentation, usePresentation } from '../demo/presentation.ts';
import { openExportDialog } from '../export/ExportDialog.tsx';

/** Steps through the design's story on the graph, for a meeting. */
function PresentButton() {
  const status = usePresentation((s) => s.status);
  return (
    <button
      type="button"
      className="present-button"
      aria-pressed={status === 'on'}
      disabled={status === 'loading'}
      title="Step through the design's story: all open, then each kind of policy switched on (Esc ends)"
      onClick={() => (status === 'on' ? stopPresentation() : void startPresentation())}
    >
      {status === 'loading' ? 'Preparing…' : 'Present'}
    </button>
  );
}

/** The review's count; opens the Findings tab. */
function FindingsCount() {
  const findings = useFindings((s) => s.findings);
  const freshness = useFindingsFreshness();
  if (findings === null) return null;
  const { text, label } = findingsSummary(findings);
  // Findings are sorted most severe first.
  const worst = findings[0]?.severity ?? 'none';
  const note = freshness === 'invalid' ? ' (the YAML has errors: these are of its last valid version)' : '';
  return (
    <button
      type="button"
      className={`findings-count${freshness === 'invalid' ? ' is-stale' : ''}`}
      aria-label={label}
      title={`Open the findings${note}`}
      onClick={openFindings}
    >
      <span className={`severity-dot severity-dot-${worst}`} aria-hidden="true" />
      {text}
    </button>
  );
}

export function Header() {
  const { canUndo, canRedo, theme, busy, showYaml, undoDropped } = useStore(
    useShallow((s) => ({ canUndo: s.past.length > 0, canRedo: s.future.length > 0, theme: s.theme, busy: s.busy, showYaml: s.showYaml, undoDropped: s.undoDropped })),
  );
  return (
    <header className="app-header">
      <h1>
        netpol<span>designer</span>
      </h1>
      <FindingsCount />
      <nav className="toolbar" aria-label="Design">
        <button type="button" onClick={() => openDialog('samples')}>Samples…</button>
        <button type="button" onClick={() => openDialog('import')}>Import…</button>
        <button type="button" onClick={downloadYaml}>Download YAML</button>
        <button type="button" onClick={openExportDialog} title="Download the policies only, or one namespace">Download…</button>
        <button type="button" onClick={() => void copyYaml()}>Copy YAML</button>
        <button type="button" onClick={() => openDialog('share')}>Share link…</button>
        <span className="sep" aria-hidden="true" />
        <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z" title={undoDropped > 0 ? `Undo (Ctrl+Z). The ${undoDropped} oldest steps were dropped to keep memory bounded.` : 'Undo (Ctrl+Z)'}>Undo</button>
        <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z" title="Redo (Shift+Ctrl+Z)">Redo</button>
        <span className="sep" aria-hidden="true" />
        <button type="button" onClick={() => void autoLayout()}>Auto-layout</button>
        <PresentButton />
        <button type="button" onClick={() => openDialog('confirmNew')}>New design</button>
        <button type="button" role="switch" aria-checked={showYaml} onClick={toggleYaml}>
          YAML panel
        </button>
        <button
          type="button"
          role="switch"
          aria-checked={theme === 'dark'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          Dark theme
        </button>
      </nav>
      <span className={`busy${busy ? ' is-busy' : ''}`} role="status" aria-live="polite">
        {busy ? 'Analyzing…' : ''}
      </span>
    </header>
  );
}

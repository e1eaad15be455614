import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDiagnostic, useStore } from '../store.ts';
import { revealLine } from '../editorBridge.ts';

const YamlEditor = lazy(() => import('../../editor/YamlEditor.tsx'));

function ProblemsList() {
  const { diagnostics, textValid } = useStore(useShallow((s) => ({ diagnostics: s.diagnostics, textValid: s.textValid })));
  return (
    <section className="problems" aria-label="Problems">
      <h2 className="problems-title">
        Problems <span className="count">{diagnostics.length}</span>
        {!textValid && <span className="stale"> · YAML invalid: the graph shows the last valid design</span>}
      </h2>
      {diagnostics.length > 0 && (
        <ul>
          {diagnostics.slice(0, 200).map((d, i) => (
            <li key={i} className={`problem sev-${d.severity}`}>
              <button type="button" className="link" onClick={() => d.line !== undefined && revealLine(d.line, d.col ?? 1)}>
                <span className="sev">{d.severity}</span> {formatDiagnostic(d)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function EditorPanel() {
  // Monaco is big: it loads after the graph has painted, when the browser is idle.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const idle = (cb: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 1500 }) : setTimeout(cb, 200));
    idle(() => setReady(true));
  }, []);
  return (
    <section className="editor-panel" aria-label="YAML manifests">
      <div className="editor-host nokey">
        {ready ? (
          <Suspense fallback={<p className="editor-loading">Loading the editor…</p>}>
            <YamlEditor />
          </Suspense>
        ) : (
          <p className="editor-loading">Loading the editor…</p>
        )}
      </div>
      <ProblemsList />
    </section>
  );
}

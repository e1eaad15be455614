import { lazy, Suspense, useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDiagnostic, setYamlWidth, useStore, YAML_MIN_WIDTH } from '../store.ts';
import { revealLine } from '../editorBridge.ts';
import { whenGraphPainted } from '../perf.ts';
import { EDITOR_KEYS_HINT_ID } from '../../editor/keysHint.ts';

const YamlEditor = lazy(() => import('../../editor/YamlEditor.tsx'));

function ProblemsList() {
  const { diagnostics, textValid, heldFile } = useStore(useShallow((s) => ({ diagnostics: s.diagnostics, textValid: s.textValid, heldFile: s.held?.file })));
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
              {heldFile !== undefined && d.file === heldFile ? (
                // About an object held apart from the editor (a large import): its line is in that file.
                <span className="link">
                  <span className="sev">{d.severity}</span> {d.file}:{d.line ?? 1}: {d.message}
                </span>
              ) : (
                <button type="button" className="link" onClick={() => d.line !== undefined && revealLine(d.line, d.col ?? 1)}>
                  <span className="sev">{d.severity}</span> {formatDiagnostic(d)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The bar between the graph and the YAML panel: drag it, or focus it and use the arrow keys. */
function Splitter() {
  const width = useStore((s) => s.yamlWidth);
  const panelWidth = () => document.querySelector<HTMLElement>('.editor-panel')?.getBoundingClientRect().width ?? 400;
  const maxWidth = () => Math.max(YAML_MIN_WIDTH, window.innerWidth - 360 - (document.querySelector<HTMLElement>('.side')?.getBoundingClientRect().width ?? 0));
  const clamp = (w: number) => Math.min(maxWidth(), Math.max(YAML_MIN_WIDTH, w));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = panelWidth();
    const move = (ev: globalThis.PointerEvent) => setYamlWidth(clamp(startWidth + (startX - ev.clientX)));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 120 : 40;
    if (e.key === 'ArrowLeft') setYamlWidth(clamp(panelWidth() + step));
    else if (e.key === 'ArrowRight') setYamlWidth(clamp(panelWidth() - step));
    else if (e.key === 'Home') setYamlWidth(null);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the YAML panel (arrow keys; Home resets)"
      aria-valuenow={width ?? undefined}
      aria-valuemin={YAML_MIN_WIDTH}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setYamlWidth(null)}
    />
  );
}

export function EditorPanel() {
  // Monaco is big (4 MB): it loads once the graph has painted and the browser is idle, so parsing it
  // never delays the first picture of the design.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const idle = (cb: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 1000 }) : setTimeout(cb, 200));
    void whenGraphPainted(4000).then(() => idle(() => live && setReady(true)));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="editor-panel" aria-label="YAML manifests">
      <Splitter />
      <div className="editor-host nokey">
        {ready ? (
          <Suspense fallback={<p className="editor-loading">Loading the editor…</p>}>
            <YamlEditor />
          </Suspense>
        ) : (
          <p className="editor-loading">Loading the editor…</p>
        )}
      </div>
      {/* Tab indents in the editor; this is the way out. The editor's input is described by it. */}
      <p id={EDITOR_KEYS_HINT_ID} className="editor-keys-hint">
        <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor
      </p>
      <ProblemsList />
    </section>
  );
}

import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Header } from './components/Header.tsx';
import { SidePanel } from './components/SidePanel.tsx';
import { EditorPanel } from './components/EditorPanel.tsx';
import { NoticeBar } from './components/NoticeBar.tsx';
import { Legend } from './components/Legend.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { Dialogs } from './dialogs/Dialogs.tsx';
import { FlowDialog } from './dialogs/FlowDialog.tsx';
import { openDialog, redo, setCanvasView, undo, useStore, type CanvasView } from './store.ts';
import { MatrixView } from './views/MatrixView.tsx';
import { GraphToolbar } from './scale/index.ts';
import { canvasTab } from './graph/tabBridge.ts';
import { importFile } from './actions.ts';
import { PresentationBar } from './demo/PresentationBar.tsx';
import { usePresentation } from './demo/presentation.ts';
import { SAMPLES } from './core.ts';
import { CanvasEditing } from './create/CanvasEditing.tsx';
import { CreateDialogs } from './create/CreateDialogs.tsx';
import { openForm } from './create/createState.ts';
import { ExportDialog } from './export/ExportDialog.tsx';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null;
}

function Welcome() {
  const empty = useStore((s) => s.objects.length === 0 && s.analysis !== null);
  if (!empty) return null;
  return (
    <div className="welcome-veil">
      <div className="welcome" role="note">
        <h2>Design NetworkPolicies by drawing</h2>
        <p>Start from a sample, import manifests (or drop a file here), add namespaces and workloads here, or write YAML on the right.</p>
        <div className="welcome-actions">
          <button type="button" className="primary" onClick={() => openDialog('samples')}>
            Browse {SAMPLES.length > 0 ? `${SAMPLES.length} ` : ''}samples
          </button>
          <button type="button" onClick={() => openDialog('import')}>
            Import manifests
          </button>
          <button type="button" onClick={() => openForm({ kind: 'namespace' })}>
            Start from a blank canvas: add a namespace
          </button>
        </div>
      </div>
    </div>
  );
}

const CANVAS_VIEWS: { id: CanvasView; title: string }[] = [
  { id: 'graph', title: 'Graph' },
  { id: 'matrix', title: 'Matrix' },
];

/** The main area: the graph, or the reachability matrix of the same design. */
function CanvasArea({ onConnectFlow }: { onConnectFlow: (from: string, to: string) => void }) {
  const view = useStore((s) => s.canvasView);
  const presenting = usePresentation((s) => s.status === 'on');
  return (
    <section className="canvas" aria-label={view === 'graph' ? 'Graph' : 'Matrix'} onKeyDown={canvasTab}>
      {presenting && <PresentationBar />}
      {!presenting && <div role="radiogroup" aria-label="Main view" className="view-switch">
        {CANVAS_VIEWS.map((v) => (
          <button key={v.id} type="button" role="radio" aria-checked={view === v.id} onClick={() => setCanvasView(v.id)}>
            {v.title}
          </button>
        ))}
      </div>}
      {view === 'graph' ? (
        <>
          <Legend />
          {!presenting && <GraphToolbar />}
          <CanvasEditing enabled={!presenting}>
            <div className="canvas-flow">
              <GraphView onConnectFlow={onConnectFlow} />
              {!presenting && <Welcome />}
            </div>
          </CanvasEditing>
        </>
      ) : (
        <MatrixView />
      )}
    </section>
  );
}

/** Where Tab's first stop can jump to, past the header and the side panel (shown on focus only). */
function SkipLinks() {
  /** Focuses the first element of the first selector that matches any. */
  const focusFirst = (...selectors: string[]) => {
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  };
  return (
    <div className="skip-links">
      <button type="button" onClick={() => focusFirst('.react-flow__node-workload', '.react-flow__node', '.canvas .view-switch button')}>
        Skip to the graph
      </button>
      {/* The paths come before the nodes in the Tab order: this jumps straight to them. */}
      <button type="button" onClick={() => focusFirst('.react-flow__edge[tabindex="0"]', '.react-flow__edge')}>
        Skip to the paths
      </button>
      <button type="button" onClick={() => focusFirst('.monaco-editor .native-edit-context', '.monaco-editor textarea')}>
        Skip to the YAML
      </button>
    </div>
  );
}

export function App() {
  const theme = useStore((s) => s.theme);
  const { showYaml, sideCollapsed, yamlWidth } = useStore(useShallow((s) => ({ showYaml: s.showYaml, sideCollapsed: s.sideCollapsed, yamlWidth: s.yamlWidth })));
  const [dragging, setDragging] = useState(false);
  const presenting = usePresentation((s) => s.status === 'on');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (isEditable(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const onConnectFlow = useCallback((from: string, to: string) => {
    openDialog('flow', { from, to, ports: 'TCP 80' });
  }, []);

  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void importFile(file, false);
  };

  return (
    <div
      className={`app${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <SkipLinks />
      <Header />
      {!presenting && <NoticeBar />}
      <main
        className={`workspace${showYaml ? '' : ' no-yaml'}${sideCollapsed ? ' side-collapsed' : ''}${presenting ? ' presenting' : ''}`}
        // Presenting gives the whole width to the graph; the panels stay mounted (and keep their state).
        style={{ gridTemplateColumns: presenting ? '0 minmax(320px, 1fr) 0' : `${sideCollapsed ? 'var(--side-collapsed-w)' : 'var(--side-w)'} minmax(320px, 1fr) ${showYaml ? (yamlWidth !== null ? `min(${yamlWidth}px, calc(100vw - var(--side-w) - 360px))` : 'var(--yaml-w)') : '0'}` }}
      >
        <SidePanel />
        <CanvasArea onConnectFlow={onConnectFlow} />
        <EditorPanel />
      </main>
      <Dialogs />
      <FlowDialog />
      <CreateDialogs />
      <ExportDialog />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a YAML or JSON file to import it
        </div>
      )}
    </div>
  );
}

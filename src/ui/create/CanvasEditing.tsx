// Editing the design on the canvas: the Create toolbar, a context menu on the graph (right click,
// Shift+F10 or the Menu key), single-key shortcuts while the graph has focus, and the inspector
// of the selected namespace or workload (labels, ports, replicas inline; rename, duplicate, delete).
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { select, useStore, type XY } from '../store.ts';
import {
  duplicateWorkload, formatLabels, formatPorts, namespaceLabels, parseLabels, parsePorts, setNamespaceLabels, setWorkloadLabels, setWorkloadPorts,
  setWorkloadReplicas, workloadFields, type CanvasTarget,
} from '../../design/canvas/index.ts';
import './create.css';
import { SelectionFocus } from '../focus/SelectionFocus.tsx';
import { installRevealNew } from './revealNew.ts';
import { applyToDesign, openForm, targetOfNode, targetText, workloadNodeId, type CreateForm } from './createState.ts';

const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null);
}

/** The point of the flow (graph coordinates) under a point of the page. */
function flowPoint(clientX: number, clientY: number): XY | undefined {
  const pane = document.querySelector<HTMLElement>('.react-flow');
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!pane || !viewport) return undefined;
  const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const box = pane.getBoundingClientRect();
  return { x: Math.round((clientX - box.left - m.e) / m.a), y: Math.round((clientY - box.top - m.f) / m.d) };
}

interface MenuItem {
  label: string;
  keys?: string;
  run: () => void;
}

function itemsFor(target: CanvasTarget | undefined, at: XY | undefined): MenuItem[] {
  const add: MenuItem[] = [
    { label: 'Add namespace…', keys: 'N', run: () => openForm({ kind: 'namespace', ...(at ? { at } : {}) }) },
    { label: 'Add workload…', keys: 'W', run: () => openForm({ kind: 'workload', ...(target ? { namespace: target.kind === 'namespace' ? target.name : target.namespace } : {}) }) },
    { label: 'Add Service…', keys: 'S', run: () => openForm({ kind: 'service', ...(target ? { namespace: target.kind === 'namespace' ? target.name : target.namespace } : {}), ...(target?.kind === 'workload' ? { workload: target.name } : {}) }) },
  ];
  if (!target) return add;
  const edit: MenuItem[] = [
    { label: 'Rename…', keys: 'F2', run: () => openForm({ kind: 'rename', target }) },
    ...(target.kind === 'workload' ? [{ label: 'Duplicate', keys: 'D', run: () => duplicate(target) }] : []),
    { label: 'Delete…', keys: 'Delete', run: () => openForm({ kind: 'delete', target }) },
  ];
  return [...add.slice(1), ...edit];
}

function duplicate(target: Extract<CanvasTarget, { kind: 'workload' }>): void {
  let made = '';
  applyToDesign((o) => {
    const r = duplicateWorkload(o, target);
    made = r.name;
    return r.objects;
  });
  if (made) select({ kind: 'node', id: workloadNodeId(target.namespace, made) });
}

function ContextMenu({ at, items, onClose }: { at: { left: number; top: number }; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);
  // Inside the canvas: a menu opened near its bottom or right edge moves up or left to fit.
  useLayoutEffect(() => {
    const menu = ref.current;
    const host = menu?.parentElement;
    if (!menu || !host) return;
    const left = Math.max(4, Math.min(at.left, host.clientWidth - menu.offsetWidth - 4));
    const top = Math.max(4, Math.min(at.top, host.clientHeight - menu.offsetHeight - 4));
    if (left !== at.left || top !== at.top) setPlace({ left, top });
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);
  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') buttons[(i + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp') buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
    else if (e.key === 'Home') buttons[0]?.focus();
    else if (e.key === 'End') buttons.at(-1)?.focus();
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label="Edit the design" style={place} onKeyDown={onKeyDown} onBlur={(e) => !ref.current?.contains(e.relatedTarget as Node | null) && onClose()}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          <span>{item.label}</span>
          {item.keys && <kbd aria-hidden="true">{item.keys}</kbd>}
        </button>
      ))}
    </div>
  );
}

/** An inline field of the inspector: Enter or its button applies, Escape puts the value back. */
function InlineField({ label, value, apply, hint, short }: { label: string; value: string; apply: (text: string) => string | undefined; hint: string; short?: boolean }) {
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    setText(value);
    setProblem(undefined);
  }, [value]);
  const commit = () => {
    if (text === value) return;
    setProblem(apply(text));
  };
  return (
    <div className={`inline-field${short ? ' is-short' : ''}`}>
      <label>
        {label}
        <input
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== undefined}
          title={hint}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape' && text !== value) {
              e.preventDefault();
              e.stopPropagation();
              setText(value);
              setProblem(undefined);
            }
          }}
        />
      </label>
      <button type="button" disabled={text === value} onClick={commit} aria-label={`Apply ${label.toLowerCase()}`}>
        Apply
      </button>
      {problem && <p className="error-text" role="alert">{problem}</p>}
    </div>
  );
}

const fail = (problems: string[]) => problems.join(' ');

function Inspector({ target }: { target: CanvasTarget }) {
  const objects = useStore((s) => s.objects);
  if (target.kind === 'namespace') {
    const labels = Object.fromEntries(Object.entries(namespaceLabels(objects, target.name)).filter(([k]) => k !== NS_NAME_LABEL));
    return (
      <section className="inspector" aria-label={`Edit namespace ${target.name}`}>
        <h2>Namespace {target.name}</h2>
        <InlineField label="Labels" value={formatLabels(labels)} hint="key=value, separated by commas" apply={(t) => {
          const p = parseLabels(t);
          return p.ok ? applyToDesign((o) => setNamespaceLabels(o, target.name, p.value)) : fail(p.problems);
        }} />
        <div className="inspector-actions">
          <button type="button" onClick={() => openForm({ kind: 'workload', namespace: target.name })}>Add workload…</button>
          <button type="button" onClick={() => openForm({ kind: 'rename', target })}>Rename…</button>
          <button type="button" onClick={() => openForm({ kind: 'delete', target })}>Delete…</button>
        </div>
      </section>
    );
  }
  const fields = workloadFields(objects, target);
  if (!fields) return null;
  const hasReplicas = fields.kind === 'Deployment' || fields.kind === 'StatefulSet' || fields.kind === 'ReplicaSet';
  return (
    <section className="inspector" aria-label={`Edit ${targetText(target)}`}>
      <h2>
        {fields.kind} {target.name} <span className="muted">in {target.namespace}</span>
      </h2>
      <InlineField label="Labels" value={formatLabels(fields.labels)} hint="The pods' labels: key=value, separated by commas" apply={(t) => {
        const p = parseLabels(t);
        return p.ok ? applyToDesign((o) => setWorkloadLabels(o, target, p.value)) : fail(p.problems);
      }} />
      <InlineField label="Ports" value={formatPorts(fields.ports)} hint={`name=port/PROTOCOL${fields.containers > 1 ? ' (the first container\'s)' : ''}`} apply={(t) => {
        const p = parsePorts(t);
        return p.ok ? applyToDesign((o) => setWorkloadPorts(o, target, p.value)) : fail(p.problems);
      }} />
      {hasReplicas && (
        <InlineField short label="Replicas" value={String(fields.replicas ?? 1)} hint="How many pods" apply={(t) => applyToDesign((o) => setWorkloadReplicas(o, target, Number(t.trim() === '' ? NaN : t)))} />
      )}
      <div className="inspector-actions">
        <button type="button" onClick={() => openForm({ kind: 'service', namespace: target.namespace, workload: target.name })}>Add Service…</button>
        <button type="button" onClick={() => openForm({ kind: 'rename', target })}>Rename…</button>
        <button type="button" onClick={() => duplicate(target)}>Duplicate</button>
        <button type="button" onClick={() => openForm({ kind: 'delete', target })}>Delete…</button>
      </div>
    </section>
  );
}

/** The Create toolbar, shown above the graph. */
function CreateToolbar({ target }: { target: CanvasTarget | undefined }) {
  const ns = target ? (target.kind === 'namespace' ? target.name : target.namespace) : undefined;
  const open = (form: CreateForm) => openForm(form);
  return (
    <div role="toolbar" aria-label="Create" className="create-toolbar">
      <button type="button" aria-keyshortcuts="N" title="Add a namespace (N)" onClick={() => open({ kind: 'namespace' })}>+ Namespace</button>
      <button type="button" aria-keyshortcuts="W" title="Add a workload (W)" onClick={() => open({ kind: 'workload', ...(ns ? { namespace: ns } : {}) })}>+ Workload</button>
      <button type="button" aria-keyshortcuts="S" title="Add a Service (S)" onClick={() => open({ kind: 'service', ...(ns ? { namespace: ns } : {}), ...(target?.kind === 'workload' ? { workload: target.name } : {}) })}>+ Service</button>
    </div>
  );
}

/** Wraps the graph: the toolbar, the inspector, the context menu and the keyboard shortcuts. */
export function CanvasEditing({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const { selection, hasDesign } = useStore(useShallow((s) => ({ selection: s.selection, hasDesign: s.analysis !== null })));
  const target = useMemo(() => (selection?.kind === 'node' ? targetOfNode(selection.id) : undefined), [selection]);
  const [menu, setMenu] = useState<{ at: { left: number; top: number }; items: MenuItem[]; back: HTMLElement | null } | null>(null);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => installRevealNew(), []);

  const onContextMenu = (e: MouseEvent) => {
    // The graph, or the welcome over an empty one; not the toolbar, the inspector or a menu.
    if (!enabled || isEditable(e.target) || !(e.target instanceof Element) || !e.target.closest('.canvas-flow') || e.target.closest('.react-flow__controls, .react-flow__minimap')) return;
    e.preventDefault();
    const nodeEl = e.target.closest<HTMLElement>('.react-flow__node');
    const nodeTarget = targetOfNode(nodeEl?.dataset['id']);
    if (nodeEl?.dataset['id']) select({ kind: 'node', id: nodeEl.dataset['id'] });
    const box = host.current?.getBoundingClientRect();
    // Opened from the keyboard (Shift+F10, Menu key) the event has no pointer: use the node's corner.
    const fromKeys = e.clientX === 0 && e.clientY === 0;
    const anchor = fromKeys && nodeEl ? nodeEl.getBoundingClientRect() : undefined;
    const x = anchor ? anchor.left + 12 : e.clientX;
    const y = anchor ? anchor.top + 12 : e.clientY;
    const at = nodeTarget ? undefined : flowPoint(x, y);
    setMenu({ at: { left: x - (box?.left ?? 0), top: y - (box?.top ?? 0) }, items: itemsFor(nodeTarget, at), back: nodeEl ?? (document.activeElement as HTMLElement | null) });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!enabled || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target) || !(e.target instanceof Element) || !e.target.closest('.react-flow')) return;
    const key = e.key;
    let form: CreateForm | undefined;
    const ns = target ? (target.kind === 'namespace' ? target.name : target.namespace) : undefined;
    if (key === 'n' || key === 'N') form = { kind: 'namespace' };
    else if (key === 'w' || key === 'W') form = { kind: 'workload', ...(ns ? { namespace: ns } : {}) };
    else if (key === 's' || key === 'S') form = { kind: 'service', ...(ns ? { namespace: ns } : {}), ...(target?.kind === 'workload' ? { workload: target.name } : {}) };
    else if (key === 'F2' && target) form = { kind: 'rename', target };
    else if ((key === 'Delete' || key === 'Backspace') && target) form = { kind: 'delete', target };
    else if ((key === 'd' || key === 'D') && target?.kind === 'workload') {
      e.preventDefault();
      duplicate(target);
      return;
    }
    if (!form) return;
    e.preventDefault();
    openForm(form);
  };

  return (
    <div ref={host} className={`canvas-editing${enabled && selection ? ' has-focus' : ''}`} onContextMenu={onContextMenu} onKeyDown={onKeyDown}>
      {enabled && <SelectionFocus />}
      {enabled && hasDesign && <CreateToolbar target={target} />}
      {children}
      {enabled && target && <Inspector key={`${target.kind}:${target.kind === 'workload' ? target.namespace : ''}/${target.name}`} target={target} />}
      {menu && (
        <ContextMenu
          at={menu.at}
          items={menu.items}
          onClose={() => {
            const back = menu.back;
            setMenu(null);
            if (back?.isConnected && !document.querySelector('dialog[open]')) back.focus();
          }}
        />
      )}
    </div>
  );
}

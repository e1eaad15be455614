// Which canvas-editing form is open, and the one way the forms change the design: a pure action of
// src/design/canvas on the objects of record, committed as one undo step (or its error, to show).
import { create } from 'zustand';
import type { CanvasTarget, CreatableKind } from '../../design/canvas/index.ts';
import { commitObjects, select, useStore, type XY } from '../store.ts';
import type { KubeObject } from '../core.ts';

export type CreateForm =
  | { kind: 'namespace'; at?: XY }
  | { kind: 'workload'; namespace?: string; workloadKind?: CreatableKind }
  | { kind: 'service'; namespace?: string; workload?: string }
  | { kind: 'rename'; target: CanvasTarget }
  | { kind: 'delete'; target: CanvasTarget };

interface CreateState {
  form: CreateForm | null;
  /** Where focus goes back to when the form closes (the node or button that opened it). */
  returnFocus: HTMLElement | null;
}

export const useCreate = create<CreateState>()(() => ({ form: null, returnFocus: null }));

export function openForm(form: CreateForm | null): void {
  const active = document.activeElement;
  useCreate.setState(form ? { form, returnFocus: active instanceof HTMLElement ? active : null } : { form: null });
}

export function closeForm(): void {
  const back = useCreate.getState().returnFocus;
  useCreate.setState({ form: null, returnFocus: null });
  if (back?.isConnected) requestAnimationFrame(() => back.focus());
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Applies an action to the design of record. Returns the problem when the action refused (the
 * design is unchanged), else undefined after committing (one undo step; the YAML follows).
 */
export function applyToDesign(action: (objects: KubeObject[]) => KubeObject[], selectAfter?: string): string | undefined {
  let next: KubeObject[];
  try {
    next = action(useStore.getState().objects);
  } catch (error) {
    return message(error);
  }
  commitObjects(next);
  if (selectAfter) select({ kind: 'node', id: selectAfter });
  return undefined;
}

export const workloadNodeId = (namespace: string, name: string) => `wl:${namespace}/${name}`;
export const namespaceNodeId = (name: string) => `ns:${name}`;

/** What a graph node id stands for, when the canvas can edit it. */
export function targetOfNode(id: string | undefined): CanvasTarget | undefined {
  if (!id) return undefined;
  // A group of namespaces in the overview (`team=payments`, src/ui/scale) is no namespace to edit:
  // a namespace name never holds `=` (a DNS label).
  if (id.startsWith('ns:')) return id.includes('=') ? undefined : { kind: 'namespace', name: id.slice(3) };
  if (id.startsWith('wl:')) {
    const rest = id.slice(3);
    const slash = rest.indexOf('/');
    if (slash > 0) return { kind: 'workload', namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  }
  return undefined;
}

export const targetText = (t: CanvasTarget) => (t.kind === 'namespace' ? `namespace ${t.name}` : `${t.namespace}/${t.name}`);

/** The boxes (graph coordinates) of the top-level nodes on the canvas, read from the page. */
function topLevelBoxes(): { x: number; y: number; w: number; h: number }[] {
  const pane = document.querySelector<HTMLElement>('.react-flow');
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!pane || !viewport) return [];
  const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const box = pane.getBoundingClientRect();
  const boxes: { x: number; y: number; w: number; h: number }[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const id = el.dataset['id'] ?? '';
    if (id.startsWith('wl:')) continue; // inside a namespace
    const r = el.getBoundingClientRect();
    boxes.push({ x: (r.left - box.left - m.e) / m.a, y: (r.top - box.top - m.f) / m.d, w: r.width / m.a, h: r.height / m.d });
  }
  return boxes;
}

/**
 * Where a new namespace goes: the point asked for when nothing is there (a namespace is about
 * 240 x 120), else right of everything, level with the top. The view refits to show it.
 */
export function freeSpot(preferred?: XY): XY {
  const boxes = topLevelBoxes();
  const W = 240;
  const H = 120;
  if (preferred && !boxes.some((b) => preferred.x < b.x + b.w + 20 && preferred.x + W + 20 > b.x && preferred.y < b.y + b.h + 20 && preferred.y + H + 20 > b.y)) return preferred;
  if (boxes.length === 0) return preferred ?? { x: 0, y: 0 };
  return { x: Math.round(Math.max(...boxes.map((b) => b.x + b.w)) + 60), y: Math.round(Math.min(...boxes.map((b) => b.y))) };
}

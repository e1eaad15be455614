// The Tab order past the graph. The side panel (where a selected path is explained) sits left of
// the canvas, the YAML editor right of it; in document order Tab would leave the graph straight
// into Monaco, where Tab indents. Instead, Tab from the canvas's last control goes on to the side
// panel's open tab (the paths of the selection, Explain), and Tab from that panel's last control
// then goes on to the editor; Shift+Tab from the panel's first control goes back to the graph. Entered any other way (from the
// header), the side panel keeps its ordinary order into the canvas.
import type { KeyboardEvent } from 'react';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const EDITOR_INPUT = '.monaco-editor .native-edit-context, .monaco-editor textarea';

function tabbables(root: Element | null): HTMLElement[] {
  if (!root) return [];
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert], [aria-hidden="true"]'));
}

const sidePanel = () => document.querySelector('.side:not(.is-collapsed) [role="tabpanel"]');
const canvas = () => document.querySelector('section.canvas');

/** Set while the keyboard walks graph -> side panel, so the panel's end leads on to the editor. */
let fromGraph = false;

function move(e: KeyboardEvent, to: HTMLElement | null | undefined): boolean {
  if (!to) return false;
  e.preventDefault();
  to.focus();
  return true;
}

/** On the canvas section: Tab past its last control goes to the side panel's open tab. */
export function canvasTab(e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
  const list = tabbables(e.currentTarget);
  if (list.length === 0 || list[list.length - 1] !== document.activeElement) return;
  if (move(e, tabbables(sidePanel())[0])) fromGraph = true;
}

/** On the side panel: reached from the graph, its end leads to the editor, its start back to the graph. */
export function sideTab(e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
  const list = tabbables(sidePanel());
  const at = document.activeElement;
  if (!fromGraph || !at || !list.includes(at as HTMLElement)) {
    fromGraph = false;
    return;
  }
  if (!e.shiftKey && at === list[list.length - 1]) {
    fromGraph = false;
    move(e, document.querySelector<HTMLElement>(EDITOR_INPUT));
  } else if (e.shiftKey && at === list[0]) {
    fromGraph = false;
    const back = tabbables(canvas());
    move(e, back[back.length - 1]);
  }
}

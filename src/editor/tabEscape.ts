// A way out of the YAML editor for keyboard users. Tab indents (YAML authors expect it), so on its
// own it would trap focus in the editor forever. Escape, when Monaco has no popup to close with it
// (suggestions, find, parameter hints, rename), arms the way out: the next Tab moves focus to the
// next focusable element after the editor, Shift+Tab to the one before it, and neither inserts
// anything. Any other key, a click or leaving the editor disarms it. Monaco's own Ctrl+M (Tab moves
// focus) is untouched.
import type * as Monaco from 'monaco-editor/editor';
import { EDITOR_KEYS_HINT_ID } from './keysHint.ts';

/** Popups Monaco closes with Escape: an Escape pressed while one is open is Monaco's, not ours. */
const POPUPS = ['.suggest-widget.visible', '.find-widget.visible', '.parameter-hints-widget.visible', '.rename-box'].join(', ');

/** Keys that are only held down on the way to a chord (Shift for Shift+Tab): they don't disarm. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'Fn', 'CapsLock', 'NumLock', 'ScrollLock']);

const CANDIDATES = [
  'a[href]', 'area[href]', 'button', 'input', 'select', 'textarea', 'iframe', 'summary',
  'audio[controls]', 'video[controls]', '[contenteditable]', '[tabindex]',
].join(', ');

function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert], [hidden]')) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  if (el.getClientRects().length === 0) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

/** Focuses the next (or previous) focusable element outside `outside` in document order, wrapping around. */
export function focusBeyond(outside: HTMLElement, direction: 1 | -1): HTMLElement | undefined {
  const all = [...outside.ownerDocument.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => !outside.contains(el) && isTabbable(el));
  const after = (el: HTMLElement) => (outside.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = direction === 1 ? (all.find(after) ?? all[0]) : (all.findLast((el) => !after(el)) ?? all.at(-1));
  if (target) target.focus();
  else if (outside.ownerDocument.activeElement instanceof HTMLElement) outside.ownerDocument.activeElement.blur();
  return target;
}

/** Points the editor's text input (native EditContext div or textarea) at the hint for screen readers. */
function describeInput(host: HTMLElement): void {
  for (const input of host.querySelectorAll<HTMLElement>('.native-edit-context, textarea.inputarea')) {
    if (input.getAttribute('aria-describedby') !== EDITOR_KEYS_HINT_ID) input.setAttribute('aria-describedby', EDITOR_KEYS_HINT_ID);
  }
}

/**
 * Installs the Escape-then-Tab way out on an editor created in `host` (its container element).
 * `host` needs a parent: an Escape that reaches it was used by nothing in Monaco.
 */
export function installTabEscape(editor: Monaco.editor.ICodeEditor, host: HTMLElement): Monaco.IDisposable {
  let armed = false;
  const parent = host.parentElement;

  // Capture phase on the editor's container: runs before Monaco's own key handling (its text input
  // and its keybinding dispatcher), so a Tab it takes never reaches Monaco.
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'Tab' && armed && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      armed = false;
      focusBeyond(host, e.shiftKey ? -1 : 1);
      return;
    }
    if (MODIFIERS.has(e.key)) return;
    // Escape arms unless it is about to close one of Monaco's popups. Monaco also uses Escape to
    // collapse a selection or leave a snippet; those keep the text as it is, so they arm too.
    armed = e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey && editor.hasTextFocus() && host.querySelector(POPUPS) === null;
  };
  // Bubble phase above the container: Monaco stops the propagation of keys its commands handle, so
  // an Escape that gets here had nothing to close, whatever the popup check above said.
  const onKeyDownBubble = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey && e.target instanceof Node && host.contains(e.target) && editor.hasTextFocus()) armed = true;
  };
  const disarm = () => {
    armed = false;
  };

  host.addEventListener('keydown', onKeyDownCapture, true);
  parent?.addEventListener('keydown', onKeyDownBubble);
  host.addEventListener('pointerdown', disarm, true);
  describeInput(host);
  const focus = editor.onDidFocusEditorText(() => describeInput(host));
  const blur = editor.onDidBlurEditorText(disarm);
  return {
    dispose() {
      host.removeEventListener('keydown', onKeyDownCapture, true);
      parent?.removeEventListener('keydown', onKeyDownBubble);
      host.removeEventListener('pointerdown', disarm, true);
      focus.dispose();
      blur.dispose();
    },
  };
}

// The one store. The manifest set is the state that matters (the YAML text of record and the
// last valid objects parsed from it); everything else is view state. Toggles, flows, fixes,
// imports and YAML edits all end in a new manifest set; the graph is derived from it.
import { create } from 'zustand';
import { analyzeObjectsAsync, analyzeTextAsync } from '../workers/client.ts';
import type { Analysis } from '../workers/analysis.ts';
import type { AnalysisResponse } from '../workers/protocol.ts';
import { DEFAULT_SETTINGS, type DesignSettings, type Diagnostic, type KubeObject, type RuleTarget } from './core.ts';
import { heldPayload, heldPrefix, heldRef, shrinkHeld, type HeldPart } from './heldPart.ts';
import { boundHistory } from './undoBudget.ts';

export interface XY {
  x: number;
  y: number;
}
export type Selection = { kind: 'edge'; id: string } | { kind: 'node'; id: string } | null;
export interface Notice {
  kind: 'error' | 'info' | 'success';
  title: string;
  details?: string[];
  /** The notice reports a change the user may want to take back: it offers Undo. */
  undoable?: boolean;
}
export type Theme = 'light' | 'dark';
export type SidePanel = 'rules' | 'flows' | 'explain' | 'findings' | 'review' | 'traffic' | 'settings';
export const SIDE_PANELS: readonly SidePanel[] = ['rules', 'flows', 'explain', 'findings', 'review', 'traffic', 'settings'];
/** What the main area shows: the graph, or the reachability matrix of the same design. */
export type CanvasView = 'graph' | 'matrix';

interface Snapshot {
  /** The YAML of `objects` (kept as typed, comments and all); absent when it was not written yet. */
  text?: string;
  objects: KubeObject[];
  /** Editor text that did not parse when the snapshot was taken: an unfinished edit Undo brings back. */
  unfinished?: string;
  /** The settings the design was judged with (a new design or an import may reset them). */
  settings: DesignSettings;
  /** The part held apart from the editor (a large import); absent: none. */
  held?: HeldPart | null;
  /** The registered undo parts' values (see registerUndoPart), in registration order. */
  parts?: unknown[];
}

export interface ProbeDraft {
  from: string;
  to: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: string;
}

export type DialogName = 'import' | 'samples' | 'share' | 'confirmNew' | 'flow' | 'help';

export interface FlowDraft {
  /** Set when editing an existing flow. */
  flowId?: string;
  from: string;
  to: string;
  ports: string;
  /** What a new flow generates at first: NetworkPolicies (the default) or an admin rule. */
  enforce?: 'networkPolicy' | 'admin';
}

export interface State {
  dialog: DialogName | null;
  flowDraft: FlowDraft | null;
  /** What the editor shows: the text of record, possibly invalid while the user types. */
  text: string;
  /** Bumped whenever the app (not the editor) replaces the text, so the editor takes it. */
  textVersion: number;
  /** The text the objects were parsed from (or emitted as): always valid. */
  validText: string;
  objects: KubeObject[];
  /** The objects `validText` was parsed from or written for (they differ while YAML is being written). */
  textObjects: KubeObject[];
  /** The worker is writing the YAML of the latest objects (the graph is already up to date). */
  emitting: boolean;
  analysis: Analysis | null;
  /** Diagnostics of `text`. */
  diagnostics: Diagnostic[];
  textValid: boolean;
  settings: DesignSettings;
  /** Bumped when a whole new design replaces the old one (positions reset). */
  designId: number;
  /** Bumped when an auto-layout replaced the positions (the view fits again). */
  layoutVersion: number;
  layoutBusy: boolean;
  positions: Record<string, XY>;
  expanded: Record<string, boolean>;
  selection: Selection;
  ruleTarget: RuleTarget | null;
  panel: SidePanel;
  canvasView: CanvasView;
  probe: ProbeDraft | null;
  theme: Theme;
  showYaml: boolean;
  /** The side panel folded to a strip (more room for the graph). */
  sideCollapsed: boolean;
  /** Width of the YAML panel in pixels; null: the default for the window. */
  yamlWidth: number | null;
  past: Snapshot[];
  future: Snapshot[];
  notice: Notice | null;
  busy: boolean;
  /** When the last change was started, for repaint measurements. */
  changeStartedAt: number;
  /** Objects held apart from the editor (a large import): the design's first objects. */
  held: HeldPart | null;
  /** Undo steps dropped to keep the history's memory bounded (UNDO_BUDGET). */
  undoDropped: number;
}

const initialTheme = (): Theme =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

export const useStore = create<State>()(() => ({
  dialog: null,
  flowDraft: null,
  text: '',
  textVersion: 0,
  validText: '',
  objects: [],
  textObjects: [],
  emitting: false,
  analysis: null,
  diagnostics: [],
  textValid: true,
  settings: DEFAULT_SETTINGS,
  designId: 0,
  layoutVersion: 0,
  layoutBusy: false,
  positions: {},
  expanded: {},
  selection: null,
  ruleTarget: null,
  panel: 'rules',
  canvasView: 'graph',
  probe: null,
  theme: initialTheme(),
  showYaml: true,
  sideCollapsed: false,
  yamlWidth: null,
  past: [],
  future: [],
  notice: null,
  busy: false,
  changeStartedAt: 0,
  held: null,
  undoDropped: 0,
}));

const get = useStore.getState;
const set = useStore.setState;

const UNDO_LIMIT = 100;
export { UNDO_BUDGET } from './undoBudget.ts';


/** Every change of the manifest set bumps this; results of older requests are dropped. */
let generation = 0;

/**
 * The editor holds text the design does not reflect: text that does not parse, or typing not parsed
 * yet. Either way it is the user's work: a snapshot keeps it, so no path (a switch, a flow, Undo, a
 * sample) can drop it.
 */
const hasUnfinishedEdit = (s: State): boolean => s.text !== s.validText;

function snapshot(): Snapshot {
  const s = get();
  const snap: Snapshot = s.textObjects === s.objects
    ? { text: s.validText, objects: s.objects, settings: s.settings }
    : { objects: s.objects, settings: s.settings };
  if (hasUnfinishedEdit(s)) snap.unfinished = s.text;
  // An Undo that is still bringing an unfinished edit back: that edit is the state to keep.
  else if (unfinishedComing !== undefined) snap.unfinished = unfinishedComing;
  if (s.held) snap.held = s.held;
  if (undoParts.length > 0) snap.parts = undoParts.map((p) => p.capture());
  return snap;
}

const UNFINISHED_NOTICE: Notice = {
  kind: 'info',
  title: 'Your unfinished YAML edit was set aside: the change was made to the last valid design. Undo brings the edit back.',
  undoable: true,
};

/**
 * Work kept outside this store that Undo and Redo step through with the design (the imported
 * traffic): its module registers how to take a value (shared, never mutated) and put one back.
 */
export interface UndoPart {
  capture(): unknown;
  restore(value: unknown): void;
}
const undoParts: UndoPart[] = [];
export function registerUndoPart(part: UndoPart): void {
  undoParts.push(part);
}

/** One undo step before a change of a registered part alone (the design stays as it is). */
export function pushUndoStep(): void {
  endTyping();
  pushUndo();
}

function pushUndo(): void {
  const s = get();
  const { kept, dropped } = boundHistory([...s.past, snapshot()], UNDO_LIMIT);
  set({ past: kept, future: [], ...(dropped > 0 ? { undoDropped: s.undoDropped + dropped } : {}) });
}

/** The held part for these objects: the unchanged prefix (an action may have replaced a held object). */
function heldFor(objects: KubeObject[]): HeldPart | null {
  const held = get().held;
  if (!held) return null;
  const count = heldPrefix(held, objects);
  const next = count === 0 ? null : shrinkHeld(held, count);
  if (next !== held) set({ held: next });
  return next;
}

export function notify(notice: Notice | null): void {
  set({ notice });
}

const diagnosticLine = (d: Diagnostic): string =>
  `${d.line !== undefined ? `line ${d.line}${d.col !== undefined ? `:${d.col}` : ''}: ` : ''}${d.message}${d.path ? ` (${d.path})` : ''}`;

export function formatDiagnostic(d: Diagnostic): string {
  return diagnosticLine(d);
}

/**
 * Analyzes the objects of record. The graph updates as soon as the analysis arrives; with `emit`
 * the YAML text follows (writing it is the slow part, so it never delays the picture).
 */
async function reanalyze(objects: KubeObject[], emit: boolean): Promise<void> {
  const mine = ++generation;
  set({ busy: true, emitting: emit });
  // Without emit the text of record stays: the review that follows locates its findings there.
  const now = get();
  const held = heldFor(objects);
  const job = analyzeObjectsAsync(objects, now.settings, emit, !emit && now.textObjects === objects ? now.validText : undefined, held ? heldRef(held) : undefined);
  const r = await job.response;
  performance.mark('netpol:analysis-received', { detail: { workerMs: r.ms } });
  if (mine !== generation) return;
  if (!r.ok) {
    set({ busy: false, emitting: false, notice: { kind: 'error', title: 'Could not analyze the design', details: r.diagnostics.map(diagnosticLine) } });
    return;
  }
  set(emit ? { analysis: r.analysis, busy: false } : { analysis: r.analysis, busy: false, diagnostics: r.analysis.diagnostics });
  if (!emit) return;
  const text = await job.text;
  if (mine !== generation) return;
  if (text === undefined) {
    set({ emitting: false, notice: { kind: 'error', title: 'Could not write the YAML of the design. Undo the last change.' } });
    return;
  }
  set((s) => ({ emitting: false, text, validText: text, textObjects: objects, textVersion: s.textVersion + 1, textValid: true, diagnostics: r.analysis.diagnostics }));
}

/** A design action (toggle, flow, fix): new objects, one undo step, YAML regenerated. */
export function commitObjects(objects: KubeObject[]): void {
  endTyping();
  markChangeStart();
  const setAside = hasUnfinishedEdit(get());
  pushUndo();
  set(setAside ? { objects, notice: UNFINISHED_NOTICE } : { objects });
  void reanalyze(objects, true);
}

/** The start of a change the repaint measurement runs from (src/ui/perf.ts). */
function markChangeStart(): void {
  set({ changeStartedAt: performance.now() });
}

let editTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * A run of keystrokes is open: it began with one undo step (the state before its first key) and
 * ends when typing pauses long enough to parse, or when anything else changes the design. So the
 * header Undo, Ctrl+Z in the editor and Ctrl+Z on the page step through typing like any change.
 */
let typing = false;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
/** The pause that ends a run of typing: longer than the pause to parse, so a word is one step. */
const TYPING_RUN_MS = 1200;

function endTyping(): void {
  clearTimeout(editTimer);
  clearTimeout(typingTimer);
  typing = false;
}

/** The user typed in the YAML editor. */
export function editorChanged(text: string): void {
  if (!typing) {
    typing = true;
    pushUndo();
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    typing = false;
  }, TYPING_RUN_MS);
  set({ text });
  clearTimeout(editTimer);
  const mine = ++generation;
  editTimer = setTimeout(() => void parseEditorText(text, mine), 300);
}

async function parseEditorText(text: string, mine: number): Promise<void> {
  set({ busy: true });
  const held = get().held;
  const r = await analyzeTextAsync(text, 'editor.yaml', get().settings, held ? heldPayload(held) : undefined);
  if (mine !== generation) return;
  if (!r.ok) {
    set({ busy: false, diagnostics: r.diagnostics, textValid: false });
    return;
  }
  set({
    busy: false,
    diagnostics: r.analysis.diagnostics,
    textValid: true,
    validText: text,
    objects: r.analysis.objects,
    textObjects: r.analysis.objects,
    analysis: r.analysis,
  });
}

let afterReplace: (() => void) | undefined;
/** Called after a whole new design without saved positions arrived (the page lays it out). */
export function onNewLayoutNeeded(fn: () => void): void {
  afterReplace = fn;
}

export type ReplaceSource = 'sample' | 'import' | 'share' | 'restore' | 'new';

/**
 * Replaces the whole design by parsed text. On errors nothing changes and the diagnostics are
 * returned; the design on screen is kept.
 */
export async function replaceDesign(
  text: string,
  fileName: string,
  source: ReplaceSource,
  view?: { positions?: Record<string, XY>; expanded?: Record<string, boolean>; settings?: DesignSettings; held?: HeldPart | null },
  /** The analysis already asked for (a large import's, a restored design's): a later change still supersedes it. */
  preparsed?: AnalysisResponse | Promise<AnalysisResponse>,
): Promise<{ ok: true } | { ok: false; diagnostics: Diagnostic[] }> {
  endTyping();
  const mine = ++generation;
  set({ busy: true });
  const settings = view?.settings ?? get().settings;
  // A whole new design has no held part unless it brings one (a large import, its autosave).
  const held = view?.held ?? null;
  const r = await (preparsed ?? analyzeTextAsync(text, fileName, settings, held ? heldPayload(held) : undefined));
  performance.mark('netpol:design-analyzed', { detail: { ms: r.ms } });
  if (mine !== generation) return { ok: false, diagnostics: [{ severity: 'error', code: 'superseded', message: 'Another change came first.' }] };
  if (!r.ok) {
    set({ busy: false });
    return { ok: false, diagnostics: r.diagnostics };
  }
  if (source !== 'restore') pushUndo();
  set((s) => ({
    busy: false,
    text,
    validText: text,
    textVersion: s.textVersion + 1,
    textValid: true,
    diagnostics: r.analysis.diagnostics,
    objects: r.analysis.objects,
    textObjects: r.analysis.objects,
    emitting: false,
    analysis: r.analysis,
    settings,
    held,
    designId: s.designId + 1,
    positions: view?.positions ?? {},
    expanded: view?.expanded ?? {},
    selection: null,
    probe: null,
    ruleTarget: null,
  }));
  if (!view?.positions && afterReplace) afterReplace();
  return { ok: true };
}

/** The unfinished edit a restore is about to put back in the editor (after its design is analyzed). */
let unfinishedComing: string | undefined;

function restoreSnapshot(snap: Snapshot): void {
  ++generation;
  markChangeStart();
  const text = snap.text;
  if (snap.settings !== get().settings) set({ settings: snap.settings });
  if ((snap.held ?? null) !== get().held) set({ held: snap.held ?? null });
  snap.parts?.forEach((value, i) => {
    const part = undoParts[i];
    if (part && part.capture() !== value) part.restore(value);
  });
  let analyzed: Promise<void>;
  if (text !== undefined) {
    set((s) => ({ text, validText: text, textObjects: snap.objects, textVersion: s.textVersion + 1, textValid: true, objects: snap.objects }));
    analyzed = reanalyze(snap.objects, false);
  } else {
    set({ objects: snap.objects });
    analyzed = reanalyze(snap.objects, true);
  }
  const unfinished = snap.unfinished;
  unfinishedComing = unfinished;
  if (unfinished === undefined) return;
  // The design first, then the unfinished text back in the editor with its problems.
  const mine = generation;
  void analyzed.then(() => {
    if (mine !== generation) return;
    unfinishedComing = undefined;
    set((s) => ({ text: unfinished, textVersion: s.textVersion + 1 }));
    void parseEditorText(unfinished, ++generation);
  });
}

/** A notice about the change just taken back ("Loaded the sample") no longer describes the page. */
const staleNotice = (s: State): Notice | null => (s.notice?.kind === 'error' ? s.notice : null);

export function undo(): void {
  endTyping();
  const s = get();
  const prev = s.past[s.past.length - 1];
  if (!prev) return;
  set({ past: s.past.slice(0, -1), future: [snapshot(), ...s.future], notice: staleNotice(s) });
  restoreSnapshot(prev);
}

export function redo(): void {
  endTyping();
  const s = get();
  const next = s.future[0];
  if (!next) return;
  set({ future: s.future.slice(1), past: [...s.past, snapshot()], notice: staleNotice(s) });
  restoreSnapshot(next);
}

export function setSettings(settings: DesignSettings): void {
  set({ settings });
  void reanalyze(get().objects, false);
}

export function setPositions(update: Record<string, XY>): void {
  set((s) => ({ positions: { ...s.positions, ...update } }));
}

export function setExpanded(namespace: string, expanded: boolean): void {
  set((s) => ({ expanded: { ...s.expanded, [namespace]: expanded } }));
}

export function select(selection: Selection): void {
  if (selection?.kind === 'edge') set({ selection, probe: null });
  else if (selection?.kind === 'node') set({ selection, ruleTarget: null });
  else set({ selection });
}

export function setTheme(theme: Theme): void {
  set({ theme });
}

export function setPanel(panel: SidePanel): void {
  set({ panel });
}

export function setCanvasView(canvasView: CanvasView): void {
  set({ canvasView });
}

export function setRuleTarget(ruleTarget: RuleTarget | null): void {
  set({ ruleTarget });
}

export function setProbe(probe: ProbeDraft | null): void {
  set({ probe });
}

export function openDialog(dialog: DialogName | null, flowDraft?: FlowDraft): void {
  set(flowDraft ? { dialog, flowDraft } : { dialog });
}

export function toggleYaml(): void {
  set((s) => ({ showYaml: !s.showYaml }));
}

export function toggleSide(): void {
  set((s) => ({ sideCollapsed: !s.sideCollapsed }));
}

export const YAML_MIN_WIDTH = 260;

export function setYamlWidth(width: number | null): void {
  set({ yamlWidth: width === null ? null : Math.max(YAML_MIN_WIDTH, Math.round(width)) });
}

/** What of the page's arrangement autosave keeps. */
export interface ViewState {
  panel: SidePanel;
  showYaml: boolean;
  sideCollapsed: boolean;
  yamlWidth: number | null;
}

export function viewState(): ViewState {
  const s = get();
  return { panel: s.panel, showYaml: s.showYaml, sideCollapsed: s.sideCollapsed, yamlWidth: s.yamlWidth };
}

// Never lose work: autosave to IndexedDB (a design of any size; localStorage keeps a copy of small
// ones, which is also where older versions saved), and share links that carry the whole design in
// the URL fragment (deflate-raw + base64url; the fragment never leaves the browser).
import type { DesignSettings } from './core.ts';
import { readSettings } from './savedSettings.ts';
import { dbDelete, dbGetMany, dbKeys, dbPutGuarded } from './designDb.ts';
import { joinSaved, splitSaved } from './savedText.ts';
import { heldKey, isHeldPart, LEGACY_HELD_KEY, newHeldId, type HeldRecord } from '../workers/heldRecord.ts';
import { heldPayload, type HeldPart } from './heldPart.ts';
import { analyzeImportAsync, forgetHeld, receiveHeld } from '../workers/client.ts';
import { restoreHeld } from '../workers/importClient.ts';
import { editorChanged, replaceDesign, useStore, viewState, SIDE_PANELS, type SidePanel, type Theme, type ViewState, type XY } from './store.ts';
import { loadInvariantsText, savedInvariants, useInvariants } from './invariants/invariantsStore.ts';
import type { FoldedSource } from '../observed/index.ts';
import {
  FOLDED_FILE, onTrafficChange, openSharedTraffic, readSharedTraffic, restoreSavedTraffic, trafficSummary, trafficToSave, trafficToShare,
} from './observed/trafficPersistence.ts';

export const STORAGE_KEY = 'netpol-designer:v1';
export const SHARE_PREFIX = '#design=';

export interface SavedDesign {
  v: 1;
  /** The last valid manifests. */
  text: string;
  /** What the editor held, when it differs (invalid YAML being typed). */
  draft?: string;
  settings: DesignSettings;
  positions: Record<string, XY>;
  expanded: Record<string, boolean>;
  theme?: Theme;
  /** Panels: which tab, which are open, how wide (autosave only, not in share links). */
  view?: ViewState;
  /** The design's invariants, as the text of netpol-invariants.yaml (autosave and share links). */
  invariants?: string;
  /** When it was saved (ms since 1970): the newer of the two stores wins on load. */
  savedAt?: number;
  /** The id of the held part (a large import) stored beside it in IndexedDB (autosave only). */
  held?: string;
  /** The id of the imported traffic stored beside it in IndexedDB (autosave only). */
  traffic?: string;
  /** The imported traffic, folded (share links only, when it fits). */
  sharedTraffic?: FoldedSource[];
}

const DB_DESIGN = 'autosave';
/** The design's text, kept apart from its record (src/ui/savedText.ts), and the id of the text stored there. */
const DB_TEXT = 'autosave:text';
const DB_TEXT_ID = 'autosave:textId';
/** Designs up to this size (JSON characters) are also kept in localStorage, as before IndexedDB. */
const LOCAL_COPY_LIMIT = 2 * 1024 * 1024;

const PANELS: readonly SidePanel[] = SIDE_PANELS;

function readView(value: unknown): ViewState | undefined {
  if (!isRecord(value)) return undefined;
  const panel = PANELS.find((p) => p === value.panel) ?? 'rules';
  const width = typeof value.yamlWidth === 'number' && Number.isFinite(value.yamlWidth) ? Math.max(200, Math.min(4000, value.yamlWidth)) : null;
  return { panel, showYaml: value.showYaml !== false, sideCollapsed: value.sideCollapsed === true, yamlWidth: width };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readSaved(value: unknown): SavedDesign | undefined {
  if (!isRecord(value) || value.v !== 1 || typeof value.text !== 'string') return undefined;
  const positions: Record<string, XY> = {};
  if (isRecord(value.positions)) {
    for (const [k, p] of Object.entries(value.positions)) {
      if (isRecord(p) && typeof p.x === 'number' && typeof p.y === 'number' && Number.isFinite(p.x) && Number.isFinite(p.y)) positions[k] = { x: p.x, y: p.y };
    }
  }
  const expanded: Record<string, boolean> = {};
  if (isRecord(value.expanded)) for (const [k, e] of Object.entries(value.expanded)) if (typeof e === 'boolean') expanded[k] = e;
  const settings = readSettings(value.settings);
  const view = readView(value.view);
  const sharedTraffic = readSharedTraffic(value.sharedTraffic);
  return {
    ...(typeof value.savedAt === 'number' ? { savedAt: value.savedAt } : {}),
    ...(typeof value.held === 'string' ? { held: value.held } : {}),
    v: 1,
    text: value.text,
    ...(typeof value.draft === 'string' ? { draft: value.draft } : {}),
    settings,
    positions,
    expanded,
    ...(value.theme === 'dark' || value.theme === 'light' ? { theme: value.theme } : {}),
    ...(view ? { view } : {}),
    ...(typeof value.invariants === 'string' ? { invariants: value.invariants } : {}),
    ...(typeof value.traffic === 'string' ? { traffic: value.traffic } : {}),
    ...(sharedTraffic ? { sharedTraffic } : {}),
  };
}

export function currentSaved(includeView: boolean): SavedDesign {
  const s = useStore.getState();
  const invariants = savedInvariants();
  return {
    v: 1,
    text: s.validText,
    ...(s.text !== s.validText ? { draft: s.text } : {}),
    settings: s.settings,
    positions: s.positions,
    expanded: s.expanded,
    ...(includeView ? { theme: s.theme, view: viewState() } : {}),
    ...(invariants !== undefined ? { invariants } : {}),
  };
}

// --- share links -------------------------------------------------------------------------------

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const source = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(source).arrayBuffer());
}

export async function encodeShare(design: SavedDesign): Promise<string> {
  const { theme: _theme, draft: _draft, view: _view, ...rest } = design;
  const json = new TextEncoder().encode(JSON.stringify(rest));
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

const MAX_SHARE_BYTES = 8 * 1024 * 1024;

export async function decodeShare(fragment: string): Promise<SavedDesign> {
  const compressed = fromBase64Url(fragment);
  const stream = new Blob([compressed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  // Read with a cap: a small link must not inflate into gigabytes.
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_SHARE_BYTES) {
      await reader.cancel();
      throw new Error('the shared design is larger than 8 MB');
    }
    chunks.push(value);
  }
  const json = new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
  const saved = readSaved(JSON.parse(json) as unknown);
  if (!saved) throw new Error('the link does not hold a design');
  return saved;
}

/** Links longer than this are refused: browsers and chat tools cut or reject longer URLs (Chromium's limit is 2 MB). */
export const MAX_SHARE_URL = 2 * 1024 * 1024;

export class TooLargeToShare extends Error {}

/** A share link, and when the imported traffic was left out of it, a sentence that says so. */
export interface ShareLink {
  url: string;
  trafficLeftOut?: string;
}

export async function shareUrl(): Promise<string> {
  return (await shareLink()).url;
}

export async function shareLink(): Promise<ShareLink> {
  const held = useStore.getState().held;
  if (held) {
    throw new TooLargeToShare(
      `This design is too large for a share link: it holds ${held.objects.length.toLocaleString('en-US')} cluster objects imported from ${held.file}. Use Download YAML and send the file instead.`,
    );
  }
  const linkOf = async (saved: SavedDesign) => `${location.origin}${location.pathname}${SHARE_PREFIX}${await encodeShare(saved)}`;
  const design = currentSaved(false);
  // The imported traffic travels folded (connections with counts, not the log's lines) when the link still works with it.
  const traffic = trafficToShare();
  let trafficLeftOut: string | undefined;
  if (traffic) {
    const withTraffic = await linkOf({ ...design, sharedTraffic: traffic });
    if (withTraffic.length <= MAX_SHARE_URL) return { url: withTraffic };
    const t = trafficSummary()!;
    trafficLeftOut = `The imported traffic (${t.connections.toLocaleString('en-US')} connections) is not in this link: with it the link would be ${(withTraffic.length / 1024 / 1024).toFixed(1)} MB (at most ${MAX_SHARE_URL / 1024 / 1024} MB work). Download the folded traffic (${FOLDED_FILE}) and send it with the link; the Traffic tab imports it.`;
  }
  const url = await linkOf(design);
  if (url.length > MAX_SHARE_URL) {
    throw new TooLargeToShare(
      `This design is too large for a share link (${(url.length / 1024 / 1024).toFixed(1)} MB of link; at most ${MAX_SHARE_URL / 1024 / 1024} MB work). Use Download YAML and send the file instead.`,
    );
  }
  return trafficLeftOut ? { url, trafficLeftOut } : { url };
}

// --- autosave -----------------------------------------------------------------------------------

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saveIdle: number | undefined;
/** How long an idle moment is waited for before saving anyway. */
const IDLE_WAIT = 1000;

/**
 * Saves 400 ms after the last change, in a moment the page is idle: a toggle's answer, its
 * repaint and the editor's update come in tasks of their own after the change, and the save (a
 * copy of the design for IndexedDB) waited behind none of them.
 */
function scheduleSave(): void {
  cancelScheduledSave();
  saveTimer = setTimeout(() => {
    if (typeof requestIdleCallback !== 'function') return void saveNow();
    saveIdle = requestIdleCallback(() => {
      saveIdle = undefined;
      void saveNow();
    }, { timeout: IDLE_WAIT });
  }, 400);
}

function cancelScheduledSave(): void {
  clearTimeout(saveTimer);
  if (saveIdle !== undefined) cancelIdleCallback(saveIdle);
  saveIdle = undefined;
}
let lastSaveError = '';
/** The text and draft last given an id, and that id: a save of the same text reuses it (and does not write the text again). */
let textIdentity: { text: string; draft: string | undefined; id: string } | undefined;

function textIdOf(text: string, draft: string | undefined): string {
  if (!textIdentity || textIdentity.text !== text || textIdentity.draft !== draft) textIdentity = { text, draft, id: newHeldId() };
  // The copies seen last are kept: the next save's comparison is then by identity.
  textIdentity.text = text;
  textIdentity.draft = draft;
  return textIdentity.id;
}
/**
 * The ids of the held parts whose records are in IndexedDB (src/workers/heldRecord.ts), and the one
 * the stored design refers to. A held part's record is written once, by the import worker (a large
 * import) or here; the record of a held part the stored design no longer refers to is deleted.
 */
const storedHeld = new Set<string>();
let designHeld: string | undefined;
const heldIds = new WeakMap<HeldPart, string>();
/**
 * The held part of the last large import, whose record the import worker writes when asked (by the
 * first autosave after it, once the design is on screen), and how to let that worker go unasked.
 */
let workerStore: { held: HeldPart; store: () => Promise<boolean>; cancel: () => void } | undefined;

function heldId(held: HeldPart): string {
  let id = heldIds.get(held);
  if (!id) {
    id = newHeldId();
    heldIds.set(held, id);
  }
  return id;
}

/**
 * A large import's held part, whose record the import worker writes under `id` when `store` is
 * called: autosave asks it instead of copying the objects into storage itself. `cancel` lets the
 * worker go (another import came, or another design was saved first).
 */
export function heldStoredByWorker(held: HeldPart, id: string, store: () => Promise<boolean>, cancel: () => void): void {
  workerStore?.cancel();
  heldIds.set(held, id);
  workerStore = { held, store, cancel };
}

/** Deletes the record of a held part the stored design no longer refers to. */
function forgetStoredHeld(id: string): void {
  if (id === designHeld) return;
  storedHeld.delete(id);
  void dbDelete([heldKey(id)]);
}

function saveFailed(message: string): void {
  if (message === lastSaveError) return;
  lastSaveError = message;
  useStore.setState({ notice: { kind: 'error', title: `Autosave failed (${message}): download the design to keep it.` } });
}

/**
 * Set when the stored design could not be opened on start (a large design whose analysis failed):
 * autosave must not overwrite it with the empty design shown instead. Cleared when the user opens
 * another design (sample, import, new design).
 */
let keepStored = false;

/** The import worker's write of a held part, while it runs. */
let workerWriting: Promise<boolean> | undefined;

/** Saves the design: to IndexedDB, and a copy to localStorage when it is small. Resolves when written. */
export async function saveNow(): Promise<void> {
  cancelScheduledSave();
  if (keepStored) return;
  await pruning;
  // A save while the import worker still writes the held part waits for it, rather than writing a
  // second copy from this thread (a structured clone of seconds at 20,000 pods).
  if (!workerStore && workerWriting) await workerWriting;
  const held = useStore.getState().held;
  const asked = workerStore;
  if (asked) {
    workerStore = undefined;
    if (held && asked.held === held) {
      // The import worker writes the held part (it has the objects): the design's record refers to it.
      const writing = asked.store();
      workerWriting = writing;
      const ok = await writing;
      if (workerWriting === writing) workerWriting = undefined;
      if (ok) storedHeld.add(heldId(held));
      if (useStore.getState().held !== held) return saveNow();
    } else asked.cancel();
  }
  const id = held ? heldId(held) : undefined;
  const traffic = trafficToSave();
  const saved: SavedDesign = { ...currentSaved(true), savedAt: Date.now(), ...(id ? { held: id } : {}), ...(traffic.id ? { traffic: traffic.id } : {}) };
  let localOk = false;
  try {
    // A text past the limit makes a JSON past it too: not written out only to be measured (at
    // 5,000 pods that stringify was ~100 ms of the page's thread after every toggle).
    const tooLarge = saved.text.length + (saved.draft?.length ?? 0) > LOCAL_COPY_LIMIT;
    const json = held || tooLarge ? undefined : JSON.stringify(saved);
    if (json !== undefined && json.length <= LOCAL_COPY_LIMIT) {
      localStorage.setItem(STORAGE_KEY, json);
      localOk = true;
    } else localStorage.removeItem(STORAGE_KEY); // an older, smaller design must not come back instead
  } catch {
    localOk = false;
  }
  const textId = textIdOf(saved.text, saved.draft);
  const split = splitSaved(saved, textId);
  const entries: Record<string, unknown> = { [DB_DESIGN]: split.record, ...traffic.entries };
  // Written here only when no worker wrote it (a held part a fix changed, or its record was deleted).
  if (held && id && !storedHeld.has(id)) entries[heldKey(id)] = { id, held } satisfies HeldRecord;
  // The text only when the one stored is another (this tab's older text, another tab's, none yet).
  const error = await dbPutGuarded(entries, { key: DB_TEXT_ID, value: textId, entries: { [DB_TEXT]: split.text } });
  if (error === undefined) {
    if (id) storedHeld.add(id);
    // The record of the held part the stored design referred to before, if another, is no longer needed.
    const previous = designHeld;
    designHeld = id;
    if (previous !== undefined && previous !== id) forgetStoredHeld(previous);
    if (legacyHeldLeft && (id === undefined || storedHeld.has(id))) {
      legacyHeldLeft = false;
      void dbDelete([LEGACY_HELD_KEY]);
    }
    traffic.written();
    lastSaveError = '';
  } else if (!localOk) saveFailed(error);
}

export function startAutosave(): () => void {
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.designId !== prev.designId) keepStored = false;
    if (
      s.text === prev.text && s.validText === prev.validText && s.positions === prev.positions && s.expanded === prev.expanded &&
      s.settings === prev.settings && s.theme === prev.theme && s.panel === prev.panel && s.showYaml === prev.showYaml &&
      s.sideCollapsed === prev.sideCollapsed && s.yamlWidth === prev.yamlWidth && s.held === prev.held
    ) return;
    scheduleSave();
  });
  // The invariants are part of the work: a pinned or removed one is saved like an edit.
  const unsubscribeInvariants = useInvariants.subscribe((s, prev) => {
    if (s.invariants === prev.invariants) return;
    scheduleSave();
  });
  // The imported traffic is kept with the design.
  const unsubscribeTraffic = onTrafficChange(() => {
    scheduleSave();
  });
  const onHide = () => void saveNow();
  addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    unsubscribeInvariants();
    unsubscribeTraffic();
    removeEventListener('pagehide', onHide);
  };
}

function loadLocal(): SavedDesign | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? readSaved(JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The autosaved design: the newer of IndexedDB's and localStorage's (older versions saved only to
 * localStorage, so a design saved there is found and moves to IndexedDB on the next save), with its
 * held part. `missingHeld` when the held part could not be read.
 */
async function loadSaved(): Promise<{ saved?: SavedDesign; held?: RestoringHeld; missingHeld?: boolean }> {
  const local = loadLocal();
  const [record, textMark, text] = (await dbGetMany([DB_DESIGN, DB_TEXT_ID, DB_TEXT])) ?? [];
  const stored = readSaved(joinSaved(record, textMark, text));
  const saved = stored && (!local || (stored.savedAt ?? 0) >= (local.savedAt ?? 0)) ? stored : local;
  // The text stored is this text: the first save after the reload writes the record only.
  if (saved && saved === stored && isRecord(record) && typeof record.textId === 'string') textIdentity = { text: saved.text, draft: saved.draft, id: record.textId };
  if (!saved?.held) {
    void pruneHeld(undefined);
    return saved ? { saved } : {};
  }
  // Read back in a worker: the page decodes it in slices (read here, 24,000 objects were one task of
  // a second or more), and the analysis worker gets it from that worker, not copied on by the page.
  const channel = new MessageChannel();
  const restoring = restoreHeld(saved.held, channel.port1);
  receiveHeld(channel.port2, restoring.objects);
  const restored = await restoring.result;
  if (restored && isHeldPart(restored.part)) {
    const held: HeldPart = restored.part;
    heldIds.set(held, saved.held);
    designHeld = saved.held;
    // Not waited for here (the first analysis is asked for as soon as this returns); the first
    // save waits for it: it learns whether the record has a key of its own (else it is written again).
    pruning = pruneHeld(saved.held);
    return { saved, held: { part: held, count: restored.count, arrived: restored.arrived } };
  }
  forgetHeld(restoring.objects);
  return { saved, missingHeld: true };
}

/**
 * Deletes the records of held parts other than the stored design's (left by a closed tab or an
 * import cancelled while its worker was storing), and marks whether the stored design's has a record of its
 * own (one read from the key older versions used is written again under its own on the next save).
 */
async function pruneHeld(keep: string | undefined): Promise<void> {
  const keys = await dbKeys();
  if (keep !== undefined && keys.includes(heldKey(keep))) storedHeld.add(keep);
  const legacyNeeded = keep !== undefined && !storedHeld.has(keep);
  if (legacyNeeded && keys.includes(LEGACY_HELD_KEY)) legacyHeldLeft = true;
  const stale = keys.filter((k) => (k.startsWith(heldKey('')) && (keep === undefined || k !== heldKey(keep))) || (k === LEGACY_HELD_KEY && !legacyNeeded));
  await dbDelete(stale);
}

/** The stored design's held part is still the one under the key older versions used (deleted once saved under its own). */
let legacyHeldLeft = false;
/** The start's pruneHeld, while it runs. */
let pruning: Promise<void> | undefined;

/** A held part being read back: its `part.objects` fill as they arrive (`count` of them; `arrived` then resolves). */
interface RestoringHeld {
  part: HeldPart;
  count: number;
  arrived: Promise<boolean>;
}

/**
 * Opens the autosaved design. With a held part, its first analysis is asked for at once, as an
 * import's is (src/ui/importLarge.ts): the analysis worker has its own copy of the held objects
 * from the restoring worker and starts while the page still decodes the page's copy (at 5,000 pods
 * ~0.3-1 s of the page's thread that came before the analysis). The design appears once both are done.
 */
function openSaved(saved: SavedDesign, held: RestoringHeld | undefined): ReturnType<typeof replaceDesign> {
  const view = { ...saved, held: held?.part ?? null };
  if (!held) return replaceDesign(saved.text, 'autosave.yaml', 'restore', view);
  performance.mark('netpol:restore-analysis-asked');
  const payload = { ...heldPayload(held.part), count: held.count };
  return replaceDesign(saved.text, 'editor.yaml', 'restore', view, analyzeImportAsync(saved.text, 'editor.yaml', saved.settings, payload, held.arrived));
}

/** What the page opens with: a share link, else the autosaved design, else an empty one. */
export async function restoreOnStart(): Promise<void> {
  const { saved, held, missingHeld } = await loadSaved();
  if (saved?.theme) useStore.setState({ theme: saved.theme });
  if (saved?.view) useStore.setState(saved.view);
  if (location.hash.startsWith(SHARE_PREFIX)) {
    const fragment = location.hash.slice(SHARE_PREFIX.length);
    // The fragment has done its job: a reload must show the autosaved work, not the link again.
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const shared = await decodeShare(fragment);
      if (saved) await openSaved(saved, held);
      if (saved) await restoreSavedTraffic(saved.traffic);
      const r = await replaceDesign(shared.text, 'shared-link.yaml', saved ? 'share' : 'restore', { ...shared, held: null });
      if (!r.ok) throw new Error(r.diagnostics[0]?.message ?? 'invalid design');
      loadInvariantsText(shared.invariants ?? '');
      // The link's traffic replaces the traffic on screen (Undo brings both back).
      if (shared.sharedTraffic) openSharedTraffic(shared.sharedTraffic);
      useStore.setState({ notice: { kind: 'success', title: 'Opened the design from the share link. Undo brings back what you had before.' } });
      return;
    } catch (error) {
      useStore.setState({ notice: { kind: 'error', title: `The share link could not be opened: ${error instanceof Error ? error.message : String(error)}` } });
    }
  }
  if (saved) {
    const r = await openSaved(saved, held);
    if (r.ok) loadInvariantsText(saved.invariants ?? '');
    if (r.ok) await restoreSavedTraffic(saved.traffic);
    if (missingHeld) {
      useStore.setState({
        notice: { kind: 'error', title: 'The cluster objects of the last imported design could not be read back from browser storage: only the editor\'s text was restored. Import the file again.' },
      });
    }
    if (r.ok && saved.draft !== undefined) {
      editorChanged(saved.draft);
      useStore.setState((s) => ({ textVersion: s.textVersion + 1 }));
    }
    if (r.ok) return;
    if (held) {
      await replaceDesign('', 'new.yaml', 'restore');
      keepStored = true;
      const why = r.diagnostics.find((d) => d.severity === 'error')?.message ?? 'it could not be analyzed';
      useStore.setState({
        notice: { kind: 'error', title: `The saved design (imported from ${held.part.file}) could not be opened: ${why} It stays in browser storage until you open another design: reload to try again.` },
      });
      return;
    }
  }
  await replaceDesign('', 'new.yaml', 'restore');
}

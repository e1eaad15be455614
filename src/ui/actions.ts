// User actions that are more than one store call: import, export, samples, new design.
import { formatDiagnostic, openDialog, replaceDesign, useStore, notify } from './store.ts';
import { analyzeTextAsync, MAX_TEXT_BYTES } from '../workers/client.ts';
import { DEFAULT_SETTINGS, SAMPLES, type Diagnostic, type DesignSettings } from './core.ts';
import { importLargeBlob, MAX_IMPORT_BYTES, SMALL_IMPORT_BYTES, smallImportLimit, tooLargeMessage } from './importLarge.ts';
import { emitInWorker, listAsDocumentsInWorker } from '../workers/importClient.ts';
import { LAST_APPLIED } from '../import/slim.ts';
import type { ListDocuments } from '../import/listDocuments.ts';

export type ImportResult = { ok: true } | { ok: false; title: string; details: string[] };

/** Why a file cannot be YAML or JSON text, judged from its first bytes. */
export function binaryReason(text: string): string | undefined {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return 'it contains NUL bytes (a binary file?)';
  let odd = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if (ch === '\uFFFD' || (code < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t')) odd++;
  }
  if (sample.length > 0 && odd / sample.length > 0.02) return 'it is not text (too many control or undecodable characters)';
  return undefined;
}

const sameSettings = (a: DesignSettings, b: DesignSettings) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The settings a replacing import starts from: a sample's own settings (its API server address, its
 * ingress namespace) describe the sample's cluster, not the one imported, so those go back to the
 * defaults; settings the user chose stay.
 */
function settingsForReplacement(current: DesignSettings): DesignSettings {
  const fromSample = !sameSettings(current, DEFAULT_SETTINGS) && SAMPLES.some((s) => sameSettings(s.settings, current));
  return fromSample ? DEFAULT_SETTINGS : current;
}

/**
 * Whether the text may be a kubectl List (`kind: List` at the top of a YAML document, or in JSON),
 * so worth the import worker's closer look: other files are not sent there.
 */
const mayBeList = (text: string): boolean => /^kind:\s*["']?[A-Za-z]*List["']?\s*$/m.test(text) || (/^\uFEFF?\s*\{/.test(text) && /"kind"\s*:\s*"[A-Za-z]*List"/.test(text));

/** What became of a kubectl List in the editor, said once (the first change then rewrites only what it changes). */
function listSummary(list: ListDocuments): string {
  const fields = list.removed.map((f) => (f === LAST_APPLIED ? "kubectl's last-applied annotation" : f === 'status' ? 'status except pod and node addresses' : f));
  const objects = `${list.objects.toLocaleString('en-US')} object${list.objects === 1 ? '' : 's'}`;
  return `${objects} from a kubectl List, now one document each in the editor${fields.length > 0 ? `, without the fields the cluster adds (${fields.join(', ')})` : ''}`;
}

export async function importText(text: string, fileName: string, merge: boolean): Promise<ImportResult> {
  const fail = (title: string, details: string[] = []): ImportResult => {
    notify({ kind: 'error', title, details });
    return { ok: false, title, details };
  };
  if (text.trim().length === 0) return fail(`Nothing to import: ${fileName} is empty. The design on screen is kept.`);
  if (text.length > MAX_IMPORT_BYTES) return fail(tooLargeMessage(fileName, text.length));
  if (text.length > MAX_TEXT_BYTES) return importLarge(new Blob([text]), fileName, text.length, merge);
  const binary = binaryReason(text);
  if (binary) return fail(`${fileName} cannot be read as YAML or JSON: ${binary}. The design on screen is kept.`);
  const rejected = (diagnostics: Diagnostic[]) => {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return fail(`${fileName} was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}. The design on screen is kept.`, errors.slice(0, 30).map(formatDiagnostic));
  };
  const currentSettings = useStore.getState().settings;
  const settings = merge ? currentSettings : settingsForReplacement(currentSettings);
  useStore.setState({ busy: true });
  // A kubectl List goes into the editor as documents, without the server's fields: see src/import/listDocuments.ts.
  const list = mayBeList(text) ? await listAsDocumentsInWorker(text, fileName) : undefined;
  const imported = text;
  if (list) text = list.text;
  let alone = await analyzeTextAsync(text, fileName, settings);
  // The problems as they are in the file: its documents were never on screen.
  if (!alone.ok && list) alone = await analyzeTextAsync(imported, fileName, settings);
  useStore.setState({ busy: false });
  if (!alone.ok) return rejected(alone.diagnostics);
  const c = alone.analysis.cluster;
  // Assumed workloads (the cluster DNS the settings imply) come from no manifest: they do not make a
  // file worth importing.
  const fromFile = c.workloads.filter((w) => w.ref.manifest >= 0).length;
  const modelled = c.namespaces.filter((n) => n.declared).length + fromFile + c.services.length + c.policies.length;
  const remarks = alone.analysis.diagnostics.filter((d) => d.severity !== 'error').slice(0, 30).map(formatDiagnostic);
  if (modelled === 0) {
    return fail(`${fileName} was not imported: it holds no Namespace, workload, Service or NetworkPolicy the designer can use. The design on screen is kept.`, remarks);
  }
  const current = useStore.getState().validText;
  const combined = merge && current.trim() ? `${current.replace(/\n*$/, '\n')}---\n${text}` : text;
  const keepView = merge ? { positions: useStore.getState().positions, expanded: useStore.getState().expanded } : { settings };
  const r = await replaceDesign(combined, fileName, 'import', keepView, merge ? undefined : alone);
  if (!r.ok) return rejected(r.diagnostics);
  const imports = list ? `Imported ${fileName}: ${listSummary(list)}` : `Imported ${fileName}`;
  notify(
    remarks.length > 0
      ? { kind: 'info', title: `${imports}, with ${remarks.length} remark${remarks.length === 1 ? '' : 's'} (see Problems):`, details: remarks }
      : { kind: 'success', title: `${imports}.` },
  );
  if (settings !== currentSettings) {
    const n = useStore.getState().notice;
    if (n) notify({ ...n, details: [...(n.details ?? []), 'Settings are back to the defaults: the previous ones were a sample\'s (see Settings).'] });
  }
  return { ok: true };
}

/**
 * A file too large for the editor (over SMALL_IMPORT_BYTES) is parsed in a worker and summarised in
 * the editor (src/ui/importLarge.ts); it replaces the design (adding it to one is not supported).
 */
async function importLarge(blob: Blob, name: string, size: number, merge: boolean): Promise<ImportResult> {
  if (merge) {
    const title = `${name} (${(size / 1024 / 1024).toFixed(1)} MB) was not added: files over ${SMALL_IMPORT_BYTES / 1024 / 1024} MB can only replace the design (Undo brings the current one back). Uncheck "Add to the current design" to import it. The design on screen is kept.`;
    notify({ kind: 'error', title });
    return { ok: false, title, details: [] };
  }
  // A file dropped on the page: the dialog shows the progress and Cancel.
  const opened = useStore.getState().dialog !== 'import';
  if (opened) openDialog('import');
  const r = await importLargeBlob(blob, name, settingsForReplacement(useStore.getState().settings));
  if (opened && useStore.getState().dialog === 'import') openDialog(null);
  return r.ok ? r : { ok: false, title: r.title, details: r.details };
}

export async function readFile(file: File): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_IMPORT_BYTES) return { error: tooLargeMessage(file.name, file.size) };
  try {
    return { text: await file.text() };
  } catch {
    return { error: `${file.name} could not be read.` };
  }
}

export async function importFile(file: File, merge: boolean): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) {
    const title = tooLargeMessage(file.name, file.size);
    notify({ kind: 'error', title });
    return { ok: false, title, details: [] };
  }
  // Large files go to the import worker unread: reading 60 MB here would block the page.
  if (file.size > smallImportLimit()) return importLarge(file, file.name, file.size, merge);
  const r = await readFile(file);
  if ('error' in r) {
    notify({ kind: 'error', title: r.error });
    return { ok: false, title: r.error, details: [] };
  }
  return importText(r.text, file.name, merge);
}

export const DOWNLOAD_NAME = 'netpol-design.yaml';

/** Saves data as a file through the browser's download (nothing leaves the machine). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadYaml(): void {
  const s = useStore.getState();
  if (s.held) {
    void downloadWithHeld();
    return;
  }
  downloadBlob(DOWNLOAD_NAME, new Blob([s.validText], { type: 'application/yaml' }));
  if (!s.textValid) notify({ kind: 'info', title: 'The YAML in the editor has errors: downloaded the last valid design.' });
}

export async function copyYaml(): Promise<void> {
  try {
    await navigator.clipboard.writeText(useStore.getState().validText);
    notify({ kind: 'success', title: 'Copied the manifests to the clipboard.' });
  } catch {
    notify({ kind: 'error', title: 'The browser did not allow copying. Use Download instead.' });
  }
}

export async function newDesign(): Promise<void> {
  await replaceDesign('', 'new.yaml', 'new', { settings: DEFAULT_SETTINGS });
  notify({ kind: 'info', title: 'Started a new design with the default settings. Undo brings back the previous one.' });
}

/**
 * The whole design when part of it is held apart from the editor (a large import): the held
 * objects' YAML, written in a worker, then the editor's text without its header (which describes
 * the editor, not the file).
 */
async function downloadWithHeld(): Promise<void> {
  const s = useStore.getState();
  const held = s.held;
  if (!held) return;
  notify({ kind: 'info', title: `Writing the whole design (${held.objects.length.toLocaleString('en-US')} held objects and the editor's text)…` });
  const heldText = await emitInWorker(held.objects);
  if (heldText === undefined) {
    notify({ kind: 'error', title: 'Could not write the YAML of the design.' });
    return;
  }
  const own = s.validText.startsWith(held.header) ? s.validText.slice(held.header.length) : s.validText;
  const text = own.trim() === '' ? heldText : `${heldText.replace(/\n*$/, '\n')}---\n${own}`;
  downloadBlob(DOWNLOAD_NAME, new Blob([text], { type: 'application/yaml' }));
  notify({ kind: 'success', title: `Downloaded the whole design (${(text.length / 1024 / 1024).toFixed(1)} MB).${s.textValid ? '' : ' The YAML in the editor has errors: the last valid design was written.'}` });
}

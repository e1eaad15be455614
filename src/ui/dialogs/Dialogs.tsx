import { useEffect, useState, type ChangeEvent } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { SAMPLES } from '../core.ts';
import { downloadYaml, importFile, importText, newDesign } from '../actions.ts';
import { notify, openDialog, replaceDesign, formatDiagnostic, useStore } from '../store.ts';
import { shareLink, TooLargeToShare } from '../persistence.ts';
import { downloadFoldedTraffic, trafficSummary } from '../observed/trafficPersistence.ts';
import { ImportProgress } from './ImportProgress.tsx';
import { cancelImport, useImportJob } from '../importJob.ts';
import { MAX_IMPORT_BYTES, SMALL_IMPORT_BYTES } from '../importLarge.ts';

const close = () => openDialog(null);

function ImportForm() {
  const [text, setText] = useState('');
  const [merge, setMerge] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<{ title: string; details: string[] } | null>(null);
  const importing = useImportJob((s) => s.active !== null);

  const run = async (job: () => ReturnType<typeof importText>) => {
    setWorking(true);
    setError(null);
    const r = await job();
    setWorking(false);
    if (r.ok) close();
    else if (!/cancelled/.test(r.title)) setError({ title: r.title, details: r.details });
  };

  return (
    <div className="form">
      <p className="hint">
        NetworkPolicies, Namespaces, Pods, Deployments and other workloads, Services, or a <code>kubectl get -o yaml</code> List.
        YAML or JSON. Nothing leaves your browser. You can also drop files anywhere on the page.
      </p>
      <p className="hint" id="import-limit">
        Files up to {MAX_IMPORT_BYTES / 1024 / 1024} MB. A file over {SMALL_IMPORT_BYTES / 1024 / 1024} MB (a whole cluster as{' '}
        <code>kubectl get ns,deploy,sts,ds,pods,svc,netpol -A -o yaml</code> prints it) is read in the background, with progress
        and Cancel: the design keeps every Namespace, workload, pod and Service (only what policies read), and the editor shows
        the policies under a comment that sums up the rest. Download YAML writes the whole design.
      </p>
      <label>
        Open a file
        <input
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json,application/yaml"
          disabled={working}
          aria-describedby="import-limit"
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void run(() => importFile(file, merge));
          }}
        />
      </label>
      <label>
        Or paste manifests
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false} className="mono" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} />
        Add to the current design instead of replacing it
      </label>
      <ImportProgress />
      {error && (
        <div className="error-box" role="alert">
          <strong>{error.title}</strong>
          {error.details.length > 0 && (
            <ul>
              {error.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close} disabled={importing}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={working || text.trim() === ''} onClick={() => void run(() => importText(text, 'pasted.yaml', merge))}>
          {working ? 'Importing…' : 'Import pasted text'}
        </button>
      </div>
    </div>
  );
}

function SamplesList() {
  return (
    <ul className="samples">
      {SAMPLES.map((s) => (
        <li key={s.id}>
          <h3>{s.title}</h3>
          <p>{s.story}</p>
          <button
            type="button"
            className="primary"
            aria-label={`Load sample: ${s.title}`}
            onClick={async () => {
              const r = await replaceDesign(s.yaml, `${s.id}.yaml`, 'sample', { settings: s.settings });
              if (r.ok) {
                close();
                notify({ kind: 'success', title: `Loaded the sample “${s.title}”. Undo brings back your previous design.` });
              } else {
                notify({ kind: 'error', title: `The sample could not be loaded`, details: r.diagnostics.map(formatDiagnostic) });
              }
            }}
          >
            Load
          </button>
        </li>
      ))}
      {SAMPLES.length === 0 && <li>No samples available.</li>}
    </ul>
  );
}

function ShareForm() {
  const [url, setUrl] = useState<string | null>(null);
  const [trafficLeftOut, setTrafficLeftOut] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    shareLink().then(
      (link) => {
        if (!live) return;
        setUrl(link.url);
        setTrafficLeftOut(link.trafficLeftOut ?? null);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof TooLargeToShare) setTooLarge(e.message);
        else setUrl(`error: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (tooLarge) {
    return (
      <div className="form">
        <p role="alert">{tooLarge}</p>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              close();
              downloadYaml();
            }}
          >
            Download YAML
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="form">
      <p className="hint">
        The link holds the whole design, compressed, after the <code>#</code>. Browsers never send that part to a server:
        nothing leaves your machine until you share the link.
      </p>
      <label>
        Share link
        <textarea readOnly value={url ?? 'Preparing…'} rows={4} className="mono" onFocus={(e) => e.target.select()} />
      </label>
      <p className="hint">{url ? `${url.length.toLocaleString()} characters` : ''}</p>
      {url && !trafficLeftOut && trafficSummary() && (
        <p className="hint">It carries the imported traffic too: {trafficSummary()!.connections.toLocaleString('en-US')} connections with their counts, not the log&apos;s lines.</p>
      )}
      {trafficLeftOut && (
        <p role="note">
          {trafficLeftOut}{' '}
          <button type="button" className="link" onClick={downloadFoldedTraffic}>Download the folded traffic</button>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={!url}
          onClick={() => {
            if (!url) return;
            navigator.clipboard.writeText(url).then(
              () => setCopied(true),
              () => notify({ kind: 'error', title: 'The browser did not allow copying: select the link and copy it.' }),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}

export function Dialogs() {
  const dialog = useStore((s) => s.dialog);
  return (
    <>
      <Dialog
        open={dialog === 'import'}
        title="Import manifests"
        onClose={() => {
          // Closing the dialog while a large file is read cancels that import: the design is kept.
          cancelImport();
          close();
        }}
        wide
      >
        <ImportForm />
      </Dialog>
      <Dialog open={dialog === 'samples'} title="Samples" onClose={close} wide>
        <SamplesList />
      </Dialog>
      <Dialog open={dialog === 'share'} title="Share link" onClose={close}>
        <ShareForm />
      </Dialog>
      <Dialog open={dialog === 'confirmNew'} title="Start a new design?" onClose={close}>
        <p>The current design is replaced by an empty one. Undo brings it back; download it first if you want a copy.</p>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              close();
              void newDesign();
            }}
          >
            Start new design
          </button>
        </div>
      </Dialog>
    </>
  );
}

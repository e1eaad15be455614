// Download choices: the whole design, the policies only (what to apply to a cluster that already
// runs the workloads), one namespace; the file name says which. Whole-design downloads keep the
// text as written (comments and all); a subset is written from the objects.
import { useId, useMemo, useState } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../components/Dialog.tsx';
import { emitYaml } from '../core.ts';
import { downloadBlob } from '../actions.ts';
import { notify, useStore } from '../store.ts';
import { namespaceNames } from '../../design/canvas/index.ts';
import { describeExport, exportFileName, exportObjects, type ExportChoice } from '../../design/export/index.ts';

export const useExportDialog = create<{ open: boolean }>()(() => ({ open: false }));
export const openExportDialog = () => useExportDialog.setState({ open: true });
const close = () => useExportDialog.setState({ open: false });

function ExportForm() {
  const { objects, validText, textValid } = useStore(useShallow((s) => ({ objects: s.objects, validText: s.validText, textValid: s.textValid })));
  const namespaces = useMemo(() => namespaceNames(objects), [objects]);
  const [namespace, setNamespace] = useState('');
  const [policiesOnly, setPoliciesOnly] = useState(true);
  const choice: ExportChoice = { policiesOnly, ...(namespace ? { namespace } : {}) };
  const chosen = useMemo(() => exportObjects(objects, choice), [objects, policiesOnly, namespace]); // eslint-disable-line react-hooks/exhaustive-deps
  const name = exportFileName(choice);
  const nsId = useId();
  const download = () => {
    const whole = !policiesOnly && !namespace;
    const text = whole ? validText : emitYaml(chosen);
    downloadBlob(name, new Blob([text], { type: 'application/yaml' }));
    close();
    notify(textValid ? { kind: 'success', title: `Downloaded ${name}: ${describeExport(chosen)}.` } : { kind: 'info', title: `Downloaded ${name} from the last valid design (the YAML in the editor has errors).` });
  };
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); download(); }}>
      <fieldset className="enforce">
        <legend>What</legend>
        <label className="radio">
          <input type="radio" name="export-what" checked={policiesOnly} onChange={() => setPoliciesOnly(true)} />
          Policies only (NetworkPolicies and admin policies: nothing else is created on kubectl apply)
        </label>
        <label className="radio">
          <input type="radio" name="export-what" checked={!policiesOnly} onChange={() => setPoliciesOnly(false)} />
          Everything (namespaces, workloads, Services and policies)
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={nsId}>Namespaces</label>
        <select id={nsId} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
          <option value="">All namespaces{policiesOnly ? ' and cluster-wide admin policies' : ''}</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>Only {n}</option>
          ))}
        </select>
      </div>
      <p className="hint" role="status">
        <strong>{name}</strong>: {describeExport(chosen)}.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={close}>Cancel</button>
        <button type="submit" className="primary" disabled={chosen.length === 0}>Download {name}</button>
      </div>
    </form>
  );
}

export function ExportDialog() {
  const open = useExportDialog((s) => s.open);
  return (
    <Dialog open={open} title="Download" onClose={close}>
      {open && <ExportForm />}
    </Dialog>
  );
}

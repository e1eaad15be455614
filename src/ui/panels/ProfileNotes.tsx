// Under a verdict: the exceptions and plugin differences that shaped it, and whether another
// network plugin would answer otherwise (with the documented reason and its source).
import { useMemo, useState } from 'react';
import { compileAll, evaluateAcrossProfiles, profileById, profileDependence, type ClusterModel, type CompiledCluster, type NetworkProfileId, type Probe, type VerdictNote } from '../core.ts';

/** Designs up to this many workloads are compared across plugins at once; larger ones on request. */
const AUTO_COMPARE_LIMIT = 1500;

const allCache = new WeakMap<ClusterModel, Map<NetworkProfileId, CompiledCluster>>();
function compiledForAll(cluster: ClusterModel): Map<NetworkProfileId, CompiledCluster> {
  let all = allCache.get(cluster);
  if (!all) {
    all = compileAll(cluster);
    allCache.set(cluster, all);
  }
  return all;
}

function Source({ note }: { note: VerdictNote }) {
  if (!note.source) return null;
  return (
    <span className="profile-source">
      {' '}Source: {note.url ? <a href={note.url} target="_blank" rel="noreferrer noopener">{note.source}</a> : note.source}
    </span>
  );
}

export function ProfileNotes({ cluster, probe, notes, profile }: { cluster: ClusterModel; probe: Probe; notes: readonly VerdictNote[]; profile: string | undefined }) {
  const [asked, setAsked] = useState(false);
  const auto = cluster.workloads.length <= AUTO_COMPARE_LIMIT;
  const dependence = useMemo(() => {
    if (!auto && !asked) return undefined;
    try {
      return profileDependence(evaluateAcrossProfiles(compiledForAll(cluster), probe)) ?? null;
    } catch {
      return null;
    }
  }, [cluster, probe, auto, asked]);
  return (
    <div className="profile-notes">
      {notes.length > 0 && (
        <ul className="verdict-notes" aria-label="Notes on this verdict">
          {notes.map((n) => (
            <li key={n.text}>
              {n.difference && <span className="chip chip-profile">{profileById(n.difference.split('.')[0]).name}</span>} {n.text}
              <Source note={n} />
            </li>
          ))}
        </ul>
      )}
      {dependence === undefined && (
        <button type="button" onClick={() => setAsked(true)}>Compare network plugins</button>
      )}
      {dependence && (
        <div className="profile-dependence" role="note" aria-label="Depends on the network plugin">
          <h4>Depends on the network plugin</h4>
          <p>
            Allowed on {dependence.allowedOn.map((id) => profileById(id).name).join(', ')}; denied on {dependence.deniedOn.map((id) => profileById(id).name).join(', ')}
            {` (judged here as ${profileById(profile).name}).`}
          </p>
          <ul>
            {dependence.reasons.map((n) => (
              <li key={n.difference}>
                <strong>{profileById(n.difference?.split('.')[0]).name}:</strong> {n.text}
                <Source note={n} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {dependence === null && (asked || auto) && <p className="hint">Every network plugin profile gives this verdict.</p>}
    </div>
  );
}

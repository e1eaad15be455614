// Pins the selected edge as an invariant: "must never reach" (the path is not wanted) or "must stay
// open" (the path is needed). Shown under the selected path in the Explain tab.
import { describeInvariant } from '../../pipeline/describe.ts';
import { notify } from '../store.ts';
import { addInvariant, keyToSelector, useInvariants } from './invariantsStore.ts';

const short = (key: string) => key.replace(/^\w+:/, '');

export function PinInvariant({ source, target, fromTitle, toTitle }: { source: string; target: string; fromTitle: string; toTitle: string }) {
  const results = useInvariants((s) => s.results);
  const from = keyToSelector(source);
  const to = keyToSelector(target);
  if (!from || !to) return null;
  // Outside to outside is not the cluster's business; an outside source is still a valid `never`.
  const pinned = results?.filter((r) => r.invariant.kind !== 'isolated' && r.invariant.name.includes(`${short(source)}-to-${short(target)}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'))) ?? [];
  const pin = (kind: 'never' | 'always') => {
    const added = addInvariant({ name: `${kind}-${short(source)}-to-${short(target)}`, kind, severity: 'high', from: [from], to: [to], ports: [] });
    notify({ kind: 'success', title: `Pinned the invariant ${added.name}: ${describeInvariant(added)}. The Findings tab lists it.` });
  };
  return (
    <div className="pin-invariant" role="group" aria-label="Pin this path as an invariant">
      <span className="hint">Pin as an invariant:</span>{' '}
      <button type="button" onClick={() => pin('never')} aria-label={`${fromTitle} must never reach ${toTitle}`}>
        Must never reach
      </button>{' '}
      <button type="button" onClick={() => pin('always')} aria-label={`${fromTitle} must always reach ${toTitle}`}>
        Must stay open
      </button>
      {pinned.length > 0 && (
        <p className="hint">
          Pinned: {pinned.map((r) => `${r.invariant.name} (${r.holds ? 'holds' : 'violated'})`).join(', ')}
        </p>
      )}
    </div>
  );
}

// The network-plugin profile: which plugin's documented behaviour the verdicts follow. Applies at
// once (graph, Explain, matrix and findings re-judge); saved with the design and in share links.
import { useId } from 'react';
import { PROFILES, profileById, isProfileId } from '../core.ts';
import { setSettings, useStore } from '../store.ts';

export function ProfileSetting() {
  const settings = useStore((s) => s.settings);
  const id = useId();
  const profile = profileById(settings.profile);
  return (
    <section className="panel-content form profile-setting" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="profile-title">Network plugin</h3>
      <label htmlFor={`${id}-select`}>Judge traffic as</label>
      <select
        id={`${id}-select`}
        value={profile.id}
        aria-describedby={`${id}-summary`}
        onChange={(e) => {
          const value = e.target.value;
          if (!isProfileId(value)) return;
          const { profile: _old, ...rest } = settings;
          setSettings(value === 'spec' ? rest : { ...rest, profile: value });
        }}
      >
        {PROFILES.map((p) => (
          <option key={p.id} value={p.id}>{p.name}</option>
        ))}
      </select>
      <p id={`${id}-summary`} className="hint">
        {profile.summary} Where the NetworkPolicy spec leaves a choice to the plugin, the verdicts follow {profile.id === 'spec' ? 'the plain reading of the Kubernetes documentation' : `what ${profile.name} is documented to do`}.
      </p>
      {profile.differences.length > 0 && (
        <ul className="profile-differences" aria-label={`How ${profile.name} differs from the spec`}>
          {profile.differences.map((d) => (
            <li key={d.id}>
              {d.text}{' '}
              <span className="profile-source">
                Source: <a href={d.url} target="_blank" rel="noreferrer noopener">{d.source}</a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

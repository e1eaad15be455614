import type { KeyboardEvent } from 'react';
import { setPanel, toggleSide, useStore, type SidePanel as PanelName } from '../store.ts';
import { sideTab } from '../graph/tabBridge.ts';
import { RulesPanel } from '../panels/RulesPanel.tsx';
import { FlowsPanel } from '../panels/FlowsPanel.tsx';
import { ExplainPanel } from '../panels/ExplainPanel.tsx';
import { SettingsPanel } from '../panels/SettingsPanel.tsx';
import { FindingsPanel } from '../panels/FindingsPanel.tsx';
import { ReviewPanel } from '../panels/ReviewPanel.tsx';
import { ObservedPanel } from '../observed/ObservedPanel.tsx';

/** The side panel's tabs, in order. New panels (review, matrix, ...) add a line here and a case below. */
export const TABS: { id: PanelName; title: string }[] = [
  { id: 'rules', title: 'Rules' },
  { id: 'flows', title: 'Flows' },
  { id: 'explain', title: 'Explain' },
  { id: 'findings', title: 'Findings' },
  { id: 'review', title: 'Review' },
  { id: 'traffic', title: 'Traffic' },
  { id: 'settings', title: 'Settings' },
];

export function SidePanel() {
  const panel = useStore((s) => s.panel);
  const collapsed = useStore((s) => s.sideCollapsed);
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === panel);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setPanel(TABS[next]!.id);
    document.getElementById(`tab-${TABS[next]!.id}`)?.focus();
  };
  if (collapsed) {
    return (
      <aside className="side is-collapsed" aria-label="Design tools">
        <button type="button" className="icon-button side-toggle" aria-label="Show the side panel" aria-expanded={false} title="Show the side panel" onClick={toggleSide}>
          »
        </button>
      </aside>
    );
  }
  return (
    <aside className="side" aria-label="Design tools" onKeyDown={sideTab}>
      <div className="tabs-row">
      <div role="tablist" aria-label="Design tools" className="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={panel === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={panel === t.id ? 0 : -1}
            onClick={() => setPanel(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
        <button type="button" className="icon-button side-toggle" aria-label="Hide the side panel" aria-expanded={true} title="Hide the side panel" onClick={toggleSide}>
          «
        </button>
      </div>
      <div role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`} className="tabpanel">
        {panel === 'rules' && <RulesPanel />}
        {panel === 'flows' && <FlowsPanel />}
        {panel === 'explain' && <ExplainPanel />}
        {panel === 'findings' && <FindingsPanel />}
        {panel === 'review' && <ReviewPanel />}
        {panel === 'traffic' && <ObservedPanel />}
        {panel === 'settings' && <SettingsPanel />}
      </div>
    </aside>
  );
}

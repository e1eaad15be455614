import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { restoreOnStart, startAutosave } from './persistence.ts';
import { installTestHook } from './testHook.ts';
import { onNewLayoutNeeded } from './store.ts';
import { autoLayout } from './graph/layout.ts';
import { resetScaleView } from './scale/viewState.ts';
import { warmUpAnalysis } from '../workers/client.ts';
import { startFindingsSync } from './review/findingsStore.ts';
import { startInvariantsSync } from './invariants/invariantsStore.ts';
import { startBaselineSync } from './review/baselineStore.ts';
import { startObservedSync } from './observed/observedStore.ts';
import './app.css';

// The worker's script loads while React renders the first frame.
warmUpAnalysis();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
installTestHook();
// New designs get a layered layout once they are on screen (the grid placement shows first).
onNewLayoutNeeded(() => {
  // A new design starts on its whole picture (or overview), without the last one's focus.
  resetScaleView();
  void autoLayout();
});
void restoreOnStart().then(() => {
  startAutosave();
  startFindingsSync();
  startInvariantsSync();
  startBaselineSync();
  startObservedSync();
});

import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isEmptyConnectionSet } from '../core.ts';
import type { PresentationStep } from '../../workers/presentation.ts';
import { goToStep, nextStep, previousStep, stopPresentation, usePresentation } from './presentation.ts';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null);
}

const paths = (n: number) => `${n} path${n === 1 ? '' : 's'}`;

/**
 * "opened 3 paths and closed 12": what the step did, counted per pair of endpoints, and where the
 * graph shows it. Pairs open only by default are never drawn, so closing them turns chips, not lines.
 */
function changeSummary({ chapter, opened, closed, changes }: PresentationStep): string {
  if (chapter === 'open') return 'Open paths are not drawn as lines: the dashed orange in/out chips mark the pods no policy isolates.';
  if (opened === 0 && closed === 0) return 'No path changes at this step.';
  const ghosts = changes.filter((c) => c.drawnBefore && !isEmptyConnectionSet(c.closed)).length;
  const closedText = ghosts === closed
    ? `closed ${paths(closed)} (red dashed ghosts)`
    : ghosts === 0
      ? `closed ${paths(closed)} that were open by default (the in/out chips turn to isolated)`
      : `closed ${paths(closed)} (${ghosts} drawn ${ghosts === 1 ? 'one' : 'ones'} as red dashed ghosts; the others were open by default, as the chips show)`;
  return `This step ${[opened > 0 && `opened ${paths(opened)} (marked +)`, closed > 0 && closedText].filter(Boolean).join(' and ')}.`;
}

/** Seconds per step when the story plays by itself. */
const PLAY_SECONDS = 6;

/** The presenter's controls over the graph: the step, its narration, and the way between steps. */
export function PresentationBar() {
  const { steps, index } = usePresentation(useShallow((s) => ({ steps: s.steps, index: s.index })));
  const nextRef = useRef<HTMLButtonElement>(null);
  const [playing, setPlaying] = useState(false);
  const last = index === steps.length - 1;

  // Playing moves on after a pause per step and stops at the end; any step change restarts the pause.
  useEffect(() => {
    if (!playing) return;
    if (last) {
      setPlaying(false);
      return;
    }
    const id = setTimeout(nextStep, PLAY_SECONDS * 1000);
    return () => clearTimeout(id);
  }, [playing, index, last]);

  useEffect(() => {
    nextRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const all = usePresentation.getState().steps;
      const action: Record<string, () => void> = {
        ArrowRight: nextStep,
        PageDown: nextStep,
        ArrowLeft: previousStep,
        PageUp: previousStep,
        Home: () => goToStep(0),
        End: () => goToStep(all.length - 1),
        Escape: stopPresentation,
      };
      // Arrow keys keep moving the graph's focused element; only the bar's own buttons give them up.
      const onGraph = e.target instanceof HTMLElement && e.target.closest('.react-flow') !== null;
      const run = action[e.key];
      if (!run || (onGraph && e.key.startsWith('Arrow'))) return;
      e.preventDefault();
      run();
    };
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onKey);
      document.querySelector<HTMLButtonElement>('button.present-button')?.focus();
    };
  }, []);

  const step = steps[index];
  if (!step) return null;
  return (
    <section className="presentation-bar" aria-label="Presentation" aria-roledescription="slide show">
      <div className="presentation-head">
        <span className="presentation-count">
          Step {index + 1} of {steps.length}
        </span>
        <h2 className="presentation-title">{step.title}</h2>
        <ol className="presentation-steps" aria-label="Steps">
          {steps.map((s, i) => (
            <li key={s.chapter}>
              <button
                type="button"
                className="presentation-dot"
                aria-current={i === index ? 'step' : undefined}
                aria-label={`Step ${i + 1}: ${s.title}`}
                title={s.title}
                onClick={() => goToStep(i)}
              />
            </li>
          ))}
        </ol>
      </div>
      <div className="presentation-body" aria-live="polite">
        <p className="presentation-narration">{step.narration}</p>
        <p className="presentation-summary">{changeSummary(step)}</p>
      </div>
      <div className="presentation-actions">
        <button type="button" onClick={previousStep} disabled={index === 0} aria-keyshortcuts="ArrowLeft PageUp">
          ← Previous
        </button>
        <button ref={nextRef} type="button" className="primary" onClick={last ? stopPresentation : nextStep} aria-keyshortcuts="ArrowRight PageDown">
          {last ? 'Finish' : 'Next →'}
        </button>
        <button type="button" aria-pressed={playing} disabled={last} title={`Move on every ${PLAY_SECONDS} seconds`} onClick={() => setPlaying(!playing)}>
          Autoplay
        </button>
        <button type="button" onClick={stopPresentation} aria-keyshortcuts="Escape">
          End presentation
        </button>
      </div>
    </section>
  );
}

// Public API of the replay documents: the observed-traffic replay as text, Markdown, JSON, and the
// staged-rollout checklist.
export { formatReplay, formatTime, replayHtml, replayJson, replayMarkdown, replayText, REPLAY_FORMATS, seenText, type ReplayFormat, type ReplayReport } from './format.ts';
export { NETWORK_PLUGINS, rolloutChecklist, type ChecklistItem, type NetworkPlugin } from './rollout.ts';

// The view's filter over observed connections: by verdict and by time window.
import type { ObservedConnection, ObservedVerdict } from './types.ts';

export interface ObservedFilter {
  verdicts: Record<ObservedVerdict, boolean>;
  /** Inclusive time window (ms since the epoch); undefined: open. */
  since?: number;
  until?: number;
}

/** The connections the filter lets through: one of their verdicts is on, and they were seen in the window. */
export function filterConnections(connections: readonly ObservedConnection[], f: ObservedFilter): ObservedConnection[] {
  return connections.filter((c) => {
    const verdictOk = (f.verdicts.forwarded && c.forwarded > 0) || (f.verdicts.dropped && c.dropped > 0) || (f.verdicts.audit && c.audit > 0);
    if (!verdictOk) return false;
    // Connections without times pass any window: the log did not say when.
    if (f.since !== undefined && c.last !== undefined && c.last < f.since) return false;
    if (f.until !== undefined && c.first !== undefined && c.first > f.until) return false;
    return true;
  });
}

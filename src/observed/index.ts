// Public API of observed traffic: parse flow logs (Hubble, plain CSV/JSON, test-plan results), map
// them onto a design, replay them against it, and propose flows from them. Pure: no React, no DOM.
export type * from './types.ts';
export { FlowParser, parseFlows, FLOW_FORMATS, MAX_PROBLEMS } from './parse.ts';
export { endMapper, mapConnections, observedEndKey, observedEndLabel, ownerCandidates, probeEndpoint } from './mapping.ts';
export { replay, replayCluster, replayRaw, judge, flowEndOf, type ReplayGroup, type ReplayItem, type ReplayOutcome, type ReplayResult } from './replay.ts';
export { applyProposal, cidr24, connectionsThatWorked, observedNamespaces, proposeFlows, type Proposal, type ProposeOptions } from './propose.ts';
export { filterConnections, type ObservedFilter } from './filter.ts';
export { formatFolded, readFoldedSources, readFoldedConnection, FOLDED_KIND, type FoldedSource } from './folded.ts';

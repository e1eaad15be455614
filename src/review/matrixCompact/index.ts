// The Matrix view's data at cluster size: computed on workload classes, sent as typed arrays, read
// cell by cell, exported on demand.
export { computeCompactMatrix, type CompactMatrixOptions } from './compute.ts';
export { cellAt, cellCounts, countDiffering, workloadAllowed, workloadSlot, type CompactCell } from './cells.ts';
export { exportCompactMatrix, exportCellCount, exportRefusal, EXPORT_CELL_LIMIT } from './export.ts';
export type { CompactMatrix, CompactNamespaceMatrix, CompactWorkloadMatrix } from './types.ts';

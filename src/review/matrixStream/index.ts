// The reachability matrix at cluster size, as streamed text (workload or namespace level).
export { namespaceMatrixView, streamMatrix, WORKLOAD_LEVEL_LIMIT, type MatrixStreamOptions } from './stream.ts';

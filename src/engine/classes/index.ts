// Workload equivalence classes: matrix work that grows with what differs, not with pods.
export { workloadClasses, classPortMatrix, loopsBack, placedClasses, hasNodeEndpoint, type WorkloadClasses, type ClassPortMatrix } from './classes.ts';
export { answerProbes } from './batch.ts';
export { classesOf, followClasses, perClass, shareClasses } from './memo.ts';

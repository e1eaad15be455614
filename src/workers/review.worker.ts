// The security review in a worker of its own, started by the analysis worker: reviewing a large
// design takes seconds, and the next toggle must neither wait for it nor restart the analysis worker
// (which would lose the state its incremental analysis keeps).
import { runReviewTask, type ReviewTaskRequest, type ReviewTaskResult } from './reviewTask.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ReviewTaskRequest>) => {
  const { seq, task } = event.data;
  let findings: ReviewTaskResult['findings'];
  try {
    findings = runReviewTask(task);
  } catch {
    findings = undefined;
  }
  scope.postMessage({ seq, findings } satisfies ReviewTaskResult);
};

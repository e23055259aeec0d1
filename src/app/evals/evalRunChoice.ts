import { batchDecision, type BatchDecision, type EvalBatchSetting } from '../../core/evals/batchPolicy';
import type { EvalSuite } from '../../core/evals/suiteSchema';
import type { ModelRef } from '../../core/types';
import type { RequestService } from '../requestService';
import { runCasesInBatch, type BatchEvalOptions } from './batchEvalRun';
import type { BatchQueue } from './batchQueue';
import { runSuite, type EvalRunDeps, type EvalRunOptions, type EvalRunOutcome } from './evalRunner';

/** What a run needs to go either way: live (`runSuite`) or through the batch queue. */
export interface EvalRunChoiceDeps extends EvalRunDeps {
  readonly requests: Pick<RequestService, 'compare' | 'batch'>;
  /** `quorum.evals.batch`, read at the start of the run. */
  readonly batchSetting: () => EvalBatchSetting;
  /** The window's batch queue (`BatchJobsHost.queue`); absent = no batch runs here (e.g. the CLI). */
  readonly batchQueue?: () => Promise<BatchQueue>;
  readonly clock: { now(): number };
}

export type EvalRunChoiceOptions = EvalRunOptions & Pick<BatchEvalOptions, 'runId' | 'onSubmitted'>;

/**
 * The entry point for the Evals tab and `Quorum: Run Evals`: runs the suite in batch when `batchDecision` says so
 * (large, batch-capable, no judge checks, allowed by the setting) and a queue is there, else live. Says which, and
 * why, so the view can tell the user that answers will take a while.
 */
export async function runSuiteChoosingBatch(
  suite: EvalSuite, models: readonly ModelRef[], deps: EvalRunChoiceDeps, options: EvalRunChoiceOptions = {},
): Promise<EvalRunOutcome & { readonly decision: BatchDecision }> {
  const decision = deps.batchQueue === undefined ? { batch: false, why: 'Batch runs need the window\'s batch queue.' } : batchDecision(deps.batchSetting(), suite, models);
  if (!decision.batch || deps.batchQueue === undefined) return { ...(await runSuite(suite, models, deps, options)), decision };
  const queue = await deps.batchQueue();
  const outcome = await runCasesInBatch(suite, models, { ...deps, queue }, {
    ...(options.runId !== undefined ? { runId: options.runId } : {}), ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.onSubmitted !== undefined ? { onSubmitted: options.onSubmitted } : {}),
  });
  options.onProgress?.(suite.cases.length, suite.cases.length);
  return { ...outcome, decision };
}

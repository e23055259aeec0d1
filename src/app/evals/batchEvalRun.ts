import { runCheck, type CheckPorts } from '../../core/evals/evalChecks';
import { aggregateMatrix, type CaseResult } from '../../core/evals/evalMatrix';
import type { EvalSuite } from '../../core/evals/suiteSchema';
import type { ModelRef } from '../../core/types';
import type { BatchRequestItem } from '../batchRequests';
import type { RequestService } from '../requestService';
import type { BatchJob } from './batchJob';
import type { BatchQueue } from './batchQueue';
import { caseMessages, type WorkspaceReader } from './caseMessages';
import { EVAL_FEATURE, EvalSetupError, type EvalRunOutcome } from './evalRunner';

/**
 * An eval run through the vendors' batch APIs (`quorum.evals.batch`, decided by `core/evals/batchPolicy.ts`): every
 * case on every model as one job per vendor (per model where the vendor wants that), submitted through the request
 * path (screened, checked, admitted at batch prices), queued, and graded when the jobs end. The matrix is the one a
 * live run gives, except latency: a batch answer's turnaround is the job's, not the model's, so it is left out.
 */

export interface BatchEvalDeps extends CheckPorts {
  readonly requests: Pick<RequestService, 'batch'>;
  readonly queue: BatchQueue;
  readonly read: WorkspaceReader;
  readonly clock: { now(): number };
}

export interface BatchEvalOptions {
  /** Groups the run's jobs in the queue; default `<suite id>@<submit time>`. */
  readonly runId?: string;
  /** Aborting it cancels the run's jobs; the matrix then covers what finished before. */
  readonly signal?: AbortSignal;
  /** Told once the jobs are submitted (their queue ids), e.g. to show them. */
  readonly onSubmitted?: (jobIds: readonly string[]) => void;
}

/**
 * Runs a suite's cases on `models` in batch and grades them.
 * @throws EvalSetupError before sending anything when the suite has judge checks (they need each answer at once)
 */
export async function runCasesInBatch(suite: EvalSuite, models: readonly ModelRef[], deps: BatchEvalDeps, options: BatchEvalOptions = {}): Promise<EvalRunOutcome> {
  if (suite.cases.some((c) => c.checks.some((check) => check.type === 'judge'))) {
    throw new EvalSetupError(`Suite ${suite.id} has judge checks, which a batch run cannot grade: run it live (quorum.evals.batch "never").`);
  }
  const items: BatchRequestItem[] = [];
  const caseOf = new Map<string, string>();
  for (const [c, evalCase] of suite.cases.entries()) {
    const messages = await caseMessages(suite, evalCase, deps.read);
    for (const [m, ref] of models.entries()) {
      const customId = `c${c}-m${m}`;
      caseOf.set(customId, evalCase.id);
      items.push({ customId, ref, messages, ...(suite.maxOutputTokens !== undefined ? { maxOutputTokens: suite.maxOutputTokens } : {}) });
    }
  }
  const routeReason = `eval ${suite.id} (batch)`;
  const submitted = await deps.requests.batch.submit({ feature: EVAL_FEATURE, items, routeReason, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
  if ('refused' in submitted) return { matrix: aggregateMatrix(suite.id, suite.threshold, models, []), stopped: submitted.reason ?? 'not sent: the budget was not confirmed' };
  const submittedAt = deps.clock.now();
  const runId = options.runId ?? `${suite.id}@${submittedAt}`;
  const jobs = await Promise.all(submitted.jobs.map((job) => deps.queue.add({
    provider: job.provider, batchId: job.batchId, runId, suiteId: suite.id, feature: EVAL_FEATURE, routeReason, submittedAt,
    items: job.items.map((i) => ({ customId: i.customId, ref: i.ref, caseId: caseOf.get(i.customId) ?? '' })),
  })));
  options.onSubmitted?.(jobs.map((j) => j.id));
  const cancel = () => void Promise.all(jobs.map((j) => deps.queue.cancel(j.id)));
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const finished = await deps.queue.whenFinished(jobs.map((j) => j.id));
    const rejected = submitted.rejected.flatMap((r) => r.customIds.map((customId): CaseResult | undefined => {
      const item = items.find((i) => i.customId === customId);
      return item === undefined ? undefined : { caseId: caseOf.get(customId) ?? '', ref: item.ref, answer: '', error: `not sent: ${r.problem}`, checks: [], costUsd: 0 };
    })).filter((r): r is CaseResult => r !== undefined);
    const results = [...gradeBatchJobs(suite, finished, deps), ...rejected];
    const stopped = options.signal?.aborted === true ? 'cancelled' : undefined;
    return { matrix: aggregateMatrix(suite.id, suite.threshold, models, results), ...(stopped !== undefined ? { stopped } : {}) };
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * The graded case results of finished jobs — also for a run whose window was reloaded: the queue kept its jobs,
 * and the caller reads the suite again and grades them with this.
 */
export function gradeBatchJobs(suite: EvalSuite, jobs: readonly BatchJob[], ports: CheckPorts = {}): CaseResult[] {
  const cases = new Map(suite.cases.map((c) => [c.id, c]));
  return jobs.flatMap((job) => job.items.map((item): CaseResult => {
    const outcome = job.outcomes?.find((o) => o.customId === item.customId);
    const evalCase = cases.get(item.caseId);
    const base = { caseId: item.caseId, ref: item.ref, answer: outcome?.text ?? '', ...(outcome?.costUsd !== undefined ? { costUsd: outcome.costUsd } : {}) };
    if (outcome === undefined || !outcome.ok || evalCase === undefined) {
      const error = evalCase === undefined ? `case ${item.caseId} is no longer in the suite` : `failed: ${outcome?.error ?? job.problem ?? 'no result'}`;
      return { ...base, error, checks: [] };
    }
    const checks = evalCase.checks.flatMap((check) => (check.type === 'judge' ? [] : [runCheck(check, base.answer, ports)]));
    return { ...base, checks };
  }));
}

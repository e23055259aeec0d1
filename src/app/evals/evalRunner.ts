import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import { parseModelRef } from '../../core/config/routingSchema';
import { MAX_COLUMNS } from '../../core/ensemble/compare/fanOut';
import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import { runCheck, type CheckPorts, type CheckResult } from '../../core/evals/evalChecks';
import { aggregateMatrix, type CaseResult, type EvalMatrix } from '../../core/evals/evalMatrix';
import { RUBRIC_MAX_OUTPUT_TOKENS, rubricMessages, rubricVerdict } from '../../core/evals/rubricJudge';
import type { EvalCase, EvalSuite } from '../../core/evals/suiteSchema';
import type { ChatMessage, ModelRef } from '../../core/types';
import type { RequestService } from '../requestService';
import { caseMessages, type WorkspaceReader } from './caseMessages';

/** The ledger feature of every eval call (answers and judges alike). */
export const EVAL_FEATURE = 'eval';

export interface EvalRunDeps extends CheckPorts {
  /** THE request path: each case is one Compare with a column per model, admitted by the budget first. */
  readonly requests: Pick<RequestService, 'compare'>;
  readonly catalog: () => ModelCatalog;
  readonly read: WorkspaceReader;
}

export interface EvalRunOptions {
  /** Grades `judge` checks when the suite names no judge; standard tier or above. */
  readonly judge?: ModelRef;
  /** Aborting it stops the running case's calls and the run. */
  readonly signal?: AbortSignal;
  /** After each case: cases done and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A run's matrix; `stopped` says why it ended early (refused by the budget, or cancelled) — the matrix then covers the cases run. */
export interface EvalRunOutcome {
  readonly matrix: EvalMatrix;
  readonly stopped?: string;
}

/** A run that cannot start: the suite or the options are wrong (nothing was sent). */
export class EvalSetupError extends Error {
  override readonly name = 'EvalSetupError';
}

/**
 * Runs every case of a suite on every model through the request path (feature `eval`), checks each answer,
 * grades `judge` checks with the judge model (its cost counted in the case's), and aggregates the matrix.
 * @throws EvalSetupError before sending anything when the suite needs a judge it has not got
 */
export async function runSuite(suite: EvalSuite, models: readonly ModelRef[], deps: EvalRunDeps, options: EvalRunOptions = {}): Promise<EvalRunOutcome> {
  const judge = judgeFor(suite, deps.catalog(), options.judge);
  const results: CaseResult[] = [];
  let stopped: string | undefined;
  for (const [i, evalCase] of suite.cases.entries()) {
    if (options.signal?.aborted === true) {
      stopped = 'cancelled';
      break;
    }
    const messages = await caseMessages(suite, evalCase, deps.read);
    for (let start = 0; start < models.length && stopped === undefined; start += MAX_COLUMNS) {
      const answered = await askModels(suite, evalCase, messages, models.slice(start, start + MAX_COLUMNS), deps, options.signal);
      if ('stopped' in answered) stopped = answered.stopped;
      else results.push(...(await Promise.all(answered.summaries.map((s) => grade(suite, evalCase, s, deps, judge, options.signal)))));
    }
    if (stopped !== undefined) break;
    options.onProgress?.(i + 1, suite.cases.length);
  }
  if (stopped === undefined && options.signal?.aborted === true) stopped = 'cancelled';
  const matrix = aggregateMatrix(suite.id, suite.threshold, models, results);
  return stopped === undefined ? { matrix } : { matrix, stopped };
}

async function askModels(
  suite: EvalSuite, evalCase: EvalCase, messages: readonly ChatMessage[], models: readonly ModelRef[], deps: EvalRunDeps, signal: AbortSignal | undefined,
): Promise<{ readonly summaries: readonly ColumnSummary[] } | { readonly stopped: string }> {
  const started = await deps.requests.compare({
    feature: EVAL_FEATURE,
    columns: models.map((ref, i) => ({ id: `m${i}`, ref })),
    request: { messages, ...(suite.maxOutputTokens !== undefined ? { maxOutputTokens: suite.maxOutputTokens } : {}) },
    routeReason: `eval ${suite.id}: case ${evalCase.id}`,
    ...(signal !== undefined ? { signal } : {}),
  });
  if ('refused' in started) return { stopped: started.reason ?? 'not sent: the budget was not confirmed' };
  const summaries = await started.run.idle();
  const reason = started.stopReason();
  return reason !== undefined ? { stopped: reason } : { summaries };
}

async function grade(suite: EvalSuite, evalCase: EvalCase, summary: ColumnSummary, deps: EvalRunDeps, judge: ModelRef | undefined, signal: AbortSignal | undefined): Promise<CaseResult> {
  const base = { caseId: evalCase.id, ref: summary.ref, answer: summary.text, ...(summary.totalMs !== undefined ? { latencyMs: summary.totalMs } : {}) };
  if (summary.status !== 'done') {
    const error = summary.status === 'failed' ? `failed: ${summary.error?.message ?? 'unknown error'}` : 'stopped before it answered';
    return { ...base, error, checks: [], ...(summary.costUsd !== undefined ? { costUsd: summary.costUsd } : {}) };
  }
  let costUsd = summary.costUsd;
  const checks: CheckResult[] = [];
  for (const check of evalCase.checks) {
    if (check.type !== 'judge') {
      checks.push(runCheck(check, summary.text, deps));
      continue;
    }
    const graded = await askJudge(judge, rubricMessages(check.value, evalCase.prompt, summary.text), suite, evalCase, deps, signal);
    checks.push(graded.result);
    costUsd = costUsd === undefined || graded.costUsd === undefined ? undefined : costUsd + graded.costUsd;
  }
  return { ...base, checks, ...(costUsd !== undefined ? { costUsd } : {}) };
}

async function askJudge(
  judge: ModelRef | undefined, messages: readonly ChatMessage[], suite: EvalSuite, evalCase: EvalCase, deps: EvalRunDeps, signal: AbortSignal | undefined,
): Promise<{ readonly result: CheckResult; readonly costUsd?: number }> {
  if (judge === undefined) return { result: { type: 'judge', pass: false, detail: 'no judge model' } };
  const started = await deps.requests.compare({
    feature: EVAL_FEATURE, columns: [{ id: 'judge', ref: judge }], request: { messages, maxOutputTokens: RUBRIC_MAX_OUTPUT_TOKENS },
    routeReason: `eval ${suite.id}: judge of case ${evalCase.id}`, ...(signal !== undefined ? { signal } : {}),
  });
  if ('refused' in started) return { result: { type: 'judge', pass: false, detail: `judge not asked: ${started.reason ?? 'declined'}` } };
  const [verdict] = await started.run.idle();
  if (verdict?.status !== 'done') return { result: { type: 'judge', pass: false, detail: `the judge failed: ${verdict?.error?.message ?? 'stopped'}` }, ...(verdict?.costUsd !== undefined ? { costUsd: verdict.costUsd } : {}) };
  return { result: rubricVerdict(verdict.text), ...(verdict.costUsd !== undefined ? { costUsd: verdict.costUsd } : {}) };
}

/** The judge of a suite with `judge` checks (the suite's own, else the option), checked to be standard tier or above. */
function judgeFor(suite: EvalSuite, catalog: ModelCatalog, fallback: ModelRef | undefined): ModelRef | undefined {
  if (!suite.cases.some((c) => c.checks.some((check) => check.type === 'judge'))) return undefined;
  const named = suite.judge;
  const ref = named !== undefined ? parseModelRef(named) : fallback;
  if (named !== undefined && ref === undefined) throw new EvalSetupError(`Suite ${suite.id}'s judge "${named}" is not provider/model.`);
  if (ref === undefined) throw new EvalSetupError(`Suite ${suite.id} has judge checks: name a judge model (the suite's "judge:", or --judge provider/model).`);
  const tier = catalog.get(ref)?.tier;
  if (tier === undefined) throw new EvalSetupError(`The judge ${ref.provider}/${ref.model} is not a known model.`);
  if (tier === 'budget') throw new EvalSetupError(`The judge ${ref.provider}/${ref.model} is a budget model: judges must be standard tier or above.`);
  return ref;
}

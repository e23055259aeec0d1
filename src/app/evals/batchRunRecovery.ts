import { aggregateMatrix } from '../../core/evals/evalMatrix';
import type { CheckPorts } from '../../core/evals/evalChecks';
import type { ModelRef } from '../../core/types';
import { suiteReport, type SuiteReport } from '../views/evalReport';
import { gradeBatchJobs } from './batchEvalRun';
import { isFinal, type BatchJob } from './batchJob';
import type { BatchQueue } from './batchQueue';
import { loadRuns, type EvalRun } from './evalResults';
import { loadSuites, type EvalsPorts } from './evalsService';

/**
 * Results of a batch run whose window was reloaded: the `runEvals` call that waited for its jobs is gone, but the
 * queue kept them. When every job of such a run has ended, its suites are read again (by id, from
 * `.quorum/evals`), graded, and the run handed to the session (kept, shown, demotions applied) — once: the ids of
 * imported runs are persisted, and a run already kept (finished live) is never imported.
 */

/** Which runs were imported from batch (the extension: workspace state; tests: memory). */
export interface ImportedRunsStore {
  load(): readonly string[];
  save(ids: readonly string[]): Promise<void>;
}

export interface BatchRunRecoveryDeps {
  readonly queue: Pick<BatchQueue, 'jobs' | 'onChange'>;
  readonly importRun: (run: EvalRun) => Promise<void>;
  readonly ports: Pick<EvalsPorts, 'suiteFiles' | 'results' | 'clock'> & { readonly runner: CheckPorts };
  readonly imported: ImportedRunsStore;
  readonly onError: (error: unknown) => void;
}

/** Who a recovered run is by, as the Evals tab titles it ("Run of … by batch, …"). */
export const RECOVERED_BY = 'batch, finished after a window reload';

/**
 * Watches the queue for runs that were under way before this window opened (their jobs were in the persisted
 * queue when it was handed here: no live call waits for them) and imports each once its jobs end.
 * Call it with the queue as opened, before this window adds jobs. Returns the unsubscribe.
 */
export function recoverBatchRuns(deps: BatchRunRecoveryDeps): () => void {
  const orphaned = new Set(deps.queue.jobs().map((j) => j.runId));
  let chain = Promise.resolve();
  const check = (): void => {
    chain = chain.then(() => importFinished(deps, orphaned)).catch(deps.onError);
  };
  const stop = deps.queue.onChange(check);
  check();
  return stop;
}

async function importFinished(deps: BatchRunRecoveryDeps, orphaned: Set<string>): Promise<void> {
  for (const runId of [...orphaned]) {
    const jobs = deps.queue.jobs().filter((j) => j.runId === runId);
    if (jobs.length > 0 && !jobs.every(isFinal)) continue;
    orphaned.delete(runId);
    const imported = deps.imported.load();
    if (jobs.length === 0 || imported.includes(runId)) continue;
    const kept = await loadRuns(deps.ports.results());
    const run = kept.runs.some((r) => r.id === runId) ? undefined : await regrade(runId, jobs, deps.ports);
    // Imported first, then marked: a failed import is tried again on the next reload rather than lost.
    if (run !== undefined) await deps.importRun(run);
    await deps.imported.save([...imported, runId].slice(-200));
  }
}

/** The run as `runEvals` would have kept it; `undefined` when none of its suites is in the workspace any more. */
export async function regrade(runId: string, jobs: readonly BatchJob[], ports: BatchRunRecoveryDeps['ports']): Promise<EvalRun | undefined> {
  const suites = (await loadSuites(ports)).suites;
  const models = uniqueRefs(jobs.flatMap((j) => j.items.map((i) => i.ref)));
  const reports: SuiteReport[] = [];
  for (const suiteId of [...new Set(jobs.map((j) => j.suiteId))]) {
    const suite = suites.find((s) => s.suite.id === suiteId)?.suite;
    if (suite === undefined) continue;
    const suiteJobs = jobs.filter((j) => j.suiteId === suiteId);
    const matrix = aggregateMatrix(suite.id, suite.threshold, models, gradeBatchJobs(suite, suiteJobs, ports.runner));
    // As a live batch run says it: a cancelled run is stopped; failed or expired requests fail their cases.
    reports.push(suiteReport(suite.feature, matrix, suiteJobs.some((j) => j.state === 'cancelled') ? 'cancelled' : undefined));
  }
  if (reports.length === 0) return undefined;
  const endedAt = Math.max(...jobs.map((j) => j.endedAt ?? ports.clock.now()));
  return { id: runId, at: new Date(endedAt).toISOString(), by: RECOVERED_BY, models: models.map((m) => `${m.provider}/${m.model}`), suites: reports };
}

function uniqueRefs(refs: readonly ModelRef[]): ModelRef[] {
  const seen = new Map<string, ModelRef>();
  for (const ref of refs) if (!seen.has(`${ref.provider}/${ref.model}`)) seen.set(`${ref.provider}/${ref.model}`, ref);
  return [...seen.values()];
}

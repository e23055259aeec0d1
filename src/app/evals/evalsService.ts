import type { ModelPricing } from '../../core/catalog/modelInfo';
import { estimateVote } from '../../core/ensemble/vote/voteEstimate';
import { parseSuite, problemText } from '../../core/evals/parseSuite';
import { scheduledRunDue, type EvalSchedule } from '../../core/evals/evalSchedule';
import type { EvalSuite } from '../../core/evals/suiteSchema';
import { formatUsd } from '../../core/cost/formatUsd';
import type { Clock } from '../../core/ports';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import { countMessageTokens } from '../../core/routing/tokenEstimate';
import type { ModelRef } from '../../core/types';
import { suiteReport } from '../views/evalReport';
import { caseMessages } from './caseMessages';
import { loadRuns, saveRun, type EvalRun, type LoadedRuns, type ResultsFolder } from './evalResults';
import { runSuiteChoosingBatch, type EvalRunChoiceDeps } from './evalRunChoice';

/**
 * The evals of one workspace as the editor runs them (the Evals tab, `Quorum: Run Evals`, the schedule): read
 * the suites, estimate a selection, run it through the request path, keep the run. Routing consequences are
 * `evalRouting.ts`'s. No vscode here.
 */
export interface EvalsPorts {
  /** Every `.quorum/evals/*.yaml` (and `.yml`) of the workspace: its workspace-relative name and text. */
  readonly suiteFiles: () => Promise<readonly { readonly file: string; readonly text: string }[]>;
  /**
   * What a run needs: the request path (each case admitted by the budget), the catalog, the file reader, and the
   * batch queue with `quorum.evals.batch` (a large run goes in batch at half price).
   */
  readonly runner: EvalRunChoiceDeps;
  readonly pricingOf: (ref: ModelRef) => ModelPricing | undefined;
  /** What the budget would say of a request of `usd` now (nothing is sent, nobody is asked). */
  readonly budgetVerdict: (usd: number | undefined) => { readonly decision: 'allow' | 'confirm' | 'block'; readonly reason: string };
  readonly results: () => ResultsFolder;
  readonly clock: Clock;
  readonly newId: () => string;
}

export interface SuiteList {
  readonly suites: readonly { readonly file: string; readonly suite: EvalSuite }[];
  readonly invalid: readonly { readonly file: string; readonly problems: readonly string[] }[];
}

export interface RunOptions {
  readonly by: string;
  readonly signal?: AbortSignal;
  /** Cases done and in all, over every suite of the run, and the suite running. */
  readonly onProgress?: (done: number, total: number, suite: string) => void;
  /** A suite went to the providers' batch APIs (answers may take hours): why, to tell the user. */
  readonly onBatch?: (suite: string, why: string) => void;
}

export interface Estimate {
  readonly usd?: number;
  readonly text: string;
  readonly budget: string;
  readonly blocked: boolean;
}

export async function loadSuites(ports: Pick<EvalsPorts, 'suiteFiles'>): Promise<SuiteList> {
  const suites: { file: string; suite: EvalSuite }[] = [];
  const invalid: { file: string; problems: string[] }[] = [];
  for (const { file, text } of await ports.suiteFiles()) {
    const parsed = parseSuite(file, text);
    if (parsed.suite !== undefined) suites.push({ file, suite: parsed.suite });
    else invalid.push({ file, problems: parsed.problems.map(problemText) });
  }
  return { suites, invalid };
}

/**
 * The upper bound of a run: every case on every model answering its whole output allowance, as the budget will
 * estimate each case when it admits it (judge calls not included: they are counted as they happen).
 */
export async function estimateRun(suites: readonly EvalSuite[], models: readonly ModelRef[], ports: Pick<EvalsPorts, 'runner' | 'pricingOf' | 'budgetVerdict'>): Promise<Estimate> {
  let known = 0;
  let unknown = false;
  let calls = 0;
  for (const suite of suites) {
    for (const evalCase of suite.cases) {
      const messages = await caseMessages(suite, evalCase, ports.runner.read);
      const cost = estimateVote({
        models, promptTokens: countMessageTokens(messages).tokens, maxOutputTokens: suite.maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS, pricingOf: ports.pricingOf,
      }).cost;
      known += cost.knownUsd;
      unknown ||= cost.totalUsd === undefined;
      calls += models.length;
    }
  }
  const usd = unknown ? undefined : known;
  const judged = suites.some((s) => s.cases.some((c) => c.checks.some((check) => check.type === 'judge')));
  const text = `${calls} calls, at most ${unknown ? `${formatUsd(known)} for the priced models (some have no price)` : formatUsd(known)}${judged ? ', plus the judge calls' : ''}`;
  const verdict = ports.budgetVerdict(usd ?? (known > 0 ? known : undefined));
  return { ...(usd !== undefined ? { usd } : {}), text, budget: verdict.reason, blocked: verdict.decision === 'block' };
}

/** Runs `suites` on `models` (each case through the request path), keeps the run and returns it. */
export async function runEvals(suites: readonly EvalSuite[], models: readonly ModelRef[], ports: EvalsPorts, options: RunOptions): Promise<EvalRun> {
  const total = suites.reduce((sum, s) => sum + s.cases.length, 0);
  const id = ports.newId();
  let before = 0;
  const reports = [];
  for (const suite of suites) {
    if (options.signal?.aborted === true) break;
    const outcome = await runSuiteChoosingBatch(suite, models, ports.runner, {
      runId: id,
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      onProgress: (done) => options.onProgress?.(before + done, total, suite.id),
      onSubmitted: () => options.onBatch?.(suite.id, 'Sent through the providers\' batch APIs at half price; answers can take up to 24 hours.'),
    });
    reports.push(suiteReport(suite.feature, outcome.matrix, outcome.stopped));
    before += suite.cases.length;
    if (outcome.stopped !== undefined) break;
  }
  const run: EvalRun = {
    id, at: new Date(ports.clock.now()).toISOString(), by: options.by,
    models: models.map((m) => `${m.provider}/${m.model}`), suites: reports,
  };
  if (reports.length > 0) await saveRun(ports.results(), run);
  return run;
}

/** Kept runs (oldest first) and the files skipped. */
export function keptRuns(ports: Pick<EvalsPorts, 'results'>): Promise<LoadedRuns> {
  return loadRuns(ports.results());
}

/**
 * What a scheduled run repeats, when `schedule` says one is due at `now`: every valid suite, on the models of the
 * last kept run. `undefined` when not due, or when nothing was ever run (no models to repeat).
 */
export function scheduledSelection(schedule: EvalSchedule, runs: readonly EvalRun[], suites: SuiteList['suites'], now: number): { readonly suites: string[]; readonly models: string[] } | undefined {
  const last = runs.at(-1);
  if (last === undefined || suites.length === 0 || last.models.length === 0) return undefined;
  if (!scheduledRunDue(schedule, Date.parse(last.at), now)) return undefined;
  return { suites: suites.map((s) => s.suite.id), models: [...last.models] };
}

import type { ModelRef } from '../types';
import type { EvalSuite } from './suiteSchema';

/** `quorum.evals.batch`: `auto` sends large runs through the vendors' batch APIs, `never` keeps every run live. */
export type EvalBatchSetting = 'auto' | 'never';

/**
 * A run goes to batch when some vendor would get at least this many requests (cases × that vendor's models).
 * Below it, the half price saves cents while the answers take minutes to hours instead of seconds.
 */
export const BATCH_MIN_REQUESTS_PER_VENDOR = 50;

/** Providers whose APIs have a batch mode Quorum speaks (the built-in vendors, not compatible endpoints). */
export const BATCH_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'anthropic', 'gemini']);

export interface BatchDecision {
  readonly batch: boolean;
  /** One sentence for the run's log or progress: why it is (not) a batch run. */
  readonly why: string;
}

/**
 * Whether a suite's run across `models` goes through the batch APIs. Only when the setting allows it, every model
 * is of a batch-capable provider (a run is all batch or all live, so its matrix compares like with like), the suite
 * has no `judge` checks (a judge would have to wait for each answer), and some vendor gets enough requests.
 */
export function batchDecision(setting: EvalBatchSetting, suite: Pick<EvalSuite, 'cases'>, models: readonly ModelRef[]): BatchDecision {
  if (setting === 'never') return { batch: false, why: 'quorum.evals.batch is "never".' };
  const live = models.filter((m) => !BATCH_PROVIDERS.has(m.provider));
  if (live.length > 0) return { batch: false, why: `${live.map((m) => `${m.provider}/${m.model}`).join(', ')} has no batch API, so the run stays live.` };
  if (suite.cases.some((c) => c.checks.some((check) => check.type === 'judge'))) return { batch: false, why: 'The suite has judge checks, which need each answer at once.' };
  const perVendor = new Map<string, number>();
  for (const m of models) perVendor.set(m.provider, (perVendor.get(m.provider) ?? 0) + suite.cases.length);
  const largest = Math.max(0, ...perVendor.values());
  if (largest < BATCH_MIN_REQUESTS_PER_VENDOR) return { batch: false, why: `${largest} requests per vendor is below the batch threshold of ${BATCH_MIN_REQUESTS_PER_VENDOR}.` };
  return { batch: true, why: `${largest} requests for one vendor: sent as batch jobs at half price (answers within 24 h).` };
}

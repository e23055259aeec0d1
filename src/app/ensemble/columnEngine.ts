import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { ColumnEngine } from '../../core/ensemble/compare/fanOut';
import type { FallbackRunner } from '../../core/resilience/fallbackRunner';

/**
 * The fallback runner as the fan-out's engine: a column is a chain of exactly one model, so its failure shows
 * in its own column and is never answered by another model; the runner's retries of that model still apply.
 */
export function columnEngine(runner: Pick<FallbackRunner, 'run'>, settings: () => Pick<QuorumSettings, 'fallback' | 'timeouts'>): ColumnEngine {
  return {
    run: (ref, request, { signal }) => {
      const { fallback, timeouts } = settings();
      return runner.run([ref], request, {
        signal, deadlineMs: fallback.totalDeadlineMs, timeouts, maxRetriesPerModel: fallback.maxRetriesPerModel, tryAnotherOnContentFilter: false,
      });
    },
  };
}

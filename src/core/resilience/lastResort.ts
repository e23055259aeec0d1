import type { ModelRef } from '../types';
import type { AttemptRecord } from './runEvents';

/**
 * Never fail a request without trying at least one model (LiteLLM and Portkey behave so): when every model
 * of a run was skipped for availability — breakers open, suspended, failing checks — failing at once would
 * be certain, while a model cooling down may well have recovered (cooldowns are guesses). So the runner
 * tries the one whose cooldown ends first; one without an end time (a probe under way, failing checks)
 * comes after any that has one, and chain order breaks ties.
 *
 * Returns `undefined` when some model was actually tried (its failure is the answer) or when no skip was
 * for availability (no key, context too small: trying those cannot help).
 */
export function earliestCooldown(attempts: readonly AttemptRecord[]): ModelRef | undefined {
  if (attempts.some((attempt) => attempt.outcome !== 'skipped')) return undefined;
  let best: AttemptRecord | undefined;
  for (const attempt of attempts) {
    if (attempt.unavailable === undefined) continue;
    if (best === undefined || endOf(attempt) < endOf(best)) best = attempt;
  }
  return best?.ref;
}

function endOf(attempt: AttemptRecord): number {
  return attempt.unavailable?.until ?? Number.POSITIVE_INFINITY;
}

import type { ProviderError } from '../errors';
import type { ModelRef } from '../types';
import { describeUnavailable, type Unavailable } from './availability';
import type { FallbackDecision } from './fallbackPolicy';

/** The fallback runner's words for logs and attempt notes. */

/** "Fallback: <time> openai/a attempt 1 failed: serverError 500 — <why>. Next: retrying the same model in 500 ms." */
export function failureLine(now: number, ref: ModelRef, retry: number, error: ProviderError, decision: FallbackDecision): string {
  const next = decision.action === 'retrySame' ? `retrying the same model in ${decision.delayMs ?? 0} ms`
    : decision.action === 'stop' ? 'stopping' : 'failing over to the next model';
  const status = error.status === undefined ? '' : ` ${error.status}`;
  return `Fallback: ${stamp(now)} ${ref.provider}/${ref.model} attempt ${retry + 1} failed: ${error.reason}${status} — ${decision.why}. Next: ${next}.`;
}

/** "circuit breaker open: 3 failures in a row (last: timeout); retry in 5 s" (or "in 30 min"). */
export function unavailableNote(availability: Unavailable, now: number): string {
  const text = describeUnavailable(availability);
  if (availability.until === undefined) return text;
  const seconds = Math.max(0, Math.ceil((availability.until - now) / 1000));
  return `${text}; retry in ${seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}`;
}

/** A log line's time stamp (ISO 8601, UTC). */
export function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

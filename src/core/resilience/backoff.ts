/**
 * How long to wait before retrying the same model. Exponential with jitter, honouring the provider's
 * Retry-After, always inside one total deadline: a wait that would not fit is not taken at all (the
 * caller fails over instead), so the user never watches a spinner for a wait that cannot pay off.
 */

export interface BackoffOptions {
  /** Delay before the first retry, in ms. Same as openai-node: 0.5 s. */
  readonly baseMs: number;
  /** Upper bound of the exponential part, in ms. Same as openai-node: 8 s. */
  readonly capMs: number;
  /**
   * Longest Retry-After we are willing to sleep, in ms. Above it we fail over and let the breaker cool the
   * model down instead (openai-node 7.x ignores values above 60 s for the same reason).
   */
  readonly retryAfterCeilingMs: number;
  /** Fraction taken off the exponential delay at most, 0..1 (openai-node: 25 %). */
  readonly jitterRatio: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 8_000, retryAfterCeilingMs: 60_000, jitterRatio: 0.25 };

export interface BackoffInput {
  /** 0 for the wait before the first retry, 1 before the second… */
  readonly retry: number;
  /** What the provider asked for (Retry-After, retry-after-ms, RetryInfo), in ms. */
  readonly retryAfterMs?: number;
  /** Time left of the run's total deadline, in ms. */
  readonly remainingMs: number;
  /** One sample of a uniform random number in [0, 1); injected so tests are deterministic. */
  readonly jitter: number;
}

/** Either wait `delayMs` then retry, or do not wait at all, with a plain-words reason. */
export type BackoffVerdict =
  | { readonly wait: true; readonly delayMs: number }
  | { readonly wait: false; readonly why: string };

/**
 * Exponential delay `min(base·2^retry, cap)` minus up to `jitterRatio` of it (spreads retries of many
 * clients apart but never waits longer than the nominal delay), in ms.
 */
export function exponentialDelayMs(retry: number, jitter: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const nominal = Math.min(options.baseMs * 2 ** Math.max(0, retry), options.capMs);
  const clamped = Math.min(Math.max(jitter, 0), 1);
  return Math.round(nominal * (1 - options.jitterRatio * clamped));
}

/**
 * Decides the wait before retry number `retry + 1`. A Retry-After replaces the exponential delay (the
 * provider knows better than our guess); it is refused when above the ceiling or when it would not leave
 * time inside the deadline for the retry itself.
 */
export function backoff(input: BackoffInput, options: BackoffOptions = DEFAULT_BACKOFF): BackoffVerdict {
  const retryAfter = input.retryAfterMs;
  if (retryAfter !== undefined && retryAfter > options.retryAfterCeilingMs) {
    return { wait: false, why: `the provider asked to wait ${seconds(retryAfter)}, more than the ${seconds(options.retryAfterCeilingMs)} ceiling` };
  }
  const delayMs = retryAfter ?? exponentialDelayMs(input.retry, input.jitter, options);
  // `>=`: waiting until the very end of the deadline leaves no time to make the request.
  if (delayMs >= input.remainingMs) {
    return { wait: false, why: `waiting ${seconds(delayMs)} would not fit the ${seconds(Math.max(0, input.remainingMs))} left` };
  }
  return { wait: true, delayMs };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (no timer left behind). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

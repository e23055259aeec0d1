import type { ProviderError, ProviderErrorReason } from '../errors';
import { backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

/**
 * The fallback policy of DESIGN.md §3 and the fault matrix (§1, §3): a pure table from one failed attempt
 * to what the runner does next. No I/O, no clock, no randomness of its own (the jitter sample is an input).
 */

/** `nextLargerContext`: fail over, but only to models whose context window is larger than this one's. */
export type FallbackAction = 'retrySame' | 'nextModel' | 'nextLargerContext' | 'stop';

/** Whether any answer text had reached the user when the attempt failed. */
export type StreamPhase = 'preContent' | 'postContent';

export interface FallbackInput {
  readonly error: ProviderError;
  readonly phase: StreamPhase;
  /** Retries of the same model still allowed by `maxRetriesPerModel`. */
  readonly retriesLeft: number;
  /** Retries of this model already made (0 after the first attempt failed); drives the exponential delay. */
  readonly retry: number;
  /** Time left of the run's total deadline, in ms. */
  readonly remainingMs: number;
  /** The user opted into trying another model when one refuses on content policy. */
  readonly tryAnotherOnContentFilter: boolean;
  /** One uniform random sample in [0, 1) for backoff jitter. */
  readonly jitter: number;
}

export interface FallbackDecision {
  readonly action: FallbackAction;
  /** Wait before `retrySame`, in ms. */
  readonly delayMs?: number;
  /** The key (provider) or the model id is wrong: tell the user how to fix it. */
  readonly markMisconfigured?: 'provider' | 'model';
  /** Feeds the breaker's failure count/rate (5xx, 529, timeouts, network, broken streams — fault matrix §1.6). */
  readonly countsForBreaker: boolean;
  /** Take the model (or the whole provider) out of every chain for this long, in ms. */
  readonly cooldownMs?: number;
  readonly cooldownScope?: 'model' | 'provider';
  /** One line in plain words, for logs and the attempt record. */
  readonly why: string;
}

/** A bad key stays bad until the user changes it; the VS Code layer lifts it early on a key change. */
export const MISCONFIGURED_COOLDOWN_MS = 30 * 60_000;
/** Quota resets are hours away (Gemini: daily); this is a floor, a longer Retry-After wins. */
export const QUOTA_COOLDOWN_MS = 15 * 60_000;
/** A model id the provider does not know will not appear within minutes. */
export const NOT_FOUND_COOLDOWN_MS = 10 * 60_000;
/** Rate limit without a Retry-After, once we gave up on the model: LiteLLM's default cooldown. */
export const RATE_LIMIT_COOLDOWN_MS = 5_000;

type RuleClass = 'transient' | 'failover' | 'largerContext' | 'stop' | 'contentFilter';

interface Rule {
  readonly kind: RuleClass;
  readonly counts: boolean;
  readonly misconfigured?: 'provider' | 'model';
  readonly cooldownMs?: number;
  readonly scope?: 'model' | 'provider';
  readonly label: string;
}

/** One row per reason. `counts`: fault matrix §1.6 — 4xx, content policy and cancellations never count. */
const RULES: Readonly<Record<ProviderErrorReason, Rule>> = {
  rateLimited: { kind: 'transient', counts: false, cooldownMs: RATE_LIMIT_COOLDOWN_MS, scope: 'model', label: 'rate limited' },
  overloaded: { kind: 'transient', counts: true, label: 'overloaded' },
  serverError: { kind: 'transient', counts: true, label: 'server error' },
  timeout: { kind: 'transient', counts: true, label: 'timed out' },
  network: { kind: 'transient', counts: true, label: 'network error' },
  malformedResponse: { kind: 'transient', counts: true, label: 'broken or truncated response' },
  // Key states (fault matrix §1.6): a long cooldown instead of the error-rate window.
  quotaExceeded: { kind: 'failover', counts: false, cooldownMs: QUOTA_COOLDOWN_MS, scope: 'provider', label: 'quota or billing exhausted' },
  auth: { kind: 'failover', counts: false, misconfigured: 'provider', cooldownMs: MISCONFIGURED_COOLDOWN_MS, scope: 'provider', label: 'API key rejected' },
  permission: { kind: 'failover', counts: false, misconfigured: 'provider', cooldownMs: MISCONFIGURED_COOLDOWN_MS, scope: 'provider', label: 'permission denied' },
  notFound: { kind: 'failover', counts: false, misconfigured: 'model', cooldownMs: NOT_FOUND_COOLDOWN_MS, scope: 'model', label: 'model not found' },
  contextLength: { kind: 'largerContext', counts: false, label: 'prompt longer than the context window' },
  // Failing over only to a target with a larger request limit would need per-endpoint limits we do not
  // know; every vendor we speak to has a similar one, so another model would fail the same way.
  requestTooLarge: { kind: 'stop', counts: false, label: 'request too large' },
  invalidRequest: { kind: 'stop', counts: false, label: 'invalid request' },
  aborted: { kind: 'stop', counts: false, label: 'cancelled' },
  contentFilter: { kind: 'contentFilter', counts: false, label: 'blocked by content policy' },
};

/** Socket codes that will not heal within a backoff: fail over at once (fault matrix #11). */
const DEAD_ENDPOINT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND']);

/**
 * What to do after one failed attempt. Rules, in order:
 * 1. `aborted` stops everything; the caller asked for it.
 * 2. Content policy is an outcome: stop, unless the user opted into trying another model.
 * 3. A refused connection or unknown host fails over at once.
 * 4. `x-should-retry` overrides the reason's default retryability (as openai-node and anthropic-sdk do),
 *    except for quota, which is a state of the key that retrying cannot change.
 * 5. After answer text was shown, never retry silently: fail over and let the next model continue.
 * 6. Retry the same model while retries are left and the wait (Retry-After or backoff) fits the deadline.
 * 7. Otherwise the reason's row: fail over, fail over to a larger window, or stop.
 */
export function decideFallback(input: FallbackInput, backoffOptions: BackoffOptions = DEFAULT_BACKOFF): FallbackDecision {
  const { error } = input;
  const rule = RULES[error.reason];
  const counts = rule.counts;
  if (rule.kind === 'contentFilter') {
    return input.tryAnotherOnContentFilter
      ? { action: 'nextModel', countsForBreaker: false, why: `${rule.label}; trying another model as the user opted in` }
      : { action: 'stop', countsForBreaker: false, why: `${rule.label}; shown as the answer's outcome` };
  }
  if (error.reason === 'aborted') return { action: 'stop', countsForBreaker: false, why: rule.label };

  if (rule.kind === 'transient' && error.providerCode !== undefined && DEAD_ENDPOINT_CODES.has(error.providerCode)) {
    return { action: 'nextModel', countsForBreaker: counts, why: `${rule.label} (${error.providerCode}); not worth a retry` };
  }

  const retryable = error.shouldRetry !== undefined && error.reason !== 'quotaExceeded'
    ? error.shouldRetry
    : rule.kind === 'transient';
  const header = error.shouldRetry === undefined ? '' : ` (x-should-retry: ${String(error.shouldRetry)})`;

  if (retryable && input.phase === 'postContent') {
    return { action: 'nextModel', countsForBreaker: counts, why: `${rule.label} mid-answer${header}; the next model continues it` };
  }
  if (retryable && input.phase === 'preContent') {
    if (input.retriesLeft > 0) {
      const verdict = backoff({ retry: input.retry, retryAfterMs: retryAfterOf(error), remainingMs: input.remainingMs, jitter: input.jitter }, backoffOptions);
      if (verdict.wait) {
        return { action: 'retrySame', delayMs: verdict.delayMs, countsForBreaker: counts, why: `${rule.label}${header}; retrying in ${verdict.delayMs} ms` };
      }
      return failOver(rule, error, counts, `${rule.label}${header}; ${verdict.why}`);
    }
    if (rule.kind === 'transient') return failOver(rule, error, counts, `${rule.label}${header}; no retries left on this model`);
  }
  if (rule.kind === 'transient') {
    // Only reached with `x-should-retry: false`: the provider says the same call will fail again.
    return failOver(rule, error, counts, `${rule.label}${header}; moving on`);
  }
  if (rule.kind === 'largerContext') {
    return { action: 'nextLargerContext', countsForBreaker: counts, why: `${rule.label}; trying a model with a larger window` };
  }
  if (rule.kind === 'failover') return failOver(rule, error, counts, `${rule.label}; trying the next model`);
  return { action: 'stop', countsForBreaker: counts, why: `${rule.label}; another model would not help` };
}

function failOver(rule: Rule, error: ProviderError, counts: boolean, why: string): FallbackDecision {
  const cooldownMs = cooldownFor(rule, error);
  return {
    action: 'nextModel',
    countsForBreaker: counts,
    ...(rule.misconfigured === undefined ? {} : { markMisconfigured: rule.misconfigured }),
    ...(cooldownMs === undefined ? {} : { cooldownMs, cooldownScope: rule.scope ?? 'model' }),
    why,
  };
}

/** A Retry-After longer than our default cooldown wins (the provider knows when it will take calls again). */
function cooldownFor(rule: Rule, error: ProviderError): number | undefined {
  if (rule.cooldownMs === undefined) return undefined;
  const asked = error.retryAfterMs;
  return asked === undefined ? rule.cooldownMs : error.reason === 'rateLimited' ? asked : Math.max(rule.cooldownMs, asked);
}

/** Quota's Retry-After is never a "retry soon": it only lengthens the cooldown. */
function retryAfterOf(error: ProviderError): number | undefined {
  return error.reason === 'quotaExceeded' ? undefined : error.retryAfterMs;
}

/** Short label for a reason, e.g. for notes and log lines. */
export function describeReason(reason: ProviderErrorReason): string {
  return RULES[reason].label;
}

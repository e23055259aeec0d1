import assert from 'node:assert/strict';
import { PROVIDER_ERROR_REASONS, ProviderError, type ProviderErrorInit, type ProviderErrorReason } from '../../../../src/core/errors';
import {
  decideFallback, MISCONFIGURED_COOLDOWN_MS, NOT_FOUND_COOLDOWN_MS, QUOTA_COOLDOWN_MS, RATE_LIMIT_COOLDOWN_MS,
  type FallbackDecision, type FallbackInput,
} from '../../../../src/core/resilience/fallbackPolicy';

function err(reason: ProviderErrorReason, extra: Partial<ProviderErrorInit> = {}): ProviderError {
  return new ProviderError({ reason, provider: 'openai', model: 'gpt-x', message: reason, ...extra });
}

/** A fresh first failure with plenty of deadline and retries left, jitter 0 (full nominal delay). */
function input(error: ProviderError, overrides: Partial<FallbackInput> = {}): FallbackInput {
  return { error, phase: 'preContent', retriesLeft: 2, retry: 0, remainingMs: 60_000, tryAnotherOnContentFilter: false, jitter: 0, ...overrides };
}

interface Row {
  readonly name: string;
  readonly error: ProviderError;
  readonly input?: Partial<FallbackInput>;
  readonly expect: Omit<FallbackDecision, 'why'>;
}

const ROWS: readonly Row[] = [
  // Transient: retry the same model with backoff (0.5 s · 2^retry) while retries and deadline allow.
  { name: 'rateLimited, no Retry-After', error: err('rateLimited', { status: 429 }), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: false } },
  { name: 'rateLimited, Retry-After 2 s fits', error: err('rateLimited', { status: 429, retryAfterMs: 2000 }), expect: { action: 'retrySame', delayMs: 2000, countsForBreaker: false } },
  {
    name: 'rateLimited, Retry-After beyond the deadline → next + cooldown for Retry-After',
    error: err('rateLimited', { status: 429, retryAfterMs: 20_000 }), input: { remainingMs: 10_000 },
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: 20_000, cooldownScope: 'model' },
  },
  {
    name: 'rateLimited, Retry-After above the 60 s ceiling → next',
    error: err('rateLimited', { status: 429, retryAfterMs: 3_600_000 }), input: { remainingMs: 10_000_000 },
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: 3_600_000, cooldownScope: 'model' },
  },
  {
    name: 'rateLimited, no retries left → next + default cooldown',
    error: err('rateLimited', { status: 429 }), input: { retriesLeft: 0, retry: 2 },
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: RATE_LIMIT_COOLDOWN_MS, cooldownScope: 'model' },
  },
  { name: 'overloaded (529)', error: err('overloaded', { status: 529 }), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: true } },
  { name: 'serverError, second retry doubles', error: err('serverError', { status: 500 }), input: { retry: 1, retriesLeft: 1 }, expect: { action: 'retrySame', delayMs: 1000, countsForBreaker: true } },
  { name: 'serverError, jitter takes up to 25 % off', error: err('serverError', { status: 500 }), input: { jitter: 1 }, expect: { action: 'retrySame', delayMs: 375, countsForBreaker: true } },
  { name: 'timeout', error: err('timeout'), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: true } },
  { name: 'network (reset)', error: err('network', { providerCode: 'ECONNRESET' }), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: true } },
  { name: 'malformedResponse', error: err('malformedResponse'), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: true } },
  { name: 'serverError, no retries left', error: err('serverError', { status: 503 }), input: { retriesLeft: 0, retry: 2 }, expect: { action: 'nextModel', countsForBreaker: true } },
  { name: 'serverError, backoff does not fit the deadline', error: err('serverError', { status: 502 }), input: { remainingMs: 400 }, expect: { action: 'nextModel', countsForBreaker: true } },
  // A refused connection will not recover within a backoff.
  { name: 'network ECONNREFUSED → next at once', error: err('network', { providerCode: 'ECONNREFUSED' }), expect: { action: 'nextModel', countsForBreaker: true } },
  { name: 'network ENOTFOUND → next at once', error: err('network', { providerCode: 'ENOTFOUND' }), expect: { action: 'nextModel', countsForBreaker: true } },
  // Key states: next model, long cooldown, never "retry soon".
  {
    name: 'quotaExceeded → next + provider cooldown', error: err('quotaExceeded', { status: 429 }),
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: QUOTA_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  {
    name: 'quotaExceeded with a short Retry-After is still no retry', error: err('quotaExceeded', { status: 429, retryAfterMs: 1000 }),
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: QUOTA_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  {
    name: 'quotaExceeded with x-should-retry: true is still no retry', error: err('quotaExceeded', { status: 429, shouldRetry: true }),
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: QUOTA_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  {
    name: 'quotaExceeded with a Retry-After longer than the default cooldown lengthens it', error: err('quotaExceeded', { status: 429, retryAfterMs: 86_400_000 }),
    expect: { action: 'nextModel', countsForBreaker: false, cooldownMs: 86_400_000, cooldownScope: 'provider' },
  },
  {
    name: 'auth (401) → next + misconfigured provider', error: err('auth', { status: 401 }),
    expect: { action: 'nextModel', countsForBreaker: false, markMisconfigured: 'provider', cooldownMs: MISCONFIGURED_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  {
    name: 'permission (403) → next + misconfigured provider', error: err('permission', { status: 403 }),
    expect: { action: 'nextModel', countsForBreaker: false, markMisconfigured: 'provider', cooldownMs: MISCONFIGURED_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  {
    name: 'notFound (404) → next + misconfigured model', error: err('notFound', { status: 404 }),
    expect: { action: 'nextModel', countsForBreaker: false, markMisconfigured: 'model', cooldownMs: NOT_FOUND_COOLDOWN_MS, cooldownScope: 'model' },
  },
  { name: 'contextLength → larger window', error: err('contextLength', { status: 400 }), expect: { action: 'nextLargerContext', countsForBreaker: false } },
  { name: 'requestTooLarge (413) → stop', error: err('requestTooLarge', { status: 413 }), expect: { action: 'stop', countsForBreaker: false } },
  { name: 'invalidRequest (400) → stop', error: err('invalidRequest', { status: 400 }), expect: { action: 'stop', countsForBreaker: false } },
  { name: 'aborted → stop', error: err('aborted'), expect: { action: 'stop', countsForBreaker: false } },
  { name: 'aborted with x-should-retry: true → still stop', error: err('aborted', { shouldRetry: true }), expect: { action: 'stop', countsForBreaker: false } },
  { name: 'contentFilter → stop by default', error: err('contentFilter'), expect: { action: 'stop', countsForBreaker: false } },
  { name: 'contentFilter, opted in → next', error: err('contentFilter'), input: { tryAnotherOnContentFilter: true }, expect: { action: 'nextModel', countsForBreaker: false } },
  // x-should-retry overrides the status-based default.
  { name: '503 with x-should-retry: false → next, still counted', error: err('overloaded', { status: 503, shouldRetry: false }), expect: { action: 'nextModel', countsForBreaker: true } },
  { name: '400 with x-should-retry: true → retry same', error: err('invalidRequest', { status: 400, shouldRetry: true }), expect: { action: 'retrySame', delayMs: 500, countsForBreaker: false } },
  { name: '400 with x-should-retry: true, no retries left → its default: stop', error: err('invalidRequest', { status: 400, shouldRetry: true }), input: { retriesLeft: 0 }, expect: { action: 'stop', countsForBreaker: false } },
  {
    name: '401 with x-should-retry: true, no retries left → its default: next + misconfigured', error: err('auth', { status: 401, shouldRetry: true }), input: { retriesLeft: 0 },
    expect: { action: 'nextModel', countsForBreaker: false, markMisconfigured: 'provider', cooldownMs: MISCONFIGURED_COOLDOWN_MS, cooldownScope: 'provider' },
  },
  // Post-content: never a silent retry of the same model; fail over with continuation.
  { name: 'post-content serverError → next (continuation), counted', error: err('serverError'), input: { phase: 'postContent' }, expect: { action: 'nextModel', countsForBreaker: true } },
  { name: 'post-content timeout (stall) → next', error: err('timeout', { providerCode: 'idle-timeout' }), input: { phase: 'postContent' }, expect: { action: 'nextModel', countsForBreaker: true } },
  { name: 'post-content network with retries left → next', error: err('network', { providerCode: 'ECONNRESET' }), input: { phase: 'postContent', retriesLeft: 5 }, expect: { action: 'nextModel', countsForBreaker: true } },
  { name: 'post-content rate limit → next, no cooldown (it answered)', error: err('rateLimited', { retryAfterMs: 100 }), input: { phase: 'postContent' }, expect: { action: 'nextModel', countsForBreaker: false } },
  { name: 'post-content invalidRequest → stop', error: err('invalidRequest'), input: { phase: 'postContent' }, expect: { action: 'stop', countsForBreaker: false } },
];

describe('fallbackPolicy.decideFallback', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const decision = decideFallback(input(row.error, row.input));
      const { why, ...rest } = decision;
      assert.deepEqual(rest, row.expect);
      assert.ok(why.length > 0, 'every decision explains itself');
    });
  }

  it('has a decision for every reason, and only transient ones (or x-should-retry) ever retry the same model', () => {
    const transient = new Set<ProviderErrorReason>(['rateLimited', 'overloaded', 'serverError', 'timeout', 'network', 'malformedResponse']);
    for (const reason of PROVIDER_ERROR_REASONS) {
      const decision = decideFallback(input(err(reason)));
      assert.equal(decision.action === 'retrySame', transient.has(reason), reason);
    }
  });

  it('never retries the same model after content was shown, for any reason', () => {
    for (const reason of PROVIDER_ERROR_REASONS) {
      for (const shouldRetry of [undefined, true, false]) {
        const decision = decideFallback(input(err(reason, { shouldRetry }), { phase: 'postContent' }));
        assert.notEqual(decision.action, 'retrySame', `${reason} shouldRetry=${String(shouldRetry)}`);
      }
    }
  });

  it('counts only provider-side failures for the breaker (never 4xx, content policy or cancellation)', () => {
    const counted = PROVIDER_ERROR_REASONS.filter((reason) => decideFallback(input(err(reason))).countsForBreaker);
    assert.deepEqual(counted.sort(), ['malformedResponse', 'network', 'overloaded', 'serverError', 'timeout']);
  });
});

import assert from 'node:assert/strict';
import { ProviderError, type ProviderErrorReason } from '../../../../../src/core/errors';
import { decideFallback } from '../../../../../src/core/resilience/fallbackPolicy';
import { classifyVscodeLmError, vscodeLmReason } from '../../../../../src/core/providers/vscodeLm/errors';

/** What VS Code's `LanguageModelError` looks like (extHostTypes.ts): name fixed, code = factory name. */
function lmError(code: string, message = 'human text we must not read', cause?: unknown): Error & { code: string } {
  const error = new Error(message, cause === undefined ? undefined : { cause }) as Error & { code: string };
  error.name = 'LanguageModelError';
  error.code = code;
  return error;
}

function named(name: string): Error {
  const error = new Error('x');
  error.name = name;
  return error;
}

const CONTEXT = { provider: 'vscodeLm', providerName: 'VS Code language models', model: 'gpt-4o' };

describe('vscodeLmErrors', () => {
  const rows: [string, unknown, ProviderErrorReason, boolean?][] = [
    ['NoPermissions (consent refused)', lmError('NoPermissions'), 'permission'],
    ['Blocked (quota / rate limit)', lmError('Blocked'), 'rateLimited'],
    ['NotFound', lmError('NotFound'), 'notFound'],
    ['a quota code some extensions use', lmError('ChatQuotaExceeded'), 'quotaExceeded'],
    ['a rate-limit code, any case', lmError('chatRateLimited'), 'rateLimited'],
    ['Unknown code', lmError('Unknown'), 'serverError'],
    ['empty code', lmError(''), 'serverError'],
    ['unknown code with an HTTP 429 cause', lmError('', 'x', { status: 429 }), 'rateLimited'],
    ['unknown code with an HTTP 503 cause', lmError('Unknown', 'x', { status: 503 }), 'overloaded'],
    ['unknown code with an HTTP 401 cause', lmError('', 'x', { statusCode: 401 }), 'auth'],
    ['VS Code CancellationError', named('Canceled'), 'aborted'],
    ['AbortError', named('AbortError'), 'aborted'],
    ['a plain Error before the stream', new Error('boom'), 'serverError'],
    ['a plain Error after the stream started', new Error('boom'), 'malformedResponse', true],
    ['not an Error at all', 'a string', 'serverError'],
    ['null', null, 'serverError'],
  ];
  for (const [name, error, reason, afterHeaders] of rows) {
    it(`${name} → ${reason}`, () => assert.equal(vscodeLmReason(error, afterHeaders).reason, reason));
  }

  it('never reads the message: a message naming a code changes nothing', () => {
    assert.equal(vscodeLmReason(lmError('', 'NoPermissions Blocked 429 quota')).reason, 'serverError');
  });

  it('builds a ProviderError with the code, the cause and a message that says what to do', () => {
    const cause = lmError('NoPermissions');
    const error = classifyVscodeLmError(cause, CONTEXT);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.reason, 'permission');
    assert.equal(error.provider, 'vscodeLm');
    assert.equal(error.providerCode, 'NoPermissions');
    assert.equal(error.cause, cause);
    assert.match(error.message, /consent/);
    assert.doesNotMatch(error.message, /human text/);
  });

  it('passes a ProviderError through unchanged', () => {
    const original = new ProviderError({ reason: 'timeout', provider: 'vscodeLm', message: 't' });
    assert.equal(classifyVscodeLmError(original, CONTEXT), original);
  });

  it('Blocked fails over at once and cools down only that model (no retry without a Retry-After)', () => {
    const error = classifyVscodeLmError(lmError('Blocked'), CONTEXT);
    assert.equal(error.shouldRetry, false);
    const decision = decideFallback({ error, phase: 'preContent', retriesLeft: 2, retry: 0, remainingMs: 60_000, tryAnotherOnContentFilter: false, jitter: 0.5 });
    assert.equal(decision.action, 'nextModel');
    assert.equal(decision.cooldownScope, 'model');
  });

  it('a refused consent fails over like a rejected key', () => {
    const error = classifyVscodeLmError(lmError('NoPermissions'), CONTEXT);
    const decision = decideFallback({ error, phase: 'preContent', retriesLeft: 2, retry: 0, remainingMs: 60_000, tryAnotherOnContentFilter: false, jitter: 0.5 });
    assert.equal(decision.action, 'nextModel');
  });
});

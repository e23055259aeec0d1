import assert from 'node:assert/strict';
import {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { ProviderErrorReason } from '../../../../../src/core/errors';
import { classifyAnthropicError } from '../../../../../src/core/providers/anthropic/errors';

const CONTEXT = { provider: 'anthropic', providerName: 'Anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant-secret-123' };

/** What the SDK throws for `event: error` inside a 200 stream: `status` undefined, `.type` from the body. */
function inStream(type: string, message = 'boom'): APIError {
  const body = { type: 'error', error: { type, message } };
  return new APIError(undefined, body, undefined, new Headers({ 'request-id': 'req_1' }), type as APIError['type']);
}

/** What the SDK throws for an HTTP error status (the right subclass, chosen by status). */
function httpError(status: number, type: string | undefined, message = 'boom', headers: Record<string, string> = {}): APIError {
  const body = type === undefined ? undefined : { type: 'error', error: { type, message } };
  return APIError.generate(status, body, type === undefined ? message : undefined, new Headers(headers));
}

describe('anthropicErrors', () => {
  const IN_STREAM: readonly (readonly [string, ProviderErrorReason])[] = [
    ['overloaded_error', 'overloaded'],
    ['api_error', 'serverError'],
    ['rate_limit_error', 'rateLimited'],
    ['billing_error', 'quotaExceeded'],
    ['authentication_error', 'auth'],
    ['permission_error', 'permission'],
    ['not_found_error', 'notFound'],
    ['request_too_large', 'requestTooLarge'],
    ['invalid_request_error', 'invalidRequest'],
    ['timeout_error', 'serverError'],
    ['some_future_error', 'serverError'],
  ];
  for (const [type, reason] of IN_STREAM) {
    it(`in-stream ${type} → ${reason}`, () => {
      const error = classifyAnthropicError(inStream(type), CONTEXT);
      assert.equal(error.reason, reason);
      assert.equal(error.status, undefined);
      assert.equal(error.providerCode, type);
    });
  }

  it('the body type refines the status: 429 billing_error is quota, 503 overloaded_error is overload', () => {
    assert.equal(classifyAnthropicError(httpError(429, 'billing_error'), CONTEXT).reason, 'quotaExceeded');
    assert.equal(classifyAnthropicError(httpError(503, 'overloaded_error'), CONTEXT).reason, 'overloaded');
  });

  it('falls back to the SDK class when the body has no type (non-JSON bodies)', () => {
    assert.equal(classifyAnthropicError(httpError(529, undefined), CONTEXT).reason, 'overloaded');
    assert.equal(classifyAnthropicError(httpError(408, undefined), CONTEXT).reason, 'timeout');
    assert.equal(classifyAnthropicError(httpError(402, undefined), CONTEXT).reason, 'quotaExceeded');
    assert.equal(classifyAnthropicError(httpError(418, undefined), CONTEXT).reason, 'invalidRequest');
    assert.equal(classifyAnthropicError(httpError(599, undefined), CONTEXT).reason, 'serverError');
  });

  it('reads message text only for the documented context-overflow shape: "prompt is too long: N tokens > M maximum"', () => {
    const error = classifyAnthropicError(httpError(400, 'invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum'), CONTEXT);
    assert.equal(error.reason, 'contextLength');
    const other = classifyAnthropicError(httpError(400, 'invalid_request_error', 'the prompt is too long for my taste'), CONTEXT);
    assert.equal(other.reason, 'invalidRequest');
    assert.match(error.message, /prompt is too long/);
  });

  it('redacts the key from quoted provider text', () => {
    const error = classifyAnthropicError(httpError(400, 'invalid_request_error', 'bad header sk-ant-secret-123'), CONTEXT);
    assert.ok(!error.message.includes('sk-ant-secret-123'));
    assert.match(error.message, /\[key\]/);
  });

  it('tests the SDK subclasses before APIError: abort, connect timeout, connection error', () => {
    assert.equal(classifyAnthropicError(new APIUserAbortError(), CONTEXT).reason, 'aborted');
    assert.equal(classifyAnthropicError(new APIConnectionTimeoutError(), CONTEXT).reason, 'timeout');
    const refused = new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    assert.deepEqual([classifyAnthropicError(refused, CONTEXT).reason, classifyAnthropicError(refused, CONTEXT).providerCode], ['network', 'ECONNREFUSED']);
    assert.equal(classifyAnthropicError(new APIConnectionError({}), CONTEXT).reason, 'network');
  });

  it('SyntaxError → malformedResponse; anything else → network', () => {
    assert.equal(classifyAnthropicError(new SyntaxError('Unexpected end of JSON input'), CONTEXT).reason, 'malformedResponse');
    assert.equal(classifyAnthropicError(new Error('???'), CONTEXT).reason, 'network');
  });

  it('carries retry-after and x-should-retry from the headers', () => {
    const error = classifyAnthropicError(httpError(429, 'rate_limit_error', 'slow down', { 'retry-after': '3', 'x-should-retry': 'true' }), CONTEXT);
    assert.equal(error.retryAfterMs, 3000);
    assert.equal(error.shouldRetry, true);
    assert.equal(error.status, 429);
  });
});

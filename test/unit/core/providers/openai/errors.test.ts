import assert from 'node:assert/strict';
import {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, OpenAIError,
} from 'openai';
import type { ProviderErrorReason } from '../../../../../src/core/errors';
import { ProviderError } from '../../../../../src/core/errors';
import { classifyOpenAIError } from '../../../../../src/core/providers/openai/errors';

const context = { provider: 'openai', providerName: 'OpenAI', model: 'gpt-5.4', compatible: false };
const headers = (values: Record<string, string> = {}): Headers => new Headers(values);
const body = (type: string | null, code: string | null, param: string | null = null): object =>
  ({ message: 'provider words we never copy', type, code, param });

/** Errors the fake cannot easily produce, classified directly (the SDK builds these same objects). */
const ROWS: readonly { name: string; error: unknown; reason: ProviderErrorReason; providerCode?: string }[] = [
  { name: 'user abort (an APIError subclass) first', error: new APIUserAbortError(), reason: 'aborted' },
  { name: 'SDK headers timeout before connection errors', error: new APIConnectionTimeoutError(), reason: 'timeout' },
  { name: 'connection error without a code', error: new APIConnectionError({ message: 'Connection error.' }), reason: 'network' },
  { name: 'in-stream rate limit by code', error: new APIError(undefined, body('tokens', 'rate_limit_exceeded'), undefined, undefined), reason: 'rateLimited' },
  { name: 'in-stream quota', error: new APIError(undefined, body('insufficient_quota', 'insufficient_quota'), undefined, undefined), reason: 'quotaExceeded' },
  { name: 'in-stream context length', error: new APIError(undefined, body('invalid_request_error', 'context_length_exceeded'), undefined, undefined), reason: 'contextLength' },
  { name: 'in-stream invalid request', error: new APIError(undefined, body('invalid_request_error', null), undefined, undefined), reason: 'invalidRequest', providerCode: 'invalid_request_error' },
  { name: 'in-stream unknown type → serverError', error: new APIError(undefined, body('weird_error', null), undefined, undefined), reason: 'serverError' },
  { name: 'in-stream error without a body', error: new APIError(undefined, undefined, 'x', undefined), reason: 'serverError' },
  { name: 'invalid_api_key on a 400 is still auth', error: new BadRequestError(400, body('invalid_request_error', 'invalid_api_key'), undefined, headers()), reason: 'auth' },
  { name: '401 without a code', error: new AuthenticationError(401, undefined, undefined, headers()), reason: 'auth' },
  { name: '408', error: new APIError(408, body(null, null), undefined, headers()), reason: 'timeout' },
  { name: '409 (lock timeout, the SDK would retry)', error: new APIError(409, body(null, null), undefined, headers()), reason: 'serverError' },
  { name: '529 from a gateway', error: new APIError(529, undefined, undefined, headers()), reason: 'overloaded' },
  { name: 'other 4xx → invalidRequest', error: new APIError(418, body(null, null), undefined, headers()), reason: 'invalidRequest' },
  { name: 'SyntaxError from the SSE decoder', error: new SyntaxError('Error reading response: malformed server-sent event JSON.'), reason: 'malformedResponse' },
  { name: 'undici TypeError: terminated', error: Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } }), reason: 'network', providerCode: 'UND_ERR_SOCKET' },
  { name: 'anything else', error: new OpenAIError('something new'), reason: 'network' },
];

describe('classifyOpenAIError', () => {
  for (const row of ROWS) {
    it(`${row.name} → ${row.reason}`, () => {
      const error = classifyOpenAIError(row.error, context);
      assert.equal(error.reason, row.reason);
      assert.equal(error.cause, row.error);
      if (row.providerCode !== undefined) assert.equal(error.providerCode, row.providerCode);
      assert.ok(!error.message.includes('provider words'), 'provider messages are never copied');
    });
  }

  it('returns a ProviderError unchanged', () => {
    const original = new ProviderError({ reason: 'invalidRequest', provider: 'openai', message: 'ours' });
    assert.equal(classifyOpenAIError(original, context), original);
  });

  it('reads retry-after-ms, retry-after and x-should-retry from the response headers', () => {
    const error = classifyOpenAIError(
      new APIError(429, body('requests', 'rate_limit_exceeded'), undefined, headers({ 'retry-after': '3', 'x-should-retry': 'false' })),
      context,
    );
    assert.deepEqual(
      { reason: error.reason, status: error.status, retryAfterMs: error.retryAfterMs, shouldRetry: error.shouldRetry, code: error.providerCode },
      { reason: 'rateLimited', status: 429, retryAfterMs: 3000, shouldRetry: false, code: 'rate_limit_exceeded' },
    );
  });

  it('names the bad parameter (a structured field) but not the provider message', () => {
    const error = classifyOpenAIError(new BadRequestError(400, body('invalid_request_error', 'invalid_value', 'temperature'), undefined, headers()), context);
    assert.equal(error.reason, 'invalidRequest');
    assert.match(error.message, /parameter 'temperature'/);
  });

  it('tells a compatible endpoint user to check the endpoint too', () => {
    const error = classifyOpenAIError(new AuthenticationError(401, undefined, undefined, headers()),
      { provider: 'compat:vllm', providerName: 'vLLM', compatible: true });
    assert.equal(error.message, "vLLM rejected the API key (401). Run 'Quorum: Set API Key' or check the endpoint's settings.");
  });
});

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '@google/genai';
import { ProviderError, type ProviderErrorReason } from '../../../../../src/core/errors';
import { classifyGeminiError, parseGeminiErrorBody, parseRetryDelay } from '../../../../../src/core/providers/gemini/errors';
import { createGeminiProvider } from '../../../../../src/core/providers/gemini/provider';
import { run } from './harness';

const CONTEXT = { provider: 'gemini', providerName: 'Google Gemini', model: 'gemini-2.5-flash' };

function envelope(code: number, status: string, details?: unknown[]): string {
  return JSON.stringify({ error: { code, message: 'human text we must not read', status, ...(details ? { details } : {}) } });
}

function apiError(status: number, body: string): ApiError {
  return new ApiError({ status, message: body });
}

const KEY_INVALID = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' };
const quotaFailure = (quotaId: string): unknown => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'm', quotaId }],
});
const retryInfo = (retryDelay: string): unknown => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });

describe('geminiErrors', () => {
  describe('parseGeminiErrorBody', () => {
    it('reads a plain envelope', () => {
      assert.deepEqual(parseGeminiErrorBody(envelope(503, 'UNAVAILABLE')), {
        code: 503, message: 'human text we must not read', status: 'UNAVAILABLE', details: undefined,
      });
    });

    it('reads the JSON after the SDK\'s "got status: X. " prefix of an in-stream error', () => {
      const body = parseGeminiErrorBody(`got status: UNAVAILABLE. ${envelope(503, 'UNAVAILABLE')}`);
      assert.equal(body?.status, 'UNAVAILABLE');
      assert.equal(body?.code, 503);
    });

    it('unwraps an envelope the SDK wrapped as text (errors sent as text/event-stream)', () => {
      const inner = JSON.stringify({ error: { code: 400, message: 'x', status: 'INVALID_ARGUMENT', details: [KEY_INVALID] } }, null, 2);
      const wrapped = JSON.stringify({ error: { message: inner, code: 400, status: 'Bad Request' } });
      const body = parseGeminiErrorBody(wrapped);
      assert.equal(body?.status, 'INVALID_ARGUMENT');
      assert.deepEqual(body?.details, [KEY_INVALID]);
    });

    it('keeps the SDK\'s wrapper when the body was not JSON (an HTML proxy page)', () => {
      const wrapped = JSON.stringify({ error: { message: '<html>502</html>', code: 502, status: 'Bad Gateway' } });
      assert.equal(parseGeminiErrorBody(wrapped)?.status, 'Bad Gateway');
    });

    it('returns undefined for text that holds no envelope', () => {
      assert.equal(parseGeminiErrorBody('something { broken'), undefined);
      assert.equal(parseGeminiErrorBody('{"notAnError":true}'), undefined);
    });
  });

  it('parses protobuf-JSON durations only', () => {
    assert.equal(parseRetryDelay('2s'), 2_000);
    assert.equal(parseRetryDelay('36.429760048s'), 36_430);
    assert.equal(parseRetryDelay('0.5s'), 500);
    assert.equal(parseRetryDelay('2'), undefined);
    assert.equal(parseRetryDelay('soon'), undefined);
    assert.equal(parseRetryDelay(2), undefined);
  });

  describe('classifyGeminiError', () => {
    const rows: readonly { name: string; error: unknown; reason: ProviderErrorReason; afterHeaders?: boolean; code?: string }[] = [
      { name: '400 API_KEY_INVALID', error: apiError(400, envelope(400, 'INVALID_ARGUMENT', [KEY_INVALID])), reason: 'auth', code: 'API_KEY_INVALID' },
      // The same prose without the ErrorInfo marker is just a bad request: the message is never read.
      { name: '400 key prose, no marker', error: apiError(400, envelope(400, 'INVALID_ARGUMENT').replace('human text we must not read', 'API key not valid')), reason: 'invalidRequest' },
      { name: '401 from a gateway', error: apiError(401, envelope(401, 'UNAUTHENTICATED')), reason: 'auth' },
      { name: '403', error: apiError(403, envelope(403, 'PERMISSION_DENIED')), reason: 'permission' },
      { name: '404', error: apiError(404, envelope(404, 'NOT_FOUND')), reason: 'notFound' },
      { name: '408', error: apiError(408, envelope(408, 'DEADLINE_EXCEEDED')), reason: 'timeout' },
      { name: '413', error: apiError(413, envelope(413, 'INVALID_ARGUMENT')), reason: 'requestTooLarge' },
      { name: '429 per minute', error: apiError(429, envelope(429, 'RESOURCE_EXHAUSTED', [quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier')])), reason: 'rateLimited' },
      { name: '429 per day', error: apiError(429, envelope(429, 'RESOURCE_EXHAUSTED', [quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier')])), reason: 'quotaExceeded' },
      // Neither RetryInfo nor QuotaFailure: possibly the daily quota, so a long cooldown rather than a quick retry.
      { name: '429 bare', error: apiError(429, envelope(429, 'RESOURCE_EXHAUSTED')), reason: 'quotaExceeded' },
      { name: '500', error: apiError(500, envelope(500, 'INTERNAL')), reason: 'serverError' },
      { name: '503', error: apiError(503, envelope(503, 'UNAVAILABLE')), reason: 'overloaded' },
      { name: '503 unparsable body', error: apiError(503, 'not json at all'), reason: 'overloaded' },
      { name: 'in-stream 503', error: apiError(503, `got status: UNAVAILABLE. ${envelope(503, 'UNAVAILABLE')}`), reason: 'overloaded', afterHeaders: true },
      { name: 'AbortError', error: new DOMException('This operation was aborted', 'AbortError'), reason: 'aborted' },
      { name: 'SyntaxError', error: new SyntaxError('Unexpected end of JSON input'), reason: 'malformedResponse', afterHeaders: true },
      { name: 'leftover bytes at EOF', error: new Error('Incomplete JSON segment at the end'), reason: 'malformedResponse', afterHeaders: true },
      { name: 'unknown error before headers', error: new Error('exception [object Object] sending request'), reason: 'network' },
      { name: 'reset', error: new TypeError('terminated', { cause: Object.assign(new Error('read'), { code: 'ECONNRESET' }) }), reason: 'network', code: 'ECONNRESET' },
    ];
    for (const row of rows) {
      it(`${row.name} → ${row.reason}`, () => {
        const classified = classifyGeminiError(row.error, { ...CONTEXT, afterHeaders: row.afterHeaders });
        assert.ok(classified instanceof ProviderError);
        assert.equal(classified.reason, row.reason);
        assert.equal(classified.cause, row.error);
        if (row.code !== undefined) assert.equal(classified.providerCode, row.code);
        assert.ok(!classified.message.includes('human text'), 'our own message, not the provider\'s prose');
      });
    }

    it('takes retryAfterMs from RetryInfo, and drops the HTTP status for errors inside a 200 stream', () => {
      const body = envelope(429, 'RESOURCE_EXHAUSTED', [retryInfo('7s')]);
      const before = classifyGeminiError(apiError(429, body), CONTEXT);
      assert.deepEqual([before.status, before.retryAfterMs], [429, 7_000]);
      const inside = classifyGeminiError(apiError(429, `got status: RESOURCE_EXHAUSTED. ${body}`), { ...CONTEXT, afterHeaders: true });
      assert.deepEqual([inside.status, inside.retryAfterMs], [undefined, 7_000]);
    });

    it('passes a ProviderError through untouched', () => {
      const original = new ProviderError({ reason: 'auth', provider: 'gemini', message: 'x' });
      assert.equal(classifyGeminiError(original, CONTEXT), original);
    });
  });

  describe('through the SDK against a raw server', () => {
    let server: Server;
    let baseUrl: string;
    let requests = 0;
    let body = '';
    before(async () => {
      server = createServer((req, res) => {
        requests++;
        req.resume();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    beforeEach(() => {
      requests = 0;
    });
    const provider = (): ReturnType<typeof createGeminiProvider> =>
      createGeminiProvider({ id: 'gemini', displayName: 'Google Gemini', apiKey: 'k', baseUrl });

    it('turns "Incomplete JSON segment at the end" into malformedResponse', async () => {
      // One complete event, then bytes without the closing blank line, then a clean close.
      body = 'data: {"candidates":[{"content":{"parts":[{"text":"partial"}],"role":"model"},"index":0}]}\n\n'
        + 'data: {"candidates":[{"content":{"parts":[{"text":" more"}]';
      const outcome = await run(provider());
      assert.equal(outcome.text, 'partial');
      assert.equal(outcome.error?.reason, 'malformedResponse');
      assert.equal((outcome.error?.cause as Error).message, 'Incomplete JSON segment at the end');
      assert.equal(requests, 1);
    });

    it('does not let the SDK re-request a stream that ended on a continuation token', async () => {
      // With @google/genai's automatic continuation on, this close would trigger further hidden requests.
      body = 'data: {"candidates":[{"content":{"parts":[{"text":"to be continued"}],"role":"model"},'
        + '"continuationToken":"Y2hlY2twb2ludA==","index":0}]}\n\n';
      const outcome = await run(provider());
      assert.equal(outcome.text, 'to be continued');
      assert.equal(outcome.error?.reason, 'malformedResponse', 'no finishReason: a truncated answer');
      assert.equal(requests, 1);
    });
  });

  describe('endpoint-supplied fields never reach the message (issue 13, finding 3)', () => {
    const key = 'AIzaSyA1234567890abcdefghijklmnopqrstu';
    const injected = `${key} see https://evil.example/phish ${'x'.repeat(5_000)}`;
    const rows: [string, string][] = [
      ['ErrorInfo.reason', JSON.stringify({ error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: injected }] } })],
      ['status', JSON.stringify({ error: { code: 400, status: injected } })],
    ];
    for (const [field, body] of rows) {
      it(`drops a ${field} that is not an rpc code`, () => {
        const error = classifyGeminiError(new ApiError({ status: 400, message: body }), { provider: 'gemini', providerName: 'Google Gemini', model: 'gemini-x' });
        assert.ok(!error.message.includes(key), error.message);
        assert.ok(!error.message.includes('evil.example'));
        assert.ok(error.message.length < 400, `${error.message.length} chars`);
        assert.ok(!(error.providerCode ?? '').includes(key));
      });
    }
  });
});

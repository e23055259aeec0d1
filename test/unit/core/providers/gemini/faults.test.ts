import assert from 'node:assert/strict';
import type { StreamTimeouts } from '../../../../../src/core/providers/provider';
import { refusedPort } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { geminiFake } from '../../../../fakes/geminiFake';
import { GEMINI_DAILY_QUOTA_ID } from '../../../../fakes/geminiErrorReplies';
import { chat, geminiProvider, run } from './harness';
import type { FaultRow } from '../faultRow';

const ANSWER = 'alpha beta gamma delta epsilon';

interface GeminiFaultRow extends FaultRow {
  readonly timeouts?: Partial<StreamTimeouts>;
}

const FAST: Partial<StreamTimeouts> = { firstTokenMs: 80, idleMs: 80 };

/** One or more rows per fault-matrix entry (shared/reference/fault-matrix.md §3). */
const ERROR_ROWS: readonly GeminiFaultRow[] = [
  { row: '1 500', fault: { kind: 'server-error' }, reason: 'serverError', status: 500, providerCode: 'INTERNAL' },
  { row: '1 502 html', fault: { kind: 'server-error', status: 502, nonJson: true }, reason: 'serverError', status: 502 },
  { row: '1 504', fault: { kind: 'server-error', status: 504 }, reason: 'serverError', status: 504, providerCode: 'DEADLINE_EXCEEDED' },
  { row: '1 503 html', fault: { kind: 'server-error', status: 503, nonJson: true }, reason: 'overloaded', status: 503 },
  { row: '2 overloaded', fault: { kind: 'overloaded' }, reason: 'overloaded', status: 503, providerCode: 'UNAVAILABLE' },
  {
    row: '3 error after 200', fault: { kind: 'in-stream-error', afterChunks: 2 }, reason: 'overloaded', status: undefined,
    providerCode: 'UNAVAILABLE', textBefore: 'alpha beta',
  },
  { row: '4 rate limit', fault: { kind: 'rate-limit', retryAfter: '3' }, reason: 'rateLimited', status: 429, retryAfterMs: 3_000 },
  { row: '4 rate limit ms', fault: { kind: 'rate-limit', retryAfterMs: '1500' }, reason: 'rateLimited', status: 429, retryAfterMs: 1_500 },
  { row: '4 rate limit default', fault: { kind: 'rate-limit' }, reason: 'rateLimited', status: 429, retryAfterMs: 2_000 },
  { row: '5 daily quota', fault: { kind: 'quota' }, reason: 'quotaExceeded', status: 429, providerCode: GEMINI_DAILY_QUOTA_ID },
  { row: '6 bad key', fault: { kind: 'auth' }, reason: 'auth', status: 400, providerCode: 'API_KEY_INVALID' },
  { row: '6 forbidden', fault: { kind: 'auth', forbidden: true }, reason: 'permission', status: 403, providerCode: 'SERVICE_DISABLED' },
  // No structured code: the router catches context overflow before the call; the 400 itself is a bad request.
  { row: '7 context length', fault: { kind: 'context-length' }, reason: 'contextLength', status: 400, providerCode: 'INVALID_ARGUMENT' },
  { row: '8 bad request', fault: { kind: 'bad-request' }, reason: 'invalidRequest', status: 400 },
  { row: '8 422', fault: { kind: 'bad-request', status: 422 }, reason: 'invalidRequest', status: 422 },
  { row: '9 not found', fault: { kind: 'not-found' }, reason: 'notFound', status: 404, providerCode: 'NOT_FOUND' },
  { row: '10 too large', fault: { kind: 'too-large' }, reason: 'requestTooLarge', status: 413 },
  { row: '10 too large text', fault: { kind: 'too-large', nonJson: true }, reason: 'requestTooLarge', status: 413 },
  { row: '11 dropped socket', fault: { kind: 'drop-connection' }, reason: 'network', providerCode: 'UND_ERR_SOCKET' },
  { row: '12 hang before headers', fault: { kind: 'hang-headers' }, reason: 'timeout', providerCode: 'first-token-timeout', timeouts: FAST },
  { row: '13 slow first token', fault: { kind: 'slow-first-token', delayMs: 1_000 }, reason: 'timeout', providerCode: 'first-token-timeout', timeouts: FAST },
  { row: '14 keep-alives only', fault: { kind: 'keepalive-only', intervalMs: 10 }, reason: 'timeout', providerCode: 'first-token-timeout', timeouts: FAST },
  { row: '15 stall', fault: { kind: 'stall', afterChunks: 2 }, reason: 'timeout', providerCode: 'idle-timeout', textBefore: 'alpha beta', timeouts: FAST },
  { row: '16 reset', fault: { kind: 'reset', afterChunks: 2 }, reason: 'network', providerCode: 'ECONNRESET', textBefore: 'alpha beta' },
  { row: '17 clean early close', fault: { kind: 'truncate', afterChunks: 3 }, reason: 'malformedResponse', textBefore: 'alpha beta gamma' },
  { row: '17 cut after N bytes', fault: { kind: 'truncate', afterBytes: 100 }, reason: 'network', providerCode: 'UND_ERR_SOCKET' },
  { row: '18 malformed JSON', fault: { kind: 'malformed', afterChunks: 1 }, reason: 'malformedResponse', textBefore: 'alpha' },
  { row: '24 x-should-retry false on 503', fault: { kind: 'should-retry', status: 503, value: false }, reason: 'overloaded', status: 503 },
  { row: '24 x-should-retry true on 400', fault: { kind: 'should-retry', status: 400, value: true }, reason: 'invalidRequest', status: 400 },
];

describe('geminiProvider fault matrix', () => {
  const fake = useFakeServer(() => [geminiFake()]);

  for (const row of ERROR_ROWS) {
    it(`#${row.row} → ${row.reason}`, async () => {
      fake.enqueue({ answer: ANSWER, fault: row.fault });
      const outcome = await run(geminiProvider(fake), chat(), row.timeouts === undefined ? {} : { timeouts: row.timeouts });
      assert.ok(outcome.error, `expected a failure, got finish ${JSON.stringify(outcome.finish)}`);
      assert.equal(outcome.error.reason, row.reason);
      assert.equal(outcome.error.provider, 'gemini');
      assert.equal(outcome.error.model, 'gemini-test');
      assert.equal(outcome.error.status, row.status);
      if (row.providerCode !== undefined) assert.equal(outcome.error.providerCode, row.providerCode);
      if (row.retryAfterMs !== undefined) assert.equal(outcome.error.retryAfterMs, row.retryAfterMs);
      assert.equal(outcome.text, row.textBefore ?? '');
      assert.equal(outcome.finish, undefined, 'a failed stream never reports a finish');
      assert.match(outcome.error.message, /Google Gemini/);
      assert.equal(fake.requests.length, 1, 'exactly one request: no SDK retry');
    });
  }

  it('#11 connection refused → network', async () => {
    const port = await refusedPort();
    const outcome = await run(geminiProvider(fake, { baseUrl: `http://127.0.0.1:${port}/gemini` }));
    assert.equal(outcome.error?.reason, 'network');
    assert.equal(outcome.error?.providerCode, 'ECONNREFUSED');
    assert.match(outcome.error?.message ?? '', /unreachable/);
  });

  it('#22 candidate SAFETY → finish content-filter, not an error', async () => {
    fake.enqueue({ answer: ANSWER, fault: { kind: 'content-filter' } });
    const outcome = await run(geminiProvider(fake));
    assert.equal(outcome.error, undefined);
    assert.deepEqual(outcome.finish, { reason: 'content-filter', raw: 'SAFETY' });
    assert.equal(outcome.text, '');
  });

  it('#22 prompt block (promptFeedback.blockReason, no candidates) → finish content-filter', async () => {
    fake.enqueue({ answer: ANSWER, fault: { kind: 'content-filter', promptBlock: true } });
    const outcome = await run(geminiProvider(fake));
    assert.equal(outcome.error, undefined);
    assert.deepEqual(outcome.finish, { reason: 'content-filter', raw: 'SAFETY' });
    assert.equal(outcome.usage?.inputTokens, 7);
    assert.equal(outcome.usage?.outputTokens, 0, 'no output count, but totalTokenCount == promptTokenCount: 0, not unknown');
  });

  it('#19 sliced writes (split UTF-8 and CRLF) give byte-identical output over many seeds', async () => {
    const answer = 'Grüße aus Köln — 東京 und 🌍🚀 façade naïve ✓';
    fake.enqueue({ answer });
    const reference = await run(geminiProvider(fake));
    assert.equal(reference.text, answer);
    for (const seed of [1, 2, 3, 5, 8, 13]) {
      fake.enqueue({ answer, crlf: seed % 2 === 0, fault: { kind: 'sliced', seed } });
      const sliced = await run(geminiProvider(fake));
      assert.equal(sliced.error, undefined, `seed ${seed}`);
      assert.equal(sliced.text, reference.text, `seed ${seed}`);
      assert.deepEqual(sliced.usage, reference.usage, `seed ${seed}`);
      assert.deepEqual(sliced.finish, { reason: 'stop', raw: 'STOP' }, `seed ${seed}`);
    }
  });

  it('#20 latency and jitter: the stream completes intact', async () => {
    fake.enqueue({ answer: ANSWER, fault: { kind: 'latency', perChunkMs: 8, jitterMs: 6, seed: 3 } });
    const outcome = await run(geminiProvider(fake), chat(), { timeouts: { firstTokenMs: 500, idleMs: 200 } });
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.text, ANSWER);
    assert.equal(outcome.finish?.reason, 'stop');
  });
});

import assert from 'node:assert/strict';
import { anthropicFake } from '../../../../fakes/anthropicFake';
import { refusedPort } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { answerFor } from '../../../../fakes/script';
import { anthropicFor, ask, collect, FAST, MODEL, providerOn } from './harness';
import type { FaultRow } from '../faultRow';

interface AnthropicFaultRow extends FaultRow {
  /** Tells apart failures that share a reason (a truncated stream vs. broken JSON). */
  readonly message?: RegExp;
}

/** Every fault-matrix row that ends in an error, as the Anthropic adapter must classify it. */
const ERROR_ROWS: readonly AnthropicFaultRow[] = [
  { row: '1 500', fault: { kind: 'server-error' }, reason: 'serverError', status: 500, providerCode: 'api_error' },
  { row: '1 502 non-JSON proxy page', fault: { kind: 'server-error', status: 502, nonJson: true }, reason: 'serverError', status: 502 },
  { row: '1 503 (ServiceUnavailableError)', fault: { kind: 'server-error', status: 503 }, reason: 'serverError', status: 503 },
  { row: '1 504 (GatewayTimeoutError)', fault: { kind: 'server-error', status: 504 }, reason: 'serverError', status: 504, providerCode: 'timeout_error' },
  { row: '2 529 overloaded', fault: { kind: 'overloaded' }, reason: 'overloaded', status: 529, providerCode: 'overloaded_error' },
  {
    row: '3 event: error after content', fault: { kind: 'in-stream-error', afterChunks: 2 },
    reason: 'overloaded', status: undefined, providerCode: 'overloaded_error', textBefore: 'Hello from',
  },
  {
    row: '4 429 retry-after seconds', fault: { kind: 'rate-limit', retryAfter: '2' },
    reason: 'rateLimited', status: 429, providerCode: 'rate_limit_error', retryAfterMs: 2000,
  },
  {
    row: '4 429 retry-after-ms', fault: { kind: 'rate-limit', retryAfterMs: '1500', retryAfter: '2' },
    reason: 'rateLimited', status: 429, retryAfterMs: 1500,
  },
  { row: '4 429 without a header', fault: { kind: 'rate-limit' }, reason: 'rateLimited', status: 429, retryAfterMs: undefined },
  { row: '5 402 billing', fault: { kind: 'quota' }, reason: 'quotaExceeded', status: 402, providerCode: 'billing_error' },
  { row: '6 401', fault: { kind: 'auth' }, reason: 'auth', status: 401, providerCode: 'authentication_error' },
  { row: '6 403', fault: { kind: 'auth', forbidden: true }, reason: 'permission', status: 403, providerCode: 'permission_error' },
  // No structured code for context overflow on Anthropic: it stays a plain invalid request (the router pre-checks).
  { row: '7 prompt is too long', fault: { kind: 'context-length' }, reason: 'contextLength', status: 400, providerCode: 'invalid_request_error' },
  { row: '8 400', fault: { kind: 'bad-request' }, reason: 'invalidRequest', status: 400, providerCode: 'invalid_request_error' },
  { row: '8 422', fault: { kind: 'bad-request', status: 422 }, reason: 'invalidRequest', status: 422 },
  { row: '9 404', fault: { kind: 'not-found' }, reason: 'notFound', status: 404, providerCode: 'not_found_error' },
  { row: '10 413', fault: { kind: 'too-large' }, reason: 'requestTooLarge', status: 413, providerCode: 'request_too_large' },
  { row: '10 413 Cloudflare page', fault: { kind: 'too-large', nonJson: true }, reason: 'requestTooLarge', status: 413, providerCode: undefined },
  { row: '11-ish socket dropped before headers', fault: { kind: 'drop-connection' }, reason: 'network', providerCode: 'UND_ERR_SOCKET' },
  { row: '12 hang before headers', fault: { kind: 'hang-headers' }, reason: 'timeout' },
  { row: '13 slow first token', fault: { kind: 'slow-first-token', delayMs: 400 }, reason: 'timeout', providerCode: 'first-token-timeout' },
  { row: '14 pings only', fault: { kind: 'keepalive-only', intervalMs: 10 }, reason: 'timeout', providerCode: 'first-token-timeout' },
  { row: '15 stall', fault: { kind: 'stall', afterChunks: 3 }, reason: 'timeout', providerCode: 'idle-timeout', textBefore: 'Hello from claude-haiku-4-5.' },
  { row: '16 RST', fault: { kind: 'reset', afterChunks: 2 }, reason: 'network', providerCode: 'ECONNRESET', textBefore: 'Hello from' },
  {
    row: '17 clean close, no message_stop', fault: { kind: 'truncate', afterChunks: 2 },
    reason: 'malformedResponse', textBefore: 'Hello from', message: /ended without its terminal signal/,
  },
  { row: '17 cut after N bytes', fault: { kind: 'truncate', afterBytes: 50 }, reason: 'network', providerCode: 'UND_ERR_SOCKET' },
  {
    row: '18 malformed JSON in a named event', fault: { kind: 'malformed', afterChunks: 2 },
    reason: 'malformedResponse', textBefore: 'Hello from', message: /not valid JSON/,
  },
  // No `afterChunks`: the writer's default of 2 content chunks applies.
  { row: '16 RST (default cut point)', fault: { kind: 'reset' }, reason: 'network', providerCode: 'ECONNRESET', textBefore: 'Hello from' },
  {
    row: '24 x-should-retry: false on 503', fault: { kind: 'should-retry', status: 503, value: false },
    reason: 'serverError', status: 503, shouldRetry: false,
  },
  {
    row: '24 x-should-retry: true on 400', fault: { kind: 'should-retry', status: 400, value: true },
    reason: 'invalidRequest', status: 400, shouldRetry: true,
  },
];

describe('anthropicProvider against the fault matrix', () => {
  const fake = useFakeServer(() => [anthropicFake()]);

  for (const row of ERROR_ROWS) {
    it(`row ${row.row} → ${row.reason}`, async () => {
      fake.enqueue({ fault: row.fault });
      const { error, text, events } = await collect(providerOn(fake), ask('Hi there'), { timeouts: FAST });
      assert.ok(error, `expected a ProviderError, got ${JSON.stringify(events)}`);
      assert.equal(error.reason, row.reason);
      assert.equal(error.provider, 'anthropic');
      assert.equal(error.model, MODEL);
      assert.match(error.message, /Anthropic/);
      if ('status' in row) assert.equal(error.status, row.status);
      if ('providerCode' in row) assert.equal(error.providerCode, row.providerCode);
      if ('retryAfterMs' in row) assert.equal(error.retryAfterMs, row.retryAfterMs);
      if ('shouldRetry' in row) assert.equal(error.shouldRetry, row.shouldRetry);
      if (row.message) assert.match(error.message, row.message);
      assert.equal(text, row.textBefore ?? '', 'text delivered before the failure');
      assert.equal(events.some((e) => e.type === 'finish'), false, 'a failed stream never finishes');
      assert.equal(fake.requests.length, 1, 'exactly one request: the SDK must not retry');
    });
  }

  it('row 11 connection refused → network ECONNREFUSED', async () => {
    const port = await refusedPort();
    const { error } = await collect(anthropicFor(`http://127.0.0.1:${port}`), ask('Hi'), { timeouts: FAST });
    assert.equal(error?.reason, 'network');
    assert.equal(error?.providerCode, 'ECONNREFUSED');
    assert.match(error?.message ?? '', /Anthropic is unreachable/);
  });

  it('row 19 sliced 1–3-byte writes (split UTF-8 and CRLF) give byte-identical output over several seeds', async () => {
    const answer = 'Grüße aus Zürich — 東京の天気は晴れ 🌤️, naïve café; emoji 👩‍💻 and “quotes”.';
    fake.enqueue({ answer });
    const reference = await collect(providerOn(fake), ask('Hi'));
    assert.equal(reference.text, answer);
    for (const seed of [1, 2, 3, 42, 1234]) {
      for (const crlf of [false, true]) {
        fake.enqueue({ answer, crlf, fault: { kind: 'sliced', seed } });
        const sliced = await collect(providerOn(fake), ask('Hi'));
        assert.equal(sliced.error, undefined, `seed ${seed} crlf ${crlf}`);
        assert.deepEqual(sliced.events, reference.events, `seed ${seed} crlf ${crlf}`);
      }
    }
  });

  it('row 20 latency with jitter still completes, in order', async () => {
    fake.enqueue({ fault: { kind: 'latency', perChunkMs: 3, jitterMs: 2, seed: 5 } });
    const { error, text, events } = await collect(providerOn(fake), ask('Hi there'), { timeouts: FAST });
    assert.equal(error, undefined);
    assert.equal(text, answerFor(MODEL, 'Hi there'));
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop', raw: 'end_turn' });
  });

  it('row 23 refusal is an outcome, not an error: finish content-filter', async () => {
    fake.enqueue({ fault: { kind: 'content-filter' } });
    const { error, events } = await collect(providerOn(fake), ask('Hi there'));
    assert.equal(error, undefined);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'content-filter', raw: 'refusal' });
  });

  it('CRLF framing parses like LF', async () => {
    fake.enqueue({ crlf: true });
    const { error, text } = await collect(providerOn(fake), ask('Hi there'));
    assert.equal(error, undefined);
    assert.equal(text, answerFor(MODEL, 'Hi there'));
  });
});

import assert from 'node:assert/strict';
import type { StreamEvent } from '../../../../../src/core/types';
import { refusedPort } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { openaiFake } from '../../../../fakes/openaiFake';
import type { Scenario } from '../../../../fakes/scenario';
import { FAST, ask, collect, failure, finishOf, onlyRequest, providerFor, textOf, usageOf, type Dialect } from './harness';
import type { FaultRow } from '../faultRow';


const ANSWER = 'alpha beta gamma delta epsilon zeta eta theta';

/** Fault-matrix rows that end in an error, with the reason each must classify to (both dialects). */
const ROWS: readonly FaultRow[] = [
  { row: '#1 500', fault: { kind: 'server-error', status: 500 }, reason: 'serverError', status: 500 },
  { row: '#1 502 non-JSON proxy body', fault: { kind: 'server-error', status: 502, nonJson: true }, reason: 'serverError', status: 502 },
  { row: '#1 503', fault: { kind: 'server-error', status: 503 }, reason: 'overloaded', status: 503 },
  { row: '#1 504', fault: { kind: 'server-error', status: 504 }, reason: 'serverError', status: 504 },
  { row: '#2 overloaded', fault: { kind: 'overloaded' }, reason: 'overloaded', status: 503 },
  { row: '#3 error chunk after HTTP 200', fault: { kind: 'in-stream-error', afterChunks: 2 }, reason: 'serverError', providerCode: 'server_error', textBefore: 'alpha beta' },
  { row: '#4 429 retry-after seconds', fault: { kind: 'rate-limit', retryAfter: '2' }, reason: 'rateLimited', status: 429, providerCode: 'rate_limit_exceeded', retryAfterMs: 2000 },
  { row: '#4 429 retry-after-ms wins', fault: { kind: 'rate-limit', retryAfter: '2', retryAfterMs: '1500' }, reason: 'rateLimited', status: 429, retryAfterMs: 1500 },
  { row: '#4 429 without a header', fault: { kind: 'rate-limit' }, reason: 'rateLimited', status: 429, retryAfterMs: undefined },
  { row: '#5 429 insufficient_quota', fault: { kind: 'quota' }, reason: 'quotaExceeded', status: 429, providerCode: 'insufficient_quota' },
  { row: '#6 401 bad key', fault: { kind: 'auth' }, reason: 'auth', status: 401, providerCode: 'invalid_api_key' },
  { row: '#6 403 forbidden', fault: { kind: 'auth', forbidden: true }, reason: 'permission', status: 403 },
  { row: '#7 context length', fault: { kind: 'context-length' }, reason: 'contextLength', status: 400, providerCode: 'context_length_exceeded' },
  { row: '#8 400 bad parameter', fault: { kind: 'bad-request' }, reason: 'invalidRequest', status: 400 },
  { row: '#8 422', fault: { kind: 'bad-request', status: 422 }, reason: 'invalidRequest', status: 422 },
  { row: '#9 404 model not found', fault: { kind: 'not-found' }, reason: 'notFound', status: 404 },
  { row: '#10 413', fault: { kind: 'too-large' }, reason: 'requestTooLarge', status: 413 },
  { row: '#10 413 non-JSON', fault: { kind: 'too-large', nonJson: true }, reason: 'requestTooLarge', status: 413 },
  { row: '#11 socket dropped before a response', fault: { kind: 'drop-connection' }, reason: 'network' },
  { row: '#12 hang before headers', fault: { kind: 'hang-headers' }, reason: 'timeout' },
  { row: '#13 slow first token', fault: { kind: 'slow-first-token', delayMs: 600 }, reason: 'timeout', providerCode: 'first-token-timeout' },
  { row: '#14 keep-alives only', fault: { kind: 'keepalive-only', intervalMs: 20 }, reason: 'timeout', providerCode: 'first-token-timeout' },
  { row: '#15 stall mid-stream', fault: { kind: 'stall', afterChunks: 2 }, reason: 'timeout', providerCode: 'idle-timeout', textBefore: 'alpha beta' },
  { row: '#16 RST mid-stream', fault: { kind: 'reset', afterChunks: 2 }, reason: 'network', providerCode: 'ECONNRESET', textBefore: 'alpha beta' },
  { row: '#17 clean close without terminator', fault: { kind: 'truncate', afterChunks: 3 }, reason: 'malformedResponse', textBefore: 'alpha beta gamma' },
  { row: '#17 socket destroyed mid-body', fault: { kind: 'truncate', afterBytes: 400 }, reason: 'network', textBefore: 'alpha' },
  { row: '#18 malformed JSON event', fault: { kind: 'malformed', afterChunks: 2 }, reason: 'malformedResponse', textBefore: 'alpha beta' },
  { row: '#24 503 with x-should-retry: false', fault: { kind: 'should-retry', status: 503, value: false }, reason: 'overloaded', status: 503, shouldRetry: false },
  { row: '#24 400 with x-should-retry: true', fault: { kind: 'should-retry', status: 400, value: true }, reason: 'invalidRequest', status: 400, shouldRetry: true },
];

const RELAXED = { firstTokenMs: 5000, idleMs: 5000 };
const DIALECTS: readonly Dialect[] = ['openai', 'openaiCompatible'];
const MODEL: Readonly<Record<Dialect, string>> = { openai: 'gpt-5.4', openaiCompatible: 'llama3.2:latest' };

describe('OpenAI and OpenAI-compatible providers: fault matrix', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible')]);

  /** Fault rows use the fast deadlines; streams that must succeed get slack, so a busy machine cannot fail them. */
  const run = (dialect: Dialect, scenario: Omit<Scenario, 'vendor'>, timeouts = RELAXED): AsyncIterable<StreamEvent> => {
    fake.enqueue({ vendor: dialect, ...scenario });
    return providerFor(fake, dialect).stream(ask(MODEL[dialect]), { signal: new AbortController().signal, timeouts });
  };

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      for (const row of ROWS) {
        it(`${row.row} → ${row.reason}`, async () => {
          const { error, events } = await failure(run(dialect, { fault: row.fault, answer: ANSWER }, FAST));
          assert.equal(error.reason, row.reason, error.message);
          assert.equal(error.provider, dialect === 'openai' ? 'openai' : 'compat:ollama');
          assert.equal(error.model, MODEL[dialect]);
          assert.equal(error.status, row.status);
          if (row.providerCode !== undefined) assert.equal(error.providerCode, row.providerCode);
          if ('retryAfterMs' in row) assert.equal(error.retryAfterMs, row.retryAfterMs);
          if ('shouldRetry' in row) assert.equal(error.shouldRetry, row.shouldRetry);
          assert.equal(textOf(events), row.textBefore ?? '');
          assert.equal(finishOf(events), undefined, 'a failed stream must not report a finish');
          // The router is the only retry loop: one HTTP attempt, however retryable the failure looks to the SDK.
          assert.equal(onlyRequest(fake).headers['x-stainless-retry-count'], '0');
        });
      }

      it('#11 connection refused → network', async () => {
        const port = await refusedPort();
        const provider = providerFor(fake, dialect, { baseUrl: `http://127.0.0.1:${port}/v1` });
        const { error } = await failure(provider.stream(ask(MODEL[dialect]), { signal: new AbortController().signal, timeouts: FAST }));
        assert.equal(error.reason, 'network');
        assert.equal(error.providerCode, 'ECONNREFUSED');
        assert.match(error.message, /base URL/);
      });

      it('#19 sliced writes (1–3 bytes, split UTF-8 and CRLF) are invisible, over several seeds', async () => {
        const answers = [ANSWER, 'Grüße aus Köln — 東京 🚀 naïve café ﷽ 𝄞 done.'];
        for (const answer of answers) {
          const whole = { lf: await collect(run(dialect, { answer })), crlf: await collect(run(dialect, { answer, crlf: true })) };
          assert.equal(textOf(whole.lf), answer);
          assert.deepEqual(whole.crlf, whole.lf);
          // Odd seeds slice LF framing, even seeds CRLF framing (so `\r\n` pairs get split too).
          for (const seed of [1, 2, 3, 4]) {
            const crlf = seed % 2 === 0;
            const sliced = await collect(run(dialect, { answer, crlf, fault: { kind: 'sliced', seed } }));
            assert.deepEqual(sliced, crlf ? whole.crlf : whole.lf, `seed ${seed}, crlf ${crlf}`);
          }
        }
      });

      it('#20 latency and jitter still complete with the full answer', async () => {
        const events = await collect(run(dialect, { answer: ANSWER, fault: { kind: 'latency', perChunkMs: 4, jitterMs: 3, seed: 9 } }));
        assert.equal(textOf(events), ANSWER);
        assert.deepEqual(finishOf(events), { type: 'finish', reason: 'stop', raw: 'stop' });
      });

      it('#21 content_filter → finish reason content-filter, not an error', async () => {
        const events = await collect(run(dialect, { answer: ANSWER, fault: { kind: 'content-filter' } }));
        assert.deepEqual(finishOf(events), { type: 'finish', reason: 'content-filter', raw: 'content_filter' });
        assert.equal(textOf(events), 'alpha beta gamma delta');
      });

      it('#25 no finish_reason at all → malformedResponse (the answer may be cut)', async () => {
        const { error } = await failure(run(dialect, { answer: ANSWER, fault: { kind: 'compat-quirk', quirk: 'no-finish-reason' } }));
        assert.equal(error.reason, 'malformedResponse');
      });
    });
  }

  describe('#25 OpenAI-compatible quirks', () => {
    const tolerated = ['choices-null', 'no-choices', 'no-done', 'keepalive-comments'] as const;
    for (const quirk of tolerated) {
      it(`${quirk}: tolerated, full answer with usage`, async () => {
        const events = await collect(run('openaiCompatible', { answer: ANSWER, fault: { kind: 'compat-quirk', quirk } }));
        assert.equal(textOf(events), ANSWER);
        assert.equal(usageOf(events)?.outputTokens, 8);
        assert.deepEqual(events.slice(-2).map((e) => e.type), ['usage', 'finish']);
      });
    }

    it('no-usage: a complete answer with no usage event (unknown, never zero)', async () => {
      const events = await collect(run('openaiCompatible', { answer: ANSWER, fault: { kind: 'compat-quirk', quirk: 'no-usage' } }));
      assert.equal(textOf(events), ANSWER);
      assert.equal(usageOf(events), undefined);
      assert.deepEqual(finishOf(events), { type: 'finish', reason: 'stop', raw: 'stop' });
    });

    it('OpenAI proper without its usage chunk is a cut stream → malformedResponse', async () => {
      const { error, events } = await failure(run('openai', { answer: ANSWER, fault: { kind: 'compat-quirk', quirk: 'no-usage' } }));
      assert.equal(error.reason, 'malformedResponse');
      assert.equal(error.providerCode, 'missing-usage-chunk');
      assert.equal(textOf(events), ANSWER);
    });

    it('OpenAI proper tolerates choices: null on its usage chunk', async () => {
      const events = await collect(run('openai', { answer: ANSWER, fault: { kind: 'compat-quirk', quirk: 'choices-null' } }));
      assert.equal(usageOf(events)?.outputTokens, 8);
      assert.equal(finishOf(events)?.type, 'finish');
    });
  });
});

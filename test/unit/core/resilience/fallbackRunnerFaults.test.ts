import assert from 'node:assert/strict';
import type { ProviderErrorReason } from '../../../../src/core/errors';
import { createAnthropicProvider } from '../../../../src/core/providers/anthropic/provider';
import { createGeminiProvider } from '../../../../src/core/providers/gemini/provider';
import { createOpenAICompatibleProvider, createOpenAIProvider } from '../../../../src/core/providers/openai/provider';
import type { Provider, StreamTimeouts } from '../../../../src/core/providers/provider';
import { CONTINUE_INSTRUCTION } from '../../../../src/core/resilience/continuation';
import { FallbackStoppedError } from '../../../../src/core/resilience/fallbackErrors';
import type { ModelRef } from '../../../../src/core/types';
import { startAllFakes } from '../../../fakes/allFakes';
import { refusedPort, type FakeServer } from '../../../fakes/fakeServer';
import type { Fault, VendorId } from '../../../fakes/scenario';
import { ASK, drain, harness, options, textOf, type Drained } from './runnerHarness';

/**
 * Every fault of shared/reference/fault-matrix.md on each provider as the primary, through the real SDK
 * adapters against the loopback fakes, with a healthy model of another vendor second in the chain.
 * Faults persist on the primary model (unless a row says otherwise), so retries run out and failover is real.
 */

const ANSWER = 'alpha beta gamma delta epsilon zeta eta theta';
const VENDORS: readonly VendorId[] = ['openai', 'openaiCompatible', 'anthropic', 'gemini'];
const REF: Readonly<Record<VendorId, ModelRef>> = {
  openai: { provider: 'openai', model: 'gpt-5.4' },
  openaiCompatible: { provider: 'compat:ollama', model: 'llama3.2:latest' },
  anthropic: { provider: 'anthropic', model: 'claude-haiku-4-5' },
  gemini: { provider: 'gemini', model: 'gemini-test' },
};
/** Another vendor, so one vendor's outage never takes the whole chain down. */
const SECONDARY: Readonly<Record<VendorId, VendorId>> = { openai: 'anthropic', anthropic: 'gemini', gemini: 'openaiCompatible', openaiCompatible: 'openai' };
/** Millisecond deadlines keep timeout rows fast. */
const FAST: StreamTimeouts = { firstTokenMs: 150, idleMs: 100 };
/** Healthy models get slack, so a busy machine cannot turn the model that must answer into a timeout. */
const RELAXED: StreamTimeouts = { firstTokenMs: 5_000, idleMs: 5_000 };

/** The provider with RELAXED deadlines whatever the run asks (the run's FAST ones are for the faulty primary). */
function relaxed(provider: Provider): Provider {
  return {
    id: provider.id,
    kind: provider.kind,
    displayName: provider.displayName,
    stream: (request, opts) => provider.stream(request, { ...opts, timeouts: RELAXED }),
    listModels: (opts) => provider.listModels(opts),
  };
}

function createProvider(vendor: VendorId, baseUrl: string): Provider {
  switch (vendor) {
    case 'openai':
      return createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', apiKey: 'sk-proj-quorumTEST0123456789abcdef', baseUrl });
    case 'openaiCompatible':
      return createOpenAICompatibleProvider({ id: 'compat:ollama', displayName: 'Ollama', baseUrl });
    case 'anthropic':
      return createAnthropicProvider({ id: 'anthropic', displayName: 'Anthropic', apiKey: 'sk-ant-test-0123456789abcdef', baseUrl });
    case 'gemini':
      return createGeminiProvider({ id: 'gemini', displayName: 'Google Gemini', apiKey: 'AIzaSyTEST-gemini-key-0042', baseUrl });
  }
}

type Expect = 'secondary' | 'primary' | 'stop' | 'filtered';

interface Row {
  readonly name: string;
  readonly fault: Fault;
  /** How many requests the fault applies to; -1 (default) = every request to the primary model. */
  readonly times?: number;
  readonly expect: Expect | ((vendor: VendorId) => Expect);
  /** The reason the primary's failure must be recorded with, when the same on every vendor. */
  readonly reason?: ProviderErrorReason;
}

const ROWS: readonly Row[] = [
  { name: '#1 500', fault: { kind: 'server-error', status: 500 }, expect: 'secondary', reason: 'serverError' },
  { name: '#1 502 non-JSON proxy body', fault: { kind: 'server-error', status: 502, nonJson: true }, expect: 'secondary', reason: 'serverError' },
  { name: '#1 503', fault: { kind: 'server-error', status: 503 }, expect: 'secondary' },
  { name: '#1 504', fault: { kind: 'server-error', status: 504 }, expect: 'secondary', reason: 'serverError' },
  { name: '#1 503 once: the retry on the same model answers', fault: { kind: 'server-error', status: 503 }, times: 1, expect: 'primary' },
  { name: '#2 overloaded', fault: { kind: 'overloaded' }, expect: 'secondary', reason: 'overloaded' },
  { name: '#3 error after HTTP 200', fault: { kind: 'in-stream-error', afterChunks: 2 }, expect: 'secondary' },
  { name: '#4 429 Retry-After 2 s', fault: { kind: 'rate-limit', retryAfter: '2' }, expect: 'secondary', reason: 'rateLimited' },
  { name: '#4 429 without a header', fault: { kind: 'rate-limit' }, expect: 'secondary', reason: 'rateLimited' },
  { name: '#5 quota / billing', fault: { kind: 'quota' }, expect: 'secondary', reason: 'quotaExceeded' },
  { name: '#6 bad key', fault: { kind: 'auth' }, expect: 'secondary', reason: 'auth' },
  { name: '#6 forbidden', fault: { kind: 'auth', forbidden: true }, expect: 'secondary', reason: 'permission' },
  // Every vendor's overflow is classified (by code, or by its one documented message shape): fail over.
  { name: '#7 context length', fault: { kind: 'context-length' }, expect: () => 'secondary' },
  { name: '#8 400', fault: { kind: 'bad-request' }, expect: 'stop', reason: 'invalidRequest' },
  { name: '#8 422', fault: { kind: 'bad-request', status: 422 }, expect: 'stop', reason: 'invalidRequest' },
  { name: '#9 404 model not found', fault: { kind: 'not-found' }, expect: 'secondary', reason: 'notFound' },
  { name: '#10 413', fault: { kind: 'too-large' }, expect: 'stop', reason: 'requestTooLarge' },
  { name: '#10 413 non-JSON', fault: { kind: 'too-large', nonJson: true }, expect: 'stop', reason: 'requestTooLarge' },
  { name: '#11 socket dropped before a response', fault: { kind: 'drop-connection' }, expect: 'secondary', reason: 'network' },
  { name: '#12 hang before headers', fault: { kind: 'hang-headers' }, expect: 'secondary', reason: 'timeout' },
  { name: '#13 slow first token', fault: { kind: 'slow-first-token', delayMs: 1_000 }, expect: 'secondary', reason: 'timeout' },
  { name: '#14 keep-alives only', fault: { kind: 'keepalive-only', intervalMs: 20 }, expect: 'secondary', reason: 'timeout' },
  { name: '#15 stall mid-stream', fault: { kind: 'stall', afterChunks: 2 }, expect: 'secondary', reason: 'timeout' },
  { name: '#16 RST mid-stream', fault: { kind: 'reset', afterChunks: 2 }, expect: 'secondary', reason: 'network' },
  { name: '#17 clean close without terminator', fault: { kind: 'truncate', afterChunks: 3 }, expect: 'secondary', reason: 'malformedResponse' },
  { name: '#17 socket destroyed after N bytes', fault: { kind: 'truncate', afterBytes: 400 }, expect: 'secondary', reason: 'network' },
  { name: '#18 malformed JSON event', fault: { kind: 'malformed', afterChunks: 2 }, expect: 'secondary', reason: 'malformedResponse' },
  { name: '#19 sliced writes', fault: { kind: 'sliced', seed: 3 }, expect: 'primary' },
  { name: '#20 latency and jitter', fault: { kind: 'latency', perChunkMs: 3, jitterMs: 2, seed: 5 }, expect: 'primary' },
  { name: '#21-23 content policy', fault: { kind: 'content-filter' }, expect: 'filtered' },
  { name: '#22 prompt blocked', fault: { kind: 'content-filter', promptBlock: true }, expect: 'filtered' },
  { name: '#24 503 with x-should-retry: false', fault: { kind: 'should-retry', status: 503, value: false }, expect: 'secondary' },
  // Gemini sends no x-should-retry, so its 400 stays a bad request.
  { name: '#24 400 with x-should-retry: true (once)', fault: { kind: 'should-retry', status: 400, value: true }, times: 1, expect: (v) => (v === 'gemini' ? 'stop' : 'primary') },
];

const COMPAT_ROWS: readonly Row[] = [
  { name: '#25 no finish_reason (cut answer)', fault: { kind: 'compat-quirk', quirk: 'no-finish-reason' }, expect: 'secondary', reason: 'malformedResponse' },
  { name: '#25 no usage', fault: { kind: 'compat-quirk', quirk: 'no-usage' }, expect: 'primary' },
  { name: '#25 keep-alive comments', fault: { kind: 'compat-quirk', quirk: 'keepalive-comments' }, expect: 'primary' },
];

describe('FallbackRunner against the fault matrix (real adapters, loopback fakes)', function () {
  this.timeout(10_000);
  let fake: FakeServer;

  before(async () => {
    fake = await startAllFakes({ answers: [{ text: ANSWER }] });
    // Warm the SDKs up once so lazy loading never eats a millisecond-scale first-token deadline.
    for (const vendor of VENDORS) {
      const { result } = await drain(setup(vendor).h.runner.run([REF[vendor]], ASK, options({ timeouts: RELAXED })));
      assert.equal(result?.text, ANSWER);
    }
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  function setup(primary: VendorId, primaryBaseUrl?: string, relaxPrimary = false) {
    const secondary = SECONDARY[primary];
    const first = createProvider(primary, primaryBaseUrl ?? fake.baseUrls[primary]);
    const providers = [relaxPrimary ? relaxed(first) : first, relaxed(createProvider(secondary, fake.baseUrls[secondary]))];
    return { h: harness(providers), chain: [REF[primary], REF[secondary]], secondary };
  }

  function requestsTo(vendor: VendorId) {
    return fake.requests.filter((r) => r.vendor === vendor && r.model === REF[vendor].model);
  }

  for (const primary of VENDORS) {
    describe(`${primary} primary`, () => {
      for (const row of primary === 'openaiCompatible' ? [...ROWS, ...COMPAT_ROWS] : ROWS) {
        const expect = typeof row.expect === 'function' ? row.expect(primary) : row.expect;
        it(`${row.name} → ${expect}`, async () => {
          fake.enqueue({ vendor: primary, model: REF[primary].model, fault: row.fault, times: row.times ?? -1 });
          const { h, chain, secondary } = setup(primary, undefined, expect === 'primary' || expect === 'filtered');
          const outcome = await drain(h.runner.run(chain, ASK, options({ timeouts: FAST, deadlineMs: 30_000 })));
          const { events } = outcome;
          const attempts = outcome.result?.attempts ?? outcome.error?.attempts ?? [];
          const primaryAttempts = attempts.filter((a) => a.ref === chain[0]);

          // Every HTTP request is one recorded attempt, and every failure carries its reason.
          assert.equal(primaryAttempts.length, requestsTo(primary).length, 'one attempt record per request to the primary');
          for (const attempt of attempts.filter((a) => a.outcome === 'failed')) assert.ok(attempt.reason !== undefined && attempt.note !== undefined);
          if (row.reason !== undefined && expect !== 'primary') assert.equal(primaryAttempts[0]?.reason, row.reason, JSON.stringify(attempts));
          assert.equal(events.filter((e) => e.type === 'attempt-failed').length, attempts.filter((a) => a.outcome === 'failed').length);

          if (expect === 'stop') {
            assert.ok(outcome.error instanceof FallbackStoppedError, `expected a stop, got ${explain(outcome)}`);
            assert.equal(requestsTo(secondary).length, 0, 'another model would not help: not asked');
            return;
          }
          assert.ok(outcome.result, `expected an answer, got ${explain(outcome)}`);
          // No duplicated text: what the user saw is exactly one answer, even across a mid-stream hand-over.
          assert.equal(textOf(events), outcome.result.text);
          if (expect === 'filtered') {
            assert.deepEqual(outcome.result.answeredBy, chain[0]);
            assert.ok(events.some((e) => e.type === 'finish' && e.reason === 'content-filter'));
            assert.ok(ANSWER.startsWith(outcome.result.text));
            return;
          }
          assert.equal(outcome.result.text, ANSWER);
          assert.deepEqual(outcome.result.answeredBy, expect === 'primary' ? chain[0] : chain[1]);
          const shownBeforeFailover = primaryAttempts.filter((a) => a.outcome === 'failed').reduce((sum, a) => sum + a.textChars, 0);
          const handOver = events.find((e) => e.type === 'continued-by');
          if (shownBeforeFailover > 0) {
            assert.deepEqual(handOver, { type: 'continued-by', from: chain[0], to: chain[1] });
            // An attempt that timed out before its first token (a loaded machine) may be retried; once one has shown
            // text, it is the primary's last.
            const firstWithText = primaryAttempts.findIndex((a) => a.textChars > 0);
            assert.equal(firstWithText, primaryAttempts.length - 1, 'text was shown: never a silent retry of the same model');
            assertContinuationSent(secondary, ANSWER.slice(0, shownBeforeFailover));
          } else {
            assert.equal(handOver, undefined, 'failover before the first token is invisible');
          }
        });
      }

      it('#11 connection refused → next model at once, no wait', async () => {
        const port = await refusedPort();
        const baseUrl = primary === 'openai' || primary === 'openaiCompatible' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
        const { h, chain } = setup(primary, baseUrl);
        const { result } = await drain(h.runner.run(chain, ASK, options({ timeouts: FAST })));
        assert.equal(result?.text, ANSWER);
        assert.deepEqual(result?.answeredBy, chain[1]);
        assert.deepEqual(result?.attempts.map((a) => [a.outcome, a.reason]), [['failed', 'network'], ['success', undefined]]);
        assert.deepEqual(h.sleeps, []);
      });

      it('content policy with the opt-in → the next model continues, one answer', async () => {
        fake.enqueue({ vendor: primary, model: REF[primary].model, fault: { kind: 'content-filter' }, times: -1 });
        const { h, chain } = setup(primary);
        const { events, result } = await drain(h.runner.run(chain, ASK, options({ timeouts: FAST, tryAnotherOnContentFilter: true })));
        assert.equal(result?.text, ANSWER);
        assert.equal(textOf(events), ANSWER);
        assert.deepEqual(result?.answeredBy, chain[1]);
        assert.equal(result?.attempts[0]?.reason, 'contentFilter');
      });

      it('aborted by the caller mid-stream → stops at once, the HTTP request is aborted, nothing else is tried', async () => {
        fake.enqueue({ vendor: primary, model: REF[primary].model, fault: { kind: 'stall', afterChunks: 2 }, times: -1 });
        const { h, chain, secondary } = setup(primary);
        const controller = new AbortController();
        const { error } = await drain(h.runner.run(chain, ASK, options({ signal: controller.signal, timeouts: { firstTokenMs: 5_000, idleMs: 5_000 } })), (e) => {
          if (e.type === 'text-delta') controller.abort();
        });
        assert.ok(error instanceof FallbackStoppedError);
        assert.equal(error.reason, 'aborted');
        assert.deepEqual(error.attempts.map((a) => a.outcome), ['aborted']);
        assert.equal(requestsTo(secondary).length, 0);
        const [request] = requestsTo(primary);
        const until = Date.now() + 1_000;
        while (request?.clientAborted !== true && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
        assert.equal(request?.clientAborted, true, 'the fake saw the HTTP request aborted');
      });
    });
  }

  /** The secondary got the original question + the shown text as the assistant turn + the instruction. */
  function assertContinuationSent(secondary: VendorId, partial: string): void {
    const body = JSON.stringify(requestsTo(secondary).at(-1)?.body);
    assert.ok(body.includes(JSON.stringify(partial).slice(1, -1)), `continuation request lacks the partial text: ${body}`);
    assert.ok(body.includes(CONTINUE_INSTRUCTION), 'continuation request lacks the instruction');
  }
});

function explain(outcome: Drained): string {
  return outcome.error === undefined ? `an answer (${outcome.result?.text ?? ''})` : `${outcome.error.name}: ${outcome.error.message}`;
}

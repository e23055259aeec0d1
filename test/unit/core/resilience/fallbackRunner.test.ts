import assert from 'node:assert/strict';
import { FallbackExhaustedError, FallbackStoppedError } from '../../../../src/core/resilience/fallbackErrors';
import { ASK, drain, harness, options, ref, textOf } from './runnerHarness';
import { ScriptedProvider } from './scriptedProvider';

const A = ref('openai', 'a');
const B = ref('anthropic', 'b');
const C = ref('gemini', 'c');

function providers() {
  return { openai: new ScriptedProvider('openai'), anthropic: new ScriptedProvider('anthropic'), gemini: new ScriptedProvider('gemini') };
}

describe('FallbackRunner', () => {
  it('answers from the first model: events, result, usage and one success attempt', async () => {
    const p = providers();
    const h = harness(Object.values(p));
    const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(events.map((e) => e.type), ['attempt-start', 'text-delta', 'text-delta', 'usage', 'finish']);
    assert.equal(result?.text, 'a answer.');
    assert.deepEqual(result?.answeredBy, A);
    assert.deepEqual(result?.usage, { inputTokens: 10, outputTokens: 2 });
    assert.deepEqual(result?.attempts.map((a) => [a.ref.model, a.outcome, a.textChars]), [['a', 'success', 9]]);
    assert.equal(p.anthropic.calls.length, 0);
    assert.deepEqual(p.openai.calls[0]?.request, { ...ASK, model: 'a' });
  });

  it('retries a transient failure on the same model with growing backoff, then succeeds there', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'overloaded', status: 503 } }, { error: { reason: 'serverError', status: 500 } });
    const h = harness(Object.values(p));
    const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(h.sleeps, [500, 1000]);
    assert.deepEqual(result?.answeredBy, A);
    assert.deepEqual(result?.attempts.map((a) => [a.retry, a.outcome, a.reason]), [[0, 'failed', 'overloaded'], [1, 'failed', 'serverError'], [2, 'success', undefined]]);
    assert.deepEqual(events.filter((e) => e.type === 'attempt-failed').map((e) => e.type === 'attempt-failed' && [e.next, e.delayMs]), [['retry', 500], ['retry', 1000]]);
  });

  it('fails over invisibly once retries are used up; the breaker opens after 3 counted failures', async () => {
    const p = providers();
    p.openai.script('a', ...Array.from({ length: 3 }, () => ({ error: { reason: 'timeout' as const } })));
    const h = harness(Object.values(p));
    const changes: string[] = [];
    h.breakers.onStateChange((c) => changes.push(`${c.ref.model}:${c.to}`));
    const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.equal(textOf(events), 'b answer.');
    assert.ok(!events.some((e) => e.type === 'continued-by'), 'nothing was shown before the failover');
    assert.deepEqual(result?.answeredBy, B);
    assert.deepEqual(result?.attempts.map((a) => [a.ref.model, a.outcome]), [['a', 'failed'], ['a', 'failed'], ['a', 'failed'], ['b', 'success']]);
    assert.deepEqual(changes, ['a:open']);
    assert.equal(h.runner.availability.of(A).state, 'unavailable');
  });

  it('skips a model whose breaker is open without calling it, and records why', async () => {
    const p = providers();
    const h = harness(Object.values(p));
    h.breakers.get(A).trip(5_000, 'test');
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.equal(p.openai.calls.length, 0);
    assert.deepEqual(result?.attempts.map((a) => [a.ref.model, a.outcome]), [['a', 'skipped'], ['b', 'success']]);
    assert.match(result?.attempts[0]?.note ?? '', /circuit breaker open/);
  });

  it('a half-open breaker gets one probe; its success closes the breaker', async () => {
    const p = providers();
    const h = harness(Object.values(p));
    h.breakers.get(A).trip(5_000, 'test');
    h.clock.advance(5_000);
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(result?.answeredBy, A);
    assert.equal(h.breakers.get(A).state, 'closed');
  });

  it('skips a provider with no key', async () => {
    const p = providers();
    const h = harness([p.anthropic]);
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(result?.attempts.map((a) => [a.ref.model, a.outcome, a.note]), [['a', 'skipped', 'provider not configured (no API key)'], ['b', 'success', undefined]]);
  });

  it('a refused connection fails over at once (no wait, no retry)', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'network', providerCode: 'ECONNREFUSED' } });
    const h = harness(Object.values(p));
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(h.sleeps, []);
    assert.equal(p.openai.calls.length, 1);
    assert.deepEqual(result?.answeredBy, B);
  });

  it('x-should-retry: false on a 503 fails over without retrying', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'overloaded', status: 503, shouldRetry: false } });
    const h = harness(Object.values(p));
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.equal(p.openai.calls.length, 1);
    assert.deepEqual(result?.answeredBy, B);
  });

  it('a Retry-After beyond the deadline fails over at once and cools the model down for it', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'rateLimited', status: 429, retryAfterMs: 30_000 } });
    const h = harness(Object.values(p));
    const { result } = await drain(h.runner.run([A, B], ASK, options({ deadlineMs: 10_000 })));
    assert.deepEqual(h.sleeps, []);
    assert.deepEqual(result?.answeredBy, B);
    assert.equal(h.breakers.get(A).retryInMs(), 30_000);
  });

  it('a Retry-After that fits is waited for, on the same model', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'rateLimited', status: 429, retryAfterMs: 2_000 } });
    const h = harness(Object.values(p));
    const { result } = await drain(h.runner.run([A, B], ASK, options({ deadlineMs: 10_000 })));
    assert.deepEqual(h.sleeps, [2_000]);
    assert.deepEqual(result?.answeredBy, A);
  });

  it('a rejected key fails over, suspends the whole provider, reports it, and later runs skip it', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'auth', status: 401, message: 'OpenAI key rejected (401).' } });
    const reported: string[] = [];
    const h = harness(Object.values(p), { onMisconfigured: (r, e) => reported.push(`${r.provider}:${e.reason}`) });
    const first = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(first.result?.answeredBy, B);
    assert.deepEqual(reported, ['openai:auth']);
    assert.ok(h.logs.some((l) => l.level === 'warn' && /misconfigured.*OpenAI key rejected/.test(l.message)));
    const other = ref('openai', 'a2');
    const second = await drain(h.runner.run([other, B], ASK, options()));
    assert.equal(p.openai.calls.length, 1, 'no call to a provider whose key was rejected');
    assert.match(second.result?.attempts[0]?.note ?? '', /suspended: API key rejected; retry in 30 min/);
    h.health.resume('openai');
    const third = await drain(h.runner.run([other, B], ASK, options()));
    assert.deepEqual(third.result?.answeredBy, other);
  });

  it('quota exhausted fails over without retrying and suspends the provider', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'quotaExceeded', status: 429, retryAfterMs: 1_000 } });
    const h = harness(Object.values(p));
    const { result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(h.sleeps, []);
    assert.deepEqual(result?.answeredBy, B);
    assert.equal(h.health.suspension(ref('openai', 'other'))?.reason, 'quotaExceeded');
  });

  it('contextLength skips models whose window is not larger', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'contextLength', status: 400 } });
    const windows: Record<string, number> = { a: 128_000, b: 100_000, c: 1_000_000 };
    const h = harness(Object.values(p), { contextWindowOf: (r) => windows[r.model] });
    const { result } = await drain(h.runner.run([A, B, C], ASK, options()));
    assert.deepEqual(result?.answeredBy, C);
    assert.equal(p.anthropic.calls.length, 0);
    assert.match(result?.attempts[1]?.note ?? '', /not larger/);
  });

  for (const [reason, status] of [['invalidRequest', 400], ['requestTooLarge', 413]] as const) {
    it(`${reason} stops: no other model is asked, the provider's message is kept`, async () => {
      const p = providers();
      p.openai.script('a', { error: { reason, status, message: `OpenAI rejected the request (${status}).` } });
      const h = harness(Object.values(p));
      const { error } = await drain(h.runner.run([A, B], ASK, options()));
      assert.ok(error instanceof FallbackStoppedError);
      assert.equal(error.reason, reason);
      assert.equal(error.message, `OpenAI rejected the request (${status}).`);
      assert.equal(p.anthropic.calls.length, 0);
      assert.equal(error.attempts.length, 1);
    });
  }

  it('failures the policy does not count (bad requests) never open the breaker, however many', async () => {
    const p = providers();
    p.openai.script('a', ...Array.from({ length: 4 }, () => ({ error: { reason: 'invalidRequest' as const, status: 400 } })));
    const h = harness(Object.values(p));
    for (let i = 0; i < 4; i += 1) await drain(h.runner.run([A], ASK, options()));
    assert.equal(p.openai.calls.length, 4);
    assert.equal(h.breakers.get(A).state, 'closed');
  });

  it('content filter is an outcome by default: the filtered answer finishes, no failover', async () => {
    const p = providers();
    p.openai.script('a', { text: ['partial'], finish: { type: 'finish', reason: 'content-filter', raw: 'content_filter' } });
    const h = harness(Object.values(p));
    const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'content-filter', raw: 'content_filter' });
    assert.deepEqual(result?.answeredBy, A);
    assert.equal(p.anthropic.calls.length, 0);
    assert.equal(h.breakers.get(A).state, 'closed');
  });

  it('content filter with the opt-in: the next model continues, and the filter is not a breaker failure', async () => {
    const p = providers();
    p.openai.script('a', { text: ['Once upon'], finish: { type: 'finish', reason: 'content-filter' } });
    p.anthropic.script('b', { text: [' a time.'] });
    const h = harness(Object.values(p));
    const { events, result } = await drain(h.runner.run([A, B], ASK, options({ tryAnotherOnContentFilter: true })));
    assert.equal(result?.text, 'Once upon a time.');
    assert.deepEqual(events.find((e) => e.type === 'continued-by'), { type: 'continued-by', from: A, to: B });
    assert.deepEqual(result?.attempts.map((a) => a.reason), ['contentFilter', undefined]);
  });

  describe('deadline and exhaustion', () => {
    it('caps each attempt first-token deadline by the time left', async () => {
      const p = providers();
      const h = harness(Object.values(p));
      await drain(h.runner.run([A], ASK, options({ deadlineMs: 7_000, timeouts: { firstTokenMs: 20_000, idleMs: 5_000 } })));
      assert.deepEqual(p.openai.calls[0]?.options.timeouts, { firstTokenMs: 7_000, idleMs: 5_000 });
    });

    it('after a failure, each attempt gets at most an even share of the time left among the models left', async () => {
      const p = providers();
      p.openai.script('a', { error: { reason: 'timeout' } });
      const h = harness(Object.values(p));
      const original = p.openai.stream.bind(p.openai);
      p.openai.stream = (request, opts) => {
        h.clock.advance(60_000);
        return original(request, opts);
      };
      p.anthropic.script('b', { error: { reason: 'timeout' } });
      await drain(h.runner.run([A, B, C], ASK, options({ deadlineMs: 120_000, maxRetriesPerModel: 0, timeouts: { firstTokenMs: 60_000, idleMs: 30_000 } })));
      assert.equal(p.openai.calls[0]?.options.timeouts?.firstTokenMs, 60_000, 'the first attempt has its full deadline');
      assert.equal(p.anthropic.calls[0]?.options.timeouts?.firstTokenMs, 30_000, '60 s left for two models');
      assert.equal(p.gemini.calls[0]?.options.timeouts?.firstTokenMs, 60_000, 'the last model gets all that is left');
    });

    it('stops trying once the deadline passed and says so', async () => {
      const p = providers();
      p.openai.script('a', { error: { reason: 'serverError', status: 500 } });
      const h = harness(Object.values(p), {
        sleep: async (ms) => {
          h.clock.advance(ms);
        },
      });
      const provider = p.openai;
      const original = provider.stream.bind(provider);
      provider.stream = (request, opts) => {
        h.clock.advance(4_000);
        return original(request, opts);
      };
      const { error } = await drain(h.runner.run([A, B], ASK, options({ deadlineMs: 4_000 })));
      assert.ok(error instanceof FallbackExhaustedError);
      assert.match(error.message, /No model answered within the 4 s limit/);
      assert.deepEqual(error.attempts.map((a) => [a.ref.model, a.outcome]), [['a', 'failed'], ['b', 'skipped']]);
      assert.equal(p.anthropic.calls.length, 0);
    });

    it('an exhausted chain throws FallbackExhaustedError listing every attempt in plain words', async () => {
      const p = providers();
      p.openai.script('a', ...Array.from({ length: 3 }, () => ({ error: { reason: 'overloaded' as const, status: 503 } })));
      p.anthropic.script('b', { error: { reason: 'auth', status: 401 } });
      const h = harness([p.openai, p.anthropic]);
      const { error } = await drain(h.runner.run([A, B, C], ASK, options()));
      assert.ok(error instanceof FallbackExhaustedError);
      assert.equal(error.message, 'No model could answer. openai/a: overloaded (503) ×3; anthropic/b: API key rejected (401); gemini/c: skipped (provider not configured (no API key)).');
      assert.equal(error.attempts.length, 5);
      assert.equal(error.lastError?.reason, 'auth');
    });

    it('an empty chain is exhausted at once', async () => {
      const h = harness([]);
      const { error } = await drain(h.runner.run([], ASK, options()));
      assert.ok(error instanceof FallbackExhaustedError);
      assert.match(error.message, /chain was empty/);
    });
  });

  describe('every model cooling down: the one whose cooldown ends first is tried (never fail untried)', () => {
    const rows: ReadonlyArray<{ name: string; cool(h: ReturnType<typeof harness>): void; script?: 'fail'; expect: Array<[string, string]>; answeredBy?: string }> = [
      {
        name: 'all breakers open: the earliest cooldown answers, and its breaker closes',
        cool: (h) => { h.breakers.get(A).trip(30_000, 'test'); h.breakers.get(B).trip(5_000, 'test'); },
        expect: [['a', 'skipped'], ['b', 'skipped'], ['b', 'success']],
        answeredBy: 'b',
      },
      {
        name: 'a suspended provider against an open breaker: the earlier end wins',
        cool: (h) => { h.health.suspend({ provider: 'openai' }, 60_000, 'rateLimited'); h.breakers.get(B).trip(120_000, 'test'); },
        expect: [['a', 'skipped'], ['b', 'skipped'], ['a', 'success']],
        answeredBy: 'a',
      },
      {
        name: 'the forced try fails: exhausted after one call, the breaker open again',
        cool: (h) => { h.breakers.get(A).trip(30_000, 'test'); h.breakers.get(B).trip(5_000, 'test'); },
        script: 'fail',
        expect: [['a', 'skipped'], ['b', 'skipped'], ['b', 'failed'], ['b', 'skipped']],
      },
    ];
    for (const row of rows) {
      it(row.name, async () => {
        const p = providers();
        if (row.script === 'fail') p.anthropic.script('b', { error: { reason: 'serverError', status: 500 } });
        const h = harness(Object.values(p));
        row.cool(h);
        const { result, error } = await drain(h.runner.run([A, B], ASK, options()));
        assert.deepEqual((result ?? error)?.attempts.map((a) => [a.ref.model, a.outcome]), row.expect);
        assert.equal(result?.answeredBy?.model, row.answeredBy);
        assert.equal(p.openai.calls.length + p.anthropic.calls.length, 1, 'exactly one model was called once');
        if (row.answeredBy !== undefined) assert.equal(h.breakers.get(row.answeredBy === 'a' ? A : B).state, 'closed');
        else assert.ok(error instanceof FallbackExhaustedError && h.breakers.get(B).state === 'open');
        assert.ok(h.logs.some((l) => /every model is cooling down; trying/.test(l.message)));
      });
    }

    it('a model skipped for no key or context is never forced', async () => {
      const h = harness([]);
      const { error } = await drain(h.runner.run([A], ASK, options()));
      assert.deepEqual(error?.attempts.map((a) => a.outcome), ['skipped']);
    });
  });

  describe('local overload is not the provider\'s failure', () => {
    const rows = [
      { name: 'timeouts while the event loop lost 250 ms each: the breaker stays closed', reason: 'timeout', lagPerRead: 250, breaker: 'closed', note: /not counted against openai: this process was overloaded \(its event loop lost 250 ms\)/ },
      { name: 'timeouts with a quiet loop: counted, the breaker opens', reason: 'timeout', lagPerRead: 0, breaker: 'open', note: /^(?!.*overloaded)/ },
      { name: 'a 500 is the provider\'s whatever the loop did', reason: 'serverError', lagPerRead: 250, breaker: 'open', note: /^(?!.*overloaded)/ },
    ] as const;
    for (const row of rows) {
      it(row.name, async () => {
        const p = providers();
        p.openai.script('a', ...Array.from({ length: 3 }, () => ({ error: { reason: row.reason } })));
        let lost = 0;
        const h = harness(Object.values(p), { loopLag: { lostMs: () => (lost += row.lagPerRead) } });
        const { result } = await drain(h.runner.run([A, B], ASK, options()));
        assert.deepEqual(result?.answeredBy, B);
        assert.equal(h.breakers.get(A).state, row.breaker);
        assert.match(result?.attempts[0]?.note ?? '', row.note);
      });
    }
  });

  describe('in-flight slots per provider', () => {
    /** One slot per provider, held by a run whose answer hangs after its first words until `first` aborts. */
    async function holdingTheOnlySlot() {
      const p = providers();
      p.openai.script('a', { text: ['slow'], hang: true });
      const h = harness(Object.values(p), { maxInFlightPerProvider: 1 });
      const first = new AbortController();
      const run1 = h.runner.run([A], ASK, options({ signal: first.signal }));
      await run1.next();
      await run1.next();
      return { p, h, first, run1 };
    }

    it('a call beyond the limit waits for a slot; its attempt (and first-token clock) starts when it gets one', async () => {
      const { p, h, first, run1 } = await holdingTheOnlySlot();
      const second = drain(h.runner.run([A], ASK, options()));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(p.openai.calls.length, 1, 'the second call has not left');
      assert.equal(h.runner.slots.waiting('openai'), 1);
      h.clock.advance(7_000);
      first.abort();
      await drain(run1);
      const { result } = await second;
      assert.deepEqual(result?.answeredBy, A);
      assert.equal(result?.attempts[0]?.startedAt, h.clock.now(), 'queued time is not attempt time');
      assert.equal(h.runner.slots.inFlight('openai'), 0);
    });

    it('a wait for a slot that outlasts the deadline moves on, saying why', async () => {
      const { p, h, first, run1 } = await holdingTheOnlySlot();
      const { error } = await drain(h.runner.run([A], ASK, options({ deadlineMs: 20 })));
      assert.ok(error instanceof FallbackExhaustedError);
      assert.deepEqual(error.attempts.map((a) => [a.outcome, a.note]), [['skipped', "not tried: still waiting for one of openai's in-flight slots when the deadline passed"]]);
      assert.equal(p.openai.calls.length, 1);
      first.abort();
      await drain(run1);
    });
  });

  it('sums usage over attempts when every part is known; refused attempts add nothing', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'overloaded', status: 503 } }, { text: ['x'], usage: { inputTokens: 5, outputTokens: 1, cachedInputTokens: 2 } });
    const h = harness(Object.values(p));
    const { events, result } = await drain(h.runner.run([A], ASK, options()));
    assert.deepEqual(result?.usage, { inputTokens: 5, outputTokens: 1, cachedInputTokens: 2 });
    assert.deepEqual(events.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: result?.usage }]);
  });

  it('logs every failover with time, model, reason and what happens next', async () => {
    const p = providers();
    p.openai.script('a', { error: { reason: 'serverError', status: 500 } }, { error: { reason: 'network', providerCode: 'ECONNREFUSED' } });
    const h = harness(Object.values(p));
    await drain(h.runner.run([A, B], ASK, options()));
    const lines = h.logs.filter((l) => l.message.startsWith('Fallback:')).map((l) => l.message);
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /^Fallback: \d{4}-\d\d-\d\dT.* openai\/a attempt 1 failed: serverError 500 — .*Next: retrying the same model in 500 ms\.$/);
    assert.match(lines[1] ?? '', /openai\/a attempt 2 failed: network — .*Next: failing over to the next model\.$/);
  });
});

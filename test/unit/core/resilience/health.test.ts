import assert from 'node:assert/strict';
import { ModelAvailability } from '../../../../src/core/resilience/availability';
import { BreakerRegistry } from '../../../../src/core/resilience/breaker';
import { HealthMonitor, type HealthChange, type IntervalTimers } from '../../../../src/core/resilience/health';
import { createHealthProbe, HEALTH_CHECK_PROMPT } from '../../../../src/core/resilience/healthProbe';
import type { Provider } from '../../../../src/core/providers/provider';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';
import { FakeClock } from './fakeClock';

class ManualTimers implements IntervalTimers {
  callbacks = new Map<number, { callback: () => void; ms: number }>();
  private next = 1;
  setInterval(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.callbacks.set(id, { callback, ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  tick(): void {
    for (const { callback } of this.callbacks.values()) callback();
  }
}

const GPT = { provider: 'openai', model: 'gpt-x' };

function setup() {
  const clock = new FakeClock();
  const breakers = new BreakerRegistry(clock);
  const timers = new ManualTimers();
  const health = new HealthMonitor({ clock, breakers, timers });
  const availability = new ModelAvailability({ clock, breakers, health });
  const changes: HealthChange[] = [];
  health.onChange((c) => changes.push(c));
  let healthy = true;
  const probed: string[] = [];
  const probe = async (providerId: string): Promise<void> => {
    probed.push(providerId);
    if (!healthy) throw new Error('down');
  };
  const setHealthy = (value: boolean): void => {
    healthy = value;
  };
  return { clock, breakers, timers, health, availability, changes, probe, probed, setHealthy };
}

describe('health', () => {
  it('active checks are off until started; start uses the interval (default 60 s)', () => {
    const { timers, health, probe } = setup();
    assert.equal(timers.callbacks.size, 0);
    health.startActiveChecks({ providers: () => ['openai'], probe });
    assert.deepEqual([...timers.callbacks.values()].map((c) => c.ms), [60_000]);
    health.startActiveChecks({ providers: () => ['openai'], probe, intervalMs: 5_000 });
    assert.deepEqual([...timers.callbacks.values()].map((c) => c.ms), [5_000], 'restart replaces the old interval');
    health.dispose();
    assert.equal(timers.callbacks.size, 0);
  });

  it('a provider goes out after 3 consecutive failed checks, not before', async () => {
    const { health, availability, probe, setHealthy, changes } = setup();
    health.startActiveChecks({ providers: () => ['openai', 'anthropic'], probe: async (id) => (id === 'openai' ? probe(id) : undefined) });
    setHealthy(false);
    await health.runChecks();
    await health.runChecks();
    assert.equal(health.isOut('openai'), false);
    await health.runChecks();
    assert.equal(health.isOut('openai'), true);
    assert.equal(health.isOut('anthropic'), false);
    assert.deepEqual(availability.of(GPT), { state: 'unavailable', reason: 'failingChecks', detail: '3 checks failed in a row', scope: 'provider' });
    assert.deepEqual(changes.map((c) => [c.providerId, c.kind]), [['openai', 'out']]);
  });

  it('a pass in between resets the failure count', async () => {
    const { health, probe, setHealthy } = setup();
    health.startActiveChecks({ providers: () => ['openai'], probe });
    for (const ok of [false, false, true, false, false]) {
      setHealthy(ok);
      await health.runChecks();
    }
    assert.equal(health.isOut('openai'), false);
  });

  it('comes back after 5 consecutive passes, not before', async () => {
    const { health, probe, setHealthy, changes } = setup();
    health.startActiveChecks({ providers: () => ['openai'], probe });
    setHealthy(false);
    for (let i = 0; i < 3; i += 1) await health.runChecks();
    setHealthy(true);
    for (let i = 0; i < 4; i += 1) await health.runChecks();
    assert.equal(health.isOut('openai'), true);
    setHealthy(false);
    await health.runChecks();
    setHealthy(true);
    for (let i = 0; i < 4; i += 1) await health.runChecks();
    assert.equal(health.isOut('openai'), true, 'a failure restarts the count of passes');
    await health.runChecks();
    assert.equal(health.isOut('openai'), false);
    assert.deepEqual(changes.map((c) => c.kind), ['out', 'in']);
  });

  it('the interval drives checks', async () => {
    const { health, timers, probe, probed } = setup();
    health.startActiveChecks({ providers: () => ['openai', 'gemini'], probe });
    timers.tick();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(probed.sort(), ['gemini', 'openai']);
  });

  it('skips a provider whose previous check is still running, and stop aborts it', async () => {
    const { health } = setup();
    let calls = 0;
    let seen: AbortSignal | undefined;
    const hanging = (_id: string, signal: AbortSignal): Promise<void> => {
      calls += 1;
      seen = signal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    health.startActiveChecks({ providers: () => ['openai'], probe: hanging });
    const first = health.runChecks();
    await health.runChecks();
    assert.equal(calls, 1);
    health.stopActiveChecks();
    await first;
    assert.equal(seen?.aborted, true);
    assert.equal(health.snapshot()[0]?.consecutiveCheckFailures ?? 0, 0, 'an aborted check is no verdict');
  });

  it('passive feed: counts real calls; real failures alone never take a provider out', () => {
    const { health, clock } = setup();
    for (let i = 0; i < 10; i += 1) health.recordFailure(GPT, 'serverError');
    clock.advance(10);
    health.recordSuccess(GPT);
    assert.equal(health.isOut('openai'), false);
    const [entry] = health.snapshot();
    assert.equal(entry?.failures, 10);
    assert.equal(entry?.successes, 1);
    assert.equal(entry?.lastFailureReason, 'serverError');
    assert.equal(entry?.lastSuccessAt, clock.now());
  });

  it('passive feed: real successes count as passes toward coming back', async () => {
    const { health, probe, setHealthy } = setup();
    health.startActiveChecks({ providers: () => ['openai'], probe });
    setHealthy(false);
    for (let i = 0; i < 3; i += 1) await health.runChecks();
    for (let i = 0; i < 4; i += 1) health.recordSuccess(GPT);
    assert.equal(health.isOut('openai'), true);
    health.recordSuccess(GPT);
    assert.equal(health.isOut('openai'), false);
  });

  it('suspensions: a model one or a provider-wide one, listed while in force', () => {
    const { health, clock, changes } = setup();
    health.suspend({ provider: 'openai', model: 'gpt-y' }, 5_000, 'notFound');
    assert.deepEqual(health.suspension({ provider: 'openai', model: 'gpt-y' }), { provider: 'openai', model: 'gpt-y', reason: 'notFound', until: clock.now() + 5_000 });
    assert.equal(health.suspension(GPT), undefined, 'a model suspension is for that model only');
    health.suspend({ provider: 'openai' }, 60_000, 'auth');
    assert.equal(health.suspension({ provider: 'openai', model: 'gpt-z' })?.reason, 'auth');
    assert.equal(health.suspension({ provider: 'openai', model: 'gpt-y' })?.reason, 'notFound', "the model's own comes first");
    assert.deepEqual(health.activeSuspensions().map((s) => [s.model, s.reason]), [['gpt-y', 'notFound'], [undefined, 'auth']]);
    clock.advance(60_000);
    assert.equal(health.suspension({ provider: 'openai', model: 'gpt-z' }), undefined, 'suspensions expire');
    assert.deepEqual(health.activeSuspensions(), []);
    assert.deepEqual(changes.map((c) => [c.kind, c.model]), [['suspended', 'gpt-y'], ['suspended', undefined]]);
  });

  it('resume lifts suspensions and closes the provider breakers (key changed)', () => {
    const { health, breakers, availability } = setup();
    health.suspend({ provider: 'openai' }, 60_000, 'auth');
    health.suspend({ provider: 'openai', model: 'gpt-x' }, 60_000, 'notFound');
    breakers.get(GPT).trip(60_000, 'x');
    health.suspend({ provider: 'anthropic' }, 60_000, 'quotaExceeded');
    health.resume('openai');
    assert.equal(availability.of(GPT).state, 'available');
    assert.equal(availability.of({ provider: 'anthropic', model: 'c' }).state, 'unavailable');
  });

  describe('createHealthProbe', () => {
    function provider(events: readonly StreamEvent[], seen: ChatRequest[]): Provider {
      return {
        id: 'openai', kind: 'openai', displayName: 'OpenAI',
        async *stream(request) {
          seen.push(request);
          yield* events;
        },
        listModels: async () => [],
      };
    }

    it('asks the cheapest model for one token with a tiny prompt and passes on a finish', async () => {
      const seen: ChatRequest[] = [];
      const probe = createHealthProbe({ getProvider: async () => provider([{ type: 'text-delta', text: 'O' }, { type: 'finish', reason: 'length' }], seen), cheapestModel: () => 'gpt-mini' });
      await probe('openai', new AbortController().signal);
      assert.deepEqual(seen, [{ model: 'gpt-mini', messages: [{ role: 'user', content: HEALTH_CHECK_PROMPT }], maxOutputTokens: 1 }]);
    });

    it('fails without a finish, without a key, or without a model', async () => {
      const seen: ChatRequest[] = [];
      const signal = new AbortController().signal;
      await assert.rejects(createHealthProbe({ getProvider: async () => provider([], seen), cheapestModel: () => 'm' })('openai', signal));
      await assert.rejects(createHealthProbe({ getProvider: async () => undefined, cheapestModel: () => 'm' })('openai', signal));
      await assert.rejects(createHealthProbe({ getProvider: async () => provider([], seen), cheapestModel: () => undefined })('openai', signal));
    });
  });
});

import assert from 'node:assert/strict';
import { AVAILABLE, describeUnavailable, ModelAvailability, type Availability, type Unavailable } from '../../../../src/core/resilience/availability';
import { BreakerRegistry } from '../../../../src/core/resilience/breaker';
import { HealthMonitor } from '../../../../src/core/resilience/health';
import type { ModelRef } from '../../../../src/core/types';
import { FakeClock } from './fakeClock';

const GPT: ModelRef = { provider: 'openai', model: 'gpt-x' };
const OTHER: ModelRef = { provider: 'openai', model: 'gpt-y' };
const CLAUDE: ModelRef = { provider: 'anthropic', model: 'claude' };

interface World {
  readonly clock: FakeClock;
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  readonly availability: ModelAvailability;
  /** Runs `n` rounds of active checks in which `failing` providers fail. */
  checks(n: number, failing: readonly string[]): Promise<void>;
}

function world(): World {
  const clock = new FakeClock();
  const breakers = new BreakerRegistry(clock);
  const timers = { setInterval: () => 0, clearInterval: () => undefined };
  const health = new HealthMonitor({ clock, breakers, timers });
  let failing: readonly string[] = [];
  health.startActiveChecks({ providers: () => ['openai', 'anthropic'], probe: async (id) => {
    if (failing.includes(id)) throw new Error('down');
  } });
  const checks = async (n: number, which: readonly string[]): Promise<void> => {
    failing = which;
    for (let i = 0; i < n; i++) await health.runChecks();
  };
  return { clock, breakers, health, availability: new ModelAvailability({ clock, breakers, health }), checks };
}

const T0 = new FakeClock().now();
const timeouts = (w: World, ref: ModelRef): void => {
  for (let i = 0; i < 3; i++) w.breakers.get(ref).recordFailure('timeout');
};
const probing = (w: World, ref: ModelRef): void => {
  w.breakers.get(ref).trip(1_000, 'rate limited');
  w.clock.advance(1_000);
  assert.equal(w.breakers.get(ref).acquire(), true, 'the probe call');
};

const cooling = (detail: string, until: number): Unavailable => ({ state: 'unavailable', reason: 'breakerOpen', detail, scope: 'model', until });
const suspended = (detail: string, scope: 'provider' | 'model', until: number): Unavailable => ({ state: 'unavailable', reason: 'suspended', detail, scope, until });
const failingChecks = (detail: string): Unavailable => ({ state: 'unavailable', reason: 'failingChecks', detail, scope: 'provider' });
const PROBE_BUSY: Unavailable = { state: 'unavailable', reason: 'probeBusy', detail: 'one probe call is testing recovery', scope: 'model' };

interface Row {
  readonly name: string;
  readonly given: (w: World) => void | Promise<void>;
  readonly ref?: ModelRef;
  readonly expected: Availability;
}

/** One test per row: given the world, `of(ref)` says exactly `expected`. */
function verdicts(rows: readonly Row[]): void {
  for (const row of rows) {
    it(row.name, async () => {
      const w = world();
      await row.given(w);
      assert.deepEqual(w.availability.of(row.ref ?? GPT), row.expected);
    });
  }
}

describe('availability', () => {
  describe('each source, with its until', () => {
    const rows: Row[] = [
      { name: 'nothing known: available', given: () => undefined, expected: AVAILABLE },
      { name: 'breaker opened by 3 timeouts: cooling down for the base cooldown', given: (w) => timeouts(w, GPT), expected: cooling('3 failures in a row (last: timeout)', T0 + 5_000) },
      { name: 'breaker tripped by a rate limit', given: (w) => w.breakers.get(GPT).trip(30_000, 'rate limited (cooldown 30 s)'), expected: cooling('rate limited (cooldown 30 s)', T0 + 30_000) },
      { name: 'half-open with its probe under way: no until (the probe ends it)', given: (w) => probing(w, GPT), expected: PROBE_BUSY },
      { name: 'half-open, probe not taken yet: available (this caller may probe)', given: (w) => {
        w.breakers.get(GPT).trip(1_000, 'x');
        w.clock.advance(1_000);
      }, expected: AVAILABLE },
      { name: 'model suspended (unknown model)', given: (w) => w.health.suspend(GPT, 600_000, 'notFound'), expected: suspended('model not found', 'model', T0 + 600_000) },
      { name: 'provider suspended (key rejected) covers its other models', given: (w) => w.health.suspend({ provider: 'openai' }, 1_800_000, 'auth'), ref: OTHER, expected: suspended('API key rejected', 'provider', T0 + 1_800_000) },
      { name: 'provider suspended (quota)', given: (w) => w.health.suspend({ provider: 'openai' }, 900_000, 'quotaExceeded'), expected: suspended('quota or billing exhausted', 'provider', T0 + 900_000) },
      {
        name: 'provider suspended with a note (Gemini bare 429): the note is the detail',
        given: (w) => w.health.suspend({ provider: 'openai' }, 900_000, 'quotaExceeded', 'possibly the daily quota (429 without a retry time)'),
        expected: suspended('possibly the daily quota (429 without a retry time)', 'provider', T0 + 900_000),
      },
      { name: 'another model suspended: this one is available', given: (w) => w.health.suspend(OTHER, 600_000, 'notFound'), expected: AVAILABLE },
      { name: "another provider's breaker: available", given: (w) => timeouts(w, CLAUDE), expected: AVAILABLE },
      { name: 'provider out after 3 failed checks: no until (passing checks end it)', given: (w) => w.checks(3, ['openai']), expected: failingChecks('3 checks failed in a row') },
      { name: 'out, recovering: says how far', given: async (w) => {
        await w.checks(3, ['openai']);
        await w.checks(2, []);
      }, expected: failingChecks('2 of 5 passes needed to come back') },
    ];
    verdicts(rows);
  });

  describe('precedence: suspended, then failing checks, then breaker open, then probe busy', () => {
    const rows: Row[] = [
      { name: 'provider suspended beats an open breaker', given: (w) => {
        timeouts(w, GPT);
        w.health.suspend({ provider: 'openai' }, 60_000, 'auth');
      }, expected: suspended('API key rejected', 'provider', T0 + 60_000) },
      { name: "the model's own suspension beats its provider's", given: (w) => {
        w.health.suspend({ provider: 'openai' }, 60_000, 'auth');
        w.health.suspend(GPT, 600_000, 'notFound');
      }, expected: suspended('model not found', 'model', T0 + 600_000) },
      { name: 'suspended beats failing checks', given: async (w) => {
        await w.checks(3, ['openai']);
        w.health.suspend({ provider: 'openai' }, 60_000, 'quotaExceeded');
      }, expected: suspended('quota or billing exhausted', 'provider', T0 + 60_000) },
      { name: 'failing checks beat an open breaker', given: async (w) => {
        timeouts(w, GPT);
        await w.checks(3, ['openai']);
      }, expected: failingChecks('3 checks failed in a row') },
      { name: 'failing checks beat a busy probe', given: async (w) => {
        probing(w, GPT);
        await w.checks(3, ['openai']);
      }, expected: failingChecks('3 checks failed in a row') },
    ];
    verdicts(rows);
  });

  describe('recovery', () => {
    const rows: Row[] = [
      { name: 'the cooldown elapses (half-open: the next caller probes)', given: (w) => {
        timeouts(w, GPT);
        w.clock.advance(5_000);
      }, expected: AVAILABLE },
      { name: 'the probe succeeds', given: (w) => {
        probing(w, GPT);
        w.breakers.get(GPT).recordSuccess();
      }, expected: AVAILABLE },
      { name: 'the probe fails: open again, cooldown doubled', given: (w) => {
        timeouts(w, GPT);
        w.clock.advance(5_000);
        w.breakers.get(GPT).acquire();
        w.breakers.get(GPT).recordFailure('timeout');
      }, expected: cooling('probe call failed (timeout)', T0 + 5_000 + 10_000) },
      { name: 'a suspension expires', given: (w) => {
        w.health.suspend({ provider: 'openai' }, 60_000, 'auth');
        w.clock.advance(60_000);
      }, expected: AVAILABLE },
      { name: 'the key changes (resume lifts suspensions and closes breakers)', given: (w) => {
        w.health.suspend({ provider: 'openai' }, 60_000, 'auth');
        timeouts(w, GPT);
        w.health.resume('openai');
      }, expected: AVAILABLE },
      { name: 'checks pass 5 times in a row', given: async (w) => {
        await w.checks(3, ['openai']);
        await w.checks(5, []);
      }, expected: AVAILABLE },
    ];
    verdicts(rows);
  });

  it('ofProvider: provider-wide verdicts only (a suspended or cooling model leaves its provider available)', async () => {
    const w = world();
    w.health.suspend(GPT, 60_000, 'notFound');
    timeouts(w, OTHER);
    assert.deepEqual(w.availability.ofProvider('openai'), AVAILABLE);
    await w.checks(3, ['openai']);
    assert.deepEqual(w.availability.ofProvider('openai'), failingChecks('3 checks failed in a row'));
  });

  it('unavailable(): whole providers first, then single models of the others, each in key order', () => {
    const w = world();
    w.health.suspend({ provider: 'openai' }, 60_000, 'auth');
    timeouts(w, GPT);
    w.health.suspend({ provider: 'gemini', model: 'g-2' }, 60_000, 'notFound');
    timeouts(w, CLAUDE);
    timeouts(w, { provider: 'gemini', model: 'g-1' });
    w.breakers.get({ provider: 'gemini', model: 'g-3' }).recordFailure('timeout');
    assert.deepEqual(w.availability.unavailable().map((t) => [t.provider, t.model, t.availability.reason]), [
      ['openai', undefined, 'suspended'],
      ['anthropic', 'claude', 'breakerOpen'],
      ['gemini', 'g-1', 'breakerOpen'],
      ['gemini', 'g-2', 'suspended'],
    ]);
    w.clock.advance(60_000);
    assert.deepEqual(w.availability.unavailable(), [], 'all expired or half-open');
  });

  it('onChange fires for breaker transitions, suspensions and checks; dispose stops it', async () => {
    const w = world();
    let heard = 0;
    const subscription = w.availability.onChange(() => heard++);
    timeouts(w, GPT);
    w.health.suspend(CLAUDE, 1_000, 'notFound');
    await w.checks(3, ['anthropic']);
    assert.equal(heard, 3, 'open, suspended, out');
    subscription.dispose();
    w.health.resume('openai');
    assert.equal(heard, 3);
  });

  it('describeUnavailable: one clause with the lead-in per reason', () => {
    const table: [Unavailable, string][] = [
      [cooling('3 failures in a row (last: timeout)', 1), 'circuit breaker open: 3 failures in a row (last: timeout)'],
      [PROBE_BUSY, 'circuit breaker half-open: one probe call is testing recovery'],
      [suspended('API key rejected', 'provider', 1), 'suspended: API key rejected'],
      [failingChecks('3 checks failed in a row'), 'failing health checks: 3 checks failed in a row'],
    ];
    for (const [availability, text] of table) assert.equal(describeUnavailable(availability), text);
  });
});

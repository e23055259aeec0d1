import assert from 'node:assert/strict';
import { BreakerRegistry, MAX_WINDOW_OUTCOMES, type BreakerStateChange } from '../../../../src/core/resilience/breaker';
import { FakeClock } from './fakeClock';

const REF = { provider: 'openai', model: 'gpt-x' };

function setup(options = {}) {
  const clock = new FakeClock();
  const registry = new BreakerRegistry(clock, options);
  const changes: BreakerStateChange[] = [];
  registry.onStateChange((change) => changes.push(change));
  return { clock, registry, breaker: registry.get(REF), changes };
}

describe('breaker', () => {
  it('starts closed and lets calls through', () => {
    const { breaker } = setup();
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.acquire(), true);
  });

  it('opens on 3 consecutive counted failures, with an event saying why', () => {
    const { breaker, changes } = setup();
    breaker.recordFailure('timeout');
    breaker.recordFailure('timeout');
    assert.equal(breaker.state, 'closed');
    breaker.recordFailure('serverError');
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.acquire(), false);
    assert.equal(changes.length, 1);
    assert.deepEqual({ ...changes[0], at: 0 }, { ref: REF, from: 'closed', to: 'open', reason: '3 failures in a row (last: serverError)', at: 0, cooldownMs: 5000 });
  });

  it('a success in between resets the consecutive count', () => {
    const { breaker } = setup({ minimumCalls: 100 });
    for (let i = 0; i < 5; i += 1) {
      breaker.recordFailure('timeout');
      breaker.recordFailure('timeout');
      breaker.recordSuccess();
    }
    assert.equal(breaker.state, 'closed');
  });

  it('opens on a failure rate ≥ 50 % over the window once it holds the minimum calls', () => {
    const { breaker, changes } = setup({ consecutiveFailures: 99 });
    breaker.recordSuccess();
    breaker.recordFailure('network');
    breaker.recordSuccess();
    assert.equal(breaker.state, 'closed', '1 of 3: below the minimum sample');
    breaker.recordFailure('network');
    assert.equal(breaker.state, 'open');
    assert.match(changes[0]?.reason ?? '', /2 of the last 4 calls failed/);
  });

  it('forgets outcomes older than the 60 s window', () => {
    const { breaker, clock } = setup({ consecutiveFailures: 99 });
    breaker.recordFailure('network');
    breaker.recordFailure('network');
    clock.advance(61_000);
    breaker.recordSuccess();
    breaker.recordSuccess();
    breaker.recordSuccess();
    breaker.recordFailure('network');
    assert.equal(breaker.state, 'closed', 'only 1 of 4 inside the window');
  });

  it('ignores non-counted outcomes entirely (they are never reported as failures)', () => {
    const { breaker } = setup();
    for (let i = 0; i < 10; i += 1) breaker.recordNeutral();
    assert.equal(breaker.state, 'closed');
  });

  it('goes half-open after the cooldown and lets exactly one probe through', () => {
    const { breaker, clock, changes, registry } = setup();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure('timeout');
    clock.advance(4_999);
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.retryInMs(), 1);
    assert.equal(registry.isOpen(REF), true);
    clock.advance(1);
    assert.equal(breaker.state, 'halfOpen');
    assert.equal(registry.isOpen(REF), false);
    assert.equal(breaker.acquire(), true, 'the probe');
    assert.equal(breaker.acquire(), false, 'a second caller while the probe runs');
    assert.equal(registry.isOpen(REF), true);
    assert.deepEqual(changes.map((c) => c.to), ['open', 'halfOpen']);
  });

  it('probe success closes it and starts a fresh window', () => {
    const { breaker, clock, changes } = setup();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure('timeout');
    clock.advance(5_000);
    assert.equal(breaker.acquire(), true);
    breaker.recordSuccess();
    assert.equal(breaker.state, 'closed');
    assert.equal(changes.at(-1)?.reason, 'probe call succeeded');
    breaker.recordFailure('timeout');
    breaker.recordFailure('timeout');
    assert.equal(breaker.state, 'closed', 'old failures do not count after closing');
  });

  it('probe failure re-opens with a doubled cooldown, capped', () => {
    const { breaker, clock, changes } = setup({ maxCooldownMs: 15_000 });
    for (let i = 0; i < 3; i += 1) breaker.recordFailure('timeout');
    const cooldowns: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      cooldowns.push(changes.at(-1)?.cooldownMs ?? -1);
      clock.advance(cooldowns.at(-1) ?? 0);
      assert.equal(breaker.acquire(), true);
      breaker.recordFailure('overloaded');
      assert.equal(breaker.state, 'open');
    }
    assert.deepEqual(cooldowns, [5_000, 10_000, 15_000, 15_000]);
    assert.match(changes.at(-1)?.reason ?? '', /probe call failed \(overloaded\)/);
  });

  it('a neutral probe outcome frees the probe slot without closing or re-opening', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure('timeout');
    clock.advance(5_000);
    assert.equal(breaker.acquire(), true);
    breaker.recordNeutral();
    assert.equal(breaker.state, 'halfOpen');
    assert.equal(breaker.acquire(), true, 'the next probe may go');
  });

  it('a probe that never reports back does not block the model forever', () => {
    const { breaker, clock } = setup({ maxCooldownMs: 20_000 });
    for (let i = 0; i < 3; i += 1) breaker.recordFailure('timeout');
    clock.advance(5_000);
    assert.equal(breaker.acquire(), true);
    clock.advance(19_999);
    assert.equal(breaker.acquire(), false);
    clock.advance(1);
    assert.equal(breaker.acquire(), true);
  });

  it('trip opens for an explicit cooldown (rate limit, unknown model) and never shortens one', () => {
    const { breaker, clock, changes } = setup();
    breaker.trip(30_000, 'rateLimited');
    assert.equal(breaker.state, 'open');
    breaker.trip(1_000, 'rateLimited');
    clock.advance(29_999);
    assert.equal(breaker.state, 'open');
    clock.advance(1);
    assert.equal(breaker.state, 'halfOpen');
    assert.deepEqual(changes.map((c) => [c.to, c.cooldownMs]), [['open', 30_000], ['halfOpen', undefined]]);
  });

  it('keeps one breaker per provider/model, resets a provider, and snapshots non-closed ones', () => {
    const { registry, clock } = setup();
    const other = { provider: 'openai', model: 'gpt-y' };
    const anthropic = { provider: 'anthropic', model: 'claude' };
    registry.get(other).trip(10_000, 'x');
    registry.get(anthropic).trip(10_000, 'x');
    assert.equal(registry.get(REF).state, 'closed');
    clock.advance(4_000);
    assert.deepEqual(registry.snapshot(), [
      { ref: other, state: 'open', retryInMs: 6_000 },
      { ref: anthropic, state: 'open', retryInMs: 6_000 },
    ]);
    registry.resetProvider('openai', 'new key');
    assert.deepEqual(registry.snapshot().map((s) => s.ref), [anthropic]);
  });

  it('a throwing listener does not break the breaker; disposed listeners hear nothing', () => {
    const { registry, breaker } = setup();
    registry.onStateChange(() => {
      throw new Error('ui bug');
    });
    const heard: string[] = [];
    const subscription = registry.onStateChange((c) => heard.push(c.to));
    subscription.dispose();
    breaker.trip(1_000, 'x');
    assert.equal(breaker.state, 'open');
    assert.deepEqual(heard, []);
  });
});

describe('breaker window under load', () => {
  it('keeps at most MAX_WINDOW_OUTCOMES outcomes and still opens on the rate of the recent ones', () => {
    const max = MAX_WINDOW_OUTCOMES;
    let now = 0;
    const registry = new BreakerRegistry({ now: () => now }, { consecutiveFailures: 1000 });
    const breaker = registry.get({ provider: 'p', model: 'm' });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      breaker.acquire();
      breaker.recordSuccess();
    }
    const window = (breaker as unknown as { window: unknown[] }).window;
    assert.equal(window.length, max, 'the window is bounded however many calls arrive');
    // Alternate failures with successes (never 1000 in a row): the rate over the recent outcomes opens it.
    for (let i = 0; i < max && !registry.isOpen({ provider: 'p', model: 'm' }); i++) {
      now += 1;
      breaker.acquire();
      if (i % 4 === 3) breaker.recordSuccess();
      else breaker.recordFailure('503');
    }
    assert.equal(registry.isOpen({ provider: 'p', model: 'm' }), true);
  });
});

describe('breaker.forceProbe (last resort when every candidate cools down)', () => {
  const rows = [
    { name: 'open: turns half-open early, the call is the probe; success closes', outcome: 'success', expect: 'closed' },
    { name: 'open: a counted failure of the forced probe re-opens it', outcome: 'failure', expect: 'open' },
  ] as const;
  for (const row of rows) {
    it(row.name, () => {
      const { breaker, changes } = setup();
      breaker.trip(60_000, 'test');
      breaker.forceProbe('every candidate was cooling down');
      assert.equal(breaker.state, 'halfOpen');
      assert.equal(breaker.probing, true, 'no other call goes through meanwhile');
      if (row.outcome === 'success') breaker.recordSuccess();
      else breaker.recordFailure('timeout');
      assert.equal(breaker.state, row.expect);
      assert.equal(changes[1]?.reason, 'every candidate was cooling down');
    });
  }

  it('closed: changes nothing', () => {
    const { breaker, changes } = setup();
    breaker.forceProbe('x');
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.probing, false);
    assert.equal(changes.length, 0);
  });
});

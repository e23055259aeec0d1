import assert from 'node:assert/strict';
import { InFlightLimiter } from '../../../../src/core/resilience/inFlightLimiter';

describe('InFlightLimiter', () => {
  it('grants up to the limit at once, per key', () => {
    const limiter = new InFlightLimiter(2);
    assert.ok(limiter.tryAcquire('a'));
    assert.ok(limiter.tryAcquire('a'));
    assert.equal(limiter.tryAcquire('a'), undefined);
    assert.ok(limiter.tryAcquire('b'), 'another provider has its own slots');
    assert.equal(limiter.inFlight('a'), 2);
  });

  it('queues the rest first come, first served; a release hands the slot to the first in line', async () => {
    const limiter = new InFlightLimiter(1);
    const signal = new AbortController().signal;
    const first = limiter.tryAcquire('a');
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => limiter.acquire('a', signal, 60_000).then((release) => {
      order.push(n);
      return release;
    }));
    assert.equal(limiter.waiting('a'), 3);
    assert.equal(limiter.tryAcquire('a'), undefined, 'nobody overtakes the line, even when a slot frees');
    first?.();
    (await waits[0])?.();
    (await waits[1])?.();
    const last = await waits[2];
    assert.deepEqual(order, [1, 2, 3]);
    assert.equal(limiter.inFlight('a'), 1);
    last?.();
    last?.();
    assert.equal(limiter.inFlight('a'), 0, 'a second release does nothing');
  });

  it('an abort while waiting gives up the place in line and rejects with the reason', async () => {
    const limiter = new InFlightLimiter(1);
    const held = limiter.tryAcquire('a');
    const controller = new AbortController();
    const waiting = limiter.acquire('a', controller.signal, 60_000);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    assert.equal(limiter.waiting('a'), 0);
    held?.();
    assert.equal(limiter.inFlight('a'), 0, 'the freed slot went to nobody');
    await assert.rejects(limiter.acquire('a', controller.signal, 0).then(() => limiter.acquire('a', controller.signal, 0)), /cancelled/);
  });

  it('resolves undefined when the wait runs out, and leaves the line', async () => {
    const limiter = new InFlightLimiter(1);
    limiter.tryAcquire('a');
    const release = await limiter.acquire('a', new AbortController().signal, 5);
    assert.equal(release, undefined);
    assert.equal(limiter.waiting('a'), 0);
  });

  it('rejects a limit below 1', () => {
    assert.throws(() => new InFlightLimiter(0), RangeError);
  });
});

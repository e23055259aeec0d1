import assert from 'node:assert/strict';
import { startBatchPolling } from '../../../../src/app/evals/batchPoller';
import { BatchQueue } from '../../../../src/app/evals/batchQueue';
import type { BatchClient } from '../../../../src/core/providers/batchClient';
import { FakeClock } from '../../core/resilience/fakeClock';
import { MemoryStore } from './batchHarness';

describe('startBatchPolling', () => {
  it('sets one timer for the next due read, ticks when it fires, and moves it on every change', async () => {
    const clock = new FakeClock();
    let polls = 0;
    const client = { poll: () => (polls += 1, Promise.resolve({ state: 'inProgress', counts: {} })) } as unknown as BatchClient;
    const queue = await BatchQueue.open({ store: new MemoryStore(), clock, clientFor: () => Promise.resolve(client), record: () => new Map() });
    const timers: { ms: number; fn: () => void; cancelled: boolean }[] = [];
    const stop = startBatchPolling(queue, clock, (ms, fn) => {
      const timer = { ms, fn, cancelled: false };
      timers.push(timer);
      return () => { timer.cancelled = true; };
    });
    assert.equal(timers.length, 0, 'no jobs, no timer');
    await queue.add({ provider: 'openai', batchId: 'b', runId: 'r', suiteId: 's', feature: 'eval', routeReason: 'r', submittedAt: clock.now(), items: [] });
    assert.equal(timers.at(-1)?.ms, 30_000);
    clock.advance(30_000);
    const fired = timers.at(-1);
    const ticked = new Promise<void>((resolve) => queue.onChange(resolve));
    fired?.fn();
    await ticked;
    assert.equal(polls, 1);
    assert.equal(timers.at(-1)?.ms, 60_000, 'rescheduled on the backoff');
    stop();
    assert.equal(timers.at(-1)?.cancelled, true);
  });
});

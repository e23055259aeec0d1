import assert from 'node:assert/strict';
import { EventLoopLag, lagExplainsTimeout } from '../../../../src/core/resilience/loopLag';

describe('loop lag', () => {
  describe('lagExplainsTimeout: a timeout is ours when the loop lost ≥ 10 % of the attempt and ≥ 50 ms', () => {
    const rows: ReadonlyArray<[lostMs: number, attemptMs: number, ours: boolean]> = [
      [0, 2_000, false],
      [40, 200, false],
      [199, 2_000, false],
      [200, 2_000, true],
      [1_500, 2_000, true],
      [5_000, 60_000, false],
      [6_000, 60_000, true],
    ];
    for (const [lost, attempt, ours] of rows) {
      it(`lost ${lost} ms of ${attempt} ms → ${ours ? 'local overload' : 'the provider'}`, () => {
        assert.equal(lagExplainsTimeout(lost, attempt), ours);
      });
    }
  });

  it('EventLoopLag sees a blocked loop, including a stall still under way', async () => {
    const lag = new EventLoopLag(10).start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const before = lag.lostMs();
      const until = performance.now() + 120;
      while (performance.now() < until) {
        // Busy: the probe's tick cannot run.
      }
      assert.ok(lag.lostMs() - before >= 80, `the stall under way counts (${lag.lostMs() - before} ms)`);
      await new Promise((resolve) => setTimeout(resolve, 15));
      assert.ok(lag.lostMs() - before >= 100, `recorded once the tick ran (${lag.lostMs() - before} ms)`);
    } finally {
      lag.stop();
    }
    const stopped = lag.lostMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(lag.lostMs(), stopped, 'a stopped probe adds nothing');
  });
});

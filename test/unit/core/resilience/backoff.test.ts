import assert from 'node:assert/strict';
import { abortableSleep, backoff, DEFAULT_BACKOFF, exponentialDelayMs } from '../../../../src/core/resilience/backoff';

describe('backoff', () => {
  describe('exponentialDelayMs: min(0.5 s · 2^retry, 8 s) minus up to 25 % jitter', () => {
    const rows: readonly { retry: number; jitter: number; ms: number }[] = [
      { retry: 0, jitter: 0, ms: 500 },
      { retry: 1, jitter: 0, ms: 1000 },
      { retry: 2, jitter: 0, ms: 2000 },
      { retry: 4, jitter: 0, ms: 8000 },
      { retry: 10, jitter: 0, ms: 8000 },
      { retry: 0, jitter: 0.5, ms: 438 },
      { retry: 3, jitter: 1, ms: 3000 },
      { retry: 1, jitter: -3, ms: 1000 },
      { retry: 1, jitter: 7, ms: 750 },
    ];
    for (const row of rows) {
      it(`retry ${row.retry}, jitter ${row.jitter} → ${row.ms} ms`, () => {
        assert.equal(exponentialDelayMs(row.retry, row.jitter), row.ms);
      });
    }

    it('stays within [75 %, 100 %] of the nominal delay for any jitter sample', () => {
      for (let i = 0; i <= 100; i += 1) {
        const ms = exponentialDelayMs(2, i / 100);
        assert.ok(ms >= 1500 && ms <= 2000, String(ms));
      }
    });
  });

  describe('backoff verdict inside one deadline', () => {
    it('waits the exponential delay when there is no Retry-After', () => {
      assert.deepEqual(backoff({ retry: 1, remainingMs: 10_000, jitter: 0 }), { wait: true, delayMs: 1000 });
    });

    it('honours Retry-After instead of the exponential delay, even when shorter', () => {
      assert.deepEqual(backoff({ retry: 3, retryAfterMs: 1500, remainingMs: 10_000, jitter: 0 }), { wait: true, delayMs: 1500 });
      assert.deepEqual(backoff({ retry: 0, retryAfterMs: 0, remainingMs: 10_000, jitter: 0 }), { wait: true, delayMs: 0 });
    });

    it('refuses a Retry-After that does not fit the remaining deadline', () => {
      const verdict = backoff({ retry: 0, retryAfterMs: 5000, remainingMs: 4000, jitter: 0 });
      assert.equal(verdict.wait, false);
      assert.match(verdict.wait ? '' : verdict.why, /would not fit/);
    });

    it('refuses a wait equal to the remaining deadline (no time left for the call)', () => {
      assert.equal(backoff({ retry: 0, retryAfterMs: 4000, remainingMs: 4000, jitter: 0 }).wait, false);
      assert.equal(backoff({ retry: 0, remainingMs: 500, jitter: 0 }).wait, false);
    });

    it('refuses a Retry-After above the 60 s ceiling even with a huge deadline', () => {
      const verdict = backoff({ retry: 0, retryAfterMs: 3_600_000, remainingMs: 86_400_000, jitter: 0 });
      assert.equal(verdict.wait, false);
      assert.match(verdict.wait ? '' : verdict.why, /ceiling/);
      assert.equal(backoff({ retry: 0, retryAfterMs: DEFAULT_BACKOFF.retryAfterCeilingMs, remainingMs: 86_400_000, jitter: 0 }).wait, true);
    });

    it('refuses the exponential delay when it does not fit', () => {
      assert.equal(backoff({ retry: 4, remainingMs: 7000, jitter: 0 }).wait, false);
      assert.deepEqual(backoff({ retry: 4, remainingMs: 7000, jitter: 1 }), { wait: true, delayMs: 6000 });
    });

    it('takes custom base and cap', () => {
      const options = { ...DEFAULT_BACKOFF, baseMs: 10, capMs: 40 };
      assert.deepEqual(backoff({ retry: 5, remainingMs: 1000, jitter: 0 }, options), { wait: true, delayMs: 40 });
    });
  });

  describe('abortableSleep', () => {
    it('resolves after the delay', async () => {
      const started = Date.now();
      await abortableSleep(5, new AbortController().signal);
      assert.ok(Date.now() - started >= 4);
    });

    it('rejects at once with the abort reason when aborted while waiting', async () => {
      const controller = new AbortController();
      const started = Date.now();
      const sleeping = abortableSleep(10_000, controller.signal);
      controller.abort(new Error('stop'));
      await assert.rejects(sleeping, /stop/);
      assert.ok(Date.now() - started < 1000);
    });

    it('rejects when the signal is already aborted', async () => {
      await assert.rejects(abortableSleep(0, AbortSignal.abort(new Error('gone'))), /gone/);
    });
  });
});

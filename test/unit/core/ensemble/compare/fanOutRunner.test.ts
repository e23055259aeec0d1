import assert from 'node:assert/strict';
import { startFanOut, type ColumnEngine, type ColumnEvent } from '../../../../../src/core/ensemble/compare/fanOut';
import type { FallbackRunner } from '../../../../../src/core/resilience/fallbackRunner';
import { harness, options } from '../../resilience/runnerHarness';
import { ScriptedProvider } from '../../resilience/scriptedProvider';
import { flush } from '../fakeEngine';

/** The adapter the composition root writes: a column is a chain of exactly one model. */
function columnEngine(runner: FallbackRunner): ColumnEngine {
  return { run: (ref, request, { signal }) => runner.run([ref], request, options({ signal })) };
}

const PRICED = { inputPerMTok: 1, outputPerMTok: 2 };
const request = { messages: [{ role: 'user' as const, content: 'q' }] };

describe('fanOut over the real FallbackRunner', () => {
  it('a failing model fails its own column after the runner retries it; no failover to another model', async () => {
    const provider = new ScriptedProvider('p')
      .script('bad', { error: { reason: 'serverError', status: 500 } }, { error: { reason: 'serverError', status: 500 } }, { error: { reason: 'serverError', status: 500 } });
    const h = harness([provider]);
    const events: ColumnEvent[] = [];
    const run = startFanOut(
      [{ id: 'good', ref: { provider: 'p', model: 'good' } }, { id: 'bad', ref: { provider: 'p', model: 'bad' } }],
      request,
      { engine: columnEngine(h.runner), clock: h.clock, pricingOf: () => PRICED },
      { onEvent: (e) => events.push(e) },
    );
    const [good, bad] = await run.idle();
    assert.equal(good?.status, 'done');
    assert.equal(good?.text, 'good answer.');
    assert.deepEqual(good?.usage, { inputTokens: 10, outputTokens: 2 });
    assert.equal(bad?.status, 'failed');
    assert.equal(bad?.error?.reason, 'serverError');
    assert.equal(bad?.error?.status, 500);
    assert.equal(bad?.retries, 2);
    assert.equal(bad?.costUsd, 0, 'every attempt refused with HTTP 500 before any text');
    assert.deepEqual(provider.callsTo('good').length, 1);
    assert.equal(events.filter((e) => e.type === 'retrying' && e.columnId === 'bad').length, 2);
  });

  it('stopping a hanging column aborts its HTTP request only', async () => {
    const provider = new ScriptedProvider('p').script('slow', { text: ['part'], hang: true }).script('fast', { text: ['done'] });
    const h = harness([provider]);
    const run = startFanOut(
      [{ id: 'slow', ref: { provider: 'p', model: 'slow' } }, { id: 'fast', ref: { provider: 'p', model: 'fast' } }],
      request,
      { engine: columnEngine(h.runner), clock: h.clock, pricingOf: () => PRICED },
    );
    await flush();
    assert.equal(run.summary('fast')?.status, 'done');
    run.stop('slow');
    const [slow] = await run.idle();
    assert.equal(slow?.status, 'stopped');
    assert.equal(slow?.text, 'part');
    assert.equal(provider.callsTo('slow')[0]?.options.signal.aborted, true);
    assert.equal(provider.callsTo('fast')[0]?.options.signal.aborted, false);
  });
});

import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../../src/core/catalog/modelInfo';
import { startFanOut, type ColumnEvent, type FanOutColumn } from '../../../../../src/core/ensemble/compare/fanOut';
import type { ModelRef } from '../../../../../src/core/types';
import { FakeClock } from '../../resilience/fakeClock';
import { answer, fakeEngine, flush, Gate, type FakeStep } from '../fakeEngine';

const a: ModelRef = { provider: 'openai', model: 'a' };
const b: ModelRef = { provider: 'anthropic', model: 'b' };
const c: ModelRef = { provider: 'gemini', model: 'c' };
/** $1 per MTok in, $2 out: 10 in + 2 out = $0.000014. */
const PRICED: ModelPricing = { inputPerMTok: 1, outputPerMTok: 2 };
const request = { messages: [{ role: 'user' as const, content: 'q' }] };

function setup(scripts: Record<string, FakeStep[][]>, columns: FanOutColumn[] = [{ id: 'A', ref: a }, { id: 'B', ref: b }], signal?: AbortSignal) {
  const clock = new FakeClock(0);
  const engine = fakeEngine(scripts);
  const events: ColumnEvent[] = [];
  const log: string[] = [];
  const run = startFanOut(columns, request, { engine, clock, pricingOf: (ref) => (ref.model === 'c' ? undefined : PRICED) }, {
    onEvent: (e) => {
      events.push(e);
      log.push(e.type === 'delta' ? `${e.columnId}:${e.text}` : e.type === 'end' ? `${e.columnId}:end:${e.summary.status}` : `${e.columnId}:${e.type}`);
    },
    ...(signal === undefined ? {} : { signal }),
  });
  return { clock, engine, events, log, run };
}

describe('fanOut', () => {
  it('interleaves columns as they produce: a blocked column never holds back another', async () => {
    const gateA = new Gate();
    const gateB = new Gate();
    const { log, run } = setup({ a: [[{ text: 'a1' }, { wait: gateA }, { text: 'a2' }, { finish: 'stop' }]], b: [[{ wait: gateB }, { text: 'b1' }, { finish: 'stop' }]] });
    await flush();
    assert.deepEqual(log, ['A:start', 'B:start', 'A:a1']);
    gateB.open();
    await flush();
    assert.deepEqual(log.slice(3), ['B:b1', 'B:end:done'], 'B finished while A is still blocked');
    assert.equal(run.summary('A')?.status, 'streaming');
    gateA.open();
    await flush();
    assert.deepEqual(log.slice(5), ['A:a2', 'A:end:done']);
    assert.deepEqual(run.summaries().map((s) => s.text), ['a1a2', 'b1']);
  });

  it('times each column from the injected clock: wall time is the slowest member, not the sum', async () => {
    const gates = [new Gate(), new Gate(), new Gate()];
    const { clock, run } = setup(
      { a: [[{ wait: gates[0] as Gate }, ...answer('x')]], b: [[{ wait: gates[1] as Gate }, ...answer('y')]], c: [[{ wait: gates[2] as Gate }, ...answer('z')]] },
      [{ id: 'A', ref: a }, { id: 'B', ref: b }, { id: 'C', ref: c }],
    );
    let idle = false;
    void run.idle().then(() => { idle = true; });
    for (const [i, gate] of gates.entries()) {
      clock.advance(100);
      gate.open();
      await flush();
      assert.equal(run.summaries()[i]?.status, 'done', `column ${i} done as soon as its own stream ends`);
      assert.equal(idle, i === 2);
    }
    assert.deepEqual(run.summaries().map((s) => [s.ttftMs, s.totalMs]), [[100, 100], [200, 200], [300, 300]]);
  });

  it('reports tokens and cost per column; an unpriced model costs unknown, not $0', async () => {
    const { run, events } = setup({ a: [answer('x', { inputTokens: 10, outputTokens: 2 })], c: [answer('z')] }, [{ id: 'A', ref: a }, { id: 'C', ref: c }]);
    const [sa, sc] = await run.idle();
    assert.deepEqual(sa?.usage, { inputTokens: 10, outputTokens: 2 });
    assert.ok(Math.abs((sa?.costUsd ?? -1) - 0.000014) < 1e-12);
    assert.equal(sa?.finishReason, 'stop');
    assert.equal(sc?.costUsd, undefined);
    assert.ok(events.some((e) => e.type === 'usage' && e.columnId === 'A' && e.costUsd !== undefined));
  });

  it('stops one column without touching the others', async () => {
    const gateA = new Gate();
    const gateB = new Gate();
    const { engine, log, run } = setup({ a: [[{ text: 'a1' }, { wait: gateA }, ...answer('a2')]], b: [[{ wait: gateB }, ...answer('b1')]] });
    await flush();
    run.stop('A');
    assert.equal(engine.calls[0]?.signal.aborted, true);
    assert.equal(engine.calls[1]?.signal.aborted, false, 'B has its own AbortController');
    assert.equal(run.summary('A')?.status, 'stopped');
    assert.equal(run.summary('A')?.stopCause, 'user');
    assert.equal(run.summary('A')?.text, 'a1', 'text shown so far stays');
    gateB.open();
    const [sa, sb] = await run.idle();
    assert.equal(sa?.status, 'stopped');
    assert.equal(sb?.status, 'done');
    assert.equal(log.filter((l) => l === 'A:end:stopped').length, 1, 'one end per run, even when the engine throws aborted later');
  });

  it('stop() without an id stops every streaming column', async () => {
    const { run } = setup({ a: [[{ wait: new Gate() }]], b: [[{ wait: new Gate() }]] });
    run.stop();
    const summaries = await run.idle();
    assert.deepEqual(summaries.map((s) => s.status), ['stopped', 'stopped']);
  });

  it('shows an error in its own column with the reason and HTTP status; the others finish', async () => {
    const { run } = setup({ a: [[{ fail: 'serverError', status: 500 }]], b: [answer('fine')] });
    const [sa, sb] = await run.idle();
    assert.equal(sa?.status, 'failed');
    assert.deepEqual(sa?.error, { reason: 'serverError', status: 500, message: 'serverError from a' });
    assert.equal(sa?.costUsd, 0, 'refused with an HTTP error before any text: a known $0');
    assert.equal(sb?.status, 'done');
  });

  it('a failure after text costs unknown, and a non-provider throw has no reason', async () => {
    const { run } = setup({ a: [[{ text: 'half' }, { fail: 'network' }]], b: [[{ throws: new TypeError('bug') }]] });
    const [sa, sb] = await run.idle();
    assert.equal(sa?.costUsd, undefined);
    assert.equal(sa?.text, 'half');
    assert.deepEqual(sb?.error, { message: 'bug' });
  });

  it('retries one settled column, with a new run number and its own request', async () => {
    const { engine, events, run } = setup({ a: [[{ fail: 'overloaded', status: 529 }], answer('second')], b: [answer('b')] });
    await run.idle();
    assert.equal(run.retry('B'), true, 'a done column may be asked again too');
    await run.idle();
    assert.equal(run.retry('A', { messages: [{ role: 'user', content: 'again' }] }), true);
    assert.equal(run.retry('A'), false, 'not while it streams');
    const [sa] = await run.idle();
    assert.equal(sa?.status, 'done');
    assert.equal(sa?.run, 1);
    assert.equal(sa?.text, 'second');
    assert.equal(sa?.error, undefined);
    assert.equal(engine.calls.at(-1)?.request.messages[0]?.content, 'again');
    assert.equal(events.filter((e) => e.type === 'start' && e.columnId === 'A').length, 2);
    assert.equal(run.retry('nope'), false);
  });

  it('passes the runner retries through as `retrying`', async () => {
    const { events, run } = setup({ a: [[{ retrying: 'rateLimited', status: 429 }, ...answer('ok')]], b: [answer('b')] });
    const [sa] = await run.idle();
    assert.equal(sa?.retries, 1);
    assert.deepEqual(events.find((e) => e.type === 'retrying'), { type: 'retrying', columnId: 'A', reason: 'rateLimited', status: 429, delayMs: 5 });
  });

  it('the run signal stops every column as cancelled and refuses retries', async () => {
    const controller = new AbortController();
    const { run } = setup({ a: [[{ wait: new Gate() }]], b: [[{ wait: new Gate() }]] }, undefined, controller.signal);
    controller.abort();
    const summaries = await run.idle();
    assert.deepEqual(summaries.map((s) => s.stopCause), ['cancelled', 'cancelled']);
    assert.equal(run.retry('A'), false);
  });

  it('a throwing listener is logged and the columns keep running', async () => {
    const errors: unknown[] = [];
    const logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (e: unknown) => { errors.push(e); } };
    const run = startFanOut([{ id: 'A', ref: a }], request, { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => PRICED, logger }, {
      onEvent: () => { throw new Error('listener bug'); },
    });
    const [sa] = await run.idle();
    assert.equal(sa?.status, 'done');
    assert.ok(errors.length >= 3);
  });

  it('rejects no columns, more than six, and repeated ids', () => {
    const deps = { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => PRICED };
    assert.throws(() => startFanOut([], request, deps), RangeError);
    assert.throws(() => startFanOut(Array.from({ length: 7 }, (_, i) => ({ id: `${i}`, ref: a })), request, deps), RangeError);
    assert.throws(() => startFanOut([{ id: 'x', ref: a }, { id: 'x', ref: b }], request, deps), RangeError);
  });
});

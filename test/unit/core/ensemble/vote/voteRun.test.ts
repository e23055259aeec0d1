import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../../src/core/catalog/modelInfo';
import { startVote, type VoteEvent, type VoteInput } from '../../../../../src/core/ensemble/vote/voteRun';
import type { ModelRef } from '../../../../../src/core/types';
import { FakeClock } from '../../resilience/fakeClock';
import { answer, fakeEngine, flush, Gate, type FakeStep } from '../fakeEngine';

/** $1 per MTok in, $2 out: the default usage (10 in, 2 out) costs $0.000014. */
const PRICED: ModelPricing = { inputPerMTok: 1, outputPerMTok: 2 };
const CALL_USD = 0.000014;
const m1: ModelRef = { provider: 'openai', model: 'm1' };
const m2: ModelRef = { provider: 'anthropic', model: 'm2' };
const m3: ModelRef = { provider: 'gemini', model: 'm3' };
const judges: ModelRef[] = [{ provider: 'openai', model: 'j1' }, { provider: 'anthropic', model: 'j2' }, { provider: 'gemini', model: 'j3' }];
const question = [{ role: 'user' as const, content: 'What is 6 × 7?' }];

function setup(scripts: Record<string, FakeStep[][]>, input: Partial<VoteInput> & Pick<VoteInput, 'strategy'>) {
  const engine = fakeEngine(scripts);
  const events: VoteEvent[] = [];
  const clock = new FakeClock(0);
  const vote = startVote({ messages: question, models: [m1, m2, m3], ...input }, { engine, clock, pricingOf: () => PRICED }, (e) => events.push(e));
  return { engine, events, vote, clock };
}

function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
}

describe('startVote', () => {
  it('majority: a model answering 500 shows as failed and the vote completes with the other two', async () => {
    const { vote, events } = setup({ m1: [answer('42')], m2: [[{ fail: 'serverError', status: 500 }]], m3: [answer('Forty-two.')] }, { strategy: 'majority' });
    const result = await vote.result;
    assert.equal(result.winner?.answer, '42');
    assert.equal(result.validVotes, 2);
    assert.equal(result.agreement, 1);
    assert.deepEqual(result.answers.map((a) => a.outcome), ['valid', 'failed', 'valid']);
    assert.equal(result.answers[1]?.problem, 'serverError from m2');
    near(result.cost.totalUsd, 2 * CALL_USD);
    assert.match(result.why, /Not counted: 1 failed\./u);
    assert.equal(events.filter((e) => e.type === 'column' && e.event.type === 'end').length, 3);
  });

  it('confidence: re-asks an invalid reply once with the reply and its problem, then excludes a second failure', async () => {
    const { vote, events, engine } = setup({
      m1: [answer('{"answer": "42", "confidence": 0.6}')],
      m2: [answer('42, I think'), answer('{"answer": "forty-two", "confidence": 0.9}')],
      m3: [answer('no json'), answer('still none')],
    }, { strategy: 'confidence' });
    const result = await vote.result;
    assert.deepEqual(events.filter((e) => e.type === 'reask').map((e) => e.type === 'reask' && e.columnId), ['answer-1', 'answer-2']);
    const reask = engine.calls.filter((c) => c.ref === m2)[1]?.request.messages ?? [];
    assert.deepEqual(reask.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(reask[2]?.content, '42, I think');
    assert.equal(engine.calls.length, 5, 'each invalid model asked exactly twice');
    assert.equal(result.winner?.answer, '42');
    near(result.winner?.weight, 1.5);
    assert.deepEqual(result.answers.map((a) => [a.outcome, a.confidence]), [['valid', 0.6], ['valid', 0.9], ['invalid', undefined]]);
    near(result.answers[1]?.costUsd, 2 * CALL_USD);
    near(result.cost.totalUsd, 5 * CALL_USD);
  });

  it('early exit: once k answers agree the rest is stopped and shown as stopped early', async () => {
    const slow = new Gate();
    const { vote, events, engine } = setup({ m1: [answer('yes')], m2: [answer('Yeah.')], m3: [[{ wait: slow }, ...answer('no')]] }, { strategy: 'majority', earlyExitK: 2 });
    const result = await vote.result;
    assert.equal(engine.calls[2]?.signal.aborted, true);
    assert.deepEqual(events.find((e) => e.type === 'early-exit'), { type: 'early-exit', key: 'text:yes', count: 2 });
    assert.equal(result.answers[2]?.outcome, 'stopped');
    assert.equal(result.answers[2]?.problem, 'stopped early: enough answers agreed');
    assert.equal(result.winner?.answer, 'yes');
    assert.equal(result.cost.totalUsd, undefined, 'the stopped call has no usage');
    near(result.cost.knownUsd, 2 * CALL_USD);
    assert.equal(result.cost.unknownCount, 1);
  });

  it('without k, every model answers', async () => {
    const { vote } = setup({ m1: [answer('yes')], m2: [answer('yes')], m3: [answer('no')] }, { strategy: 'majority' });
    const result = await vote.result;
    assert.deepEqual(result.answers.map((a) => a.outcome), ['valid', 'valid', 'valid']);
  });

  it('judge panel: judges choose among the distinct answers; their cost is in the total', async () => {
    const { vote, events, engine } = setup({
      m1: [answer('41')], m2: [answer('42')], m3: [answer('41')],
      j1: [answer('{"winner": "B", "rationale": "6 × 7 is 42."}')],
      j2: [answer('```json\n{"winner": "B", "rationale": "B."}\n```')],
      j3: [answer('{"winner": "A", "rationale": "A."}')],
    }, { strategy: 'judge', judges, earlyExitK: 2 });
    const result = await vote.result;
    assert.equal(result.winner?.answer, '42');
    assert.equal(result.winner?.picks, 2);
    assert.match(result.why, /^2 of 3 judges picked B: 6 × 7 is 42\./u);
    assert.deepEqual(result.winnerRationale, { ref: judges[0], rationale: '6 × 7 is 42.' });
    assert.equal(result.answers.every((a) => a.outcome === 'valid'), true, 'early exit does not apply to the judge strategy');
    assert.equal(result.judges?.length, 3);
    near(result.cost.totalUsd, 6 * CALL_USD);
    const judged = events.find((e) => e.type === 'judging');
    assert.deepEqual(judged?.type === 'judging' && judged.candidates.map((c) => c.answer), ['41', '42']);
    assert.ok(events.some((e) => e.type === 'column' && e.phase === 'judge' && e.event.columnId === 'judge-2'));
    const prompt = String(engine.calls.find((c) => c.ref.model === 'j1')?.request.messages[1]?.content);
    assert.match(prompt, /<<<CANDIDATE B>>>\n42\n/u);
  });

  it('judge: no judge is called when every valid answer agrees', async () => {
    const { vote, engine } = setup({ m1: [answer('7')], m2: [answer('seven')], m3: [[{ fail: 'timeout' }]] }, { strategy: 'judge', judges });
    const result = await vote.result;
    assert.equal(engine.calls.length, 3);
    assert.equal(result.winner?.answer, '7');
    assert.match(result.why, /^No judge was needed\./u);
  });

  it('stop() ends the vote with what came in and starts no judge', async () => {
    const gates = [new Gate()];
    const { vote, engine } = setup({ m1: [answer('a')], m2: [answer('b')], m3: [[{ wait: gates[0] as Gate }]] }, { strategy: 'judge', judges });
    await flush();
    vote.stop();
    const result = await vote.result;
    assert.deepEqual(result.answers.map((a) => a.outcome), ['valid', 'valid', 'stopped']);
    assert.equal(engine.calls.length, 3, 'two distinct answers, but a stopped vote asks no judge');
    assert.match(result.why, /^No judge ran; the majority decided\./u);
    assert.equal(result.winner?.answer, 'b', '1–1 at the same finish time: anthropic/m2 before openai/m1');
  });

  it('stop(id) stops one answer column; the others still vote', async () => {
    const gate = new Gate();
    const { vote } = setup({ m1: [answer('a')], m2: [answer('a')], m3: [[{ wait: gate }]] }, { strategy: 'majority' });
    await flush();
    vote.stop('answer-2');
    const result = await vote.result;
    assert.deepEqual(result.answers.map((a) => a.outcome), ['valid', 'valid', 'stopped']);
  });

  it('times the whole vote on the injected clock', async () => {
    const gate = new Gate();
    const { vote, clock } = setup({ m3: [[{ wait: gate }, ...answer('m3')]] }, { strategy: 'majority' });
    await flush();
    clock.advance(750);
    gate.open();
    const result = await vote.result;
    assert.equal(result.totalMs, 750);
    assert.equal(result.answers[2]?.finishedAfterMs, 750);
  });

  it('rejects a judge strategy without judges', () => {
    assert.throws(() => startVote({ messages: question, models: [m1], strategy: 'judge' }, { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => PRICED }), RangeError);
  });
});

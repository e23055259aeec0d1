import assert from 'node:assert/strict';
import { answerUpdateMessage, toAnswerSnapshot } from '../../../../src/app/views/answerSnapshot';
import { applyRunEvent, initialAnswerState, withDecision } from '../../../../src/core/ask/answerState';
import { parseAnswerHostMessage } from '../../../../src/shared/answerProtocol';
import { decision, haiku, luna } from '../../core/ask/askFixtures';

describe('answer snapshots and updates', () => {
  const base = withDecision(initialAnswerState('a', 'q'), decision);
  const streaming = applyRunEvent(applyRunEvent(base, { type: 'attempt-start', ref: luna, retry: 0 }), { type: 'text-delta', text: 'Hello' });

  it('names the continuing model on a continuation segment only', () => {
    const s = applyRunEvent(applyRunEvent(streaming, { type: 'continued-by', from: luna, to: haiku }), { type: 'text-delta', text: ' world' });
    assert.deepEqual(toAnswerSnapshot(s).segments, [{ text: 'Hello' }, { text: ' world', continuedBy: 'anthropic/claude-haiku-5-5' }]);
  });

  it('sends only the appended text while streaming', () => {
    const before = toAnswerSnapshot(streaming);
    const after = toAnswerSnapshot(applyRunEvent(streaming, { type: 'text-delta', text: ', you' }));
    assert.deepEqual(answerUpdateMessage(before, after), { type: 'answer/append', id: 'a', segment: 0, text: ', you' });
  });

  it('sends the whole snapshot when anything but the text changed', () => {
    const before = toAnswerSnapshot(streaming);
    const cases = [
      toAnswerSnapshot(applyRunEvent(streaming, { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } })),
      toAnswerSnapshot({ ...streaming, phase: 'done' }),
      toAnswerSnapshot(applyRunEvent(streaming, { type: 'continued-by', from: luna, to: haiku })),
      toAnswerSnapshot({ ...streaming, id: 'b' }),
    ];
    for (const next of cases) assert.equal(answerUpdateMessage(before, next).type, 'answer/snapshot');
    assert.equal(answerUpdateMessage(undefined, before).type, 'answer/snapshot');
  });

  it('offers 👍/👎 on a finished routed answer only, and sends a changed rating whole', () => {
    const done = { ...streaming, phase: 'done' as const };
    assert.equal(toAnswerSnapshot(streaming).rating, undefined, 'not while streaming');
    assert.equal(toAnswerSnapshot({ ...done, pinned: haiku }).rating, undefined, 'not for a model the user chose');
    assert.equal(toAnswerSnapshot(done).rating, 'unrated');
    const rated = toAnswerSnapshot({ ...done, rating: 'down' });
    assert.equal(rated.rating, 'down');
    assert.equal(answerUpdateMessage(toAnswerSnapshot(done), rated).type, 'answer/snapshot');
  });

  it('puts the feedback sentence in the header when feedback moved the route', () => {
    const moved = withDecision(initialAnswerState('c', 'q'), { ...decision, feedback: { offset: 1, from: 'budget', to: 'standard', note: '2 of your overrides raised chat/Q&A to standard here' } });
    assert.equal(toAnswerSnapshot(moved).header.feedback, '2 of your overrides raised chat/Q&A to standard here');
    assert.equal(toAnswerSnapshot(base).header.feedback, undefined);
  });

  it('cuts a 10 MB prompt and an over-long header to the protocol, visibly, so the view still takes it (issue 13, finding 4)', () => {
    const huge = initialAnswerState('big', 'p'.repeat(10_000_000));
    const failed = { ...huge, phase: 'failed' as const, error: `Failed: ${'e'.repeat(5_000)}` };
    const long = withDecision(failed, { ...decision, reasons: ['r'.repeat(6_000)] });
    for (const state of [huge, failed, long]) {
      const snapshot = toAnswerSnapshot(state);
      assert.ok(parseAnswerHostMessage({ type: 'answer/snapshot', snapshot }) !== undefined, 'the view accepts it');
      assert.match(snapshot.prompt, /characters not shown\]$/);
    }
  });
});

import assert from 'node:assert/strict';
import { applyRunEvent, completeAnswer, failAnswer, initialAnswerState, withDecision, type AnswerState } from '../../../../src/core/ask/answerState';
import { AskChatRenderer, askFooter, askRouteLine, chatCost, escapeMarkdown, SUBSCRIPTION_COST } from '../../../../src/app/views/chatMarkdown';
import { decision, haiku, luna } from '../../core/ask/askFixtures';

const copilot = { provider: 'vscodeLm', model: 'gpt-4o' };

function streaming(): AnswerState {
  let state = withDecision(initialAnswerState('a1', 'q'), decision);
  state = applyRunEvent(state, { type: 'attempt-start', ref: luna, retry: 0 });
  return state;
}

describe('chatMarkdown', () => {
  it('escapes markdown in literal text and keeps it on one line', () => {
    assert.equal(escapeMarkdown('a*b_[c](d)\n`e`|f'), 'a\\*b\\_\\[c\\]\\(d\\) \\`e\\`\\|f');
  });

  it('labels the unknown cost of a VS Code model as a subscription', () => {
    assert.equal(chatCost(copilot, 'unknown'), SUBSCRIPTION_COST);
    assert.equal(chatCost(luna, 'unknown'), 'unknown');
    assert.equal(chatCost(copilot, '$0.0100 est.'), '$0.0100 est.');
  });

  it('the route line names the model and the first reason', () => {
    const line = askRouteLine(streaming());
    assert.match(line, /^\*\*Quorum\*\* → `openai\/gpt-6-luna` — Cheapest standard-tier model for code generation\.\n\n$/);
  });

  it('streams header once, then only new text, then the footer', () => {
    const r = new AskChatRenderer();
    let state = streaming();
    const out: string[] = [r.next(state)];
    state = applyRunEvent(state, { type: 'text-delta', text: 'Hello' });
    out.push(r.next(state));
    state = applyRunEvent(state, { type: 'text-delta', text: ', world' });
    out.push(r.next(state), r.next(state));
    state = applyRunEvent(state, { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } });
    state = completeAnswer(state, { answeredBy: luna, attempts: [], text: 'Hello, world', usage: { inputTokens: 10, outputTokens: 5 } }, false);
    out.push(r.end(state));
    assert.match(out[0] ?? '', /^\*\*Quorum\*\*/);
    assert.deepEqual(out.slice(1, 4), ['Hello', ', world', '']);
    assert.match(out[4] ?? '', /Tokens: 10 in · 5 out · Cost: /);
    assert.doesNotMatch(out[4] ?? '', /Quorum/);
  });

  it('marks a continuation by another model inline, without repeating text', () => {
    const r = new AskChatRenderer();
    let state = streaming();
    state = applyRunEvent(state, { type: 'text-delta', text: 'Part one' });
    r.next(state);
    state = applyRunEvent(state, { type: 'continued-by', from: luna, to: haiku });
    state = applyRunEvent(state, { type: 'text-delta', text: ' part two' });
    const chunk = r.next(state);
    assert.match(chunk, /continued by `anthropic\/claude-haiku-5-5` after `openai\/gpt-6-luna` failed/);
    assert.ok(chunk.endsWith(' part two'));
    assert.equal(r.next(state), '');
  });

  it('a failure shows the error; a subscription answer shows unknown (subscription)', () => {
    const failed = failAnswer(withDecision(initialAnswerState('a', 'q'), decision), 'No key for *anything*');
    assert.match(askFooter(failed), /\*\*Failed:\*\* No key for \\\*anything\\\*/);
    const sub = completeAnswer({ ...streaming(), current: copilot }, { answeredBy: copilot, attempts: [], text: 'x' }, false);
    assert.match(askFooter(sub), /Tokens: unknown · Cost: unknown \(subscription\)/);
  });

  it('end() still writes the header when routing failed before a decision', () => {
    const r = new AskChatRenderer();
    const failed = failAnswer(initialAnswerState('a', 'q'), 'No model can take this request.', true);
    const out = r.end(failed);
    assert.match(out, /^\*\*Quorum\*\* → no model/);
    assert.match(out, /Failed:/);
  });
});

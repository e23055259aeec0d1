import assert from 'node:assert/strict';
import { decidePrompt } from '../../../../src/core/ask/promptEntry';
import { MAX_PROMPT_CHARS } from '../../../../src/core/ask/promptLimits';
import { MAX_ANSWER_TEXT } from '../../../../src/shared/answerProtocol';

describe('decidePrompt (what Enter sends in Ask)', () => {
  it('sends nothing for an empty or blank input, and says so', () => {
    for (const value of ['', '   ', '\t\n']) {
      const decision = decidePrompt(value);
      assert.equal(decision.kind, 'empty');
      assert.match('message' in decision ? decision.message : '', /nothing was sent/);
    }
  });

  it('sends exactly the text, a 50 KB paste included, untrimmed', () => {
    const pasted = `  ${'line ok status=200 path=/api/items/1 '.repeat(1_500)}END  `;
    assert.ok(pasted.length >= 50_000);
    assert.deepEqual(decidePrompt(pasted), { kind: 'send', prompt: pasted });
    assert.deepEqual(decidePrompt('Explain this'), { kind: 'send', prompt: 'Explain this' });
  });

  it('refuses a prompt longer than the limit with a message, never cutting it', () => {
    const decision = decidePrompt('x'.repeat(MAX_PROMPT_CHARS + 1));
    assert.equal(decision.kind, 'tooLong');
    assert.match('message' in decision ? decision.message : '', /2,000,001 characters; Ask takes up to 2,000,000\. Nothing was sent/);
    assert.equal(decidePrompt('x'.repeat(MAX_PROMPT_CHARS)).kind, 'send');
  });

  it('takes as long a prompt as the answer view can show', () => {
    assert.equal(MAX_PROMPT_CHARS, MAX_ANSWER_TEXT);
  });
});

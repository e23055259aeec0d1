import * as assert from 'node:assert/strict';
import { LONG_DOCUMENT_CONTEXT_TOKENS, classifyLearned } from '../../../../src/core/routing/learnedClassify';
import type { RouterModel } from '../../../../src/core/routing/learnedModel';
import type { RouteRequest } from '../../../../src/core/routing/taskProfile';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const ask = (text: string): RouteRequest => ({ messages: [{ role: 'user', content: text }], feature: 'ask' });
/** A fake model that is sure the text is a summary and needs a standard model. */
const SURE_SUMMARY: RouterModel = {
  thresholds: { economy: 0.5, balanced: 0.15, quality: 0.03 },
  predict: () => ({ task: [0, 0, 0.9, 0, 0, 0, 0, 0.1], tier: [0.1, 0.8, 0.1] }),
};
/** Words without digits, so the token estimate is close to one token per word. */
const words = (count: number): string => Array.from({ length: count }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(' ');

describe('classifyLearned', () => {
  it('an image attached → multimodal with probability 1, needing vision, whatever the text says', () => {
    const request: RouteRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'summarise this' }, { type: 'image', mediaType: 'image/png', data: PNG }] }],
      feature: 'ask',
    };
    const profile = classifyLearned(request, undefined, SURE_SUMMARY);
    assert.equal(profile.type, 'multimodal');
    assert.equal(profile.probability, 1);
    assert.equal(profile.needs.vision, true);
    assert.ok(profile.evidence.includes('text reads as summarisation 90 %'));
  });

  it(`≥ ${LONG_DOCUMENT_CONTEXT_TOKENS} tokens → longDocument; a 20k-token file stays what its ask is`, () => {
    const long = classifyLearned(ask(`summarise this\n${words(70_000)}`), undefined, SURE_SUMMARY);
    assert.equal(long.type, 'longDocument');
    assert.ok(long.features.promptTokens >= LONG_DOCUMENT_CONTEXT_TOKENS);
    const medium = classifyLearned(ask(`summarise this\n${words(20_000)}`), undefined, SURE_SUMMARY);
    assert.equal(medium.type, 'summarisation');
    assert.equal(medium.probability, 0.9);
  });

  it('carries calibrated tier probabilities and the likeliest tier as complexity', () => {
    const profile = classifyLearned(ask('tldr of the notes below'), undefined, SURE_SUMMARY);
    assert.equal(profile.source, 'learned');
    assert.deepEqual(profile.tierProbabilities, [0.1, 0.8, 0.1]);
    assert.equal(profile.complexity, 'standard');
  });

  // The shipped model on the shapes issue 11 opened with (not in any training batch).
  const SHIPPED: readonly [string, string][] = [
    ['A baker has 24 muffins and sells 3 boxes of 4. How many muffins are left?', 'reasoning'],
    ['write a lock-free multi-producer multi-consumer queue in rust', 'codeGeneration'],
    ['why does this fail?\nTraceback (most recent call last):\n  File "x.py", line 3, in <module>\n    print(user["id"])\nKeyError: \'id\'', 'codeReview'],
    ['tldr\nThe meeting agreed to freeze the public API until launch; Marta drafts the notice.', 'summarisation'],
  ];
  for (const [text, type] of SHIPPED) {
    it(`shipped model: ${JSON.stringify(text.slice(0, 40))} → ${type}, probabilities sum to 1`, () => {
      const profile = classifyLearned(ask(text));
      assert.equal(profile.type, type);
      const sum = (profile.tierProbabilities ?? []).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-9);
    });
  }
});

import assert from 'node:assert/strict';
import type { GenerateContentResponse } from '@google/genai';
import { createGeminiChunkTranslator, mapFinishReason, toUsage } from '../../../../../src/core/providers/gemini/chunks';
import type { FinishReason } from '../../../../../src/core/types';

/** A chunk as the SDK hands it over (its class only adds getters we do not use). */
function chunk(fields: object): GenerateContentResponse {
  return fields as GenerateContentResponse;
}

describe('geminiChunkTranslator', () => {
  const table: readonly [string, FinishReason][] = [
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['CONTINUATION', 'length'],
    ['SAFETY', 'content-filter'],
    ['RECITATION', 'content-filter'],
    ['BLOCKLIST', 'content-filter'],
    ['PROHIBITED_CONTENT', 'content-filter'],
    ['SPII', 'content-filter'],
    ['IMAGE_SAFETY', 'content-filter'],
    ['MALFORMED_FUNCTION_CALL', 'other'],
    ['UNEXPECTED_TOOL_CALL', 'other'],
    ['LANGUAGE', 'other'],
    ['OTHER', 'other'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    ['SOMETHING_NEW', 'other'],
  ];
  for (const [raw, reason] of table) {
    it(`maps finishReason ${raw} → ${reason}`, () => assert.equal(mapFinishReason(raw), reason));
  }

  it('adds thoughts to output and keeps cached inside input; absent fields stay undefined', () => {
    assert.deepEqual(toUsage({ promptTokenCount: 20, cachedContentTokenCount: 8, candidatesTokenCount: 253, thoughtsTokenCount: 260 }),
      { inputTokens: 20, cachedInputTokens: 8, outputTokens: 513, reasoningTokens: 260 });
    assert.deepEqual(toUsage({ promptTokenCount: 20, candidatesTokenCount: 5 }),
      { inputTokens: 20, cachedInputTokens: undefined, outputTokens: 5, reasoningTokens: undefined });
    assert.deepEqual(toUsage({ promptTokenCount: 20, thoughtsTokenCount: 9 }),
      { inputTokens: 20, cachedInputTokens: undefined, outputTokens: 9, reasoningTokens: 9 });
    assert.deepEqual(toUsage({}), { inputTokens: undefined, cachedInputTokens: undefined, outputTokens: undefined, reasoningTokens: undefined });
  });

  it('skips thought-summary parts, passes changed usage snapshots, and ends on finishReason', () => {
    const translate = createGeminiChunkTranslator();
    const usage = { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 };
    assert.deepEqual(translate(chunk({
      candidates: [{ content: { role: 'model', parts: [{ text: 'pondering…', thought: true }, { text: 'Hello' }] }, index: 0 }],
      usageMetadata: usage,
    })), [{ type: 'text-delta', text: 'Hello' }, { type: 'usage', usage: { inputTokens: 3, outputTokens: 1, cachedInputTokens: undefined, reasoningTokens: undefined } }]);
    // Same running totals again: no new snapshot.
    assert.deepEqual(translate(chunk({
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: usage,
    })), [{ type: 'finish', reason: 'stop', raw: 'STOP' }]);
  });

  it('ends a blocked prompt with content-filter', () => {
    const translate = createGeminiChunkTranslator();
    const events = translate(chunk({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }));
    assert.deepEqual(events, [{ type: 'finish', reason: 'content-filter', raw: 'PROHIBITED_CONTENT' }]);
  });

  it('yields nothing for a chunk without candidates, usage or verdict', () => {
    assert.deepEqual(createGeminiChunkTranslator()(chunk({ modelVersion: 'x' })), []);
  });
});

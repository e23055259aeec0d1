import assert from 'node:assert/strict';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { createAnthropicTranslator, mapStopReason } from '../../../../../src/core/providers/anthropic/chunks';
import type { FinishReason } from '../../../../../src/core/types';

/** Builds SDK events from partial literals: only the fields the translator reads matter here. */
const ev = (value: unknown): RawMessageStreamEvent => value as RawMessageStreamEvent;

describe('anthropicStream', () => {
  const STOP_REASONS: readonly (readonly [string | null, FinishReason])[] = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content-filter'],
    ['tool_use', 'tool'],
    ['pause_turn', 'other'],
    ['some_future_reason', 'other'],
    [null, 'other'],
  ];
  for (const [raw, reason] of STOP_REASONS) {
    it(`maps stop_reason ${String(raw)} → ${reason}`, () => {
      assert.equal(mapStopReason(raw), reason);
    });
  }

  it('emits finish only on message_stop, with the raw stop_reason from message_delta', () => {
    const translate = createAnthropicTranslator();
    const delta = translate(ev({ type: 'message_delta', delta: { stop_reason: 'model_context_window_exceeded' }, usage: { output_tokens: 9 } }));
    assert.equal(delta.some((e) => e.type === 'finish'), false);
    assert.deepEqual(translate(ev({ type: 'message_stop' })), [{ type: 'finish', reason: 'length', raw: 'model_context_window_exceeded' }]);
  });

  it('message_stop without a stop_reason still finishes, as other without raw', () => {
    assert.deepEqual(createAnthropicTranslator()(ev({ type: 'message_stop' })), [{ type: 'finish', reason: 'other' }]);
  });

  it('streams only text deltas (not thinking, signatures or tool JSON)', () => {
    const translate = createAnthropicTranslator();
    assert.deepEqual(translate(ev({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } })), []);
    assert.deepEqual(translate(ev({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'x' } })), []);
    assert.deepEqual(translate(ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{' } })), []);
    assert.deepEqual(translate(ev({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } })), [{ type: 'text-delta', text: 'Hi' }]);
    assert.deepEqual(translate(ev({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } })), []);
  });

  it('cumulative usage: later values replace, null fields keep what was known, missing cache counts stay unknown', () => {
    const translate = createAnthropicTranslator();
    assert.deepEqual(translate(ev({ type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1 } } })), [
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 1, cachedInputTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined } },
    ]);
    translate(ev({
      type: 'message_delta', delta: { stop_reason: null },
      usage: { output_tokens: 50, input_tokens: null, cache_read_input_tokens: 5, cache_creation_input_tokens: null, output_tokens_details: { thinking_tokens: 20 } },
    }));
    assert.deepEqual(translate(ev({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 60 } })), [
      { type: 'usage', usage: { inputTokens: 15, outputTokens: 60, cachedInputTokens: 5, cacheWriteTokens: undefined, reasoningTokens: 20 } },
    ]);
  });
});

import assert from 'node:assert/strict';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ProviderError } from '../../../../../src/core/errors';
import { createChunkTranslator } from '../../../../../src/core/providers/openai/chunks';
import type { FinishReason, StreamEvent } from '../../../../../src/core/types';

const options = { provider: 'openai', providerName: 'OpenAI', model: 'gpt-5.4', requireUsage: true };

/** A chunk as it comes off the wire; loosely typed on purpose, since servers break the SDK's types. */
function chunk(fields: Record<string, unknown>): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-5.4', choices: [], ...fields } as ChatCompletionChunk;
}
const delta = (d: Record<string, unknown>, finish: string | null = null): ChatCompletionChunk =>
  chunk({ choices: [{ index: 0, delta: d, logprobs: null, finish_reason: finish }] });
const usage = (u: Record<string, unknown>): ChatCompletionChunk => chunk({ choices: [], usage: u });

function run(chunks: readonly ChatCompletionChunk[], requireUsage = true): StreamEvent[] {
  const translator = createChunkTranslator({ ...options, requireUsage });
  return [...chunks.flatMap((c) => translator.translate(c)), ...translator.flush()];
}

describe('OpenAI chunk translator', () => {
  const FINISH: readonly [string, FinishReason][] = [
    ['stop', 'stop'], ['length', 'length'], ['content_filter', 'content-filter'],
    ['tool_calls', 'tool'], ['function_call', 'tool'], ['something_new', 'other'],
  ];
  for (const [raw, reason] of FINISH) {
    it(`maps finish_reason ${raw} → ${reason}`, () => {
      const events = run([delta({}, raw), usage({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 })]);
      assert.deepEqual(events.at(-1), { type: 'finish', reason, raw });
    });
  }

  it('holds finish back until the usage chunk, so usage comes first', () => {
    const translator = createChunkTranslator(options);
    assert.deepEqual(translator.translate(delta({ content: 'Hi' })), [{ type: 'text-delta', text: 'Hi' }]);
    assert.deepEqual(translator.translate(delta({}, 'stop')), []);
    assert.deepEqual(translator.translate(usage({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 })).map((e) => e.type), ['usage', 'finish']);
  });

  it('requires the usage chunk for OpenAI proper: finish without it is a cut stream', () => {
    const translator = createChunkTranslator(options);
    translator.translate(delta({ content: 'Hi' }, 'stop'));
    assert.throws(() => translator.flush(), (e: unknown) => e instanceof ProviderError && e.reason === 'malformedResponse');
  });

  it('lets a compatible endpoint finish without usage, and reports no usage at all', () => {
    assert.deepEqual(run([delta({ content: 'Hi' }), delta({}, 'stop')], false), [
      { type: 'text-delta', text: 'Hi' }, { type: 'finish', reason: 'stop', raw: 'stop' },
    ]);
  });

  it('emits no finish when no finish_reason came (the driver reports the missing terminal signal)', () => {
    assert.deepEqual(run([delta({ content: 'Hi' }), usage({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 })]).map((e) => e.type), ['text-delta', 'usage']);
  });

  it('tolerates choices null or absent, usage null, and an empty role chunk', () => {
    const events = run([
      delta({ role: 'assistant', content: '' }),
      chunk({ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: null }], usage: null }),
      delta({}, 'stop'),
      chunk({ choices: null, usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }),
    ]);
    assert.deepEqual(events, [
      { type: 'text-delta', text: 'ok' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 1 } },
      { type: 'finish', reason: 'stop', raw: 'stop' },
    ]);
    const absent = { ...usage({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }) } as Partial<ChatCompletionChunk>;
    delete absent.choices;
    assert.deepEqual(run([delta({}, 'stop'), absent as ChatCompletionChunk]).map((e) => e.type), ['usage', 'finish']);
  });

  it('maps the usage breakdown: cached inside input, reasoning inside output', () => {
    const events = run([delta({}, 'stop'), usage({
      prompt_tokens: 2000, completion_tokens: 300, total_tokens: 2300,
      prompt_tokens_details: { cached_tokens: 1536, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 256, audio_tokens: 0 },
    })]);
    assert.deepEqual(events[0], { type: 'usage', usage: { inputTokens: 2000, outputTokens: 300, cachedInputTokens: 1536, reasoningTokens: 256 } });
  });

  it('shows a refusal as answer text', () => {
    assert.equal(run([delta({ refusal: 'I cannot help with that.' }, 'stop')], false)[0]?.type, 'text-delta');
  });
});

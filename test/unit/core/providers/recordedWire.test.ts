import assert from 'node:assert/strict';
import type { ProviderErrorReason } from '../../../../src/core/errors';
import { createAnthropicProvider } from '../../../../src/core/providers/anthropic/provider';
import { createGeminiProvider } from '../../../../src/core/providers/gemini/provider';
import { createOpenAICompatibleProvider, createOpenAIProvider } from '../../../../src/core/providers/openai/provider';
import type { Provider } from '../../../../src/core/providers/provider';
import type { FinishReason, Usage } from '../../../../src/core/types';
import { outcomeOf, type StreamOutcome } from './streamOutcome';
import { loadRecording, startReplayServer, type ReplayServer, type WireRecording } from './wireRecordings';

/** The compiled adapter (over its official SDK) for a recording's dialect, pointed at the replay server. */
function adapterFor(recording: WireRecording, url: string): Provider {
  const common = { apiKey: 'test-key-0000', timeouts: { firstTokenMs: 5_000, idleMs: 5_000 } };
  switch (recording.kind) {
    case 'openai': return createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', baseUrl: `${url}/v1`, ...common });
    case 'openaiCompatible': return createOpenAICompatibleProvider({ id: 'compat:x', displayName: 'Compatible', baseUrl: `${url}/v1`, ...common });
    case 'anthropic': return createAnthropicProvider({ id: 'anthropic', displayName: 'Anthropic', baseUrl: url, ...common });
    case 'gemini': return createGeminiProvider({ id: 'gemini', displayName: 'Google Gemini', baseUrl: url, ...common });
  }
}

const HI = { model: 'recorded-model', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function replay(server: ReplayServer, id: string): Promise<StreamOutcome> {
  const recording = loadRecording(id);
  server.play(recording);
  return outcomeOf(adapterFor(recording, server.url).stream(HI, { signal: new AbortController().signal }));
}

/** Each row of the findings' defect table, replayed from the real recorded body. */
const ANSWERS: readonly { id: string; usage?: Usage; finish: FinishReason; text?: RegExp }[] = [
  // xAI bills reasoning outside completion_tokens (total = 12 + 2 + 340): output is 342, not 2.
  { id: 'xai-text', usage: { inputTokens: 12, outputTokens: 342, cachedInputTokens: 11, reasoningTokens: 340 }, finish: 'stop', text: /\S/ },
  { id: 'xai-tool-call', finish: 'tool' },
  // A Gemini function call ends with STOP and no text: a tool call, not an empty answer.
  { id: 'gm-tool-call', finish: 'tool' },
  { id: 'gm-max-tokens-thinking-empty-unary', usage: { inputTokens: 15, outputTokens: 2, reasoningTokens: 2 }, finish: 'length' },
  { id: 'an-refusal', finish: 'content-filter' },
  { id: 'an-pause-turn-raw', finish: 'other', text: /\S/ },
  // message_delta's final input_tokens (61) replaces message_start's (43).
  { id: 'an-message-delta-input-tokens', usage: { inputTokens: 61, outputTokens: 2 }, finish: 'stop', text: /\S/ },
  { id: 'an-redacted-thinking-raw', finish: 'stop', text: /\S/ },
  { id: 'an-web-search-citations', finish: 'stop', text: /\S/ },
  // Azure OpenAI's prompt_filter_results preamble (choices [], empty id/model) before the answer.
  { id: 'azure-model-router', usage: { inputTokens: 15, outputTokens: 78, reasoningTokens: 64 }, finish: 'stop', text: /\S/ },
  { id: 'gm-stream-raw', usage: { inputTokens: 13, outputTokens: 8 }, finish: 'stop', text: /\S/ },
  // Mistral's content array: the text part is the answer, the thinking part is not.
  { id: 'mistral-magistral-content-array', usage: { inputTokens: 10, outputTokens: 46 }, finish: 'stop', text: /^2 \+ 2 = 4$/ },
  // Azure AI Foundry: top-level usage.reasoning_tokens is read (0 here), prompt_tokens_details null.
  { id: 'azure-deepseek-reasoning', usage: { inputTokens: 19, outputTokens: 1720, reasoningTokens: 0 }, finish: 'stop', text: /\S/ },
  // Gemini safety block: no candidate or thought counts, total == prompt, so output is 0.
  { id: 'gm-safety-unary', usage: { inputTokens: 14, outputTokens: 0, cachedInputTokens: undefined, reasoningTokens: undefined }, finish: 'content-filter' },
  // DeepSeek: finish_reason and usage in one chunk, cache hits as prompt_cache_hit_tokens.
  { id: 'deepseek-text-length', usage: { inputTokens: 13, outputTokens: 400, cachedInputTokens: 0 }, finish: 'length', text: /\S/ },
  { id: 'deepseek-reasoning', finish: 'stop', text: /\S/ },
];

const FAILURES: readonly { id: string; reason: ProviderErrorReason; message?: RegExp }[] = [
  { id: 'an-err-400-prompt-too-long', reason: 'contextLength' },
  { id: 'gm-err-400-token-count-sse', reason: 'contextLength' },
  { id: 'deepseek-err-400-context-length', reason: 'contextLength' },
  { id: 'oa-err-400-context-length', reason: 'contextLength' },
  // Everything else stays structural: other 400s are not overflow.
  { id: 'an-err-400-invalid', reason: 'invalidRequest' },
  { id: 'oa-err-400-unsupported-value', reason: 'invalidRequest' },
  // A Gemini 429 with no RetryInfo may be the daily quota: a long cooldown, and the user is told so.
  { id: 'gm-err-429-daily-no-details-sse', reason: 'quotaExceeded', message: /probably the daily quota/ },
  { id: 'gm-err-429-daily-quota', reason: 'quotaExceeded' },
  { id: 'gm-err-429-retryinfo', reason: 'rateLimited' },
];

describe('recorded provider responses through the adapters (../shared/wire-recordings)', () => {
  let server: ReplayServer;
  before(async () => {
    server = await startReplayServer();
  });
  after(() => server.close());

  for (const row of ANSWERS) {
    it(`${row.id}: finish ${row.finish}${row.usage === undefined ? '' : `, usage ${JSON.stringify(row.usage)}`}`, async () => {
      const outcome = await replay(server, row.id);
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.finish?.reason, row.finish);
      if (row.usage !== undefined) {
        for (const [field, value] of Object.entries(row.usage)) assert.equal(outcome.usage?.[field as keyof Usage], value, field);
      }
      if (row.text !== undefined) assert.match(outcome.text, row.text);
    });
  }

  for (const row of FAILURES) {
    it(`${row.id} → ${row.reason}`, async () => {
      const outcome = await replay(server, row.id);
      assert.equal(outcome.error?.reason, row.reason, outcome.error?.message);
      if (row.message !== undefined) assert.match(outcome.error?.message ?? '', row.message);
    });
  }

  it('mistral-magistral-content-array with its text part removed is an empty answer: a failure, not a success', async () => {
    const recording = loadRecording('mistral-magistral-content-array');
    const lines = (recording.response.lines ?? []).filter((line) => !line.includes('"type":"text","text":"2 + 2'));
    server.play({ ...recording, response: { ...recording.response, lines } });
    const outcome = await outcomeOf(adapterFor(recording, server.url).stream(HI, { signal: new AbortController().signal }));
    assert.equal(outcome.error?.reason, 'malformedResponse');
    assert.equal(outcome.error?.providerCode, 'empty-answer');
    assert.equal(outcome.finish, undefined);
  });
});

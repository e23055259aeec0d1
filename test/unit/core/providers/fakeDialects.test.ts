import assert from 'node:assert/strict';
import { anthropicFake } from '../../../fakes/anthropicFake';
import type { FakeServer } from '../../../fakes/fakeServer';
import { geminiFake } from '../../../fakes/geminiFake';
import { openaiFake } from '../../../fakes/openaiFake';
import type { Scenario, VendorId } from '../../../fakes/scenario';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { loadRecording, loadVendorRecordings, wireBody, type WireRecording } from './wireRecordings';
import { shapeDifferences, shapeOf, ssePayloads, type Shape } from './wireShape';

/**
 * The rule: a fake's dialect is checked against a real recording before a test relies on it. For each dialect
 * the fakes speak (each vendor, and each recorded shape a scenario can switch on), against ../shared/wire-recordings:
 * - the fake invents nothing: every event kind, field name and type it sends appears in some real stream of
 *   that vendor;
 * - it models the matching recording: every event kind and every usage field of that recording appear in it.
 */
const DIALECTS: readonly { vendor: VendorId; recording: string; scenario?: Omit<Scenario, 'vendor'> }[] = [
  { vendor: 'openai', recording: 'oa-text' },
  { vendor: 'openaiCompatible', recording: 'mistral-text' },
  { vendor: 'openaiCompatible', recording: 'alibaba-qwen-reasoning', scenario: { wire: ['reasoning-content'], usage: { reasoningTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'xai-text', scenario: { wire: ['reasoning-outside-completion', 'reasoning-content'], usage: { reasoningTokens: 40, cachedInputTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'mistral-magistral-content-array', scenario: { wire: ['content-parts', 'usage-with-finish'] } },
  { vendor: 'openaiCompatible', recording: 'deepseek-reasoning', scenario: { wire: ['reasoning-content', 'prompt-cache-hit-tokens'], usage: { reasoningTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'azure-deepseek-reasoning', scenario: { wire: ['top-level-reasoning-tokens'], usage: { reasoningTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'azure-model-router', scenario: { wire: ['prompt-filter-preamble'], usage: { reasoningTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'deepseek-text-length', scenario: { wire: ['prompt-cache-hit-tokens', 'usage-with-finish'], usage: { cachedInputTokens: 2 } } },
  { vendor: 'openaiCompatible', recording: 'groq-text', scenario: { wire: ['vendor-extras', 'usage-with-finish'] } },
  { vendor: 'anthropic', recording: 'an-text' },
  { vendor: 'anthropic', recording: 'an-thinking-blocks', scenario: { usage: { reasoningTokens: 4 } } },
  { vendor: 'anthropic', recording: 'an-thinking-stream-raw', scenario: { wire: ['data-padding'], usage: { reasoningTokens: 4 } } },
  { vendor: 'anthropic', recording: 'an-redacted-thinking-raw', scenario: { wire: ['redacted-thinking'] } },
  { vendor: 'anthropic', recording: 'an-web-search-citations', scenario: { wire: ['citations'] } },
  { vendor: 'anthropic', recording: 'an-pause-turn-raw', scenario: { wire: ['pause-turn', 'citations'], usage: { reasoningTokens: 4 } } },
  { vendor: 'anthropic', recording: 'an-message-delta-input-tokens', scenario: { wire: ['final-input-tokens'] } },
  { vendor: 'gemini', recording: 'gm-text', scenario: { usage: { reasoningTokens: 4 } } },
  { vendor: 'gemini', recording: 'gm-stream-raw', scenario: { wire: ['late-candidates-count', 'prompt-count-drift'], crlf: true } },
  { vendor: 'gemini', recording: 'gm-cached-content-unary', scenario: { usage: { cachedInputTokens: 3, reasoningTokens: 4 } } },
  { vendor: 'gemini', recording: 'gm-max-tokens-thinking-empty-unary', scenario: { wire: ['thoughts-only-max-tokens'], usage: { reasoningTokens: 2 } } },
];

/** The fake's raw stream for one chat request, as the vendor's SDK would receive it. */
async function fakeStream(fake: FakeServer, vendor: VendorId): Promise<string> {
  const messages = [{ role: 'user', content: 'Hi' }];
  const post = async (url: string, headers: Record<string, string>, body: unknown): Promise<string> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assert.equal(response.status, 200);
    return response.text();
  };
  if (vendor === 'anthropic') {
    return post(`${fake.baseUrls.anthropic}/v1/messages`, { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' },
      { model: 'claude-haiku-4-5', max_tokens: 64, messages, stream: true });
  }
  if (vendor === 'gemini') {
    return post(`${fake.baseUrls.gemini}/v1beta/models/gemini-test:streamGenerateContent?alt=sse`, { 'x-goog-api-key': 'AIza-test' },
      { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  }
  return post(`${fake.baseUrls[vendor]}/chat/completions`, { authorization: 'Bearer sk-test' },
    { model: 'gpt-5.4', messages, stream: true, stream_options: { include_usage: true } });
}

/** Usage field paths (`usage.*`, `message.usage.*`, `usageMetadata.*`) of every event kind. */
function usagePaths(payloads: readonly unknown[]): Set<string> {
  const paths = new Set<string>();
  for (const [, fields] of shapeOf(payloads)) for (const path of fields.keys()) if (/(^|\.)usage(Metadata)?\./.test(path)) paths.add(path);
  return paths;
}

const VENDOR_OF: Readonly<Record<VendorId, WireRecording['vendor']>> = {
  openai: 'openai', openaiCompatible: 'openai', anthropic: 'anthropic', gemini: 'gemini',
};

describe('fake dialects match real recordings (../shared/wire-recordings)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible'), anthropicFake(), geminiFake()]);
  const everything = new Map<WireRecording['vendor'], Shape>();
  /** The shape of every real stream of a vendor together. */
  const realShape = (vendor: WireRecording['vendor']): Shape => {
    const known = everything.get(vendor);
    if (known !== undefined) return known;
    const shape = shapeOf(loadVendorRecordings(vendor).flatMap((recording) => ssePayloads(wireBody(recording))));
    everything.set(vendor, shape);
    return shape;
  };

  for (const dialect of DIALECTS) {
    const what = dialect.scenario?.wire?.join(' + ') ?? 'plain';
    it(`${dialect.vendor} (${what}) has the shape of ${dialect.recording}`, async () => {
      fake.enqueue({ vendor: dialect.vendor, answer: 'alpha beta gamma', ...dialect.scenario });
      const fakePayloads = ssePayloads(await fakeStream(fake, dialect.vendor));
      const realPayloads = ssePayloads(wireBody(loadRecording(dialect.recording)));
      assert.ok(realPayloads.length > 0 && fakePayloads.length > 0);
      assert.deepEqual(shapeDifferences(shapeOf(fakePayloads), realShape(VENDOR_OF[dialect.vendor])), [], 'sent by the fake, never by the real API');
      const fakeKinds = new Set(shapeOf(fakePayloads).keys());
      assert.deepEqual([...shapeOf(realPayloads).keys()].filter((kind) => !fakeKinds.has(kind)), [], 'event kinds of the recording the fake never sends');
      const missing = [...usagePaths(realPayloads)].filter((path) => !usagePaths(fakePayloads).has(path));
      assert.deepEqual(missing, [], 'usage fields the real API reports and the fake does not');
    });
  }
});

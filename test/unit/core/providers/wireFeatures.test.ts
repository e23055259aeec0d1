import assert from 'node:assert/strict';
import type { ProviderErrorReason } from '../../../../src/core/errors';
import { POSSIBLE_DAILY_QUOTA } from '../../../../src/core/providers/gemini/errors';
import type { Provider } from '../../../../src/core/providers/provider';
import type { FinishReason, Usage } from '../../../../src/core/types';
import { anthropicFake } from '../../../fakes/anthropicFake';
import type { FakeServer } from '../../../fakes/fakeServer';
import { geminiFake } from '../../../fakes/geminiFake';
import { openaiFake } from '../../../fakes/openaiFake';
import type { Fault, UsageExtras, VendorId, WireFeature } from '../../../fakes/scenario';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { providerOn } from './anthropic/harness';
import { geminiProvider } from './gemini/harness';
import { providerFor } from './openai/harness';
import { outcomeOf, type StreamOutcome } from './streamOutcome';

const ANSWER = 'alpha beta gamma';
const MODEL: Readonly<Record<VendorId, string>> = {
  openai: 'gpt-5.4', openaiCompatible: 'llama3.2:latest', anthropic: 'claude-haiku-4-5', gemini: 'gemini-test',
};

function adapter(fake: FakeServer, vendor: VendorId): Provider {
  if (vendor === 'anthropic') return providerOn(fake);
  if (vendor === 'gemini') return geminiProvider(fake);
  return providerFor(fake, vendor);
}

function run(fake: FakeServer, vendor: VendorId, scenario: { wire?: WireFeature[]; usage?: UsageExtras; fault?: Fault }): Promise<StreamOutcome> {
  fake.enqueue({ vendor, answer: ANSWER, ...scenario });
  const request = { model: MODEL[vendor], messages: [{ role: 'user' as const, content: 'Hi' }] };
  return outcomeOf(adapter(fake, vendor).stream(request, { signal: new AbortController().signal, timeouts: { firstTokenMs: 5_000, idleMs: 5_000 } }));
}

/**
 * Every real-wire feature the fakes model, through the real SDK and our adapter: the answer text is exactly
 * the answer (no reasoning, citations or tool blocks leak into it), usage is priced right, the finish is read.
 */
const ROWS: readonly { vendor: VendorId; wire: WireFeature[]; usage?: UsageExtras; expect: Usage; finish?: FinishReason; raw?: string; text?: string }[] = [
  // OpenAI-compatible servers (prompt "Hi" = 7 tokens in the fake's count, the answer 3).
  { vendor: 'openaiCompatible', wire: ['reasoning-outside-completion'], usage: { reasoningTokens: 40 }, expect: { inputTokens: 7, outputTokens: 43, reasoningTokens: 40 } },
  { vendor: 'openaiCompatible', wire: ['content-parts'], expect: { outputTokens: 3 } },
  { vendor: 'openaiCompatible', wire: ['reasoning-content'], usage: { reasoningTokens: 2 }, expect: { outputTokens: 5, reasoningTokens: 2 } },
  { vendor: 'openaiCompatible', wire: ['top-level-reasoning-tokens'], usage: { reasoningTokens: 7 }, expect: { outputTokens: 10, reasoningTokens: 7 } },
  { vendor: 'openaiCompatible', wire: ['top-level-reasoning-tokens', 'reasoning-outside-completion'], usage: { reasoningTokens: 7 }, expect: { outputTokens: 10, reasoningTokens: 7 } },
  { vendor: 'openaiCompatible', wire: ['prompt-cache-hit-tokens', 'usage-with-finish'], usage: { cachedInputTokens: 20 }, expect: { inputTokens: 27, cachedInputTokens: 20 } },
  { vendor: 'openaiCompatible', wire: ['prompt-filter-preamble'], expect: { inputTokens: 7, outputTokens: 3 } },
  { vendor: 'openaiCompatible', wire: ['vendor-extras', 'usage-with-finish'], expect: { inputTokens: 7, outputTokens: 3 } },
  // Anthropic.
  { vendor: 'anthropic', wire: ['redacted-thinking', 'data-padding'], expect: { outputTokens: 3 } },
  { vendor: 'anthropic', wire: ['citations'], expect: { outputTokens: 3 } },
  { vendor: 'anthropic', wire: ['pause-turn'], expect: { outputTokens: 3 }, finish: 'other', raw: 'pause_turn' },
  { vendor: 'anthropic', wire: ['final-input-tokens'], usage: { reasoningTokens: 4 }, expect: { inputTokens: 7, outputTokens: 7, reasoningTokens: 4 } },
  // Gemini.
  { vendor: 'gemini', wire: ['late-candidates-count'], usage: { reasoningTokens: 9, cachedInputTokens: 3 }, expect: { inputTokens: 10, outputTokens: 12, reasoningTokens: 9, cachedInputTokens: 3 } },
  { vendor: 'gemini', wire: ['prompt-count-drift'], expect: { inputTokens: 7, outputTokens: 3 } },
  { vendor: 'gemini', wire: ['thoughts-only-max-tokens'], usage: { reasoningTokens: 2 }, expect: { inputTokens: 7, outputTokens: 2, reasoningTokens: 2 }, finish: 'length', raw: 'MAX_TOKENS', text: '' },
];

describe('real-wire features of the fakes, through the real SDKs and our adapters', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible'), anthropicFake(), geminiFake()]);

  for (const row of ROWS) {
    it(`${row.vendor} ${row.wire.join(' + ')}: text ${JSON.stringify(row.text ?? ANSWER)}, usage ${JSON.stringify(row.expect)}`, async () => {
      const outcome = await run(fake, row.vendor, { wire: row.wire, usage: row.usage });
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, row.text ?? ANSWER);
      for (const [field, value] of Object.entries(row.expect)) assert.equal(outcome.usage?.[field as keyof Usage], value, field);
      assert.equal(outcome.finish?.reason, row.finish ?? 'stop');
      if (row.raw !== undefined) assert.equal(outcome.finish?.raw, row.raw);
    });
  }

  const ERRORS: readonly { vendor: VendorId; fault: Fault; reason: ProviderErrorReason; note?: string }[] = [
    { vendor: 'openaiCompatible', fault: { kind: 'context-length', noCode: true }, reason: 'contextLength' },
    { vendor: 'anthropic', fault: { kind: 'context-length' }, reason: 'contextLength' },
    { vendor: 'gemini', fault: { kind: 'context-length' }, reason: 'contextLength' },
    { vendor: 'gemini', fault: { kind: 'quota', bare: true }, reason: 'quotaExceeded', note: POSSIBLE_DAILY_QUOTA },
    { vendor: 'gemini', fault: { kind: 'rate-limit', retryAfter: '3' }, reason: 'rateLimited' },
  ];
  for (const row of ERRORS) {
    it(`${row.vendor} ${JSON.stringify(row.fault)} → ${row.reason}${row.note === undefined ? '' : ' with a note'}`, async () => {
      const outcome = await run(fake, row.vendor, { fault: row.fault });
      assert.equal(outcome.error?.reason, row.reason, outcome.error?.message);
      assert.equal(outcome.error?.note, row.note);
    });
  }

  it('gemini: a content-filter block has output 0 (total == prompt), not unknown', async () => {
    const outcome = await run(fake, 'gemini', { fault: { kind: 'content-filter' } });
    assert.equal(outcome.finish?.reason, 'content-filter');
    assert.equal(outcome.usage?.outputTokens, 0);
  });
});

import assert from 'node:assert/strict';
import type { ModelInfo, ModelTier } from '../../../../src/core/catalog/modelInfo';
import { cacheStickiness, cacheValueUsd, promptCacheTtlMs, type StickinessInput } from '../../../../src/core/routing/cacheStickiness';
import { priceModel, type PricedModel } from '../../../../src/core/routing/estimate';
import type { ChatMessage } from '../../../../src/core/types';

const NOW = Date.parse('2026-12-06T02:00:00Z');
const model = (provider: string, id: string, input: number, output: number, cached: number | undefined, tier: ModelTier = 'standard'): ModelInfo => ({
  provider, id, displayName: id, tier, source: 'builtin',
  pricing: { inputPerMTok: input, outputPerMTok: output, ...(cached === undefined ? {} : { cachedInputPerMTok: cached }) },
  capabilities: { vision: false, tools: false, json: true, reasoning: false },
});
const CLAUDE = model('anthropic', 'claude-x', 3, 15, 0.3);
const CHEAP = model('gemini', 'flash-y', 2.5, 15, 0.25);
const MUCH_CHEAPER = model('gemini', 'lite-z', 0.1, 0.4, 0.01);
const LOCAL = model('compat:ollama', 'llama', 0, 0, undefined);
const NO_CACHE_RATE = model('openai', 'gpt-unknown-cache', 3, 15, undefined);

/** A follow-up whose attached file (the previous turn's stable prefix) is `fileShare` of the prompt. */
function followUp(fileShare: number): ChatMessage[] {
  const rest = 1000;
  const file = Math.round((rest * fileShare) / (1 - fileShare));
  return [{ role: 'user', content: 'f'.repeat(file) }, { role: 'user', content: 'q'.repeat(400) }, { role: 'assistant', content: 'a'.repeat(400) }, { role: 'user', content: 'n'.repeat(200) }];
}

function input(previous: ModelInfo, chosen: ModelInfo, over: Partial<StickinessInput> & { agoMs?: number; others?: ModelInfo[]; share?: number } = {}): StickinessInput {
  const tokens = over.promptTokens ?? 20_000;
  const price = (m: ModelInfo): PricedModel => priceModel(m, tokens, 500);
  const candidates = [chosen, ...(over.others ?? [previous])].map(price);
  return {
    conversation: { id: 'c', turn: 1, previous: { model: { provider: previous.provider, model: previous.id }, at: NOW - (over.agoMs ?? 60_000) } },
    now: NOW, chosen: price(chosen), candidates, tier: over.tier ?? 'standard', pinned: over.pinned ?? false,
    messages: followUp(over.share ?? 0.9), promptTokens: tokens,
  };
}

describe('cacheStickiness', () => {
  const rows: { name: string; input: StickinessInput; verdict: string | undefined; note?: RegExp }[] = [
    { name: 'stays: the warm cache is worth more than the switch saves', input: input(CLAUDE, CHEAP), verdict: 'stay', note: /^Stayed on anthropic\/claude-x: its cache of ~18,000 tokens saves \$0\.0486 est\., more than switching to gemini\/flash-y would/ },
    { name: 'switches: a much cheaper model saves more than the cache is worth', input: input(CLAUDE, MUCH_CHEAPER), verdict: 'switch', note: /^Switched to gemini\/lite-z: saves .* more than anthropic\/claude-x's cache/ },
    { name: 'switches: a small cached prefix is worth little', input: input(CLAUDE, CHEAP, { share: 0.05 }), verdict: 'switch' },
    { name: 'expired: last used beyond the 5-minute TTL', input: input(CLAUDE, CHEAP, { agoMs: 6 * 60_000 }), verdict: 'expired', note: /expired \(last used 6 min ago; it lasts ~5 min\)/ },
    { name: 'pinned: a rule chose the model, the cache never overrides it', input: input(CLAUDE, CHEAP, { pinned: true }), verdict: 'pinned' },
    { name: 'previous unavailable (not a candidate: keys, privacy, availability)', input: input(CLAUDE, CHEAP, { others: [] }), verdict: 'unavailable', note: /cannot take this request now/ },
    { name: 'previous below the needed tier', input: input({ ...CLAUDE, tier: 'budget' }, CHEAP, { tier: 'standard' }), verdict: 'unavailable', note: /below the standard tier/ },
    { name: 'unknown cache-read price: not weighed', input: input(NO_CACHE_RATE, CHEAP), verdict: 'unknownPrice' },
    { name: 'a vendor without a known cache TTL (compatible endpoint): nothing to weigh', input: input(LOCAL, CHEAP), verdict: undefined },
    { name: 'the router chose the previous model anyway: nothing to weigh', input: input(CLAUDE, CLAUDE), verdict: undefined },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const result = cacheStickiness(row.input);
      assert.equal(result?.verdict, row.verdict, result?.note);
      if (row.note !== undefined) assert.match(result?.note ?? '', row.note);
    });
  }

  it('first turn (no previous model): nothing to weigh', () => {
    assert.equal(cacheStickiness({ ...input(CLAUDE, CHEAP), conversation: { id: 'c', turn: 0 } }), undefined);
  });

  it('the cache value is cached tokens × (input − cache-read price); unknown rate → undefined', () => {
    assert.equal(cacheValueUsd(1_000_000, CLAUDE.pricing), 2.7);
    assert.equal(cacheValueUsd(1_000_000, NO_CACHE_RATE.pricing), undefined);
    assert.equal(promptCacheTtlMs('anthropic'), 300_000);
    assert.equal(promptCacheTtlMs('compat:ollama'), undefined);
  });
});

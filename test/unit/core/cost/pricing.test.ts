import assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import type { ModelPricing } from '../../../../src/core/catalog/modelInfo';
import { priceCall, priceUsage, refusedBeforeAnyText, type PriceOptions } from '../../../../src/core/cost/pricing';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';
import type { Usage } from '../../../../src/core/types';

/** The built-in prices of one model, so the worked examples below also pin the catalog's figures. */
function builtin(provider: string, id: string): ModelPricing {
  const model = builtinModels.find((m) => m.provider === provider && m.id === id);
  if (model === undefined) throw new Error(`no built-in ${provider}/${id}`);
  return model.pricing;
}

/** Exact to a billionth of a cent, far below any rounding the UI does. */
function assertUsd(actual: number | undefined, expected: number, label: string): void {
  assert.ok(actual !== undefined, `${label}: cost unknown`);
  assert.ok(Math.abs(actual - expected) < 1e-11, `${label}: got ${actual}, want ${expected}`);
}

interface Row {
  readonly name: string;
  readonly usage: Usage | undefined;
  readonly pricing: ModelPricing | undefined;
  readonly options?: PriceOptions;
  /** USD, or `unknown` with a fragment of the reason. */
  readonly expect: number | { readonly unknown: string };
  readonly band?: 'base' | 'longContext';
}

const sol = builtin('openai', 'gpt-6.2-sol');
const astra = builtin('openai', 'gpt-6.2-astra');
const luna = builtin('openai', 'gpt-6-luna');
const fable = builtin('anthropic', 'claude-fable-5-1');
const opus = builtin('anthropic', 'claude-opus-5-5');
const sonnet = builtin('anthropic', 'claude-sonnet-5-5');
const haiku = builtin('anthropic', 'claude-haiku-5-5');
const geminiPro = builtin('gemini', 'gemini-3.1-pro-preview');
const geminiFlash = builtin('gemini', 'gemini-3.8-flash');
const geminiLite = builtin('gemini', 'gemini-3.5-flash-lite');
/** An OpenAI-compatible endpoint's model nobody priced (e.g. discovered from Ollama's /v1/models). */
const unpriced: ModelPricing = {};
/** An OpenAI-compatible model the user priced in `quorum.models` (input and output only). */
const userPriced: ModelPricing = { inputPerMTok: 0.5, outputPerMTok: 1.5 };

// Usage is given as the adapters normalise it: inputTokens include cache reads and writes, outputTokens
// include reasoning. Each comment works the example: tokens × USD/MTok ÷ 1e6.
const ROWS: readonly Row[] = [
  // OpenAI (prompt_tokens include cached_tokens; completion_tokens include reasoning_tokens).
  { name: 'OpenAI sol: input and output', usage: { inputTokens: 10_000, outputTokens: 2_000 }, pricing: sol, expect: 0.04, band: 'base' }, // 10k×2 + 2k×10
  { name: 'OpenAI sol: cached input at $0.10', usage: { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 1_000 }, pricing: sol, expect: 0.0148 }, // 2k×2 + 8k×0.1 + 1k×10
  { name: 'OpenAI sol: reasoning inside output is not billed twice', usage: { inputTokens: 1_000, outputTokens: 5_000, reasoningTokens: 4_000 }, pricing: sol, expect: 0.052 }, // 1k×2 + 5k×10
  { name: 'OpenAI sol: a prompt of exactly 272K stays in the base band', usage: { inputTokens: 272_000, outputTokens: 0 }, pricing: sol, expect: 0.544, band: 'base' }, // 272k×2
  { name: 'OpenAI sol: 272,001 tokens bill the whole request at 2x', usage: { inputTokens: 272_001, outputTokens: 0 }, pricing: sol, expect: 1.088004, band: 'longContext' }, // 272,001×4
  { name: 'OpenAI sol: long prompt, output at 1.5x', usage: { inputTokens: 300_000, outputTokens: 10_000 }, pricing: sol, expect: 1.35, band: 'longContext' }, // 300k×4 + 10k×15
  { name: 'OpenAI sol: batch halves the price', usage: { inputTokens: 10_000, outputTokens: 2_000 }, pricing: sol, options: { batch: true }, expect: 0.02 }, // (10k×2 + 2k×10) × 0.5
  {
    name: 'OpenAI sol: long prompt + cache + batch',
    usage: { inputTokens: 400_000, cachedInputTokens: 300_000, outputTokens: 20_000 }, pricing: sol, options: { batch: true },
    expect: 0.38, band: 'longContext', // (100k×4 + 300k×0.2 + 20k×15) × 0.5
  },
  { name: 'OpenAI astra: unconfirmed cached rate → unknown', usage: { inputTokens: 10_000, cachedInputTokens: 5_000, outputTokens: 1_000 }, pricing: astra, expect: { unknown: 'cachedInputPerMTok unknown' } },
  // The one policy (see pricing.ts): reported cache tokens without their own rate are never billed as input.
  { name: 'Gemini flash: cache writes without a write rate → unknown, not billed as input', usage: { inputTokens: 10_000, cacheWriteTokens: 5_000, outputTokens: 1_000 }, pricing: geminiFlash, expect: { unknown: 'cacheWritePerMTok unknown' } },
  { name: 'OpenAI astra: no cached tokens, no cached rate needed', usage: { inputTokens: 10_000, cachedInputTokens: 0, outputTokens: 1_000 }, pricing: astra, expect: 0.12 },
  { name: 'OpenAI astra: long prompt at $16 / $60', usage: { inputTokens: 500_000, outputTokens: 1_000 }, pricing: astra, expect: 8.06, band: 'longContext' }, // 500k×16 + 1k×60
  { name: 'OpenAI luna: base band', usage: { inputTokens: 100_000, outputTokens: 100_000 }, pricing: luna, expect: 0.06, band: 'base' }, // 100k×0.1 + 100k×0.5
  { name: 'OpenAI luna: a 1M prompt at $0.20 / $0.75', usage: { inputTokens: 1_000_000, outputTokens: 100_000 }, pricing: luna, expect: 0.275, band: 'longContext' }, // 1M×0.2 + 100k×0.75
  // Anthropic (the adapter adds cache_read and cache_creation to input_tokens; output_tokens include thinking).
  {
    name: 'Anthropic sonnet: uncached + cache read + cache write + output',
    usage: { inputTokens: 26_000, cachedInputTokens: 20_000, cacheWriteTokens: 5_000, outputTokens: 800 }, pricing: sonnet,
    expect: 0.0245, // 1k×2 + 20k×0.1 + 5k×2.5 + 800×10
  },
  { name: 'Anthropic opus: thinking inside output', usage: { inputTokens: 2_000, outputTokens: 10_000, reasoningTokens: 8_000 }, pricing: opus, expect: 0.208 }, // 2k×4 + 10k×20
  { name: 'Anthropic haiku: a 100K prompt is still base', usage: { inputTokens: 100_000, outputTokens: 0 }, pricing: haiku, expect: 0.01, band: 'base' }, // 100k×0.1
  {
    name: 'Anthropic haiku: over 100K (cache included) bills every part at the long rates',
    usage: { inputTokens: 150_000, cachedInputTokens: 120_000, cacheWriteTokens: 20_000, outputTokens: 4_000 }, pricing: haiku,
    expect: 0.0335, band: 'longContext', // 10k×0.5 + 120k×0.05 + 20k×0.625 + 4k×2.5
  },
  { name: 'Anthropic fable: batch', usage: { inputTokens: 100_000, outputTokens: 10_000 }, pricing: fable, options: { batch: true }, expect: 0.75 }, // (100k×10 + 10k×50) × 0.5
  // Gemini (cached content inside promptTokenCount; the adapter adds thoughts to candidates).
  {
    name: 'Gemini pro: cached content and thoughts',
    usage: { inputTokens: 50_000, cachedInputTokens: 40_000, outputTokens: 3_000, reasoningTokens: 2_000 }, pricing: geminiPro,
    expect: 0.064, // 10k×2 + 40k×0.2 + 3k×12
  },
  { name: 'Gemini pro: above 200K at $4 / $18', usage: { inputTokens: 250_000, outputTokens: 5_000 }, pricing: geminiPro, expect: 1.09, band: 'longContext' }, // 250k×4 + 5k×18
  { name: 'Gemini pro: long prompt with cached content, long cache rate unknown', usage: { inputTokens: 250_000, cachedInputTokens: 100_000, outputTokens: 5_000 }, pricing: geminiPro, expect: { unknown: 'longContext.cachedInputPerMTok unknown' } },
  { name: 'Gemini flash: batch', usage: { inputTokens: 1_000_000, outputTokens: 100_000 }, pricing: geminiFlash, options: { batch: true }, expect: 0.5625 }, // (1M×0.75 + 100k×3.75) × 0.5
  { name: 'Gemini flash-lite: no per-token cache write, none reported', usage: { inputTokens: 20_000, outputTokens: 1_000 }, pricing: geminiLite, expect: 0.0085 }, // 20k×0.3 + 1k×2.5
  // OpenAI-compatible endpoints.
  { name: 'compat: unpriced model → unknown, never $0', usage: { inputTokens: 1_000, outputTokens: 1_000 }, pricing: unpriced, expect: { unknown: 'inputPerMTok unknown' } },
  { name: 'compat: user-priced model', usage: { inputTokens: 1_000, outputTokens: 1_000 }, pricing: userPriced, expect: 0.002 }, // 1k×0.5 + 1k×1.5
  { name: 'compat: cached tokens without a cached rate → unknown', usage: { inputTokens: 1_000, cachedInputTokens: 500, outputTokens: 1_000 }, pricing: userPriced, expect: { unknown: 'cachedInputPerMTok unknown' } },
  { name: 'compat: batch without a batch rate → unknown', usage: { inputTokens: 1_000, outputTokens: 1_000 }, pricing: userPriced, options: { batch: true }, expect: { unknown: 'no batch price' } },
  // Unknown usage.
  { name: 'no usage at all', usage: undefined, pricing: sol, expect: { unknown: 'usage unknown' } },
  { name: 'no pricing at all', usage: { inputTokens: 1, outputTokens: 1 }, pricing: undefined, expect: { unknown: 'model has no prices' } },
  { name: 'input count unknown', usage: { outputTokens: 100 }, pricing: sol, expect: { unknown: 'inputTokens unknown' } },
  { name: 'output count unknown (stream cut before usage)', usage: { inputTokens: 100 }, pricing: sol, expect: { unknown: 'outputTokens unknown' } },
  { name: 'zero tokens cost a known $0', usage: { inputTokens: 0, outputTokens: 0 }, pricing: sol, expect: 0 },
  // Bad input: never throws, the cost is unknown and the reason names the value.
  { name: 'negative input tokens', usage: { inputTokens: -5, outputTokens: 10 }, pricing: sol, expect: { unknown: 'inputTokens -5 is not a non-negative number' } },
  { name: 'NaN output tokens', usage: { inputTokens: 5, outputTokens: Number.NaN }, pricing: sol, expect: { unknown: 'outputTokens NaN is not a non-negative number' } },
  { name: 'infinite cached tokens', usage: { inputTokens: 5, outputTokens: 5, cachedInputTokens: Infinity }, pricing: sol, expect: { unknown: 'cachedInputTokens Infinity' } },
  { name: 'cache parts larger than the prompt', usage: { inputTokens: 100, cachedInputTokens: 80, cacheWriteTokens: 30, outputTokens: 1 }, pricing: sonnet, expect: { unknown: 'exceed inputTokens (100)' } },
  { name: 'reasoning larger than output', usage: { inputTokens: 100, outputTokens: 10, reasoningTokens: 11 }, pricing: sol, expect: { unknown: 'reasoningTokens (11) exceed outputTokens (10)' } },
  { name: 'negative price', usage: { inputTokens: 100, outputTokens: 10 }, pricing: { inputPerMTok: -1, outputPerMTok: 1 }, expect: { unknown: 'inputPerMTok -1 is not a non-negative number' } },
  { name: 'NaN long-prompt threshold', usage: { inputTokens: 100, outputTokens: 10 }, pricing: { ...sol, longContext: { thresholdTokens: Number.NaN } }, expect: { unknown: 'thresholdTokens NaN' } },
  { name: 'long band without an output rate → unknown, not the base rate', usage: { inputTokens: 2_000, outputTokens: 10 }, pricing: { ...userPriced, longContext: { thresholdTokens: 1_000, inputPerMTok: 1 } }, expect: { unknown: 'longContext.outputPerMTok unknown' } },
];

describe('priceUsage', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const price = priceUsage(row.usage, row.pricing, row.options);
      if (typeof row.expect === 'number') {
        assertUsd(price.costUsd, row.expect, row.name);
        assert.deepEqual(price.unknownBecause, []);
        assert.ok(price.breakdown !== undefined);
      } else {
        assert.equal(price.costUsd, undefined, 'cost must be unknown');
        assert.equal(price.breakdown, undefined);
        assert.ok(price.unknownBecause.some((why) => why.includes((row.expect as { unknown: string }).unknown)), price.unknownBecause.join('; '));
      }
      if (row.band !== undefined) assert.equal(price.band, row.band);
    });
  }

  it('breaks the cost down into parts that sum to it, reasoning shown inside output', () => {
    const price = priceUsage({ inputTokens: 26_000, cachedInputTokens: 20_000, cacheWriteTokens: 5_000, outputTokens: 1_000, reasoningTokens: 400 }, sonnet);
    const b = price.breakdown;
    assert.ok(b !== undefined && price.costUsd !== undefined);
    assertUsd(b.uncachedInputUsd, 0.002, 'uncached'); // 1k×2
    assertUsd(b.cachedInputUsd, 0.002, 'cached'); // 20k×0.1
    assertUsd(b.cacheWriteUsd, 0.0125, 'write'); // 5k×2.5
    assertUsd(b.outputUsd, 0.01, 'output'); // 1k×10
    assertUsd(b.reasoningUsd, 0.004, 'reasoning'); // 400×10, part of output
    assertUsd(price.costUsd, b.uncachedInputUsd + b.cachedInputUsd + b.cacheWriteUsd + b.outputUsd, 'sum');
    assert.equal(price.multiplier, 1);
  });

  it('applies the batch multiplier to every part', () => {
    const price = priceUsage({ inputTokens: 26_000, cachedInputTokens: 20_000, cacheWriteTokens: 5_000, outputTokens: 1_000 }, sonnet, { batch: true });
    assert.equal(price.multiplier, 0.5);
    assertUsd(price.breakdown?.cacheWriteUsd, 0.00625, 'write');
    assertUsd(price.costUsd, 0.01325, 'total');
  });

  it('lists every reason when several things are unknown', () => {
    const price = priceUsage({}, unpriced);
    assert.deepEqual([...price.unknownBecause].sort(), ['inputTokens unknown', 'outputTokens unknown']);
    const both = priceUsage({ inputTokens: 1, outputTokens: 1 }, unpriced);
    assert.deepEqual([...both.unknownBecause].sort(), ['inputPerMTok unknown', 'outputPerMTok unknown']);
  });
});

describe('priceCall: the one price of a call', () => {
  // Every row without options: priceCall is exactly priceUsage's total, so no consumer can price differently.
  for (const row of ROWS.filter((r) => r.options === undefined)) {
    it(row.name, () => assert.equal(priceCall(row.usage, row.pricing), priceUsage(row.usage, row.pricing).costUsd));
  }

  // Moved from the removed ask/estimateCost.ts (the header's own wrapper, which billed unpriced cache reads as input).
  const rows: [string, Usage | undefined, ModelPricing | undefined, number | undefined][] = [
    ['input and output priced', { inputTokens: 1_000_000, outputTokens: 500_000 }, { inputPerMTok: 2, outputPerMTok: 8 }, 6],
    ['unknown usage', undefined, { inputPerMTok: 2, outputPerMTok: 8 }, undefined],
    ['unknown output tokens', { inputTokens: 10 }, { inputPerMTok: 2, outputPerMTok: 8 }, undefined],
    ['unknown output price', { inputTokens: 10, outputTokens: 10 }, { inputPerMTok: 2 }, undefined],
    ['no pricing at all', { inputTokens: 10, outputTokens: 10 }, undefined, undefined],
    ['cache reads at their own price', { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 }, { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.2 }, 1.1],
    ['cache reads without a price are unknown (were billed as input: $2)', { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 }, { inputPerMTok: 2, outputPerMTok: 8 }, undefined],
  ];
  for (const [name, usage, pricing, expected] of rows) {
    it(name, () => {
      const cost = priceCall(usage, pricing);
      if (expected === undefined) assert.equal(cost, undefined);
      else assertUsd(cost, expected, name);
    });
  }
});

describe('priceCall of a batch record', () => {
  const usage: Usage = { inputTokens: 90_000, outputTokens: 5_000 };
  for (const model of builtinModels) {
    it(`${model.provider}/${model.id}: half the standard price, every component`, () => {
      const standard = priceCall(usage, model.pricing);
      const batch = priceCall(usage, model.pricing, { batch: true });
      assert.ok(standard !== undefined && batch !== undefined);
      assertUsd(batch, standard / 2, model.id);
    });
  }
  it('a model without a batch rate: the batch cost is unknown, not the standard price', () => {
    assert.equal(priceCall(usage, { inputPerMTok: 2, outputPerMTok: 8 }, { batch: true }), undefined);
    assert.deepEqual(priceUsage(usage, { inputPerMTok: 2, outputPerMTok: 8 }, { batch: true }).unknownBecause, ['no batch price for this model']);
  });
});

describe('refusedBeforeAnyText: the known $0 of a refused call', () => {
  const attempt = (outcome: AttemptRecord['outcome'], textChars: number, status?: number): AttemptRecord =>
    ({ ref: { provider: 'openai', model: 'm' }, retry: 0, startedAt: 0, endedAt: 1, outcome, textChars, ...(status === undefined ? {} : { status }) });
  const rows: [string, AttemptRecord[], boolean][] = [
    ['no attempt: nothing to say it was refused', [], false],
    ['a 503 before any text', [attempt('failed', 0, 503)], true],
    ['skipped (breaker open), then a 429', [attempt('skipped', 0), attempt('failed', 0, 429)], true],
    ['a failure without an HTTP status (network, timeout) may have been billed', [attempt('failed', 0)], false],
    ['text arrived before the failure', [attempt('failed', 12, 500)], false],
    ['aborted by the user', [attempt('aborted', 0)], false],
  ];
  for (const [name, attempts, expected] of rows) it(name, () => assert.equal(refusedBeforeAnyText(attempts), expected));
});

describe('built-in long-prompt and batch prices', () => {
  for (const model of builtinModels) {
    const { pricing } = model;
    it(`${model.provider}/${model.id}: batch at half price`, () => {
      assert.equal(pricing.batchMultiplier, 0.5);
    });
    if (pricing.longContext === undefined) continue;
    const long = pricing.longContext;
    it(`${model.provider}/${model.id}: long-prompt rates at or above base, threshold inside the window`, () => {
      assert.ok(model.contextWindow !== undefined && long.thresholdTokens < model.contextWindow);
      for (const field of ['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'cacheWritePerMTok'] as const) {
        const base = pricing[field];
        const higher = long[field];
        if (higher === undefined) continue;
        assert.ok(base !== undefined && higher >= base, `${field}: ${higher} < ${base}`);
      }
    });
  }

  it('models exactly the surcharges the catalog header lists', () => {
    const withLong = builtinModels.filter((m) => m.pricing.longContext !== undefined).map((m) => `${m.provider}/${m.id}`);
    assert.deepEqual(withLong.sort(), [
      'anthropic/claude-haiku-5-5', 'gemini/gemini-3.1-pro-preview', 'openai/gpt-6-luna', 'openai/gpt-6.2-astra', 'openai/gpt-6.2-sol',
    ]);
  });

  for (const model of builtinModels.filter((m) => m.provider === 'openai')) {
    it(`${model.id}: above 272K, 2x input and cache, 1.5x output`, () => {
      const { longContext: long, ...base } = model.pricing;
      assert.ok(long !== undefined);
      assert.equal(long.thresholdTokens, 272_000);
      assert.equal(long.inputPerMTok, (base.inputPerMTok ?? NaN) * 2);
      assert.equal(long.outputPerMTok, (base.outputPerMTok ?? NaN) * 1.5);
      assert.equal(long.cachedInputPerMTok, base.cachedInputPerMTok === undefined ? undefined : base.cachedInputPerMTok * 2);
      assert.equal(long.cacheWritePerMTok, base.cacheWritePerMTok === undefined ? undefined : base.cacheWritePerMTok * 2);
    });
  }
});

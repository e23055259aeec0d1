import assert from 'node:assert/strict';
import { promptCacheLine, promptCacheSavedUsd } from '../../../../src/core/cost/promptCacheSavings';
import { priceCall } from '../../../../src/core/cost/pricing';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';

const haiku = builtinModels.find((m) => m.id === 'claude-haiku-5-5')?.pricing;
const astra = builtinModels.find((m) => m.id === 'gpt-6.2-astra')?.pricing;

describe('prompt cache pricing and savings', () => {
  it('a cache read is priced at the cache-read rate and saves the difference to input', () => {
    const usage = { inputTokens: 10_000, outputTokens: 100, cachedInputTokens: 8_000 };
    const plain = priceCall({ inputTokens: 10_000, outputTokens: 100 }, haiku);
    const actual = priceCall(usage, haiku);
    assert.ok(actual !== undefined && plain !== undefined && actual < plain);
    const expected = (8_000 * ((haiku?.inputPerMTok ?? 0) - (haiku?.cachedInputPerMTok ?? 0))) / 1e6;
    assert.ok(Math.abs((promptCacheSavedUsd(usage, haiku) ?? 0) - expected) < 1e-12);
    assert.match(promptCacheLine(usage, haiku) ?? '', /^read 8,000 tokens, wrote 0 · saved \$/);
  });

  it('a cache write costs extra now (1.25× input) and says it is repaid by a read', () => {
    const usage = { inputTokens: 10_000, outputTokens: 100, cacheWriteTokens: 9_000 };
    assert.ok((promptCacheSavedUsd(usage, haiku) ?? 0) < 0);
    assert.match(promptCacheLine(usage, haiku) ?? '', /wrote 9,000 · cost \$.* extra to write/);
  });

  it('no cache use: no line; an unknown cache rate: the saving is unknown, never $0', () => {
    assert.equal(promptCacheLine({ inputTokens: 10, outputTokens: 1 }, haiku), undefined);
    const usage = { inputTokens: 10_000, outputTokens: 100, cachedInputTokens: 2_048 };
    assert.equal(promptCacheSavedUsd(usage, astra), undefined);
    assert.match(promptCacheLine(usage, astra) ?? '', /saving unknown/);
  });

  it('every built-in model with a cache-read rate has it below its input rate', () => {
    for (const model of builtinModels) {
      const { inputPerMTok, cachedInputPerMTok } = model.pricing;
      if (cachedInputPerMTok !== undefined && inputPerMTok !== undefined) assert.ok(cachedInputPerMTok < inputPerMTok, model.id);
    }
  });
});

import assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { MODEL_TIERS } from '../../../../src/core/catalog/modelInfo';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import { userModelEntrySchema } from '../../../../src/core/config/modelsSchema';

const VENDORS = ['openai', 'anthropic', 'gemini'] as const;
const PRICE_FIELDS = ['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'cacheWritePerMTok'] as const;

function label(model: ModelInfo): string {
  return `${model.provider}/${model.id}`;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

describe('builtinModels', () => {
  it('names every model once per provider', () => {
    const seen = new Set<string>();
    for (const model of builtinModels) {
      assert.ok(!seen.has(label(model)), `${label(model)} appears twice`);
      seen.add(label(model));
    }
  });

  for (const vendor of VENDORS) {
    it(`offers a budget, a standard and a premium ${vendor} model`, () => {
      const tiers = new Set(builtinModels.filter((m) => m.provider === vendor).map((m) => m.tier));
      assert.deepEqual([...MODEL_TIERS].filter((tier) => !tiers.has(tier)), []);
    });

    it(`prices every ${vendor} budget model below every ${vendor} premium model`, () => {
      const ofTier = (tier: string) => builtinModels.filter((m) => m.provider === vendor && m.tier === tier);
      const budgetMax = Math.max(...ofTier('budget').map((m) => m.pricing.outputPerMTok ?? Infinity));
      const premiumMin = Math.min(...ofTier('premium').map((m) => m.pricing.outputPerMTok ?? 0));
      assert.ok(budgetMax < premiumMin, `budget output ${budgetMax} >= premium output ${premiumMin}`);
    });
  }

  for (const model of builtinModels) {
    describe(label(model), () => {
      it('belongs to a built-in vendor and is marked builtin and enabled', () => {
        assert.ok((VENDORS as readonly string[]).includes(model.provider), model.provider);
        assert.equal(model.source, 'builtin');
        assert.notEqual(model.disabled, true);
        assert.ok(model.displayName.trim().length > 0);
        assert.equal(model.id.trim(), model.id);
      });

      it('can be overridden by a quorum.models entry naming it', () => {
        assert.ok(userModelEntrySchema.safeParse({ provider: model.provider, id: model.id }).success);
      });

      it('has known, non-negative input and output prices with output >= input', () => {
        const { inputPerMTok, outputPerMTok } = model.pricing;
        assert.ok(inputPerMTok !== undefined && outputPerMTok !== undefined, 'input and output price must be known');
        for (const field of PRICE_FIELDS) {
          const price = model.pricing[field];
          if (price === undefined) continue;
          assert.ok(Number.isFinite(price) && price >= 0, `${field} = ${price}`);
        }
        assert.ok(outputPerMTok >= inputPerMTok, `output ${outputPerMTok} < input ${inputPerMTok}`);
      });

      it('prices cache reads below fresh input and cache writes at or above cache reads', () => {
        const { inputPerMTok, cachedInputPerMTok, cacheWritePerMTok } = model.pricing;
        if (cachedInputPerMTok !== undefined && inputPerMTok !== undefined) assert.ok(cachedInputPerMTok < inputPerMTok);
        if (cachedInputPerMTok !== undefined && cacheWritePerMTok !== undefined) assert.ok(cacheWritePerMTok >= cachedInputPerMTok);
      });

      it('has a positive context window and a max output that fits in it', () => {
        assert.ok(model.contextWindow !== undefined && Number.isInteger(model.contextWindow) && model.contextWindow > 0);
        assert.ok(model.maxOutputTokens !== undefined && Number.isInteger(model.maxOutputTokens) && model.maxOutputTokens > 0);
        assert.ok(model.maxOutputTokens <= model.contextWindow);
      });

      it('says on which day its prices were checked', () => {
        assert.ok(model.pricesCheckedOn !== undefined && isRealDate(model.pricesCheckedOn), String(model.pricesCheckedOn));
      });
    });
  }
});

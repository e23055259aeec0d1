import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../../src/core/catalog/modelInfo';
import { JUDGE_MAX_OUTPUT_TOKENS } from '../../../../../src/core/ensemble/vote/judge';
import { JUDGE_PROMPT_OVERHEAD_TOKENS, estimateVote } from '../../../../../src/core/ensemble/vote/voteEstimate';
import type { ModelRef } from '../../../../../src/core/types';

const cheap: ModelRef = { provider: 'gemini', model: 'lite' };
const mid: ModelRef = { provider: 'openai', model: 'astra' };
const local: ModelRef = { provider: 'compat:local', model: 'llama' };
const PRICES: Record<string, ModelPricing> = { lite: { inputPerMTok: 0.1, outputPerMTok: 0.4 }, astra: { inputPerMTok: 0.5, outputPerMTok: 2 } };
const pricingOf = (ref: ModelRef): ModelPricing | undefined => PRICES[ref.model];

function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
}

describe('estimateVote', () => {
  it('sums prompt × input price + max output × output price over the models', () => {
    const estimate = estimateVote({ models: [cheap, mid], promptTokens: 1_000, maxOutputTokens: 500, pricingOf });
    // lite: 1000×0.1 + 500×0.4 = 300 µ$; astra: 1000×0.5 + 500×2 = 1500 µ$.
    near(estimate.lines[0]?.usd, 0.0003);
    near(estimate.lines[1]?.usd, 0.0015);
    near(estimate.cost.totalUsd, 0.0018);
  });

  it('includes the judge, whose prompt holds the question and every answer', () => {
    const estimate = estimateVote({ models: [cheap, cheap], promptTokens: 1_000, maxOutputTokens: 500, judges: [mid], pricingOf });
    const judge = estimate.lines[2];
    assert.equal(judge?.role, 'judge');
    assert.equal(judge?.promptTokens, 1_000 + 2 * 500 + JUDGE_PROMPT_OVERHEAD_TOKENS);
    assert.equal(judge?.maxOutputTokens, JUDGE_MAX_OUTPUT_TOKENS);
    near(judge?.usd, ((2_200 * 0.5) + (400 * 2)) / 1e6);
    near(estimate.cost.totalUsd, 0.0006 + 0.0019);
  });

  it('an unpriced model makes the total unknown but keeps a lower bound', () => {
    const estimate = estimateVote({ models: [cheap, local], promptTokens: 1_000, maxOutputTokens: 500, pricingOf });
    assert.equal(estimate.lines[1]?.usd, undefined);
    assert.equal(estimate.cost.totalUsd, undefined);
    near(estimate.cost.knownUsd, 0.0003);
    assert.equal(estimate.cost.unknownCount, 1);
  });

  it('rejects negative token counts', () => {
    assert.throws(() => estimateVote({ models: [cheap], promptTokens: -1, maxOutputTokens: 500, pricingOf }), RangeError);
  });
});

import assert from 'node:assert/strict';
import type { ModelInfo, ModelTier } from '../../../../../src/core/catalog/modelInfo';
import { cascadeLadder, defaultJudges, defaultVoteModels } from '../../../../../src/core/ensemble/vote/voteModels';
import type { ModelRef } from '../../../../../src/core/types';

function model(provider: string, id: string, tier: ModelTier, input?: number, output?: number): ModelInfo {
  return {
    provider, id, displayName: id, pricing: { inputPerMTok: input, outputPerMTok: output },
    capabilities: { vision: false, tools: false, json: true, reasoning: false }, tier, source: 'builtin',
  };
}

const CANDIDATES: readonly ModelInfo[] = [
  model('openai', 'sol', 'premium', 2, 10),
  model('openai', 'luna', 'budget', 0.1, 0.4),
  model('openai', 'astra', 'standard', 0.5, 2),
  model('anthropic', 'opus', 'premium', 5, 25),
  model('anthropic', 'sonnet', 'standard', 3, 15),
  model('anthropic', 'haiku', 'budget', 1, 5),
  model('gemini', 'flash', 'standard', 0.3, 2.5),
  model('gemini', 'lite', 'budget', 0.1, 0.4),
  model('compat:local', 'llama', 'budget'),
];

const names = (refs: readonly ModelRef[]): string[] => refs.map((r) => `${r.provider}/${r.model}`);

describe('vote model defaults', () => {
  it('one model per provider, the cheapest of each, cheapest first; unpriced last', () => {
    assert.deepEqual(names(defaultVoteModels(CANDIDATES, 1_000, 500)), ['gemini/lite', 'openai/luna', 'anthropic/haiku', 'compat:local/llama']);
    assert.deepEqual(names(defaultVoteModels(CANDIDATES, 1_000, 500, 2)), ['gemini/lite', 'openai/luna']);
  });

  it('three cheap judges at the judge floor (standard), outside the voters, one per provider first', () => {
    const voters = defaultVoteModels(CANDIDATES, 1_000, 500);
    assert.deepEqual(names(defaultJudges(CANDIDATES, 1_000, 500, { avoid: voters })), ['openai/astra', 'gemini/flash', 'anthropic/sonnet']);
  });

  it('judges avoid the voters before they repeat a provider, and fill from lower tiers when short', () => {
    const few = [model('openai', 'astra', 'standard', 0.5, 2), model('openai', 'mini', 'budget', 0.1, 0.1), model('gemini', 'flash', 'standard', 0.3, 2.5)];
    assert.deepEqual(names(defaultJudges(few, 100, 100, { avoid: [{ provider: 'gemini', model: 'flash' }] })), ['openai/astra', 'gemini/flash', 'openai/mini']);
    assert.deepEqual(names(defaultJudges(few, 100, 100, { count: 1 })), ['openai/astra']);
  });

  it('cascade ladder: the cheapest model of each tier, budget → standard → premium', () => {
    assert.deepEqual(names(cascadeLadder(CANDIDATES, 1_000, 500)), ['gemini/lite', 'openai/astra', 'openai/sol']);
    assert.deepEqual(names(cascadeLadder(CANDIDATES.filter((m) => m.tier !== 'standard'), 1_000, 500)), ['gemini/lite', 'openai/sol']);
  });
});

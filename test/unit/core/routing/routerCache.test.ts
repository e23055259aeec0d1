import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import { AVAILABLE } from '../../../../src/core/resilience/availability';
import { route, type RoutingContext } from '../../../../src/core/routing/router';
import type { RouteRequest, TaskProfile } from '../../../../src/core/routing/taskProfile';

const NOW = Date.parse('2026-12-06T02:00:00Z');
const CAPS = { vision: false, tools: true, json: true, reasoning: false };
const CLAUDE: ModelInfo = { provider: 'anthropic', id: 'claude-b', displayName: 'b', tier: 'budget', source: 'builtin', capabilities: CAPS, contextWindow: 200_000, pricing: { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1, cacheWritePerMTok: 1.25 } };
const FLASH: ModelInfo = { provider: 'gemini', id: 'flash-b', displayName: 'f', tier: 'budget', source: 'builtin', capabilities: CAPS, contextWindow: 1_000_000, pricing: { inputPerMTok: 0.8, outputPerMTok: 4, cachedInputPerMTok: 0.08 } };

function context(down: readonly string[] = []): RoutingContext {
  return {
    catalog: buildCatalog({ builtin: [CLAUDE, FLASH], userEntries: [], discovered: [] }),
    providerAvailable: () => true,
    isLocal: () => false,
    availability: (ref) => (down.includes(ref.model) ? { state: 'unavailable', reason: 'breakerOpen', detail: 'failing', scope: 'model', until: NOW + 1 } : AVAILABLE),
    settings: { routing: { classifier: 'heuristic', rules: [], featureTiers: {} }, privacy: { localOnlyGlobs: [] } },
    now: () => NOW,
  };
}

const PROMPT_TOKENS = 20_000;
const profile: TaskProfile = {
  type: 'chat', complexity: 'simple', evidence: [], source: 'heuristic',
  features: { promptTokens: PROMPT_TOKENS, hasCode: false, hasImages: false, requiredContextTokens: PROMPT_TOKENS + 500, expectedOutput: 'freeText' },
  needs: { vision: false, json: false, contextTokens: PROMPT_TOKENS + 500 },
};

function followUp(agoMs: number): RouteRequest {
  return {
    feature: 'ask', maxOutputTokens: 500,
    messages: [{ role: 'user', content: 'f'.repeat(76_000) }, { role: 'user', content: 'q1' }, { role: 'assistant', content: 'a1' }, { role: 'user', content: 'q2' }],
    conversation: { id: 'c', turn: 1, previous: { model: { provider: 'anthropic', model: 'claude-b' }, at: NOW - agoMs } },
  };
}

describe('route with a warm prompt cache', () => {
  it('without a conversation the cheaper model wins', () => {
    const { conversation: _unused, ...plain } = followUp(0);
    assert.equal(route(plain, profile, context()).chosen.model, 'flash-b');
  });

  it('a follow-up stays on the model holding the warm cache, and the first reason says why', () => {
    const decision = route(followUp(60_000), profile, context());
    assert.equal(decision.chosen.model, 'claude-b');
    assert.equal(decision.chain[0]?.model, 'claude-b');
    assert.equal(decision.cache?.verdict, 'stay');
    assert.match(decision.reasons[0] ?? '', /^Stayed on anthropic\/claude-b: its cache of ~\d[\d,]* tokens saves \$/);
  });

  it('an expired cache: the cheaper model, and the card says the cache expired', () => {
    const decision = route(followUp(10 * 60_000), profile, context());
    assert.equal(decision.chosen.model, 'flash-b');
    assert.match(decision.reasons[0] ?? '', /cache has expired/);
  });

  it('stickiness never overrides availability: a failing previous model is not chosen', () => {
    const decision = route(followUp(60_000), profile, context(['claude-b']));
    assert.equal(decision.chosen.model, 'flash-b');
    assert.equal(decision.cache?.verdict, 'unavailable');
  });
});

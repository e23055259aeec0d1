import assert from 'node:assert/strict';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import { classify } from '../../../../src/core/routing/classify';
import { refineContextNeed } from '../../../../src/core/routing/contextRefinement';
import type { RouteRequest } from '../../../../src/core/routing/taskProfile';
import { QUICK_ERROR_BOUND, SAMPLED_ERROR_BOUND, countMessageTokens } from '../../../../src/core/routing/tokenEstimate';

function windowed(contextWindow: number | undefined): ModelInfo {
  return {
    provider: 'compat:local', id: `w${contextWindow ?? 'none'}`, displayName: 'w', pricing: {},
    capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier: 'budget', source: 'user',
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
}

// ~40,000 chars of prose: sampled by the classifier, so its count carries QUICK_ERROR_BOUND.
const LONG: RouteRequest = {
  messages: [{ role: 'user', content: 'Summarise this report.\n\n' + 'The committee reviewed the quarterly figures and asked for a restated series. '.repeat(500) }],
  feature: 'ask',
};

describe('refineContextNeed', () => {
  const profile = classify(LONG);
  const need = profile.needs.contextTokens;

  it('the classifier marks a sampled count with its bound', () => {
    assert.equal(profile.features.promptTokensErrorBound, QUICK_ERROR_BOUND);
  });

  it('keeps the profile when no context window lies inside the error band', () => {
    const far = [windowed(1_000_000), windowed(Math.floor(need * 0.5)), windowed(undefined)];
    assert.equal(refineContextNeed(LONG, profile, far), profile);
  });

  it('re-counts with the finer estimator when a window lies inside the band', () => {
    const refined = refineContextNeed(LONG, profile, [windowed(need + 1)]);
    const precise = countMessageTokens(LONG.messages);
    assert.notEqual(refined, profile);
    assert.equal(refined.features.promptTokens, precise.tokens);
    assert.equal(refined.features.promptTokensErrorBound, SAMPLED_ERROR_BOUND);
    const output = profile.features.requiredContextTokens - profile.features.promptTokens;
    assert.equal(refined.needs.contextTokens, precise.tokens + output);
    assert.equal(refined.features.requiredContextTokens, precise.tokens + output);
    assert.match(refined.evidence[0] ?? '', /re-counted/);
    assert.equal(refined.type, profile.type);
  });

  it('never re-counts an exact count', () => {
    const short: RouteRequest = { messages: [{ role: 'user', content: 'What is a monad?' }], feature: 'ask' };
    const exact = classify(short);
    assert.equal(exact.features.promptTokensErrorBound, 0);
    assert.equal(refineContextNeed(short, exact, [windowed(exact.needs.contextTokens)]), exact);
  });
});

import * as assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { QualityDial } from '../../../../src/core/routing/learnedModel';
import { AVAILABLE } from '../../../../src/core/resilience/availability';
import { routerModel } from '../../../../src/core/routing/learnedClassify';
import { route, type RoutingContext } from '../../../../src/core/routing/router';
import type { TierFeedback } from '../../../../src/core/routing/tierChoice';
import type { RouteRequest, TaskProfile, TaskType } from '../../../../src/core/routing/taskProfile';

function context(quality?: QualityDial, feedback?: (task: TaskType) => TierFeedback | undefined): RoutingContext {
  return {
    catalog: buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] }),
    providerAvailable: () => true,
    isLocal: () => false,
    availability: () => AVAILABLE,
    settings: { routing: { classifier: 'heuristic', ...(quality ? { quality } : {}), rules: [], featureTiers: {} }, privacy: { localOnlyGlobs: [] } },
    ...(feedback ? { feedback } : {}),
  };
}

function learned(tierProbabilities: readonly [number, number, number]): TaskProfile {
  return {
    type: 'codeGeneration',
    complexity: 'standard',
    features: { promptTokens: 40, hasCode: false, hasImages: false, requiredContextTokens: 1064, expectedOutput: 'freeText' },
    needs: { vision: false, json: false, contextTokens: 1064 },
    evidence: ['~40 tokens'],
    source: 'learned',
    probability: 0.93,
    tierProbabilities,
  };
}

const request: RouteRequest = { messages: [{ role: 'user', content: 'write a retry helper' }], feature: 'ask' };

describe('route with the learned router', () => {
  it('carries task probability, tier probabilities, the dial and evidence on the decision', () => {
    const decision = route(request, learned([0.05, 0.9, 0.05]), context());
    assert.equal(decision.task.probability, 0.93);
    assert.deepEqual(decision.tier.probabilities, [0.05, 0.9, 0.05]);
    assert.equal(decision.tier.dial, 'balanced');
    assert.equal(decision.tier.needed, 'standard');
    assert.deepEqual(decision.evidence, ['~40 tokens']);
    assert.match(decision.reasons[0] ?? '', /^Task: code generation \(93 %\); tier needed: budget 5 % · standard 90 % · premium 5 %/);
    assert.ok(decision.reasons.some((r) => /^Not budget: 95 % chance it is too weak/.test(r)), decision.reasons.join('\n'));
  });

  it('the dial moves the same probabilities between tiers', () => {
    const { thresholds } = routerModel();
    // Risk of budget half-way between the quality and economy thresholds, and no premium need.
    const risk = (thresholds.quality + thresholds.balanced) / 2;
    const probs = [1 - risk, risk, 0] as const;
    assert.equal(route(request, learned(probs), context('quality')).tier.needed, 'standard');
    assert.equal(route(request, learned(probs), context('economy')).tier.needed, 'budget');
  });

  it('applies the feedback hook for the task and says so on the card', () => {
    const asked: TaskType[] = [];
    const feedback = (task: TaskType) => {
      asked.push(task);
      // The store's sentence; the router's feedbackTier completes it with the tier it moved to.
      return { offset: 1, note: '3 of your overrides raised code generation' };
    };
    const decision = route(request, learned([0.99, 0.01, 0]), context('balanced', feedback));
    assert.deepEqual(asked, ['codeGeneration']);
    assert.equal(decision.tier.needed, 'standard');
    assert.equal(decision.feedback?.note, '3 of your overrides raised code generation to standard here');
  });

  it('heuristic profiles keep the policy table and carry no probabilities', () => {
    const decision = route(request, { ...learned([1, 0, 0]), source: 'heuristic', tierProbabilities: undefined, probability: undefined }, context());
    assert.equal(decision.tier.probabilities, undefined);
    assert.equal(decision.tier.dial, undefined);
    assert.equal(decision.tier.needed, 'standard'); // table: standard code generation
  });
});

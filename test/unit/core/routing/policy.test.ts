import assert from 'node:assert/strict';
import type { ModelTier } from '../../../../src/core/catalog/modelInfo';
import type { RoutingRule, RoutingSettings } from '../../../../src/core/config/routingSchema';
import { DEFAULT_TIER_TABLE, describeConditions, describeRule, findRule, policyTier, promptText } from '../../../../src/core/routing/policy';
import type { RuleSubject } from '../../../../src/core/routing/policy';
import { COMPLEXITIES, TASK_TYPES } from '../../../../src/core/routing/taskProfile';
import type { Complexity, RoutingFeature, TaskType } from '../../../../src/core/routing/taskProfile';
import type { ChatMessage } from '../../../../src/core/types';

/** The whole default table, written out: task → [simple, standard, complex]. */
const EXPECTED_TABLE: Readonly<Record<TaskType, readonly [ModelTier, ModelTier, ModelTier]>> = {
  classification: ['budget', 'budget', 'standard'],
  extraction: ['budget', 'budget', 'standard'],
  summarisation: ['budget', 'budget', 'standard'],
  codeGeneration: ['budget', 'standard', 'premium'],
  codeReview: ['standard', 'standard', 'premium'],
  reasoning: ['budget', 'standard', 'premium'],
  creativeWriting: ['budget', 'standard', 'standard'],
  chat: ['budget', 'budget', 'standard'],
  longDocument: ['budget', 'standard', 'premium'],
  multimodal: ['budget', 'standard', 'premium'],
};

describe('policyTier', () => {
  describe('default table (feature ask, no settings)', () => {
    it('covers every task type and complexity', () => {
      assert.deepEqual(Object.keys(DEFAULT_TIER_TABLE).sort(), [...TASK_TYPES].sort());
      for (const type of TASK_TYPES) assert.deepEqual(Object.keys(DEFAULT_TIER_TABLE[type]).sort(), [...COMPLEXITIES].sort());
    });
    for (const type of TASK_TYPES) {
      COMPLEXITIES.forEach((complexity, index) => {
        const expected = EXPECTED_TABLE[type][index];
        it(`${complexity} ${type} → ${expected}`, () => {
          const decision = policyTier({ type, complexity }, 'ask', {});
          assert.equal(decision.tier, expected);
          assert.match(decision.reason, new RegExp(`^Tier ${expected}: the default for ${complexity} `));
        });
      });
    }
  });

  interface FeatureRow {
    readonly name: string;
    readonly type: TaskType;
    readonly complexity: Complexity;
    readonly feature: RoutingFeature;
    readonly featureTiers: RoutingSettings['featureTiers'];
    readonly tier: ModelTier;
    readonly reason: RegExp;
  }
  const FEATURE_ROWS: readonly FeatureRow[] = [
    { name: 'a judge is raised to standard by default', type: 'classification', complexity: 'simple', feature: 'judge', featureTiers: {}, tier: 'standard', reason: /default for simple classification is budget, raised to standard, the minimum for judge\.$/ },
    { name: 'a judge keeps a higher table tier', type: 'reasoning', complexity: 'complex', feature: 'judge', featureTiers: {}, tier: 'premium', reason: /^Tier premium: the default for complex reasoning\/math\.$/ },
    { name: 'featureTiers raises ask', type: 'chat', complexity: 'simple', feature: 'ask', featureTiers: { ask: 'premium' }, tier: 'premium', reason: /minimum for ask \(quorum\.routing\.featureTiers\)\.$/ },
    { name: 'featureTiers can lower the judge minimum', type: 'chat', complexity: 'simple', feature: 'judge', featureTiers: { judge: 'budget' }, tier: 'budget', reason: /^Tier budget: the default for simple chat\/Q&A\.$/ },
    { name: 'a feature minimum never lowers the table', type: 'codeReview', complexity: 'complex', feature: 'codeAction', featureTiers: { codeAction: 'standard' }, tier: 'premium', reason: /default for complex code fix\/review\.$/ },
    { name: 'another feature’s setting does not apply', type: 'chat', complexity: 'simple', feature: 'vote', featureTiers: { judge: 'premium' }, tier: 'budget', reason: /default for simple chat/ },
    { name: 'the classifier is fixed at budget whatever the task', type: 'reasoning', complexity: 'complex', feature: 'classifier', featureTiers: {}, tier: 'budget', reason: /^Tier budget: classifier calls always use the budget tier\.$/ },
    { name: 'health checks are fixed at budget', type: 'codeReview', complexity: 'complex', feature: 'healthCheck', featureTiers: {}, tier: 'budget', reason: /healthCheck calls always/ },
  ];
  describe('feature tiers', () => {
    for (const row of FEATURE_ROWS) {
      it(row.name, () => {
        const decision = policyTier({ type: row.type, complexity: row.complexity }, row.feature, row.featureTiers);
        assert.equal(decision.tier, row.tier);
        assert.match(decision.reason, row.reason);
      });
    }
  });

  describe('a request’s minimum tier (a code action’s setting)', () => {
    const minimum = { tier: 'premium' as const, source: 'quorum.codeActions.tiers.fix' };
    it('raises the tier and names the setting', () => {
      const decision = policyTier({ type: 'chat', complexity: 'simple' }, 'codeAction', {}, minimum);
      assert.equal(decision.tier, 'premium');
      assert.match(decision.reason, /^Tier premium: raised from \w+ by quorum\.codeActions\.tiers\.fix\.$/);
    });
    it('never lowers what the table or the feature asks for', () => {
      const decision = policyTier({ type: 'codeReview', complexity: 'complex' }, 'codeAction', {}, { tier: 'budget', source: 'x' });
      assert.equal(decision.tier, 'premium');
      assert.match(decision.reason, /default for complex code fix\/review/);
    });
  });
});

const user = (content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });

function subject(overrides: Partial<{ type: TaskType; complexity: Complexity; feature: RoutingFeature; languageId: string; codeLanguage: string; prompt: string }>): RuleSubject {
  const base: RuleSubject = {
    profile: {
      type: overrides.type ?? 'chat',
      complexity: overrides.complexity ?? 'standard',
      features: { promptTokens: 10, hasCode: false, hasImages: false, requiredContextTokens: 1034, expectedOutput: 'freeText', ...(overrides.codeLanguage ? { codeLanguage: overrides.codeLanguage } : {}) },
    },
    feature: overrides.feature ?? 'ask',
    messages: [{ role: 'system', content: 'You write SQL.' }, user(overrides.prompt ?? 'hello')],
  };
  return overrides.languageId === undefined ? base : { ...base, languageId: overrides.languageId };
}

const rule = (index: number, when: RoutingRule['when'], name = `rule ${index + 1}`): RoutingRule => ({ name, index, when, use: { tier: 'premium' } });

describe('findRule', () => {
  const RULES: readonly RoutingRule[] = [
    rule(0, { language: ['sql'] }, 'SQL'),
    rule(1, { task: ['codeReview'], complexity: ['complex'] }, 'hard reviews'),
    rule(2, { pattern: /\bproof\b/i, feature: ['ask'] }, 'proofs'),
    rule(3, { feature: ['judge', 'compare'] }, 'judging'),
    rule(4, { task: ['chat', 'summarisation'], complexity: ['simple'] }, 'cheap talk'),
  ];
  const TABLE: readonly (readonly [name: string, subject: RuleSubject, expected: string | undefined])[] = [
    ['matches the request language', subject({ languageId: 'sql' }), 'SQL'],
    ['matches the request language ignoring case', subject({ languageId: 'SQL' }), 'SQL'],
    ['falls back to the detected code language', subject({ codeLanguage: 'sql' }), 'SQL'],
    ['prefers the request language over the detected one', subject({ languageId: 'python', codeLanguage: 'sql' }), undefined],
    ['needs every condition (task without complexity)', subject({ type: 'codeReview', complexity: 'standard' }), undefined],
    ['needs every condition (both hold)', subject({ type: 'codeReview', complexity: 'complex' }), 'hard reviews'],
    ['tests the pattern on the last user message', subject({ prompt: 'Give a PROOF of this' }), 'proofs'],
    ['does not test the pattern on the system prompt', subject({ prompt: 'write a query' }), undefined],
    ['needs the pattern rule’s feature too', subject({ prompt: 'a proof', feature: 'vote' }), undefined],
    ['matches any feature of a list', subject({ feature: 'compare' }), 'judging'],
    ['matches any task of a list', subject({ type: 'summarisation', complexity: 'simple' }), 'cheap talk'],
    ['takes the first of several matches', subject({ languageId: 'sql', type: 'codeReview', complexity: 'complex' }), 'SQL'],
    ['returns undefined when nothing matches', subject({ type: 'reasoning' }), undefined],
    ['never applies rules to the classifier', subject({ languageId: 'sql', feature: 'classifier' }), undefined],
    ['never applies rules to health checks', subject({ languageId: 'sql', feature: 'healthCheck' }), undefined],
  ];
  for (const [name, input, expected] of TABLE) {
    it(name, () => {
      assert.equal(findRule(RULES, input)?.name, expected);
    });
  }

  it('matches every request with a rule without conditions', () => {
    assert.equal(findRule([rule(0, {}, 'all')], subject({ type: 'multimodal' }))?.name, 'all');
  });
});

describe('rule descriptions', () => {
  it('names the rule and its setting', () => {
    assert.equal(describeRule(rule(2, {}, 'SQL to Sonnet')), 'rule "SQL to Sonnet" (quorum.routing.rules[2])');
  });

  it('lists the conditions in words', () => {
    const full = rule(0, { task: ['chat', 'reasoning'], complexity: ['simple'], language: ['sql'], pattern: /^why/i, feature: ['ask'] });
    assert.equal(describeConditions(full), 'task chat or reasoning, complexity simple, language sql, pattern /^why/i, feature ask');
    assert.equal(describeConditions(rule(0, {})), 'every request');
  });
});

describe('promptText', () => {
  it('is the text of the last user message, text parts joined', () => {
    const messages: ChatMessage[] = [
      user('first question'),
      { role: 'assistant', content: 'answer' },
      user([{ type: 'text', text: 'look at' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }, { type: 'text', text: 'this' }]),
      { role: 'system', content: 'be brief' },
    ];
    assert.equal(promptText(messages), 'look at\nthis');
  });

  it('is empty without a user message', () => {
    assert.equal(promptText([{ role: 'system', content: 'x' }]), '');
  });
});

import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo, ModelTier } from '../../../../src/core/catalog/modelInfo';
import type { PrivacySettings, RoutingRule, RoutingSettings } from '../../../../src/core/config/routingSchema';
import { AVAILABLE, type Unavailable } from '../../../../src/core/resilience/availability';
import { NoRouteError } from '../../../../src/core/routing/routeDecision';
import type { RouteDecision } from '../../../../src/core/routing/routeDecision';
import { MAX_CHAIN_LENGTH, route } from '../../../../src/core/routing/router';
import type { RoutingContext } from '../../../../src/core/routing/router';
import type { RouteRequest, TaskProfile } from '../../../../src/core/routing/taskProfile';

const FULL = { vision: true, tools: true, json: true, reasoning: true };

function model(provider: string, id: string, tier: ModelTier, price?: readonly [number, number], extra: Partial<ModelInfo> = {}): ModelInfo {
  return {
    provider,
    id,
    displayName: id,
    pricing: price === undefined ? {} : { inputPerMTok: price[0], outputPerMTok: price[1] },
    contextWindow: 1_000_000,
    capabilities: FULL,
    tier,
    source: 'builtin',
    ...extra,
  };
}

/**
 * Prices are USD/MTok. With the default profile (1,000 prompt tokens, 1,024 output) the estimates are:
 * g-budget $0.00046, o-budget $0.00061, a-budget $0.0012, a-std $0.0097, g-std $0.0115, o-std $0.0122,
 * a-prem $0.0245, o-prem $0.0490; ollama/llama is unpriced.
 */
const G_B = model('gemini', 'g-budget', 'budget', [0.05, 0.4], { contextWindow: 128_000 });
const O_B = model('openai', 'o-budget', 'budget', [0.1, 0.5]);
const A_B = model('anthropic', 'a-budget', 'budget', [0.2, 1]);
const A_S = model('anthropic', 'a-std', 'standard', [1.5, 8]);
const G_S = model('gemini', 'g-std', 'standard', [1.25, 10], { contextWindow: 1_048_576 });
const O_S = model('openai', 'o-std', 'standard', [2, 10]);
const A_P = model('anthropic', 'a-prem', 'premium', [4, 20]);
const O_P = model('openai', 'o-prem', 'premium', [8, 40]);
const LLAMA = model('compat:ollama', 'llama', 'budget', undefined, {
  contextWindow: undefined,
  capabilities: { vision: false, tools: false, json: false, reasoning: false },
  source: 'discovered',
});
const ALL = [O_P, O_S, O_B, A_P, A_S, A_B, G_S, G_B, LLAMA];

const COOLING: Unavailable = { state: 'unavailable', reason: 'breakerOpen', detail: '3 failures in a row (last: timeout)', scope: 'model', until: 1 };

interface Setup {
  readonly models?: readonly ModelInfo[];
  readonly noKey?: readonly string[];
  readonly demoted?: readonly string[];
  readonly rules?: readonly RoutingRule[];
  readonly featureTiers?: RoutingSettings['featureTiers'];
  readonly privacy?: Partial<PrivacySettings>;
}

function contextFor(setup: Setup = {}): RoutingContext {
  return {
    catalog: buildCatalog({ builtin: setup.models ?? ALL, userEntries: [], discovered: [] }),
    providerAvailable: (provider) => !(setup.noKey ?? []).includes(provider),
    isLocal: (provider) => provider.startsWith('compat:ollama'),
    availability: (ref) => ((setup.demoted ?? []).includes(`${ref.provider}/${ref.model}`) ? COOLING : AVAILABLE),
    settings: {
      routing: { classifier: 'heuristic', rules: setup.rules ?? [], featureTiers: setup.featureTiers ?? {} },
      privacy: { localOnlyGlobs: [], ...setup.privacy },
    },
  };
}

function profile(overrides: Partial<Pick<TaskProfile, 'type' | 'complexity' | 'evidence'>> & { contextTokens?: number; vision?: boolean; json?: boolean; language?: string } = {}): TaskProfile {
  const contextTokens = overrides.contextTokens ?? 2024;
  return {
    type: overrides.type ?? 'chat',
    complexity: overrides.complexity ?? 'simple',
    features: {
      promptTokens: contextTokens - 1024,
      hasCode: overrides.language !== undefined,
      ...(overrides.language === undefined ? {} : { codeLanguage: overrides.language }),
      hasImages: overrides.vision ?? false,
      requiredContextTokens: contextTokens,
      expectedOutput: overrides.json ? 'json' : 'freeText',
    },
    needs: { vision: overrides.vision ?? false, json: overrides.json ?? false, contextTokens },
    evidence: overrides.evidence ?? ['short question'],
    source: 'heuristic',
  };
}

function request(overrides: Partial<RouteRequest> = {}): RouteRequest {
  return { messages: [{ role: 'user', content: 'What is a monad?' }], feature: 'ask', ...overrides };
}

const chainOf = (decision: RouteDecision) => decision.chain.map((ref) => `${ref.provider}/${ref.model}`);
const chosenOf = (decision: RouteDecision) => `${decision.chosen.provider}/${decision.chosen.model}`;
const hasReason = (decision: RouteDecision, pattern: RegExp) =>
  assert.ok(decision.reasons.some((reason) => pattern.test(reason)), `no reason matches ${pattern}:\n${decision.reasons.join('\n')}`);

describe('route', () => {
  describe('choosing', () => {
    it('takes the cheapest capable model at the tier and says why, with the runner-up', () => {
      const decision = route(request(), profile(), contextFor());
      assert.equal(chosenOf(decision), 'gemini/g-budget');
      assert.equal(decision.tier.needed, 'budget');
      hasReason(decision, /^Task: chat\/Q&A, simple — short question\.$/);
      hasReason(decision, /^Tier budget: the default for simple chat\/Q&A\.$/);
      hasReason(decision, /^Chose gemini\/g-budget: cheapest capable model at budget or above, \$0\.00046 est\. vs \$0\.00061 for openai\/o-budget\.$/);
    });

    it('takes the cheapest model at or above a higher tier', () => {
      const decision = route(request(), profile({ type: 'codeReview', complexity: 'complex' }), contextFor());
      assert.equal(decision.tier.needed, 'premium');
      assert.equal(chosenOf(decision), 'anthropic/a-prem');
    });

    it('counts a higher-tier model that is cheaper as "at or above"', () => {
      const cheapPremium = model('openai', 'cheap-prem', 'premium', [0.01, 0.01]);
      const decision = route(request(), profile({ type: 'codeGeneration', complexity: 'standard' }), contextFor({ models: [...ALL, cheapPremium] }));
      assert.equal(chosenOf(decision), 'openai/cheap-prem');
    });

    it('moves the tier by the workspace\'s feedback for the task, and says so', () => {
      const feedback = (task: string) => (task === 'chat' ? { offset: 1, note: '3 of your overrides raised chat/Q&A' } : undefined);
      const decision = route(request(), profile(), { ...contextFor(), feedback });
      assert.equal(decision.tier.needed, 'standard');
      assert.equal(chosenOf(decision), 'anthropic/a-std');
      assert.deepEqual(decision.feedback, { offset: 1, from: 'budget', to: 'standard', note: '3 of your overrides raised chat/Q&A to standard here' });
      hasReason(decision, /^Tier standard \(from budget\): 3 of your overrides raised chat\/Q&A to standard here\./);
      const other = route(request(), profile({ type: 'extraction' }), { ...contextFor(), feedback });
      assert.equal(other.tier.needed, 'budget', 'another task is not moved');
      assert.equal(other.feedback, undefined);
    });

    it('lets a user rule outrank feedback', () => {
      const rule: RoutingRule = { name: 'chat budget', index: 0, when: { task: ['chat'] }, use: { tier: 'budget' } };
      const decision = route(request(), profile(), { ...contextFor({ rules: [rule] }), feedback: () => ({ offset: 1, note: 'n' }) });
      assert.equal(decision.tier.needed, 'budget');
      assert.equal(decision.feedback, undefined);
    });

    it('raises the tier to the feature minimum (judge ≥ standard)', () => {
      const decision = route(request({ feature: 'judge' }), profile(), contextFor());
      assert.equal(decision.tier.needed, 'standard');
      assert.equal(chosenOf(decision), 'anthropic/a-std');
    });

    it('takes the best model below the tier when nothing at it is capable, and says so', () => {
      const decision = route(request(), profile({ type: 'reasoning', complexity: 'complex' }), contextFor({ models: [O_B, A_B, G_S, O_S] }));
      assert.equal(chosenOf(decision), 'gemini/g-std');
      hasReason(decision, /^Chose gemini\/g-std \(standard, \$0\.0115 est\.\): no capable model at premium or above is available, so the best one below it is used\.$/);
    });

    it('prices the output budget of the request', () => {
      const decision = route(request({ maxOutputTokens: 100 }), profile(), contextFor({ models: [O_B] }));
      const [estimate, ...rest] = decision.estimates;
      assert.deepEqual(rest, []);
      assert.deepEqual({ ...estimate, costUsd: undefined }, { ref: { provider: 'openai', model: 'o-budget' }, inputTokens: 1000, outputTokens: 100, costUsd: undefined });
      // Priced per part (input, output) by the pricing module: equal up to float rounding.
      assert.ok(Math.abs((estimate?.costUsd ?? NaN) - (1000 * 0.1 + 100 * 0.5) / 1e6) < 1e-15, String(estimate?.costUsd));
    });
  });

  describe('the chain', () => {
    it('continues with the preferred model of every other provider first, then the rest by cost, capped', () => {
      const decision = route(request(), profile(), contextFor());
      assert.deepEqual(chainOf(decision), ['gemini/g-budget', 'openai/o-budget', 'anthropic/a-budget', 'compat:ollama/llama', 'anthropic/a-std']);
      assert.equal(decision.chain.length, MAX_CHAIN_LENGTH);
      assert.deepEqual(decision.chain[0], decision.chosen);
      hasReason(decision, /^Fallbacks: openai\/o-budget, anthropic\/a-budget, compat:ollama\/llama, anthropic\/a-std \(other providers first\)\.$/);
    });

    it('puts another provider before a cheaper model of the chosen provider', () => {
      const oStd2 = model('openai', 'o-std2', 'standard', [2.1, 10]);
      const decision = route(request(), profile({ type: 'codeGeneration', complexity: 'standard' }), contextFor({ models: [O_S, oStd2, O_P, A_P, O_B] }));
      // o-std2 ($0.0123) is cheaper than a-prem ($0.0245), but an OpenAI outage would take it down with o-std.
      assert.deepEqual(chainOf(decision), ['openai/o-std', 'anthropic/a-prem', 'openai/o-std2', 'openai/o-prem', 'openai/o-budget']);
    });

    it('gives one estimate per chain entry, in order, with no cost for an unpriced model', () => {
      const decision = route(request(), profile(), contextFor());
      assert.deepEqual(decision.estimates.map((estimate) => estimate.ref), decision.chain);
      const llama = decision.estimates[3];
      assert.equal(llama?.costUsd, undefined);
      assert.equal(llama !== undefined && 'costUsd' in llama, false);
      assert.ok((decision.estimates[0]?.costUsd ?? 0) > 0);
    });
  });

  describe('filters', () => {
    it('drops a model whose context window is too small, naming both numbers', () => {
      const decision = route(request(), profile({ contextTokens: 200_000 }), contextFor());
      assert.equal(chosenOf(decision), 'openai/o-budget');
      hasReason(decision, /^gemini\/g-budget: context 128,000 < 200,000 needed\.$/);
      assert.ok(chainOf(decision).includes('compat:ollama/llama'), 'an unknown window is not "too small"');
    });

    it('needs vision for images', () => {
      const decision = route(request(), profile({ vision: true }), contextFor({ models: [model('gemini', 'blind', 'budget', [0.01, 0.01], { capabilities: { ...FULL, vision: false } }), O_B, LLAMA] }));
      assert.deepEqual(chainOf(decision), ['openai/o-budget']);
      hasReason(decision, /^gemini\/blind: no image input, and the prompt has images\.$/);
      hasReason(decision, /^compat:ollama\/llama: no image input/);
    });

    it('needs a JSON mode for JSON answers', () => {
      const decision = route(request(), profile({ json: true }), contextFor({ models: [model('gemini', 'nojson', 'budget', [0.01, 0.01], { capabilities: { ...FULL, json: false } }), A_B] }));
      assert.deepEqual(chainOf(decision), ['anthropic/a-budget']);
      hasReason(decision, /^gemini\/nojson: no JSON mode, and the answer must be JSON\.$/);
    });

    it('leaves out providers without a key', () => {
      const decision = route(request(), profile(), contextFor({ noKey: ['gemini'] }));
      assert.equal(chosenOf(decision), 'openai/o-budget');
      assert.ok(!chainOf(decision).some((ref) => ref.startsWith('gemini/')));
      hasReason(decision, /^Not configured \(no API key\): gemini \(2 models\)\.$/);
    });

    it('leaves out disabled models', () => {
      const catalog = buildCatalog({ builtin: ALL, userEntries: [{ provider: 'gemini', id: 'g-budget', disabled: true }], discovered: [] });
      const decision = route(request(), profile(), { ...contextFor(), catalog });
      assert.equal(chosenOf(decision), 'openai/o-budget');
    });

    it('uses only allowed providers', () => {
      const decision = route(request(), profile(), contextFor({ privacy: { allowedProviders: ['anthropic'] } }));
      assert.deepEqual(chainOf(decision), ['anthropic/a-budget', 'anthropic/a-std', 'anthropic/a-prem']);
      hasReason(decision, /^Not in quorum\.privacy\.allowedProviders: openai \(3 models\), gemini \(2 models\), compat:ollama \(1 model\)\.$/);
    });

    it('allows nothing with an empty allowlist', () => {
      assert.throws(() => route(request(), profile(), contextFor({ privacy: { allowedProviders: [] } })), NoRouteError);
    });

    it('sends a request with a local-only file to local endpoints only', () => {
      const decision = route(
        request({ contextFiles: ['src/app.ts', 'config/secrets/db.env'] }),
        profile(),
        contextFor({ privacy: { localOnlyGlobs: ['**/*.pem', '**/secrets/**'] } }),
      );
      assert.deepEqual(chainOf(decision), ['compat:ollama/llama']);
      hasReason(decision, /^Privacy: the context includes config\/secrets\/db\.env, which matches "\*\*\/secrets\/\*\*" in quorum\.privacy\.localOnlyGlobs, so only local endpoints may receive it; left out: openai \(3 models\), anthropic \(3 models\), gemini \(2 models\)\.$/);
    });

    it('ignores local-only globs that no context file matches', () => {
      const decision = route(request({ contextFiles: ['src/app.ts'] }), profile(), contextFor({ privacy: { localOnlyGlobs: ['**/secrets/**'] } }));
      assert.equal(chosenOf(decision), 'gemini/g-budget');
      assert.ok(!decision.reasons.some((reason) => reason.startsWith('Privacy')));
    });

    it('leaves out providers that do not meet quorum.privacy.require, and says why on the decision card', () => {
      const decision = route(request(), profile(), contextFor({ privacy: { require: { zeroDataRetention: true }, providerPolicies: { anthropic: { zeroDataRetention: true } } } }));
      assert.deepEqual(chainOf(decision), ['anthropic/a-budget', 'compat:ollama/llama', 'anthropic/a-std', 'anthropic/a-prem']);
      hasReason(decision, /^Privacy: excluded by quorum\.privacy\.require: openai \(3 models: no zero data retention\), gemini \(2 models: no zero data retention\)\.$/);
    });

    it('leaves out a provider whose region is unknown when a region is required', () => {
      const decision = route(request(), profile(), contextFor({ privacy: { require: { region: ['us'], trainsOnData: false } } }));
      assert.ok(!chainOf(decision).some((ref) => ref.startsWith('gemini/')));
      hasReason(decision, /gemini \(2 models: may train on the data, region unknown\)/);
    });

    it('leaves out demoted models', () => {
      const decision = route(request(), profile(), contextFor({ demoted: ['gemini/g-budget'] }));
      assert.equal(chosenOf(decision), 'openai/o-budget');
      assert.ok(!chainOf(decision).includes('gemini/g-budget'));
      hasReason(decision, /^gemini\/g-budget: demoted \(circuit breaker open: 3 failures in a row \(last: timeout\)\)\.$/);
    });

    it('keeps demoted models when every capable model is demoted, and says so', () => {
      const decision = route(request(), profile(), contextFor({ privacy: { allowedProviders: ['gemini'] }, demoted: ['gemini/g-budget', 'gemini/g-std'] }));
      assert.deepEqual(chainOf(decision), ['gemini/g-budget', 'gemini/g-std']);
      hasReason(decision, /^All 2 capable models are demoted .*trying them anyway rather than failing\.$/);
    });
  });

  describe('rules', () => {
    const toModel = (provider: string, id: string): RoutingRule => ({ name: 'SQL to A', index: 1, when: { language: ['sql'] }, use: { model: { provider, model: id } } });

    it('routes to the model a matching rule names, with fallbacks from its tier', () => {
      const decision = route(request({ languageId: 'sql' }), profile(), contextFor({ rules: [toModel('anthropic', 'a-std')] }));
      assert.equal(chosenOf(decision), 'anthropic/a-std');
      assert.equal(decision.tier.needed, 'standard');
      assert.equal(decision.rule, 'SQL to A');
      assert.deepEqual(chainOf(decision).slice(0, 3), ['anthropic/a-std', 'gemini/g-std', 'openai/o-std']);
      hasReason(decision, /^Chose anthropic\/a-std: rule "SQL to A" \(quorum\.routing\.rules\[1\]\) matched language sql\. Fallbacks start at its tier, standard\.$/);
    });

    it('says an eval-written rule was chosen by its suite, with its pass rate and cost per case', () => {
      const rule: RoutingRule = { ...toModel('anthropic', 'a-std'), eval: { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004 } };
      const decision = route(request({ languageId: 'sql' }), profile(), contextFor({ rules: [rule] }));
      assert.deepEqual(decision.ruleEval, { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004 });
      hasReason(decision, /^Chose anthropic\/a-std: rule "SQL to A" .* matched language sql \(chosen by eval suite invoices, 96 % pass, \$0\.00040\/case\)\. Fallbacks/);
    });

    it('does not apply a rule whose conditions do not hold', () => {
      const decision = route(request({ languageId: 'python' }), profile(), contextFor({ rules: [toModel('anthropic', 'a-std')] }));
      assert.equal(chosenOf(decision), 'gemini/g-budget');
      assert.equal(decision.rule, undefined);
    });

    it('uses the tier of a rule’s model when that model cannot be used', () => {
      const decision = route(request({ languageId: 'sql' }), profile(), contextFor({ rules: [toModel('anthropic', 'a-std')], noKey: ['anthropic'] }));
      assert.equal(chosenOf(decision), 'gemini/g-std');
      assert.equal(decision.tier.needed, 'standard');
      hasReason(decision, /but anthropic\/a-std cannot be used \(anthropic is not configured \(no API key\)\), so the cheapest capable model at its tier, standard, or above is used instead\.$/);
    });

    it('ignores a rule naming a model the catalog does not know', () => {
      const decision = route(request({ languageId: 'sql' }), profile(), contextFor({ rules: [toModel('openai', 'gpt-9')] }));
      assert.equal(chosenOf(decision), 'gemini/g-budget');
      hasReason(decision, /but openai\/gpt-9 is not in the model catalog \(add it with quorum\.models\), so the rule is ignored\.$/);
      hasReason(decision, /^Tier budget: the default/);
    });

    it('routes to the tier a matching rule names, even below the feature minimum', () => {
      const rules: RoutingRule[] = [{ name: 'cheap judge', index: 0, when: { feature: ['judge'] }, use: { tier: 'budget' } }];
      const decision = route(request({ feature: 'judge' }), profile({ type: 'reasoning', complexity: 'complex' }), contextFor({ rules }));
      assert.equal(decision.tier.needed, 'budget');
      assert.equal(chosenOf(decision), 'gemini/g-budget');
      hasReason(decision, /^Tier budget: set by rule "cheap judge" \(quorum\.routing\.rules\[0\]\), which matched feature judge\.$/);
    });

    it('uses the detected code language when the request has none', () => {
      const decision = route(request(), profile({ language: 'sql' }), contextFor({ rules: [toModel('openai', 'o-prem')] }));
      assert.equal(chosenOf(decision), 'openai/o-prem');
    });
  });

  describe('unknown prices', () => {
    it('sorts an unpriced model after priced ones, never as $0', () => {
      const decision = route(request(), profile(), contextFor({ models: [LLAMA, O_P] }));
      assert.deepEqual(chainOf(decision), ['openai/o-prem', 'compat:ollama/llama']);
    });

    it('orders unpriced models by tier, then name, and says prices are unknown', () => {
      const unpricedStd = model('compat:ollama', 'big', 'standard');
      const decision = route(request(), profile(), contextFor({ models: [unpricedStd, LLAMA] }));
      assert.deepEqual(chainOf(decision), ['compat:ollama/llama', 'compat:ollama/big']);
      hasReason(decision, /^Chose compat:ollama\/llama: no capable model at budget or above has a known price/);
    });

    it('says when the runner-up has no known price', () => {
      const decision = route(request(), profile(), contextFor({ models: [LLAMA, O_B] }));
      hasReason(decision, /^Chose openai\/o-budget: cheapest capable model at budget or above, \$0\.00061 est\. vs compat:ollama\/llama has no known price\.$/);
    });
  });

  describe('ties', () => {
    const twin = (provider: string, id: string, tier: ModelTier) => model(provider, id, tier, [1, 1]);

    it('breaks an equal cost by the higher tier, then provider, then id, whatever the catalog order', () => {
      const models = [twin('openai', 'b', 'budget'), twin('gemini', 'z', 'budget'), twin('gemini', 'a', 'budget'), twin('anthropic', 's', 'standard')];
      const expected = ['anthropic/s', 'gemini/a', 'openai/b', 'gemini/z'];
      assert.deepEqual(chainOf(route(request(), profile(), contextFor({ models }))), expected);
      assert.deepEqual(chainOf(route(request(), profile(), contextFor({ models: [...models].reverse() }))), expected);
    });

    it('says a tie was broken', () => {
      const decision = route(request(), profile(), contextFor({ models: [twin('openai', 'b', 'budget'), twin('gemini', 'a', 'budget')] }));
      hasReason(decision, /^Chose gemini\/a: .* vs \$0\.0020 for openai\/b, a tie broken by tier and then name\.$/);
    });
  });

  describe('no route', () => {
    function noRoute(setup: Setup, overrides: Parameters<typeof profile>[0] = {}, req: RouteRequest = request()): NoRouteError {
      try {
        route(req, profile(overrides), contextFor(setup));
      } catch (error) {
        if (error instanceof NoRouteError) return error;
        throw error;
      }
      assert.fail('route did not throw');
    }

    it('lists every model with the reason it was excluded, and what to do', () => {
      const error = noRoute({ models: [O_B, G_B, LLAMA], noKey: ['openai'] }, { contextTokens: 200_000, vision: true });
      assert.match(error.message, /No model can take this ask request/);
      assert.deepEqual(error.reasons, [
        'openai/o-budget: openai is not configured (no API key).',
        'gemini/g-budget: context 128,000 < 200,000 needed.',
        'compat:ollama/llama: no image input, and the prompt has images.',
        "Run 'Quorum: Set API Key' for a provider, or add a local endpoint in quorum.providers.openaiCompatible.",
        'The request needs 200,000 tokens of context: attach less, or lower the output budget.',
        'No available model accepts images: remove them, or mark a model with "capabilities": { "vision": true } in quorum.models.',
      ]);
    });

    it('explains a private file with no local endpoint', () => {
      const error = noRoute({ models: [O_B], privacy: { localOnlyGlobs: ['*.env'] } }, {}, request({ contextFiles: ['app/.env'] }));
      assert.deepEqual(error.reasons, [
        'openai/o-budget: not a local endpoint, and the context includes app/.env (quorum.privacy.localOnlyGlobs: *.env).',
        'The context includes app/.env, which matches "*.env" in quorum.privacy.localOnlyGlobs: add a local endpoint (e.g. Ollama) in quorum.providers.openaiCompatible, or leave that file out.',
      ]);
    });

    it('explains providers left out by the allowlist', () => {
      const error = noRoute({ models: [O_B], privacy: { allowedProviders: ['anthropic'] } });
      assert.deepEqual(error.reasons, [
        'openai/o-budget: provider openai is not in quorum.privacy.allowedProviders.',
        'Allow a configured provider in quorum.privacy.allowedProviders.',
      ]);
    });

    it('explains providers left out by quorum.privacy.require', () => {
      const error = noRoute({ models: [O_B], privacy: { require: { region: ['eu'] } } });
      assert.deepEqual(error.reasons, [
        'openai/o-budget: does not meet quorum.privacy.require (region us).',
        'No allowed provider meets quorum.privacy.require: relax it, add a local endpoint, or record an agreement in quorum.privacy.providerPolicies.',
      ]);
    });

    it('explains an empty catalog', () => {
      assert.deepEqual(noRoute({ models: [] }).reasons, ['No model is enabled in the catalog. Add one with quorum.models, or re-enable a built-in model there.']);
    });
  });
});

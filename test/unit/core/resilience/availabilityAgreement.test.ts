import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import { describeUnavailable } from '../../../../src/core/resilience/availability';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';
import { selectCandidates } from '../../../../src/core/routing/candidates';
import { route, type RoutingContext } from '../../../../src/core/routing/router';
import type { RouteRequest, TaskProfile } from '../../../../src/core/routing/taskProfile';
import { ASK, drain, harness, options, ref, type Harness } from './runnerHarness';
import { ScriptedProvider } from './scriptedProvider';

// The router and the fallback runner read the same availability model: a model the router leaves out is the
// model the runner skips, for the same typed reason, in the same words.

const PROVIDERS = ['openai', 'anthropic', 'gemini', 'mistral'] as const;
const BREAKER = ref('openai', 'o-fail');
const PROBED = ref('openai', 'o-probe');
const FINE = ref('openai', 'o-fine');
const KEY = ref('anthropic', 'a-1');
const UNKNOWN = ref('gemini', 'g-unknown');
const FINE_TOO = ref('gemini', 'g-fine');
const OUT = ref('mistral', 'm-1');
const ALL = [BREAKER, PROBED, FINE, KEY, UNKNOWN, FINE_TOO, OUT];
const UNAVAILABLE = [BREAKER, PROBED, KEY, UNKNOWN, OUT];

function info(r: { provider: string; model: string }): ModelInfo {
  return {
    provider: r.provider, id: r.model, displayName: r.model, pricing: { inputPerMTok: 1, outputPerMTok: 1 }, contextWindow: 100_000,
    capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier: 'budget', source: 'builtin',
  };
}

const PROFILE: TaskProfile = {
  type: 'chat', complexity: 'simple', evidence: [], source: 'heuristic',
  features: { promptTokens: 10, hasCode: false, hasImages: false, requiredContextTokens: 100, expectedOutput: 'freeText' },
  needs: { vision: false, json: false, contextTokens: 100 },
};
const REQUEST: RouteRequest = { messages: [{ role: 'user', content: 'Hi' }], feature: 'ask' };

function routingContext(h: Harness): RoutingContext {
  return {
    catalog: buildCatalog({ builtin: ALL.map(info), userEntries: [], discovered: [] }),
    providerAvailable: () => true,
    isLocal: () => false,
    availability: (r) => h.runner.availability.of(r),
    settings: { routing: { classifier: 'heuristic', rules: [], featureTiers: {} }, privacy: { localOnlyGlobs: [] } },
  };
}

/** Every source of unavailability, reached the way production reaches it (runner outcomes, checks). */
async function degrade(): Promise<{ h: Harness; providers: Record<string, ScriptedProvider> }> {
  const providers = Object.fromEntries(PROVIDERS.map((id) => [id, new ScriptedProvider(id)]));
  const h = harness(Object.values(providers));
  h.breakers.get(PROBED).trip(1_000, 'rate limited');
  h.clock.advance(1_000);
  assert.equal(h.breakers.get(PROBED).acquire(), true, 'another request holds the probe');
  providers.openai?.script(BREAKER.model, ...Array.from({ length: 3 }, () => ({ error: { reason: 'timeout' as const } })));
  providers.anthropic?.script(KEY.model, { error: { reason: 'auth', status: 401 } });
  providers.gemini?.script(UNKNOWN.model, { error: { reason: 'notFound', status: 404 } });
  for (const chain of [[BREAKER, FINE], [KEY, FINE], [UNKNOWN, FINE]]) await drain(h.runner.run(chain, ASK, options()));
  h.health.startActiveChecks({ providers: () => ['mistral'], probe: async () => Promise.reject(new Error('down')) });
  for (let i = 0; i < 3; i++) await h.health.runChecks();
  h.health.stopActiveChecks();
  return { h, providers };
}

describe('availability: the router and the runner agree', () => {
  it('each unavailable model is left out by the router and skipped by the runner, for the same reason', async () => {
    const { h, providers } = await degrade();
    const set = selectCandidates(PROFILE, REQUEST, routingContext(h));
    assert.deepEqual(set.candidates.map((m) => `${m.provider}/${m.id}`), ['openai/o-fine', 'gemini/g-fine']);

    const calls = Object.values(providers).reduce((n, p) => n + p.calls.length, 0);
    const { result } = await drain(h.runner.run([...UNAVAILABLE, FINE], ASK, options()));
    assert.deepEqual(result?.answeredBy, FINE);
    assert.equal(Object.values(providers).reduce((n, p) => n + p.calls.length, 0), calls + 1, 'only the available model was called');

    const reasons = new Set<string>();
    for (const [i, r] of UNAVAILABLE.entries()) {
      const excluded = set.exclusions.find((e) => e.model.provider === r.provider && e.model.id === r.model);
      const attempt: AttemptRecord | undefined = result?.attempts[i];
      assert.equal(excluded?.kind, 'demoted', `${r.model} excluded`);
      assert.equal(attempt?.outcome, 'skipped', `${r.model} skipped`);
      assert.deepEqual(attempt?.unavailable, excluded?.unavailable, `${r.model}: the same verdict`);
      const verdict = excluded?.unavailable;
      assert.ok(verdict !== undefined);
      reasons.add(verdict.reason);
      assert.equal(excluded?.reason, `demoted (${describeUnavailable(verdict)})`);
      assert.ok(attempt?.note?.startsWith(describeUnavailable(verdict)), `${attempt?.note} starts with ${describeUnavailable(verdict)}`);
    }
    assert.deepEqual([...reasons].sort(), ['breakerOpen', 'failingChecks', 'probeBusy', 'suspended'], 'every source is covered');
  });

  it('the route explanation names the same cause the attempt record carries', async () => {
    const { h } = await degrade();
    const decision = route(REQUEST, PROFILE, routingContext(h));
    const { result } = await drain(h.runner.run([KEY, FINE], ASK, options()));
    assert.ok(decision.reasons.includes('anthropic/a-1: demoted (suspended: API key rejected).'), decision.reasons.join('\n'));
    assert.equal(result?.attempts[0]?.note, 'suspended: API key rejected; retry in 30 min');
    assert.ok(decision.reasons.includes('openai/o-fail: demoted (circuit breaker open: 3 failures in a row (last: timeout)).'), decision.reasons.join('\n'));
  });
});

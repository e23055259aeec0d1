import assert from 'node:assert/strict';
import { createEligibility, type EligibilityDeps } from '../../../src/app/eligibility';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../src/core/catalog/modelInfo';
import type { PrivacySettings } from '../../../src/core/config/routingSchema';
import { AVAILABLE, type Unavailable } from '../../../src/core/resilience/availability';
import type { RouteRequest } from '../../../src/core/routing/taskProfile';

function model(provider: string, id: string, extra: Partial<ModelInfo> = {}): ModelInfo {
  return {
    provider, id, displayName: id, pricing: { inputPerMTok: 1, outputPerMTok: 2 }, contextWindow: 100_000,
    capabilities: { vision: false, tools: true, json: true, reasoning: false }, tier: 'standard', source: 'builtin', ...extra,
  };
}
const MODELS = [model('openai', 'o1'), model('anthropic', 'a1'), model('gemini', 'g1'), model('compat:ollama', 'llama')];
const COOLING: Unavailable = { state: 'unavailable', reason: 'breakerOpen', detail: '3 failures in a row', scope: 'model', until: 1 };

function eligibility(setup: { noKey?: string[]; privacy?: Partial<PrivacySettings>; cooling?: string[] } = {}) {
  const discovered: string[][] = [];
  const deps: EligibilityDeps = {
    catalog: () => buildCatalog({ builtin: MODELS, userEntries: [], discovered: [] }),
    settings: () => ({ routing: { classifier: 'heuristic', rules: [], featureTiers: {} }, privacy: { localOnlyGlobs: [], ...setup.privacy } }),
    availableProviders: async () => new Set(MODELS.map((m) => m.provider).filter((p) => !(setup.noKey ?? []).includes(p))),
    localProviders: () => new Set(['compat:ollama']),
    availability: (ref) => ((setup.cooling ?? []).includes(ref.model) ? COOLING : AVAILABLE),
    discover: async (available) => void discovered.push([...available]),
  };
  return { eligibility: createEligibility(deps), discovered };
}

const ask = (contextFiles?: string[]): RouteRequest => ({ messages: [{ role: 'user', content: 'Explain this.' }], feature: 'compare', ...(contextFiles ? { contextFiles } : {}) });
const ref = (provider: string, model: string) => ({ provider, model });

describe('eligibility: which models may take a request (one read for the router and every ensemble)', () => {
  it('lists the models of available, allowed providers, cooling-down ones included, after discovery', async () => {
    const { eligibility: e, discovered } = eligibility({ noKey: ['gemini'], privacy: { allowedProviders: ['openai', 'anthropic', 'compat:ollama'] }, cooling: ['a1'] });
    assert.deepEqual((await e.models('compare')).map((m) => m.id), ['o1', 'a1', 'llama']);
    assert.equal(discovered.length, 1);
  });

  const problems: { name: string; setup: Parameters<typeof eligibility>[0]; refs: { provider: string; model: string }[]; files?: string[]; says: RegExp | undefined }[] = [
    { name: 'every picked model eligible', setup: {}, refs: [ref('openai', 'o1'), ref('anthropic', 'a1')], says: undefined },
    { name: 'a provider outside allowedProviders', setup: { privacy: { allowedProviders: ['openai'] } }, refs: [ref('openai', 'o1'), ref('anthropic', 'a1')], says: /^anthropic\/a1: provider anthropic is not in quorum\.privacy\.allowedProviders\.$/ },
    { name: 'a provider without a key', setup: { noKey: ['gemini'] }, refs: [ref('gemini', 'g1')], says: /gemini\/g1: gemini is not configured \(no API key\)/ },
    { name: 'a private file to a cloud model', setup: { privacy: { localOnlyGlobs: ['**/*.env'] } }, refs: [ref('openai', 'o1'), ref('compat:ollama', 'llama')], files: ['config/.env'], says: /^openai\/o1: not a local endpoint, and the context includes config\/\.env/ },
    { name: 'a private file to a local model only', setup: { privacy: { localOnlyGlobs: ['**/*.env'] } }, refs: [ref('compat:ollama', 'llama')], files: ['config/.env'], says: undefined },
    { name: 'a cooling-down model the user picked is still tried', setup: { cooling: ['o1'] }, refs: [ref('openai', 'o1')], says: undefined },
    { name: 'a provider that does not meet quorum.privacy.require', setup: { privacy: { require: { trainsOnData: false } } }, refs: [ref('openai', 'o1'), ref('gemini', 'g1')], says: /^gemini\/g1: does not meet quorum\.privacy\.require \(may train on the data\)\.$/ },
    { name: 'a local model meets any requirement', setup: { privacy: { require: { zeroDataRetention: true, region: ['eu'] } } }, refs: [ref('compat:ollama', 'llama')], says: undefined },
    { name: 'a model that is not in the catalog', setup: {}, refs: [ref('openai', 'nope')], says: /openai\/nope is not an enabled model/ },
  ];
  for (const row of problems) {
    it(`problem(): ${row.name}`, async () => {
      const problem = await eligibility(row.setup).eligibility.problem(row.refs, ask(row.files));
      if (row.says === undefined) assert.equal(problem, undefined);
      else assert.match(problem ?? '', row.says);
    });
  }

  it('gives the router the same reading: a cooling-down model is excluded from routing with its verdict', async () => {
    const set = await eligibility({ cooling: ['o1'] }).eligibility.candidates(ask());
    assert.equal(set.candidates.some((m) => m.id === 'o1'), false);
    assert.equal(set.exclusions.find((x) => x.model.id === 'o1')?.kind, 'demoted');
  });
});

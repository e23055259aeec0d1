import assert from 'node:assert/strict';
import { createAskEngine } from '../../../src/app/askEngine';
import { createEligibility } from '../../../src/app/eligibility';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../src/core/catalog/modelInfo';
import type { QuorumSettings } from '../../../src/core/config/settingsSchema';
import { validateSettings } from '../../../src/core/config/validateSettings';
import type { Provider } from '../../../src/core/providers/provider';
import { AVAILABLE } from '../../../src/core/resilience/availability';
import type { RouteRequest } from '../../../src/core/routing/taskProfile';

function model(provider: string, id: string, inputPerMTok: number): ModelInfo {
  return {
    provider, id, displayName: id, pricing: { inputPerMTok, outputPerMTok: inputPerMTok }, contextWindow: 100_000,
    capabilities: { vision: false, tools: true, json: true, reasoning: false }, tier: 'budget', source: 'builtin',
  };
}
// The cloud model is the cheapest: today's classifier picks it whatever the request's privacy settings say.
const MODELS = [model('openai', 'cloud-mini', 0.1), model('compat:ollama', 'llama', 1)];
const SECRET = 'DB_PASSWORD=hunter2';

function engine(privacy: Partial<QuorumSettings['privacy']>) {
  const asked: { provider: string; text: string }[] = [];
  const fake = (id: string): Provider => ({
    id, kind: 'openaiCompatible', displayName: id,
    async *stream(request) {
      asked.push({ provider: id, text: JSON.stringify(request.messages) });
      yield { type: 'text-delta', text: '{"type":"codeReview","complexity":"simple"}' };
    },
    listModels: async () => [],
  });
  const base = validateSettings(() => undefined).value;
  const settings: QuorumSettings = { ...base, routing: { ...base.routing, classifier: 'model' }, privacy: { ...base.privacy, ...privacy } };
  const catalog = () => buildCatalog({ builtin: MODELS, userEntries: [], discovered: [] });
  const eligibility = createEligibility({
    catalog, settings: () => settings, availableProviders: async () => new Set(['openai', 'compat:ollama']),
    localProviders: () => new Set(['compat:ollama']), availability: () => AVAILABLE,
  });
  const built = createAskEngine({
    providers: { provider: async (id) => fake(id) }, catalog, eligibility, settings: () => settings,
    runner: { run: () => { throw new Error('not used'); } },
  });
  return { built, asked };
}

const withEnvFile: RouteRequest = { messages: [{ role: 'user', content: `Why does this fail?\n${SECRET}` }], feature: 'ask', contextFiles: ['config/.env'] };

describe('askEngine: the model classifier obeys the request’s eligibility (issue 13, finding 1)', () => {
  it('sends a local-only file only to a local model', async () => {
    const { built, asked } = engine({ localOnlyGlobs: ['**/*.env'] });
    const profile = await built.classify(withEnvFile);
    assert.deepEqual(asked.map((a) => a.provider), ['compat:ollama']);
    assert.equal(profile.source, 'model');
  });

  it('asks no provider outside allowedProviders', async () => {
    const { built, asked } = engine({ allowedProviders: ['compat:ollama'] });
    await built.classify({ ...withEnvFile, contextFiles: [] });
    assert.deepEqual(asked.map((a) => a.provider), ['compat:ollama']);
  });

  it('sends nothing when no model may take the request, and keeps the heuristic profile', async () => {
    const { built, asked } = engine({ localOnlyGlobs: ['**/*.env'], allowedProviders: ['openai'] });
    const profile = await built.classify(withEnvFile);
    assert.equal(asked.length, 0);
    assert.notEqual(profile.source, 'model');
  });

  it('uses the cheapest model when nothing restricts the request', async () => {
    const { built, asked } = engine({});
    await built.classify({ messages: [{ role: 'user', content: 'Hello there' }], feature: 'ask' });
    assert.deepEqual(asked.map((a) => a.provider), ['openai']);
  });
});

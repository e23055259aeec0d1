import assert from 'node:assert/strict';
import { CatalogService, type CatalogServiceSources } from '../../../../src/core/catalog/catalogService';
import type { CompatEndpoint } from '../../../../src/core/config/settingsSchema';

function endpoint(id: string, models: string[] = []): CompatEndpoint {
  return { id, providerId: `compat:${id}`, name: id, baseUrl: `http://127.0.0.1:1/${id}/v1`, requiresKey: false, local: true, models };
}

describe('CatalogService', () => {
  let sources: CatalogServiceSources;
  let service: CatalogService;
  beforeEach(() => {
    sources = { userEntries: [], endpoints: [endpoint('ollama'), endpoint('pinned', ['chosen-model'])] };
    service = new CatalogService(() => sources);
  });

  it('starts with the built-in models and the models an endpoint lists in its settings', () => {
    const catalog = service.catalog();
    assert.ok(catalog.forProvider('openai').length > 0);
    assert.deepEqual(catalog.forProvider('compat:pinned').map((m) => m.id), ['chosen-model']);
    assert.equal(catalog.forProvider('compat:ollama').length, 0);
  });

  it('adds models an OpenAI-compatible endpoint listed, with unknown prices', () => {
    service.recordListing('compat:ollama', [{ id: 'llama3.2:latest' }, { id: 'qwen3:8b' }]);
    const models = service.catalog().forProvider('compat:ollama');
    assert.deepEqual(models.map((m) => m.id), ['llama3.2:latest', 'qwen3:8b']);
    assert.equal(models[0]?.source, 'discovered');
    assert.equal(models[0]?.pricing.inputPerMTok, undefined);
  });

  it('ignores a listing for an endpoint whose models are pinned, and a compatible listing\'s embedding models', () => {
    service.recordListing('compat:pinned', [{ id: 'other' }]);
    service.recordListing('compat:ollama', [{ id: 'llama3.2:latest' }, { id: 'nomic-embed-text:latest' }]);
    assert.deepEqual(service.catalog().forProvider('compat:pinned').map((m) => m.id), ['chosen-model']);
    assert.deepEqual(service.catalog().forProvider('compat:ollama').map((m) => m.id), ['llama3.2:latest']);
  });

  it('offers what a vendor lists: listed built-ins, unknown listed chat models; unlisted built-ins withheld', () => {
    assert.equal(service.needsListing('openai'), true);
    service.recordListing('openai', [{ id: 'gpt-6-luna' }, { id: 'gpt-5.4' }, { id: 'text-embedding-3-small' }]);
    const openai = service.catalog().forProvider('openai');
    assert.deepEqual(openai.map((m) => m.id), ['gpt-6-luna', 'gpt-5.4']);
    assert.equal(service.needsListing('openai'), false);
    assert.deepEqual(service.served('openai')?.notServed.map((m) => m.id), ['gpt-6.2-astra', 'gpt-6.2-sol']);
    assert.equal(service.served('compat:ollama'), undefined);
  });

  it('keeps the built-ins when a listing fails, and a good listing over a later failure', () => {
    const builtins = service.catalog().forProvider('anthropic').map((m) => m.id);
    service.recordListingFailure('anthropic', 'Anthropic is unreachable.');
    assert.deepEqual(service.catalog().forProvider('anthropic').map((m) => m.id), builtins);
    assert.equal(service.served('anthropic')?.failure, 'Anthropic is unreachable.');
    assert.equal(service.needsListing('anthropic'), true);
    service.recordListing('anthropic', [{ id: 'claude-haiku-5-5' }]);
    service.recordListingFailure('anthropic', 'timeout');
    assert.deepEqual(service.catalog().forProvider('anthropic').map((m) => m.id), ['claude-haiku-5-5']);
  });

  it('a quorum.models entry tiers a listed unknown model but does not bring back a withheld one', () => {
    sources = { ...sources, userEntries: [
      { provider: 'openai', id: 'gpt-5.4', tier: 'premium', inputPerMTok: 2, outputPerMTok: 8 },
      { provider: 'openai', id: 'gpt-6.2-sol', tier: 'budget' },
      { provider: 'openai', id: 'text-embedding-3-small', tier: 'budget' },
    ] };
    service.recordListing('openai', [{ id: 'gpt-5.4' }, { id: 'text-embedding-3-small' }]);
    const catalog = service.catalog();
    assert.deepEqual(catalog.forProvider('openai').map((m) => m.id), ['gpt-5.4']);
    assert.equal(catalog.get({ provider: 'openai', model: 'gpt-5.4' })?.tier, 'premium');
    assert.equal(catalog.get({ provider: 'openai', model: 'gpt-5.4' })?.pricing.outputPerMTok, 8);
  });

  it('rebuilds only when an input changed', () => {
    const first = service.catalog();
    assert.equal(service.catalog(), first);
    service.recordListing('compat:ollama', [{ id: 'a' }]);
    const second = service.catalog();
    assert.notEqual(second, first);
    service.recordListing('compat:ollama', [{ id: 'a' }]);
    assert.equal(service.catalog(), second, 'the same listing again changes nothing');
    sources = { ...sources, userEntries: [{ provider: 'compat:ollama', id: 'a', inputPerMTok: 0, outputPerMTok: 0 }] };
    const third = service.catalog();
    assert.notEqual(third, second);
    assert.equal(third.get({ provider: 'compat:ollama', model: 'a' })?.pricing.inputPerMTok, 0);
  });
});

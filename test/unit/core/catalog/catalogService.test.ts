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

  it('ignores listings of the big vendors and a listing for an endpoint whose models are pinned', () => {
    const before = service.catalog().forProvider('openai').length;
    service.recordListing('openai', [{ id: 'some-unknown-model' }]);
    service.recordListing('compat:pinned', [{ id: 'other' }]);
    assert.equal(service.catalog().forProvider('openai').length, before);
    assert.deepEqual(service.catalog().forProvider('compat:pinned').map((m) => m.id), ['chosen-model']);
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

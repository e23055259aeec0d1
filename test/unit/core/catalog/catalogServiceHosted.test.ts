import assert from 'node:assert/strict';
import { CatalogService } from '../../../../src/core/catalog/catalogService';
import { vscodeLmModelInfo } from '../../../../src/core/providers/vscodeLm/models';

const gpt4o = vscodeLmModelInfo({ id: 'gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 64_000 });

describe('CatalogService hosted models (vscodeLm)', () => {
  it('adds, replaces and removes a hosted provider\'s models, rebuilding only on change', () => {
    const sources = { userEntries: [], endpoints: [] };
    const service = new CatalogService(() => sources);
    const before = service.catalog();
    service.setHostedModels('vscodeLm', [gpt4o]);
    const withModel = service.catalog();
    assert.notEqual(withModel, before);
    assert.deepEqual(withModel.forProvider('vscodeLm').map((m) => m.id), ['gpt-4o']);
    service.setHostedModels('vscodeLm', [{ ...gpt4o }]);
    assert.equal(service.catalog(), withModel, 'same models: no rebuild');
    service.setHostedModels('vscodeLm', [{ ...gpt4o, contextWindow: 128_000 }]);
    assert.equal(service.catalog().get({ provider: 'vscodeLm', model: 'gpt-4o' })?.contextWindow, 128_000);
    service.setHostedModels('vscodeLm', []);
    assert.equal(service.catalog().forProvider('vscodeLm').length, 0);
  });

  it('a quorum.models entry overrides a hosted model like a built-in', () => {
    const entries = [{ provider: 'vscodeLm', id: 'gpt-4o', tier: 'premium' as const, disabled: true }];
    const service = new CatalogService(() => ({ userEntries: entries as never, endpoints: [] }));
    service.setHostedModels('vscodeLm', [gpt4o]);
    const model = service.catalog().get({ provider: 'vscodeLm', model: 'gpt-4o' });
    assert.equal(model?.tier, 'premium');
    assert.equal(model?.disabled, true);
    assert.equal(model?.source, 'discovered');
  });
});

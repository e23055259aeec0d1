import assert from 'node:assert/strict';
import { cheapestModel } from '../../../../src/core/catalog/cheapestModel';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';

function model(provider: string, id: string, input?: number, output?: number, extra: Partial<ModelInfo> = {}): ModelInfo {
  return {
    provider, id, displayName: id, pricing: { inputPerMTok: input, outputPerMTok: output },
    capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier: 'standard', source: 'builtin', ...extra,
  };
}

describe('cheapestModel', () => {
  const catalog = buildCatalog({
    builtin: [
      model('openai', 'big', 5, 20),
      model('openai', 'small', 0.1, 0.4),
      model('anthropic', 'tiny', 0.05, 0.2, { disabled: true }),
      model('anthropic', 'mid', 1, 5),
      model('compat:local', 'llama', undefined, undefined, { tier: 'budget' }),
      model('compat:local', 'other', undefined, undefined),
    ],
    userEntries: [],
    discovered: [],
  });

  const rows: [string[], string | undefined][] = [
    [['openai', 'anthropic'], 'openai/small'],
    [['anthropic'], 'anthropic/mid'],
    [['compat:local'], 'compat:local/llama'],
    [['compat:local', 'anthropic'], 'anthropic/mid'],
    [['gemini'], undefined],
  ];
  for (const [providers, expected] of rows) {
    it(`among ${providers.join(', ')} → ${expected ?? 'none'}`, () => {
      const ref = cheapestModel(catalog, providers);
      assert.equal(ref === undefined ? undefined : `${ref.provider}/${ref.model}`, expected);
    });
  }
});

import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { DiscoveredModel } from '../../../../src/core/catalog/modelCatalog';
import { NO_CAPABILITIES } from '../../../../src/core/catalog/modelInfo';
import type { ModelCapabilities, ModelInfo } from '../../../../src/core/catalog/modelInfo';
import type { UserModelEntry } from '../../../../src/core/config/modelsSchema';
import type { ModelRef } from '../../../../src/core/types';

const FULL: ModelCapabilities = { vision: true, tools: true, json: true, reasoning: true };

const ALPHA: ModelInfo = {
  provider: 'openai',
  id: 'alpha',
  displayName: 'Alpha',
  pricing: { inputPerMTok: 1, outputPerMTok: 4, cachedInputPerMTok: 0.1 },
  contextWindow: 1000,
  maxOutputTokens: 100,
  capabilities: FULL,
  tier: 'premium',
  pricesCheckedOn: '2026-11-21',
  source: 'builtin',
};

const BETA: ModelInfo = {
  provider: 'anthropic',
  id: 'beta',
  displayName: 'Beta',
  pricing: { inputPerMTok: 0.5, outputPerMTok: 2 },
  capabilities: { vision: false, tools: true, json: false, reasoning: false },
  tier: 'budget',
  pricesCheckedOn: '2026-11-21',
  source: 'builtin',
};

const BUILTIN: readonly ModelInfo[] = [ALPHA, BETA];
const ALPHA_REF: ModelRef = { provider: 'openai', model: 'alpha' };
const QWEN_REF: ModelRef = { provider: 'compat:ollama', model: 'qwen3' };

interface Row {
  readonly name: string;
  readonly userEntries?: readonly UserModelEntry[];
  readonly discovered?: readonly DiscoveredModel[];
  readonly ref: ModelRef;
  readonly expected: ModelInfo | undefined;
}

const { pricesCheckedOn: _checked, ...ALPHA_UNCHECKED } = ALPHA;

const ROWS: readonly Row[] = [
  { name: 'keeps a built-in model as shipped', ref: ALPHA_REF, expected: ALPHA },
  {
    name: 'overrides only the price a user entry sets, and drops the price check date',
    userEntries: [{ provider: 'openai', id: 'alpha', outputPerMTok: 5 }],
    ref: ALPHA_REF,
    expected: { ...ALPHA_UNCHECKED, pricing: { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1 } },
  },
  {
    name: 'adds a price the built-in entry did not know',
    userEntries: [{ provider: 'anthropic', id: 'beta', cacheWritePerMTok: 0.625 }],
    ref: { provider: 'anthropic', model: 'beta' },
    expected: {
      provider: 'anthropic',
      id: 'beta',
      displayName: 'Beta',
      pricing: { inputPerMTok: 0.5, outputPerMTok: 2, cacheWritePerMTok: 0.625 },
      capabilities: BETA.capabilities,
      tier: 'budget',
      source: 'builtin',
    },
  },
  {
    name: 'overrides name, limits and tier but keeps the price check date when no price changes',
    userEntries: [{ provider: 'openai', id: 'alpha', displayName: 'Alpha EU', contextWindow: 2000, maxOutputTokens: 200, tier: 'standard' }],
    ref: ALPHA_REF,
    expected: { ...ALPHA, displayName: 'Alpha EU', contextWindow: 2000, maxOutputTokens: 200, tier: 'standard' },
  },
  {
    name: 'overrides single capabilities and keeps the others',
    userEntries: [{ provider: 'openai', id: 'alpha', capabilities: { vision: false } }],
    ref: ALPHA_REF,
    expected: { ...ALPHA, capabilities: { ...FULL, vision: false } },
  },
  {
    name: 'lets a later entry win where two entries set the same field',
    userEntries: [
      { provider: 'openai', id: 'alpha', inputPerMTok: 2, outputPerMTok: 7 },
      { provider: 'openai', id: 'alpha', inputPerMTok: 3 },
    ],
    ref: ALPHA_REF,
    expected: { ...ALPHA_UNCHECKED, pricing: { inputPerMTok: 3, outputPerMTok: 7, cachedInputPerMTok: 0.1 } },
  },
  {
    name: 'keeps a disabled built-in model, flagged',
    userEntries: [{ provider: 'openai', id: 'alpha', disabled: true }],
    ref: ALPHA_REF,
    expected: { ...ALPHA, disabled: true },
  },
  {
    name: 're-enables a model a later entry enables',
    userEntries: [
      { provider: 'openai', id: 'alpha', disabled: true },
      { provider: 'openai', id: 'alpha', disabled: false },
    ],
    ref: ALPHA_REF,
    expected: { ...ALPHA, disabled: false },
  },
  {
    name: 'adds a user model with unknown prices, standard tier and no capabilities',
    userEntries: [{ provider: 'compat:ollama', id: 'qwen3', inputPerMTok: 0 }],
    ref: QWEN_REF,
    expected: {
      provider: 'compat:ollama',
      id: 'qwen3',
      displayName: 'qwen3',
      pricing: { inputPerMTok: 0 },
      capabilities: NO_CAPABILITIES,
      tier: 'standard',
      source: 'user',
    },
  },
  {
    name: 'adds a user model with the tier, limits and capabilities it gives',
    userEntries: [
      { provider: 'openai', id: 'gamma', displayName: 'Gamma', tier: 'budget', contextWindow: 8000, capabilities: { tools: true } },
    ],
    ref: { provider: 'openai', model: 'gamma' },
    expected: {
      provider: 'openai',
      id: 'gamma',
      displayName: 'Gamma',
      pricing: {},
      contextWindow: 8000,
      capabilities: { ...NO_CAPABILITIES, tools: true },
      tier: 'budget',
      source: 'user',
    },
  },
  {
    name: 'adds a discovered model with unknown prices under its listed name',
    discovered: [{ provider: 'compat:ollama', id: 'qwen3', displayName: 'Qwen 3' }],
    ref: QWEN_REF,
    expected: {
      provider: 'compat:ollama',
      id: 'qwen3',
      displayName: 'Qwen 3',
      pricing: {},
      capabilities: NO_CAPABILITIES,
      tier: 'standard',
      source: 'discovered',
    },
  },
  {
    name: 'keeps the built-in entry when an endpoint also lists the model',
    discovered: [{ provider: 'openai', id: 'alpha', displayName: 'alpha-listing' }],
    ref: ALPHA_REF,
    expected: ALPHA,
  },
  {
    name: 'describes a discovered model with the user entry and the listed name',
    userEntries: [{ provider: 'compat:ollama', id: 'qwen3', inputPerMTok: 0.5 }],
    discovered: [{ provider: 'compat:ollama', id: 'qwen3', displayName: 'Qwen 3' }],
    ref: QWEN_REF,
    expected: {
      provider: 'compat:ollama',
      id: 'qwen3',
      displayName: 'Qwen 3',
      pricing: { inputPerMTok: 0.5 },
      capabilities: NO_CAPABILITIES,
      tier: 'standard',
      source: 'user',
    },
  },
  { name: 'knows nothing of an unlisted model', ref: { provider: 'openai', model: 'omega' }, expected: undefined },
  { name: 'matches model ids exactly, case included', ref: { provider: 'openai', model: 'ALPHA' }, expected: undefined },
  { name: 'matches the provider instance too', ref: { provider: 'compat:x', model: 'alpha' }, expected: undefined },
];

describe('buildCatalog', () => {
  describe('get', () => {
    for (const row of ROWS) {
      it(row.name, () => {
        const catalog = buildCatalog({ builtin: BUILTIN, userEntries: row.userEntries ?? [], discovered: row.discovered ?? [] });
        assert.deepEqual(catalog.get(row.ref), row.expected);
      });
    }
  });

  const mixed = () =>
    buildCatalog({
      builtin: BUILTIN,
      userEntries: [
        { provider: 'compat:ollama', id: 'llama4' },
        { provider: 'anthropic', id: 'beta', disabled: true },
      ],
      discovered: [
        { provider: 'compat:ollama', id: 'qwen3' },
        { provider: 'compat:ollama', id: 'llama4' },
      ],
    });

  it('lists built-in, then user-added, then discovered models, disabled ones included', () => {
    const listed = mixed().all().map((m) => `${m.source}:${m.provider}/${m.id}${m.disabled === true ? ' (disabled)' : ''}`);
    assert.deepEqual(listed, [
      'builtin:openai/alpha',
      'builtin:anthropic/beta (disabled)',
      'user:compat:ollama/llama4',
      'discovered:compat:ollama/qwen3',
    ]);
  });

  it('leaves disabled models out of enabled()', () => {
    assert.deepEqual(
      mixed().enabled().map((m) => m.id),
      ['alpha', 'llama4', 'qwen3'],
    );
  });

  for (const [provider, ids] of [
    ['compat:ollama', ['llama4', 'qwen3']],
    ['anthropic', ['beta']],
    ['gemini', []],
  ] as const) {
    it(`lists the models of ${provider}`, () => {
      assert.deepEqual(
        mixed().forProvider(provider).map((m) => m.id),
        ids,
      );
    });
  }

  it('returns frozen models, prices, capabilities and lists', () => {
    const catalog = mixed();
    assert.ok(Object.isFrozen(catalog.all()));
    assert.ok(Object.isFrozen(catalog.enabled()));
    assert.ok(Object.isFrozen(catalog.forProvider('compat:ollama')));
    for (const model of catalog.all()) {
      assert.ok(Object.isFrozen(model) && Object.isFrozen(model.pricing) && Object.isFrozen(model.capabilities), model.id);
    }
  });

  it('does not modify its inputs', () => {
    const builtin = structuredClone(BUILTIN);
    const userEntries: UserModelEntry[] = [{ provider: 'openai', id: 'alpha', inputPerMTok: 9, capabilities: { json: false }, disabled: true }];
    const discovered: DiscoveredModel[] = [{ provider: 'compat:ollama', id: 'qwen3' }];
    const before = structuredClone({ builtin, userEntries, discovered });
    buildCatalog({ builtin, userEntries, discovered });
    assert.deepEqual({ builtin, userEntries, discovered }, before);
  });

  it('builds an empty catalog from no sources', () => {
    const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
    assert.deepEqual([catalog.all(), catalog.enabled(), catalog.forProvider('openai')], [[], [], []]);
    assert.equal(catalog.get(ALPHA_REF), undefined);
  });
});

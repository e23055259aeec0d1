import assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { servedModels, type ProviderListing } from '../../../../src/core/catalog/servedModels';
import type { RemoteModel } from '../../../../src/core/types';

const builtinsOf = (provider: string): typeof builtinModels => builtinModels.filter((m) => m.provider === provider);
const listed = (...models: (string | RemoteModel)[]): ProviderListing =>
  ({ state: 'listed', models: models.map((m) => (typeof m === 'string' ? { id: m } : m)) });

describe('servedModels (catalog merge)', () => {
  const rows: { name: string; provider: string; listing: ProviderListing | undefined; offered: string[]; notServed: string[]; nonChat?: string[]; basis?: string }[] = [
    { name: 'known listed built-ins keep their metadata; unlisted built-ins are not served', provider: 'openai',
      listing: listed('gpt-6-luna', 'gpt-6.2-sol'), offered: ['gpt-6-luna', 'gpt-6.2-sol'], notServed: ['gpt-6.2-astra'] },
    { name: 'unknown listed chat models join after the known ones', provider: 'openai',
      listing: listed('gpt-5.4', 'gpt-6-luna'), offered: ['gpt-6-luna', 'gpt-5.4'], notServed: ['gpt-6.2-astra', 'gpt-6.2-sol'] },
    { name: 'embedding, speech, image, moderation, transcription and realtime models are never chat models', provider: 'openai',
      listing: listed('text-embedding-3-small', 'tts-1', 'gpt-4o-mini-tts', 'dall-e-3', 'gpt-image-1', 'omni-moderation-latest', 'whisper-1',
        'gpt-4o-transcribe', 'gpt-4o-realtime-preview', 'gpt-4o-audio-preview', 'sora-2', 'gpt-6-luna'),
      offered: ['gpt-6-luna'], notServed: ['gpt-6.2-astra', 'gpt-6.2-sol'],
      nonChat: ['text-embedding-3-small', 'tts-1', 'gpt-4o-mini-tts', 'dall-e-3', 'gpt-image-1', 'omni-moderation-latest', 'whisper-1',
        'gpt-4o-transcribe', 'gpt-4o-realtime-preview', 'gpt-4o-audio-preview', 'sora-2'] },
    { name: 'a dated snapshot of a built-in family is offered under its own id when the alias is not listed', provider: 'anthropic',
      listing: listed('claude-haiku-5-5-20261001'), offered: ['claude-haiku-5-5-20261001'], notServed: ['claude-fable-5-1', 'claude-opus-5-5', 'claude-sonnet-5-5'] },
    { name: 'a snapshot is left out when its family id is listed too', provider: 'openai',
      listing: listed('gpt-6-luna-2026-11-17', 'gpt-6-luna', 'gpt-6.2-sol-latest'), offered: ['gpt-6-luna', 'gpt-6.2-sol-latest'], notServed: ['gpt-6.2-astra'] },
    { name: 'an unknown family is offered once, without the snapshots of it that are listed too', provider: 'openai',
      listing: listed('gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-2024-11-20', 'o9-2026-01-01', 'gpt-6-luna'),
      offered: ['gpt-6-luna', 'gpt-4o', 'o9-2026-01-01'], notServed: ['gpt-6.2-astra', 'gpt-6.2-sol'] },
    { name: 'Gemini: models/ prefixes, -latest aliases, no generateContent = not chat', provider: 'gemini',
      listing: listed('models/gemini-3.8-flash', 'gemini-3.5-flash-lite-latest', { id: 'gemini-embedding-001', methods: ['embedContent'] },
        { id: 'gemini-x-tuned', methods: ['generateContent'] }),
      offered: ['gemini-3.8-flash', 'gemini-3.5-flash-lite-latest', 'gemini-x-tuned'], notServed: ['gemini-3.1-pro-preview'], nonChat: ['gemini-embedding-001'] },
    { name: 'no listing yet: the built-ins stand in', provider: 'anthropic', listing: undefined,
      offered: builtinsOf('anthropic').map((m) => m.id), notServed: [], basis: 'fallback' },
    { name: 'listing failed: the built-ins stand in', provider: 'gemini', listing: { state: 'failed', message: 'unreachable' },
      offered: builtinsOf('gemini').map((m) => m.id), notServed: [], basis: 'fallback' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const served = servedModels(row.provider, builtinsOf(row.provider), row.listing);
      assert.deepEqual(served.models.map((m) => m.id), row.offered);
      assert.deepEqual(served.notServed.map((m) => m.id), row.notServed);
      assert.deepEqual(served.nonChat.map((m) => m.id), row.nonChat ?? []);
      assert.equal(served.basis, row.basis ?? 'listed');
    });
  }

  it('prices and tiers a snapshot as its family, and names the snapshot', () => {
    const [model] = servedModels('anthropic', builtinsOf('anthropic'), listed('claude-haiku-5-5-20261001')).models;
    const family = builtinsOf('anthropic').find((m) => m.id === 'claude-haiku-5-5');
    assert.equal(model?.pricing, family?.pricing);
    assert.equal(model?.tier, family?.tier);
    assert.equal(model?.displayName, `${family?.displayName} (20261001)`);
  });

  it('an unknown listed model has unknown prices, tier standard and the limits the listing gives', () => {
    const [model] = servedModels('gemini', [], listed({ id: 'gemini-x', methods: ['generateContent'], inputTokenLimit: 1000, outputTokenLimit: 200, thinking: true })).models;
    assert.deepEqual(model?.pricing, {});
    assert.equal(model?.tier, 'standard');
    assert.equal(model?.source, 'discovered');
    assert.equal(model?.contextWindow, 1200);
    assert.equal(model?.maxOutputTokens, 200);
    assert.equal(model?.capabilities.reasoning, true);
    assert.equal(model?.capabilities.vision, false);
  });

  it('a failed listing says why', () => {
    assert.equal(servedModels('gemini', [], { state: 'failed', message: 'Key rejected.' }).failure, 'Key rejected.');
  });
});

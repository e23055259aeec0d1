import assert from 'node:assert/strict';
import { SecretRedactor } from '../../../../src/core/keys/secretRedactor';
import { silentLogger, type SecretStore } from '../../../../src/core/ports';
import { DEFAULT_STREAM_TIMEOUTS, type Provider } from '../../../../src/core/providers/provider';
import { ProviderService } from '../../../../src/core/providers/providerService';

const noSecrets: SecretStore = { get: async () => undefined, store: async () => undefined, delete: async () => undefined };

const hostedProvider: Provider = {
  id: 'vscodeLm',
  kind: 'vscodeLm',
  displayName: 'VS Code language models',
  stream: async function* () { yield { type: 'finish', reason: 'stop' } as const; },
  listModels: async () => [{ id: 'gpt-4o' }],
};

describe('ProviderService hosted providers', () => {
  function service(hosted: Provider[]): ProviderService {
    return new ProviderService(noSecrets, new SecretRedactor(), () => ({ descriptors: [], timeouts: DEFAULT_STREAM_TIMEOUTS, checkTimeoutMs: 1000 }), silentLogger, undefined, () => hosted);
  }

  it('a hosted provider is available and served without a key or a descriptor', async () => {
    const s = service([hostedProvider]);
    assert.deepEqual([...await s.availableIds()], ['vscodeLm']);
    assert.equal(await s.provider('vscodeLm'), hostedProvider);
    assert.equal(s.descriptors().length, 0, 'kept out of descriptors, so background checks never call it');
  });

  it('none when the setting is off (the hosted list is empty)', async () => {
    const s = service([]);
    assert.equal((await s.availableIds()).size, 0);
    assert.equal(await s.provider('vscodeLm'), undefined);
  });

  it('check() lists its models without sending a request', async () => {
    const result = await service([hostedProvider]).check('vscodeLm');
    assert.equal(result.status, 'ready');
    assert.deepEqual(result.models.map((m) => m.id), ['gpt-4o']);
  });
});

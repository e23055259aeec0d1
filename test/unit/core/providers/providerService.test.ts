import assert from 'node:assert/strict';
import type { CompatEndpoint } from '../../../../src/core/config/settingsSchema';
import { SecretRedactor } from '../../../../src/core/keys/secretRedactor';
import { silentLogger, type SecretStore } from '../../../../src/core/ports';
import { DEFAULT_STREAM_TIMEOUTS } from '../../../../src/core/providers/provider';
import { describeProviders, displayBaseUrl } from '../../../../src/core/providers/providerDescriptor';
import { providerRow } from '../../../../src/app/views/providerRows';
import { ProviderService } from '../../../../src/core/providers/providerService';
import { startAllFakes } from '../../../fakes/allFakes';
import type { FakeServer } from '../../../fakes/fakeServer';
import { refusedPort } from '../../../fakes/fakeServer';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

function compat(id: string, name: string, baseUrl: string, requiresKey: boolean): CompatEndpoint {
  return { id, providerId: `compat:${id}`, name, baseUrl, requiresKey, local: !requiresKey, models: [] };
}

describe('ProviderService against the fakes', () => {
  let fake: FakeServer;
  let secrets: MemorySecrets;
  let redactor: SecretRedactor;
  let service: ProviderService;
  let downPort: number;

  before(async () => {
    fake = await startAllFakes();
    downPort = await refusedPort();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    secrets = new MemorySecrets();
    redactor = new SecretRedactor();
    const descriptors = describeProviders({
      openai: { baseUrl: fake.baseUrls.openai },
      anthropic: { baseUrl: fake.baseUrls.anthropic },
      gemini: { baseUrl: fake.baseUrls.gemini, apiVersion: 'v1beta' },
      openaiCompatible: [
        compat('fake', 'Fake', fake.baseUrls.openaiCompatible, false),
        compat('down', 'Down', `http://127.0.0.1:${downPort}/v1`, false),
        compat('gateway', 'Gateway', fake.baseUrls.openaiCompatible, true),
      ],
    });
    service = new ProviderService(secrets, redactor, () => ({ descriptors, timeouts: DEFAULT_STREAM_TIMEOUTS, checkTimeoutMs: 2000 }), silentLogger);
  });

  it('reports no key without calling anything', async () => {
    const check = await service.check('openai');
    assert.equal(check.status, 'noKey');
    assert.equal(fake.requests.length, 0);
    assert.equal(await service.keyState(service.descriptor('openai')!), 'missing');
  });

  for (const id of ['openai', 'anthropic', 'gemini']) {
    it(`checks ${id} with a stored key: ready, with models`, async () => {
      await service.setKey(id, `  test-key-for-${id}  `);
      assert.equal(secrets.values.get(`quorum.apiKey.${id}`), `test-key-for-${id}`, 'stored trimmed under quorum.apiKey.<id>');
      const check = await service.check(id);
      assert.equal(check.status, 'ready', check.message);
      assert.ok(check.models.length > 0);
      assert.equal(typeof check.latencyMs, 'number');
      assert.equal(await service.keyState(service.descriptor(id)!), 'set');
    });
  }

  it('checks a keyless OpenAI-compatible endpoint without a key', async () => {
    const check = await service.check('compat:fake');
    assert.equal(check.status, 'ready', check.message);
    assert.equal(await service.keyState(service.descriptor('compat:fake')!), 'notRequired');
  });

  it('needs a key for an endpoint that requires one', async () => {
    assert.equal((await service.check('compat:gateway')).status, 'noKey');
    await service.setKey('compat:gateway', 'gateway-token-123');
    assert.equal((await service.check('compat:gateway')).status, 'ready');
  });

  it('marks a rejected key as keyRejected and never repeats the key in the message', async () => {
    const key = 'sk-invalid-0123456789abcdef';
    await service.setKey('openai', key);
    const check = await service.check('openai');
    assert.equal(check.status, 'keyRejected');
    assert.ok(check.message && !check.message.includes(key));
    assert.equal(redactor.redact(`echo ${key}`), 'echo [redacted]', 'stored keys are registered for redaction');
  });

  it('marks a refused connection as unreachable', async () => {
    const check = await service.check('compat:down');
    assert.equal(check.status, 'unreachable');
    assert.match(check.message ?? '', /Down/);
  });

  it('rebuilds the adapter after a key change and forgets a removed key', async () => {
    await service.setKey('openai', 'sk-invalid-first-key-000');
    assert.equal((await service.check('openai')).status, 'keyRejected');
    await service.setKey('openai', 'sk-good-second-key-000');
    assert.equal((await service.check('openai')).status, 'ready');
    assert.equal(await service.removeKey('openai'), true);
    assert.equal(await service.removeKey('openai'), false);
    assert.equal((await service.check('openai')).status, 'noKey');
  });

  it('turns checks into rows for the Providers view', async () => {
    const d = service.descriptor('compat:fake')!;
    assert.equal(providerRow(d, 'notRequired', undefined).status, 'checking');
    assert.equal(providerRow(service.descriptor('openai')!, 'missing', undefined).status, 'noKey');
    const ready = providerRow(d, 'notRequired', await service.check('compat:fake'));
    assert.equal(ready.status, 'ready');
    assert.equal(ready.modelCount, ready.models.length);
    assert.equal(ready.local, true);
  });
});

describe('displayBaseUrl', () => {
  const rows: [string, string | undefined, string][] = [
    ['openai', undefined, 'https://api.openai.com/v1'],
    ['anthropic', undefined, 'https://api.anthropic.com'],
    ['openai', 'https://user:secret@gateway.example.com/v1/', 'https://gateway.example.com/v1'],
  ];
  for (const [kind, baseUrl, expected] of rows) {
    it(`${kind} ${baseUrl ?? '(default)'} → ${expected}`, () => {
      const d = { id: kind, kind: kind as 'openai', displayName: kind, baseUrl, requiresKey: true, local: false };
      assert.equal(displayBaseUrl(d), expected);
    });
  }
});

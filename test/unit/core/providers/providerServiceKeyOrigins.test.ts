import assert from 'node:assert/strict';
import type { CompatEndpoint } from '../../../../src/core/config/settingsSchema';
import { KeyOrigins, type KeyOriginQuestion, type SettingSource } from '../../../../src/core/keys/keyOrigins';
import { apiKeySecretName } from '../../../../src/core/keys/secretNames';
import { SecretRedactor } from '../../../../src/core/keys/secretRedactor';
import { silentLogger, type SecretStore } from '../../../../src/core/ports';
import { DEFAULT_STREAM_TIMEOUTS } from '../../../../src/core/providers/provider';
import { describeProviders } from '../../../../src/core/providers/providerDescriptor';
import { ProviderService } from '../../../../src/core/providers/providerService';
import { startAllFakes } from '../../../fakes/allFakes';
import type { FakeServer } from '../../../fakes/fakeServer';

const KEY = 'gw-key-0123456789abcdef';

function memorySecrets(): SecretStore & { readonly values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, get: async (k) => values.get(k), store: async (k, v) => void values.set(k, v), delete: async (k) => void values.delete(k) };
}

describe('ProviderService: a stored key goes only to the origin it was stored for (issue 13, finding 2)', () => {
  let fake: FakeServer;
  let baseUrl: string;
  let source: SettingSource;
  let answer: boolean;
  let asked: KeyOriginQuestion[];
  let secrets: ReturnType<typeof memorySecrets>;
  let service: ProviderService;

  before(async () => {
    fake = await startAllFakes();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    baseUrl = fake.baseUrls.openaiCompatible;
    source = 'user';
    answer = false;
    asked = [];
    secrets = memorySecrets();
    const endpoint = (): CompatEndpoint => ({ id: 'gateway', providerId: 'compat:gateway', name: 'Gateway', baseUrl, requiresKey: true, local: false, models: [] });
    const consent = { source: () => source, confirm: async (q: KeyOriginQuestion) => (asked.push(q), answer) };
    service = new ProviderService(secrets, new SecretRedactor(), () => ({
      descriptors: describeProviders({ openai: {}, anthropic: {}, gemini: { apiVersion: 'v1beta' }, openaiCompatible: [endpoint()] }),
      timeouts: DEFAULT_STREAM_TIMEOUTS, checkTimeoutMs: 2000,
    }), silentLogger, undefined, () => [], new KeyOrigins(secrets, consent));
  });

  /** The same fake under another origin: `localhost` instead of `127.0.0.1`. */
  const moveToNewOrigin = (): void => {
    baseUrl = baseUrl.replace('127.0.0.1', 'localhost');
    service.invalidate();
  };

  it('sends the key to the origin it was stored for without asking', async () => {
    await service.setKey('compat:gateway', KEY);
    assert.equal((await service.check('compat:gateway')).status, 'ready');
    assert.equal(asked.length, 0);
    assert.ok(fake.requests.length > 0);
  });

  it('asks before a workspace URL gets the key; declined → nothing is sent, and the answer is remembered', async () => {
    await service.setKey('compat:gateway', KEY);
    source = 'workspace';
    moveToNewOrigin();
    const check = await service.check('compat:gateway');
    assert.notEqual(check.status, 'ready');
    assert.match(check.message ?? '', /Not sent/);
    assert.deepEqual(asked.map((q) => [q.origin, q.source]), [[new URL(baseUrl).origin, 'workspace']]);
    assert.equal(fake.requests.length, 0);
    service.invalidate();
    await service.check('compat:gateway');
    assert.equal(asked.length, 1, 'asked only once');
    assert.equal(fake.requests.length, 0);
  });

  it('sends the key to the new origin once the user agrees', async () => {
    await service.setKey('compat:gateway', KEY);
    moveToNewOrigin();
    answer = true;
    assert.equal((await service.check('compat:gateway')).status, 'ready');
    assert.equal(asked.length, 1);
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${KEY}`);
  });

  it('binds a key stored before binding existed on first use from the user settings, and asks when a workspace set the URL', async () => {
    secrets.values.set(apiKeySecretName('compat:gateway'), KEY);
    source = 'workspace';
    await service.check('compat:gateway');
    assert.equal(asked.length, 1);
    assert.equal(fake.requests.length, 0);
    secrets.values.clear();
    secrets.values.set(apiKeySecretName('compat:gateway'), KEY);
    source = 'user';
    service.invalidate();
    assert.equal((await service.check('compat:gateway')).status, 'ready');
    assert.equal(asked.length, 1);
  });
});

// createServices wires the catalog, providers, breakers, health, runner and discovery to each other; these
// tests drive the wiring through the record, with a hosted in-process provider in place of a vendor.
import assert from 'node:assert/strict';
import { createServices, type ServicePorts } from '../../../src/app/services';
import type { QuorumSettings } from '../../../src/core/config/settingsSchema';
import { validateSettings } from '../../../src/core/config/validateSettings';
import type { ProviderError } from '../../../src/core/errors';
import { SecretRedactor } from '../../../src/core/keys/secretRedactor';
import { silentLogger, systemClock, type SecretStore } from '../../../src/core/ports';
import { ASK, drain, options, ref } from '../core/resilience/runnerHarness';
import { ScriptedProvider } from '../core/resilience/scriptedProvider';

const noSecrets: SecretStore = {
  get: async () => undefined,
  store: async () => undefined,
  delete: async () => undefined,
};

function settingsWith(raw: Readonly<Record<string, unknown>>): QuorumSettings {
  return validateSettings((key) => raw[key]).value;
}

function ports(overrides: Partial<ServicePorts> = {}): ServicePorts {
  return {
    secrets: noSecrets,
    redactor: new SecretRedactor(),
    logger: silentLogger,
    settings: () => settingsWith({}),
    hostedProviders: () => [],
    onMisconfigured: () => undefined,
    clock: systemClock,
    ...overrides,
  };
}

describe('createServices', () => {
  it('runs a chain through the provider service, which includes the hosted providers', async () => {
    const hosted = new ScriptedProvider('hosted').script('m', { text: ['Hello', ' there'] });
    const services = createServices(ports({ hostedProviders: () => [hosted] }));
    assert.ok((await services.providers.availableIds()).has('hosted'));
    const { result, error } = await drain(services.runner.run([ref('hosted', 'm')], ASK, options()));
    assert.equal(error, undefined);
    assert.equal(result?.text, 'Hello there');
    assert.equal(hosted.callsTo('m').length, 1);
  });

  it('tells the host about a rejected key once, after failing over to the next model', async () => {
    const rejecting = new ScriptedProvider('first').script('a', { error: { reason: 'auth', status: 401 } });
    const backup = new ScriptedProvider('second');
    const told: ProviderError[] = [];
    const services = createServices(ports({ hostedProviders: () => [rejecting, backup], onMisconfigured: (e) => told.push(e) }));
    const { result } = await drain(services.runner.run([ref('first', 'a'), ref('second', 'b')], ASK, options()));
    assert.deepEqual(result?.answeredBy, ref('second', 'b'));
    assert.deepEqual(told.map((e) => [e.provider, e.reason]), [['first', 'auth']]);
  });

  it('reads the settings on every call: a quorum.models entry added later is in the catalog at once', () => {
    let current = settingsWith({});
    const services = createServices(ports({ settings: () => current }));
    const added = ref('openai', 'house-model');
    assert.equal(services.catalog().get(added), undefined);
    current = settingsWith({ 'quorum.models': [{ provider: 'openai', id: 'house-model', inputPerMTok: 1, outputPerMTok: 2 }] });
    assert.equal(services.settings(), current);
    assert.equal(services.catalog().get(added)?.pricing.outputPerMTok, 2);
    assert.equal(services.catalog(), services.catalogService.catalog());
  });

  it('gives the runner the health monitor of the record: a provider suspended there is skipped', async () => {
    const suspended = new ScriptedProvider('first');
    const backup = new ScriptedProvider('second');
    const services = createServices(ports({ hostedProviders: () => [suspended, backup] }));
    services.health.suspend({ provider: 'first' }, 60_000, 'auth');
    const { result } = await drain(services.runner.run([ref('first', 'a'), ref('second', 'b')], ASK, options()));
    assert.deepEqual(result?.answeredBy, ref('second', 'b'));
    assert.equal(suspended.calls.length, 0);
  });
});

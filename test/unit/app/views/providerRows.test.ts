import assert from 'node:assert/strict';
import { providerRow } from '../../../../src/app/views/providerRows';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { servedModels } from '../../../../src/core/catalog/servedModels';
import type { ProviderDescriptor } from '../../../../src/core/providers/providerDescriptor';
import { parseHostMessage, type AvailabilityNote } from '../../../../src/shared/providersProtocol';

const OPENAI: ProviderDescriptor = { id: 'openai', kind: 'openai', displayName: 'OpenAI', requiresKey: true, local: false };
const READY = { status: 'ready' as const, models: [{ id: 'gpt-x' }], latencyMs: 12 };
const COOLING: AvailabilityNote = { model: 'gpt-x', reason: 'breakerOpen', text: 'cooling down until 14:05 — 3 failures in a row (last: timeout)', until: 1 };
const SUSPENDED: AvailabilityNote = { reason: 'suspended', text: 'suspended until 14:35 — API key rejected', until: 2 };

describe('providerRow availability', () => {
  it('carries no notes when everything of the provider is available', () => {
    assert.equal(providerRow(OPENAI, 'set', READY).unavailable, undefined);
    assert.equal(providerRow(OPENAI, 'set', READY, []).unavailable, undefined);
  });

  it('carries the notes whatever the reachability status (a reachable provider can be cooling down)', () => {
    for (const check of [READY, undefined]) {
      const row = providerRow(OPENAI, 'set', check, [SUSPENDED, COOLING]);
      assert.deepEqual(row.unavailable, [SUSPENDED, COOLING]);
    }
    assert.deepEqual(providerRow(OPENAI, 'missing', undefined, [SUSPENDED]).unavailable, [SUSPENDED]);
  });

  it('a row with notes passes the protocol, an unknown reason does not', () => {
    const row = providerRow(OPENAI, 'set', READY, [COOLING]);
    const message = { type: 'providers/snapshot', snapshot: { providers: [row], settingsIssues: [] } };
    assert.deepEqual(parseHostMessage(message), message);
    const broken = { type: 'providers/snapshot', snapshot: { providers: [{ ...row, unavailable: [{ ...COOLING, reason: 'tired' }] }], settingsIssues: [] } };
    assert.equal(parseHostMessage(broken), undefined);
  });
});

describe('providerRow offer (models offered = models served)', () => {
  const builtins = builtinModels.filter((m) => m.provider === 'openai');
  it('names the built-ins the account does not serve and the listed non-chat models', () => {
    const served = servedModels('openai', builtins, { state: 'listed', models: [{ id: 'gpt-6-luna' }, { id: 'text-embedding-3-small' }] });
    const row = providerRow(OPENAI, 'set', READY, [], served);
    assert.deepEqual(row.notServed, ['gpt-6.2-astra', 'gpt-6.2-sol']);
    assert.deepEqual(row.nonChat, ['text-embedding-3-small (embedding)']);
    assert.equal(row.offerNote, undefined);
    const message = { type: 'providers/snapshot', snapshot: { providers: [row], settingsIssues: [] } };
    assert.deepEqual(parseHostMessage(message), message);
  });

  it('says the built-in list stands in when the listing failed, and nothing when there is no key', () => {
    const served = servedModels('openai', builtins, { state: 'failed', message: 'unreachable' });
    const failed = { status: 'unreachable' as const, models: [], message: 'OpenAI is unreachable.' };
    assert.match(providerRow(OPENAI, 'set', failed, [], served).offerNote ?? '', /built-in OpenAI models/);
    assert.equal(providerRow(OPENAI, 'set', failed, [], served).notServed, undefined);
    assert.equal(providerRow(OPENAI, 'missing', undefined, [], servedModels('openai', builtins, undefined)).offerNote, undefined);
  });
});

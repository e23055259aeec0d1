import assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage, type ProvidersSnapshot } from '../../../src/shared/providersProtocol';

describe('webview protocol', () => {
  const valid: unknown[] = [
    { type: 'webview/ready' },
    { type: 'providers/refresh' },
    { type: 'providers/setKey', providerId: 'compat:ollama' },
    { type: 'providers/removeKey', providerId: 'openai' },
    { type: 'settings/open', setting: 'quorum.models[1].inputPerMTok' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parseWebviewMessage(message), message));
  }

  const invalid: unknown[] = [
    undefined, null, 'webview/ready', 42, {}, { type: 'unknown' },
    { type: 'providers/setKey' }, { type: 'providers/setKey', providerId: '' }, { type: 'providers/setKey', providerId: 7 },
    { type: 'providers/setKey', providerId: 'x'.repeat(65) }, { type: 'settings/open' },
  ];
  for (const message of invalid) {
    it(`rejects ${JSON.stringify(message)}`, () => assert.equal(parseWebviewMessage(message), undefined));
  }

  it('round-trips a providers snapshot and rejects a row with an unknown status', () => {
    const snapshot: ProvidersSnapshot = {
      providers: [{ id: 'openai', kind: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', keyState: 'set', status: 'ready', models: ['gpt-x'], modelCount: 1, latencyMs: 12, local: false }],
      settingsIssues: [{ setting: 'quorum.models[0]', message: 'bad' }],
      checkedAt: 1,
    };
    assert.deepEqual(parseHostMessage({ type: 'providers/snapshot', snapshot }), { type: 'providers/snapshot', snapshot });
    const broken = { ...snapshot, providers: [{ ...snapshot.providers[0], status: 'great' }] };
    assert.equal(parseHostMessage({ type: 'providers/snapshot', snapshot: broken }), undefined);
  });
});

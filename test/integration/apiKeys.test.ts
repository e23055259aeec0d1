import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SetApiKeyResult } from '../../src/vscode/apiKeyCommands';
import { fakeRequests, quorumApi, resetFakes, waitForRow } from './helpers';

describe('API keys in SecretStorage', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('quorum.removeApiKey', { provider: 'anthropic', confirm: false });
  });

  it('stores a key set through the command, uses it, and forgets it after removal', async () => {
    const api = await quorumApi();
    await resetFakes();
    const key = 'sk-ant-integration-key-0001';
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('quorum.setApiKey', { provider: 'anthropic', key, test: true });
    assert.equal(result?.provider, 'anthropic');
    assert.equal(result?.check?.status, 'ready', result?.check?.message);
    assert.ok((result?.check?.models.length ?? 0) > 0, 'the fake lists Anthropic models');

    // The key the fake received is exactly the one stored: it came from SecretStorage.
    const sent = (await fakeRequests()).filter((r) => r.vendor === 'anthropic');
    assert.ok(sent.length > 0, 'the key test called the Anthropic fake');
    const auth = sent.map((r) => String(r.headers['x-api-key'] ?? r.headers.authorization ?? ''));
    assert.ok(auth.every((h) => h.endsWith(key)), `auth headers carried the stored key: ${auth.length}`);

    await vscode.commands.executeCommand('quorum.showProviders');
    await waitForRow(api, 'anthropic', (r) => r.keyState === 'set' && r.status === 'ready', 'ready with a key');

    const removed = await vscode.commands.executeCommand<boolean>('quorum.removeApiKey', { provider: 'anthropic', confirm: false });
    assert.equal(removed, true);
    await waitForRow(api, 'anthropic', (r) => r.keyState === 'missing' && r.status === 'noKey', 'back to no key');
    const again = await vscode.commands.executeCommand<boolean>('quorum.removeApiKey', { provider: 'anthropic', confirm: false });
    assert.equal(again, false, 'nothing left to remove');
  });

  it('rejects a key that cannot be right without storing it', async () => {
    const api = await quorumApi();
    const result = await vscode.commands.executeCommand<SetApiKeyResult | undefined>('quorum.setApiKey', { provider: 'anthropic', key: 'has spaces in it' });
    assert.equal(result, undefined);
    await vscode.commands.executeCommand('quorum.showProviders');
    await waitForRow(api, 'anthropic', (r) => r.keyState === 'missing', 'still without a key');
  });

  it('names the known providers when asked for an unknown one', async () => {
    const result = await vscode.commands.executeCommand<SetApiKeyResult | undefined>('quorum.setApiKey', { provider: 'nope', key: 'sk-whatever-123456' });
    assert.equal(result, undefined);
  });

  it('reports a rejected key as rejected', async () => {
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('quorum.setApiKey', { provider: 'anthropic', key: 'sk-ant-invalid-key-0002', test: true });
    assert.equal(result?.check?.status, 'keyRejected');
    assert.match(result?.check?.message ?? '', /Anthropic/);
  });
});

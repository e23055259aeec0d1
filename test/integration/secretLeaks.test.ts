import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SetApiKeyResult } from '../../src/vscode/apiKeyCommands';
import { fakeRequests, quorumApi, resetFakes, waitForRow } from './helpers';

/** Every place a key could leak to, as text. */
function everythingVisible(api: Awaited<ReturnType<typeof quorumApi>>): string {
  const config = vscode.workspace.getConfiguration('quorum');
  const settings = JSON.stringify(Object.keys(config).map((k) => config.inspect(k)));
  const allSettings = JSON.stringify(vscode.workspace.getConfiguration().inspect('quorum'));
  return [api.logLines.join('\n'), JSON.stringify(api.lastProvidersSnapshot()), settings, allSettings].join('\n');
}

describe('API keys never leak', () => {
  after(async () => {
    for (const provider of ['openai', 'gemini']) {
      await vscode.commands.executeCommand('quorum.removeApiKey', { provider, confirm: false });
    }
  });

  it('keeps a working canary key out of settings, logs, webview state and messages', async () => {
    const api = await quorumApi();
    await resetFakes();
    const canary = 'sk-canary-7f3a9c1e5b2d4f6a8c0e';
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('quorum.setApiKey', { provider: 'openai', key: canary, test: true });
    assert.equal(result?.check?.status, 'ready', result?.check?.message);
    await vscode.commands.executeCommand('quorum.showProviders');
    await waitForRow(api, 'openai', (r) => r.status === 'ready', 'ready');
    const sent = (await fakeRequests()).filter((r) => r.vendor === 'openai');
    assert.ok(sent.some((r) => r.headers.authorization === `Bearer ${canary}`), 'the canary really was used');
    assert.ok(!everythingVisible(api).includes(canary), 'canary found in settings, log, webview state or messages');
    assert.ok(!everythingVisible(api).includes('7f3a9c1e5b2d4f6a8c0e'), 'a fragment of the canary leaked');
  });

  it('keeps a rejected canary key out of the error shown to the user', async () => {
    const api = await quorumApi();
    const canary = 'AIza-invalid-canary-0123456789abcdefghij';
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('quorum.setApiKey', { provider: 'gemini', key: canary, test: true });
    assert.equal(result?.check?.status, 'keyRejected');
    assert.ok(!(result?.check?.message ?? '').includes(canary));
    await vscode.commands.executeCommand('quorum.showProviders');
    await waitForRow(api, 'gemini', (r) => r.status === 'keyRejected', 'key rejected');
    assert.ok(!everythingVisible(api).includes(canary), 'rejected canary leaked');
  });
});

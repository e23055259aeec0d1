import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { quorumApi, useFakeProviders, waitFor, waitForRow } from './helpers';

const KEYS = { openai: 'sk-test-served-openai-0001', anthropic: 'sk-ant-test-served-0001' } as const;

describe('Models offered = models served', function () {
  this.timeout(60_000);
  useFakeProviders(KEYS, { 'quorum.privacy.allowedProviders': ['openai', 'anthropic'] });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Providers names the built-in model the account does not serve and the embedding model it lists', async () => {
    const api = await quorumApi();
    await vscode.commands.executeCommand('quorum.showProviders');
    const anthropic = await waitForRow(api, 'anthropic', (r) => r.status === 'ready' && r.notServed !== undefined, 'ready with its offer');
    assert.deepEqual(anthropic.notServed, ['claude-fable-5-1']);
    const openai = await waitForRow(api, 'openai', (r) => r.status === 'ready', 'ready');
    assert.deepEqual(openai.nonChat, ['text-embedding-3-small (embedding)']);
    assert.equal(openai.notServed, undefined, 'the fake lists every built-in OpenAI model');
  });

  it("Compare offers a model served only by the fake's listing, and neither the unserved built-in nor the embedding model", async () => {
    const api = await quorumApi();
    api.clearPanelMessages();
    await vscode.commands.executeCommand('quorum.openPanel');
    const snapshot = await waitFor(() => api.panelMessages().find((m) => m.type === 'panel/snapshot'), 'a panel snapshot');
    assert.ok(snapshot.type === 'panel/snapshot');
    const offered = new Map(snapshot.snapshot.models.map((m) => [m.ref, m]));
    const refs = [...offered.keys()].join(', ');
    assert.ok(offered.has('openai/gpt-5.4'), `gpt-5.4 (listed, no built-in metadata) offered: ${refs}`);
    assert.ok(offered.has('anthropic/claude-haiku-5-5'), `a listed built-in offered: ${refs}`);
    assert.ok(!offered.has('anthropic/claude-fable-5-1'), `the unlisted built-in is not offered: ${refs}`);
    assert.ok(!offered.has('openai/text-embedding-3-small'), `the embedding model is not offered: ${refs}`);
  });
});

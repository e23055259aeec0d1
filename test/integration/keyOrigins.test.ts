import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, quorumApi, resetFakes, withSetting } from './helpers';

const KEY = 'sk-origin-canary-0123456789abcdef';

describe('Privacy: a stored key goes to a new origin only if the user agrees (issue 13, finding 2)', function () {
  this.timeout(60_000);
  const restores: (() => Promise<void>)[] = [];
  let target: vscode.ConfigurationTarget;
  let userUrl: string;

  before(async () => {
    userUrl = vscode.workspace.getConfiguration().get<string>('quorum.providers.openai.baseUrl') ?? '';
    assert.ok(userUrl.includes('127.0.0.1'), `the fake's URL: ${userUrl}`);
    await vscode.commands.executeCommand('quorum.setApiKey', { provider: 'openai', key: KEY, test: false });
    restores.push(await withSetting('quorum.privacy.allowedProviders', ['openai']));
    // A workspace value where the workspace is trusted (else VS Code ignores it, a restricted setting).
    target = vscode.workspace.workspaceFolders !== undefined && vscode.workspace.isTrusted ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  });

  after(async () => {
    const api = await quorumApi();
    api.answerKeyOriginPrompts(undefined);
    if (target === vscode.ConfigurationTarget.Workspace) await vscode.workspace.getConfiguration().update('quorum.providers.openai.baseUrl', undefined, target);
    else await vscode.workspace.getConfiguration().update('quorum.providers.openai.baseUrl', userUrl, target);
    for (const restore of restores.reverse()) await restore();
    await vscode.commands.executeCommand('quorum.removeApiKey', { provider: 'openai', confirm: false });
    await resetFakes();
  });

  it('asks before the key goes to a changed URL; declined → the fake saw nothing', async () => {
    const api = await quorumApi();
    const asked = api.keyOriginPrompts().length;
    api.answerKeyOriginPrompts(() => false);
    // The same fake under another origin: a key sent there would show up in its log.
    const moved = userUrl.replace('127.0.0.1', 'localhost');
    await vscode.workspace.getConfiguration().update('quorum.providers.openai.baseUrl', moved, target);
    await resetFakes();
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt: 'origin check', attachContext: false });
    const questions = api.keyOriginPrompts().slice(asked);
    assert.ok(questions.length >= 1, 'the user was asked');
    assert.equal(questions[0]?.origin, new URL(moved).origin);
    assert.equal(questions[0]?.source, target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user');
    const sent = (await fakeRequests()).filter((r) => r.vendor === 'openai');
    assert.deepEqual(sent.map((r) => r.path), [], 'nothing reached the new origin');
    assert.ok(!JSON.stringify(summary ?? {}).includes(KEY));
  });
});

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { quorumApi, waitFor, withSetting } from './helpers';

describe('Malformed settings', () => {
  it('names the bad setting, keeps the good entries and keeps every command working', async () => {
    const api = await quorumApi();
    const restore = await withSetting('quorum.models', [
      { provider: 'openai', id: 'my-good-model', inputPerMTok: 1, outputPerMTok: 2 },
      { provider: 'openai', id: 'my-bad-model', inputPerMTok: 'cheap' },
      { provider: 'nobody', id: 'x' },
    ]);
    try {
      await vscode.commands.executeCommand('quorum.showProviders');
      const issues = await waitFor(() => {
        const found = api.lastProvidersSnapshot()?.settingsIssues ?? [];
        return found.length >= 2 ? found : undefined;
      }, 'settings issues in the Providers view');
      assert.ok(issues.some((i) => i.setting.startsWith('quorum.models[1]')), JSON.stringify(issues));
      assert.ok(issues.some((i) => i.setting.startsWith('quorum.models[2]')), JSON.stringify(issues));
      assert.ok(!issues.some((i) => i.setting.startsWith('quorum.models[0]')), 'the good entry is not reported');
      assert.ok(api.logLines.some((l) => l.includes('quorum.models[1]')), 'the problem is logged');
      assert.ok(api.lastProvidersSnapshot()?.providers.some((r) => r.id === 'compat:fake'), 'providers still listed');
    } finally {
      await restore();
    }
    await waitFor(() => (api.lastProvidersSnapshot()?.settingsIssues.length === 0 ? true : undefined), 'issues cleared after the fix');
  });

  it('falls back to the default for an out-of-range timeout and says so', async () => {
    const api = await quorumApi();
    const restore = await withSetting('quorum.timeouts.idleSeconds', -5);
    try {
      await vscode.commands.executeCommand('quorum.showProviders');
      await waitFor(() => api.lastProvidersSnapshot()?.settingsIssues.find((i) => i.setting === 'quorum.timeouts.idleSeconds'), 'idleSeconds issue');
    } finally {
      await restore();
    }
  });
});

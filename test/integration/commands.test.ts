import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, quorumApi } from './helpers';

describe('Quorum commands', () => {
  it('registers every command the manifest contributes, all under the Quorum category', async () => {
    await quorumApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; category: string }[] };
    };
    const contributed = manifest.contributes.commands;
    assert.ok(contributed.length >= 5, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is registered`);
      assert.equal(c.category, 'Quorum');
      assert.match(c.command, /^quorum\.[a-z]+[A-Z][A-Za-z]*$/);
    }
  });
});

// Smoke test of the integration tier itself: the extension under test is the one loaded, it
// activates, and the extension host has the Node the SDKs need.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { quorumApi } from './helpers';
import type { QuorumApi } from '../../src/extension';

const extensionId = 'quorum-labs.quorum';

describe('activation', () => {
  it('finds the extension under development', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not loaded`);
  });

  it('activates, and reports how long that took', async () => {
    const extension = vscode.extensions.getExtension<QuorumApi>(extensionId);
    assert.ok(extension);
    const wasActive = extension.isActive;
    const started = performance.now();
    const api = await extension.activate();
    const wallMs = performance.now() - started;
    assert.equal(extension.isActive, true);
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0);
    // Loaded as the extension under test, so the test hooks are exported (a production install gets none).
    assert.ok(api.testing, 'test hooks exported in test mode');
    // A figure for the closing note, not a timed assertion: benchmarks own speed targets.
    console.log(`[quorum] activation: ${api.activationMs.toFixed(1)} ms inside activate()` +
      (wasActive ? ' (already active)' : `, ${wallMs.toFixed(1)} ms for extension.activate() incl. loading the bundle`));
  });

  it('runs on Node 22 or newer (the SDKs need it)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    assert.ok(major >= 22, `the extension host runs Node ${process.versions.node}`);
  });

  it('registers @quorum exactly where the editor has a chat API (code-server may not), without failing', async () => {
    const api = await quorumApi();
    const chat = (vscode as { chat?: { createChatParticipant?: unknown } }).chat;
    assert.equal(api.chatRegistered(), typeof chat?.createChatParticipant === 'function');
  });
});

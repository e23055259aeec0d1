import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuorumTestHooks } from '../../src/testing/testHooks';
import type { AnswerSnapshot } from '../../src/shared/answerProtocol';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, queueScenario, quorumApi, resetFakes, withSetting } from './helpers';

function ask(args: Record<string, unknown>): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { attachContext: false, ...args });
}

/** True when some request the fakes served carried `marker` (the prompt reached a provider). */
async function promptWasSent(marker: string): Promise<boolean> {
  return (await fakeRequests()).some((r) => JSON.stringify(r.body ?? '').includes(marker));
}

/**
 * Every reply of the local fake is `answer` until afterEach resets the fakes. Unlimited, because model
 * listings and health probes triggered by the settings change would otherwise use up a one-shot scenario.
 */
function scriptAnswer(answer: string): Promise<void> {
  return queueScenario({ vendor: 'openaiCompatible', answer, times: -1 });
}

/** Untitled documents would prompt to save on close; revert them instead. */
async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('Quorum: Ask Best Model actions', function () {
  this.timeout(60_000);
  let api: QuorumTestHooks;
  const restores: (() => Promise<void>)[] = [];
  const documents: vscode.TextDocument[] = [];

  before(async () => {
    api = await quorumApi();
  });

  afterEach(async () => {
    await resetFakes();
    for (const restore of restores.splice(0).reverse()) await restore();
    for (const document of documents.splice(0)) await closeWithoutSaving(document);
  });

  describe('with the keyless local fake only', () => {
    beforeEach(async () => {
      // One keyless provider: no keys to set or clean up, and the answer comes from a known fake.
      restores.push(await withSetting('quorum.privacy.allowedProviders', ['compat:fake']));
    });

    it('Insert at Cursor puts the answer\'s single code block at the cursor of the last editor', async () => {
      const document = await vscode.workspace.openTextDocument({ content: 'first line\nsecond line\nthird line\n' });
      documents.push(document);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(1, 7, 1, 7); // between "second " and "line"
      const answer = 'Here is the fix:\n\n```ts\nconst x = 1;\n```\n\nThat is all.';
      await scriptAnswer(answer);

      const summary = await ask({ prompt: 'Give me one line of code' });
      assert.equal(summary?.phase, 'done', summary?.error);
      assert.equal(summary?.text, answer);
      await api.answerViewMessage({ type: 'answer/insert' });

      assert.equal(document.getText(), 'first line\nsecond const x = 1;line\nthird line\n');
    });

    it('Copy puts the whole answer on the clipboard', async () => {
      // No trailing newline: the fake's tokenizer drops trailing whitespace.
      const answer = 'Use `git stash`.\n\n```sh\ngit stash push -m wip\n```';
      await scriptAnswer(answer);
      await vscode.env.clipboard.writeText('not the answer');

      const summary = await ask({ prompt: 'How do I park my changes?' });
      assert.equal(summary?.phase, 'done', summary?.error);
      assert.equal(summary?.text, answer);
      await api.answerViewMessage({ type: 'answer/copy' });

      assert.equal(await vscode.env.clipboard.readText(), answer);
    });

    it('rejects an empty or blank prompt given as an argument without asking anyone', async () => {
      await ask({ prompt: 'An answer to compare against' });
      const before = api.lastAnswer()?.id;
      await resetFakes();

      assert.equal(await ask({ prompt: '' }), undefined);
      assert.equal(await ask({ prompt: '   \n ' }), undefined);

      assert.equal(api.lastAnswer()?.id, before, 'the answer shown is unchanged');
      assert.deepEqual((await fakeRequests()).filter((r) => r.vendor === 'openaiCompatible' && r.method === 'POST'), []);
    });
  });

  describe('with no usable provider', () => {
    it('fails an ask with a no-route answer when the only allowed provider has no key', async () => {
      restores.push(await withSetting('quorum.privacy.allowedProviders', ['openai']));
      const marker = 'no-key-marker-5b1e';

      const summary = await ask({ prompt: `Who answers ${marker}?` });

      assert.equal(summary?.phase, 'failed');
      assert.equal(summary?.snapshot.noRoute, true, 'the view offers Set API Key / Add Local Endpoint');
      assert.equal(summary?.answeredBy, undefined);
      assert.equal(summary?.text, '');
      assert.match(summary?.error ?? '', /No model can take this/);
      assert.equal(await promptWasSent(marker), false);
    });

    it('offers setup instead of asking when no provider has a key or endpoint', async () => {
      restores.push(await withSetting('quorum.providers.openaiCompatible', []));
      const before = api.lastAnswer()?.id;
      const logged = api.logLines.length;
      const marker = 'no-provider-marker-9c2d';

      assert.equal(await ask({ prompt: `Anyone there ${marker}?` }), undefined);

      assert.equal(api.lastAnswer()?.id, before, 'no answer was started');
      assert.ok(api.logLines.slice(logged).some((l) => /no model provider is configured/.test(l)), 'the log says why nothing happened');
      assert.equal(await promptWasSent(marker), false);
    });
  });

  describe('restoring the answer view after a reload', () => {
    const saved: AnswerSnapshot = {
      id: 'restored-1',
      prompt: 'What did I ask before the reload?',
      phase: 'done',
      header: { status: 'Done', model: 'compat:fake/fake-chat', why: 'restored', tokens: '3 in · 4 out', cost: '$0.0000' },
      segments: [{ text: 'The answer from before the reload.' }],
    };
    const panels: vscode.WebviewPanel[] = [];

    /** What VS Code does on reload: a fresh panel of our view type, handed to our serializer with the webview's saved state. */
    async function restore(state: unknown): Promise<vscode.WebviewPanel> {
      const panel = vscode.window.createWebviewPanel('quorum.answer', 'Quorum: Answer', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      panels.push(panel);
      await api.answerViewSerializer.deserializeWebviewPanel(panel, state);
      return panel;
    }

    afterEach(() => {
      for (const panel of panels.splice(0)) panel.dispose();
    });

    it('shows the answer the webview saved', async () => {
      const panel = await restore({ answer: saved });
      assert.deepEqual(api.answerView(), saved);
      assert.ok(panel.webview.html.includes('<html'), 'the restored panel got the view\'s HTML');
    });

    it('adopts the panel empty when the saved state is not an answer', async () => {
      await restore({ answer: saved });
      // Each restore replaces the view before it, so `undefined` below is the new panel's, not a leftover.
      await restore({ answer: { id: 42, segments: 'nope' } });
      assert.equal(api.answerView(), undefined);
      await restore({ answer: saved });
      await restore(undefined);
      assert.equal(api.answerView(), undefined);
    });
  });
});

// Every way in goes through the one request path (src/app/requestService): Compare and Vote are admitted by the
// budget as Ask is, quorum.budget.perRequestUsd stops a streaming answer, and a code action's route is what
// "Explain Last Route" shows.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeActionOutcome } from '../../src/vscode/editor/codeActionRunner';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, queueScenario, quorumApi, recordCountReaching, useFakeProviders, waitFor, withSetting } from './helpers';

const MODELS = ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5'];
/** A daily cap any request crosses (or finds used up): either way the budget asks first. */
const TINY_CAP = 0.000001;

/** Requests that asked a model (provider checks list models with GET, and run whenever settings change). */
async function modelCalls(): Promise<number> {
  return (await fakeRequests()).filter((r) => r.method === 'POST').length;
}

async function openPanel(api: Awaited<ReturnType<typeof quorumApi>>): Promise<void> {
  api.clearPanelMessages();
  await vscode.commands.executeCommand('quorum.openPanel');
  await waitFor(() => api.panelMessages().some((m) => m.type === 'panel/snapshot'), 'the panel\'s snapshot');
}

describe('The one request path: budgets hold for every way in', function () {
  this.timeout(90_000);
  useFakeProviders({ openai: 'sk-test-path-openai-0001', anthropic: 'sk-ant-test-path-0001' }, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
  });
  // Each test's budget settings are undone after it, so no later test meets a cap (and a modal) it did not set.
  const restores: (() => Promise<void>)[] = [];
  const setting = async (key: string, value: unknown): Promise<void> => void restores.push(await withSetting(key, value));
  afterEach(async () => {
    (await quorumApi()).answerBudgetPrompts(undefined);
    for (const restore of restores.splice(0).reverse()) await restore();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const way of ['compare', 'vote'] as const) {
    it(`a ${way} whose estimate crosses the daily cap asks first; declined, it sends and records nothing`, async () => {
      const api = await quorumApi();
      await openPanel(api);
      await setting('quorum.budget.dailyUsd', TINY_CAP);
      const prompts = api.budgetPrompts().length;
      api.answerBudgetPrompts(() => false);
      const records = await api.spendReady();
      const sent = await modelCalls();
      api.clearPanelMessages();
      const message = way === 'compare'
        ? { type: 'compare/run', prompt: 'Name a sorting algorithm', models: MODELS, attachFile: false }
        : { type: 'vote/run', prompt: 'Is 7 a prime number? Answer yes or no.', models: MODELS, strategy: 'majority' };
      await api.panelMessage(message);
      const asked = api.budgetPrompts().slice(prompts);
      assert.equal(asked.length, 1, 'asked once, before sending');
      assert.match(asked[0] ?? '', /budget|cost up to \$/);
      assert.equal(await modelCalls(), sent, 'no model was asked');
      assert.equal(await api.spendReady(), records, 'nothing recorded');
      const shown = api.panelMessages().filter((m) => m.type === 'compare/column' || (m.type === 'vote/state' && m.vote.running));
      assert.deepEqual(shown, [], 'no run started in the panel');
    });
  }

  it('a vote the user lets go over the cap runs, and every member is recorded', async () => {
    const api = await quorumApi();
    await openPanel(api);
    await setting('quorum.budget.dailyUsd', TINY_CAP);
    api.answerBudgetPrompts(() => true);
    const records = await api.spendReady();
    api.clearPanelMessages();
    await api.panelMessage({ type: 'vote/run', prompt: 'Is 7 a prime number? Answer yes or no.', models: MODELS, strategy: 'majority' });
    await waitFor(() => api.panelMessages().some((m) => m.type === 'vote/state' && !m.vote.running && m.vote.result !== undefined), 'the vote result');
    assert.equal(await recordCountReaching(api, records + MODELS.length), records + MODELS.length);
  });

  it('quorum.budget.perRequestUsd stops a streaming answer at its cap and records the call', async () => {
    const api = await quorumApi();
    // Priced high for this test only (other suites read this month's top models): the estimate, a 1,024-token
    // allowance at $1,500/MTok ≈ $1.55, is under the cap; the 6,000-word answer is not.
    await setting('quorum.models', [{ provider: 'openai', id: 'gpt-6-luna', inputPerMTok: 500, outputPerMTok: 1500 }]);
    await setting('quorum.budget.perRequestUsd', 3);
    await queueScenario({ vendor: 'openai', model: 'gpt-6-luna', answer: 'word '.repeat(6000), times: 1 });
    const records = await api.spendReady();
    const before = (await fakeRequests()).length;
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt: 'Tell me a long story.', attachContext: false, model: 'openai/gpt-6-luna' });
    const seen = (await fakeRequests()).slice(before).map((r) => `${r.method} ${r.path} ${r.model ?? ''}`);
    assert.equal(summary?.phase, 'stopped', `${summary?.error ?? ''} after ${summary?.text.length} characters; requests: ${seen.join(', ')}`);
    const words = summary?.text.split(' ').length ?? 0;
    assert.ok(words > 100 && words < 6000, `stopped part-way (${words} words)`);
    assert.equal(await recordCountReaching(api, records + 1), records + 1, 'the stopped call is recorded');
  });

  it('a code action\'s route is what Explain Last Route shows', async () => {
    const api = await quorumApi();
    const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'function total(items) {\n  let sum = 0\n  return sum\n}\n' });
    const editor = await vscode.window.showTextDocument(document);
    const fixed = '```javascript\nlet sum = 0;\n```';
    await queueScenario({ vendor: 'openai', answer: fixed, times: 2 }, { vendor: 'anthropic', answer: fixed, times: 2 });
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } };
    const outcome = await vscode.commands.executeCommand<CodeActionOutcome>('quorum.runCodeAction', { action: 'fix', uri: editor.document.uri.toString(), range, diagnostics: [], confirm: 'reject' });
    assert.equal(outcome, 'rejected');
    const decision = api.lastRoute();
    assert.ok(decision !== undefined, 'the code action was routed through the request path');
    const markdown = await vscode.commands.executeCommand<string | undefined>('quorum.explainLastRoute');
    assert.match(markdown ?? '', /Quorum: Fix/, 'the explanation is the code action\'s');
    assert.ok(markdown?.includes(decision.chosen.model), 'and names the model it chose');
  });
});

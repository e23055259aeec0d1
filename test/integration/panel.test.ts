import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareColumnInfo, PanelHostMessage } from '../../src/shared/panelProtocol';
import type { VoteState } from '../../src/shared/voteProtocol';
import { queueScenario, quorumApi, recordCountReaching, useFakeProviders, waitFor } from './helpers';

const KEYS = { openai: 'sk-test-panel-openai-0001', anthropic: 'sk-ant-test-panel-0001' } as const;
const MODELS = ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5', 'openai/gpt-6.2-sol'];

function lastColumns(messages: readonly PanelHostMessage[]): Map<string, CompareColumnInfo> {
  const columns = new Map<string, CompareColumnInfo>();
  for (const m of messages) if (m.type === 'compare/column') columns.set(m.column.id, m.column);
  return columns;
}

describe('Quorum panel: Compare and Vote against the fakes', function () {
  this.timeout(60_000);
  useFakeProviders(KEYS, { 'quorum.privacy.allowedProviders': ['openai', 'anthropic'], 'quorum.fallback.maxRetriesPerModel': 0 });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens with a snapshot listing the configured models', async () => {
    const api = await quorumApi();
    api.clearPanelMessages();
    await vscode.commands.executeCommand('quorum.openPanel');
    const snapshot = await waitFor(() => api.panelMessages().find((m) => m.type === 'panel/snapshot'), 'a panel snapshot');
    assert.ok(snapshot.type === 'panel/snapshot');
    const refs = snapshot.snapshot.models.map((m) => m.ref);
    for (const ref of MODELS) assert.ok(refs.includes(ref), `${ref} offered: ${refs.join(', ')}`);
    assert.ok(refs.every((r) => r.startsWith('openai/') || r.startsWith('anthropic/')), 'only allowed providers');
    assert.equal(snapshot.snapshot.view, 'compare');
  });

  it('an open panel lists the models the settings allow after they change (no reopening)', async () => {
    const api = await quorumApi();
    await vscode.commands.executeCommand('quorum.openPanel');
    api.clearPanelMessages();
    const config = vscode.workspace.getConfiguration();
    const before = config.inspect<string[]>('quorum.privacy.allowedProviders')?.globalValue;
    try {
      await config.update('quorum.privacy.allowedProviders', ['anthropic'], vscode.ConfigurationTarget.Global);
      const refreshed = await waitFor(() => api.panelMessages().find((m) => m.type === 'panel/snapshot'
        && m.snapshot.models.length > 0 && m.snapshot.models.every((model) => model.ref.startsWith('anthropic/'))), 'a snapshot with only Anthropic models');
      assert.ok(refreshed.type === 'panel/snapshot');
    } finally {
      await config.update('quorum.privacy.allowedProviders', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('a compare run streams into every column, each with time, tokens and cost, and records each call', async () => {
    const api = await quorumApi();
    const callsBefore = await api.spendReady();
    api.clearPanelMessages();
    await api.panelMessage({ type: 'compare/run', prompt: 'Name a sorting algorithm', models: MODELS, attachFile: false });
    const done = await waitFor(() => {
      const columns = lastColumns(api.panelMessages());
      return columns.size === MODELS.length && [...columns.values()].every((c) => c.status === 'done') ? columns : undefined;
    }, 'every column done');
    for (const column of done.values()) {
      assert.ok(column.ttftMs !== undefined && column.totalMs !== undefined && column.totalMs >= column.ttftMs, JSON.stringify(column));
      assert.ok((column.inputTokens ?? 0) > 0 && (column.outputTokens ?? 0) > 0, JSON.stringify(column));
      assert.ok(column.costUsd !== undefined && column.costUsd > 0, `${column.ref} priced`);
      const text = api.panelMessages().filter((m) => m.type === 'compare/delta' && m.columnId === column.id).map((m) => (m.type === 'compare/delta' ? m.text : '')).join('');
      assert.match(text, /Name a sorting algorithm/, `${column.ref} streamed its answer`);
    }
    const calls = await recordCountReaching(api, callsBefore + MODELS.length);
    assert.equal(calls, callsBefore + MODELS.length, 'one ledger record per column');
  });

  it('a failing model fails only its own column', async () => {
    const api = await quorumApi();
    api.clearPanelMessages();
    await queueScenario({ vendor: 'anthropic', fault: { kind: 'server-error', status: 500 }, times: 5 });
    await api.panelMessage({ type: 'compare/run', prompt: 'Say hi', models: MODELS, attachFile: false });
    const columns = await waitFor(() => {
      const c = lastColumns(api.panelMessages());
      return c.size === MODELS.length && [...c.values()].every((x) => x.status === 'done' || x.status === 'failed') ? c : undefined;
    }, 'every column settled');
    const byRef = new Map([...columns.values()].map((c) => [c.ref, c]));
    assert.equal(byRef.get('anthropic/claude-haiku-5-5')?.status, 'failed');
    assert.match(byRef.get('anthropic/claude-haiku-5-5')?.error ?? '', /500|server/i);
    assert.equal(byRef.get('openai/gpt-6-luna')?.status, 'done');
    assert.equal(byRef.get('openai/gpt-6.2-sol')?.status, 'done');
  });

  it('a vote where one model returns 500 completes with the other two and shows the failure', async () => {
    const api = await quorumApi();
    api.clearPanelMessages();
    await queueScenario({ vendor: 'anthropic', fault: { kind: 'server-error', status: 500 }, times: 5 });
    await api.panelMessage({ type: 'vote/run', prompt: 'Is 7 a prime number? Answer yes or no.', models: MODELS, strategy: 'majority' });
    const vote = await waitFor(() => {
      const states = api.panelMessages().filter((m): m is { type: 'vote/state'; vote: VoteState } => m.type === 'vote/state');
      const last = states.at(-1)?.vote;
      return last !== undefined && !last.running && last.result !== undefined ? last : undefined;
    }, 'the vote result');
    const failed = vote.members.filter((m) => m.status === 'failed');
    assert.deepEqual(failed.map((m) => m.ref), ['anthropic/claude-haiku-5-5']);
    assert.equal(vote.members.filter((m) => m.status === 'done').length, 2);
    assert.ok(vote.result !== undefined && vote.result.why.length > 0);
    assert.ok(vote.result.agreement > 0 && vote.result.agreement <= 1);
  });

  it('a cascade escalates past a plain-text reply (confidence 0), accepts a confident one, and records every call', async () => {
    const api = await quorumApi();
    const question = 'Is 7 a prime number?';
    api.clearPanelMessages();
    await api.panelMessage({ type: 'vote/draft', prompt: question, models: [], strategy: 'cascade', cascadeThreshold: 0.7 });
    const estimate = await waitFor(() => api.panelMessages().find((m) => m.type === 'vote/estimate'), 'the cascade estimate');
    assert.ok(estimate.type === 'vote/estimate' && estimate.ladder !== undefined);
    const ladder = estimate.ladder;
    assert.deepEqual(ladder.map((s) => s.tier), ['budget', 'standard', 'premium'], JSON.stringify(ladder));
    assert.ok(ladder.every((s) => s.ref.startsWith('openai/') || s.ref.startsWith('anthropic/')), 'only allowed providers');
    assert.ok((estimate.estimateUsd ?? 0) > 0, 'worst case estimated before running');
    // The budget model answers in plain text (no JSON, asked and re-asked); the standard one is sure.
    const split = (ref: string) => [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)] as const;
    const [budgetVendor, budgetModel] = split(ladder[0]!.ref);
    const standard = ladder[1]!;
    const [vendor, model] = split(standard.ref);
    assert.ok((vendor === 'openai' || vendor === 'anthropic') && (budgetVendor === 'openai' || budgetVendor === 'anthropic'));
    await queueScenario({ vendor: budgetVendor, model: budgetModel, answer: 'Probably yes, but I would have to check.', times: 2 });
    await queueScenario({ vendor, model, answer: '{"answer": "yes", "confidence": 0.9}' });
    const callsBefore = await api.spendReady();
    api.clearPanelMessages();
    await api.panelMessage({ type: 'vote/run', prompt: question, models: [], strategy: 'cascade', cascadeThreshold: 0.7 });
    const vote = await waitFor(() => {
      const states = api.panelMessages().filter((m): m is { type: 'vote/state'; vote: VoteState } => m.type === 'vote/state');
      const last = states.at(-1)?.vote;
      return last !== undefined && !last.running && last.result !== undefined ? last : undefined;
    }, 'the cascade result');
    assert.equal(vote.runStrategy, 'cascade');
    assert.deepEqual(vote.members.map((m) => `${m.ref} ${m.status}`), [`${ladder[0]!.ref} invalid`, `${standard.ref} done`]);
    assert.equal(vote.members[1]?.answer, 'yes');
    assert.deepEqual(vote.result?.cascade, { threshold: 0.7, accepted: true, stopped: false, step: 1, confidence: 0.9 });
    assert.match(vote.result?.why ?? '', /^Escalated once: .+ gave no valid answer\. Standard model .+ answered with confidence 0\.90 ≥ 0\.70\.$/u);
    assert.ok(vote.result !== undefined && vote.result.totalCostUsd !== undefined && vote.result.totalCostUsd > 0);
    // Asked and re-asked (budget), then asked once (standard): three ledger records.
    const calls = await recordCountReaching(api, callsBefore + 3);
    assert.equal(calls, callsBefore + 3, 'one ledger record per call');
  });
});

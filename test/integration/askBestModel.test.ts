import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import type { VendorId } from '../fakes/scenario';
import { fakeRequests, queueScenario, quorumApi, useFakeProviders, waitFor, withSetting } from './helpers';

const KEYS = { openai: 'sk-test-ask-openai-0001', anthropic: 'sk-ant-test-ask-0001' } as const;

function ask(args: Record<string, unknown>): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { attachContext: false, ...args });
}

/** The fake that serves a `provider/model` of the chain. */
function vendorOf(model: string): VendorId {
  const provider = model.slice(0, model.indexOf('/'));
  if (provider === 'openai' || provider === 'anthropic' || provider === 'gemini') return provider;
  return 'openaiCompatible';
}

describe('Quorum: Ask Best Model', function () {
  this.timeout(60_000);
  // Two vendors with keys and nothing else: the chain is deterministic and crosses providers.
  useFakeProviders(KEYS, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.timeouts.firstTokenSeconds': 2,
    'quorum.fallback.maxRetriesPerModel': 0,
  });

  it('answers in the answer view with the route header', async () => {
    const api = await quorumApi();
    const summary = await ask({ prompt: 'Say hello to the integration test' });
    assert.equal(summary?.phase, 'done', summary?.error);
    assert.match(summary?.text ?? '', /You asked: "Say hello to the integration test"/);
    assert.ok(summary?.answeredBy, 'answeredBy is recorded');
    assert.deepEqual(summary?.hops, []);
    const header = api.lastAnswer()?.snapshot.header;
    assert.equal(header?.model, summary?.answeredBy);
    assert.equal(header?.status, 'Done');
    assert.ok((header?.why ?? '').length > 0, 'a one-line why');
    assert.match(header?.tokens ?? '', /\d+ in · \d+ out/);
    assert.notEqual(header?.cost, '$0.00', 'an unpriced or unknown cost never reads as a known $0');
    assert.equal(api.lastRoute()?.chain.length, summary?.chain.length);
    assert.ok((summary?.chain.length ?? 0) >= 2, `a chain across providers: ${summary?.chain.join(', ')}`);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Quorum: Answer'), 'the answer tab');
  });

  it('fails over to the next provider when the first returns 503', async () => {
    const first = (await ask({ prompt: 'Which model am I routed to?' }))?.chain[0] ?? assert.fail('no chain');
    await queueScenario({ vendor: vendorOf(first), fault: { kind: 'server-error', status: 503 }, times: 10 });
    const summary = await ask({ prompt: 'Explain failover in one sentence' });
    assert.equal(summary?.phase, 'done', summary?.error);
    assert.notEqual(summary?.answeredBy, first);
    assert.equal(summary?.hops[0]?.model, first);
    assert.equal(summary?.hops[0]?.status, 503);
    assert.match(summary?.text ?? '', /Explain failover in one sentence/);
    assert.match(summary?.snapshot.header.hops ?? '', new RegExp(`${escape(first)} failed \\(503\\) → ${escape(summary?.answeredBy ?? '')}`));
    const requests = (await fakeRequests()).filter((r) => r.fault === 'server-error');
    assert.ok(requests.length >= 1, 'the 503 was really served');
  });

  it('fails over when the first provider never sends headers', async () => {
    const first = (await ask({ prompt: 'Route me again' }))?.chain[0] ?? assert.fail('no chain');
    await queueScenario({ vendor: vendorOf(first), fault: { kind: 'hang-headers' }, times: 10 });
    const started = Date.now();
    // Prose, which the fakes echo (a yes/no question would get a bare "Yes." or "No.").
    const summary = await ask({ prompt: 'Still there after the hang?' });
    assert.equal(summary?.phase, 'done', summary?.error);
    assert.notEqual(summary?.answeredBy, first);
    assert.equal(summary?.hops[0]?.model, first);
    assert.equal(summary?.hops[0]?.reason, 'timeout');
    assert.ok(Date.now() - started < 20_000, 'the first-token timeout, not the total deadline, moved on');
    assert.match(summary?.text ?? '', /You asked: "Still there after the hang\?"/);
  });

  it('stops an answer with quorum.stopAnswer and aborts the request', async () => {
    const api = await quorumApi();
    await queueScenario({ fault: { kind: 'latency', perChunkMs: 300 }, times: 10 });
    const pending = ask({ prompt: 'Write a long story about patience' });
    await waitFor(() => api.lastAnswer()?.text !== '' && api.lastAnswer()?.phase === 'streaming', 'the first words');
    await vscode.commands.executeCommand('quorum.stopAnswer');
    const summary = await pending;
    assert.equal(summary?.phase, 'stopped');
    assert.ok((summary?.text ?? '').length > 0, 'the words shown so far stay');
    // Waits on state; the deadline only bounds a failure.
    const deadline = Date.now() + 30_000;
    while (!(await fakeRequests()).some((r) => r.clientAborted === true)) {
      if (Date.now() > deadline) assert.fail('the HTTP request was not aborted');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('explains the last route', async () => {
    const summary = await ask({ prompt: 'Explain this route' });
    const markdown = await vscode.commands.executeCommand<string | undefined>('quorum.explainLastRoute');
    assert.match(markdown ?? '', /# Quorum: last route/);
    assert.ok(markdown?.includes(`\`${summary?.chain[0]}\``), 'names the chosen model');
    assert.match(markdown ?? '', /## Why/);
  });

  it('asks again with a chosen model and saves it as a routing rule', async () => {
    const restoreRules = await withSetting('quorum.routing.rules', []);
    try {
      await ask({ prompt: 'Write a function that adds two numbers' });
      const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askAgainWith', { model: 'anthropic/claude-haiku-5-5', saveRule: true });
      assert.equal(summary?.phase, 'done', summary?.error);
      assert.equal(summary?.answeredBy, 'anthropic/claude-haiku-5-5');
      assert.deepEqual(summary?.chain, ['anthropic/claude-haiku-5-5']);
      const rules = vscode.workspace.getConfiguration().get<{ use: { model: string } }[]>('quorum.routing.rules') ?? [];
      assert.equal(rules.at(-1)?.use.model, 'anthropic/claude-haiku-5-5');
    } finally {
      await restoreRules();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

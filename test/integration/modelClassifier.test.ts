import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, fakesUrl, queueScenario, quorumApi, resetFakes, withSetting } from './helpers';

/** The keyless fake's models, as the classifier picks among them: the same order cheapestModel uses. */
async function compatModels(): Promise<string[]> {
  const response = await fetch(`${fakesUrl()}/compat/v1/models`);
  const body = (await response.json()) as { data: { id: string }[] };
  return body.data.map((m) => m.id).sort();
}

describe('quorum.routing.classifier: "model"', function () {
  this.timeout(60_000);
  const restores: (() => Promise<void>)[] = [];

  before(async () => {
    // Only the keyless fake: the cheapest (and only) configured models are its own.
    restores.push(await withSetting('quorum.privacy.allowedProviders', ['compat:fake']));
    restores.push(await withSetting('quorum.routing.classifier', 'model'));
  });

  after(async () => {
    for (const restore of restores.reverse()) await restore();
    await resetFakes();
  });

  it("routes by the model's verdict when the classifier model answers validly", async () => {
    const api = await quorumApi();
    await resetFakes();
    const [classifierModel] = await compatModels();
    assert.ok(classifierModel, 'the fake lists models');
    // The classifier's question is the first chat request to that model: it answers with a verdict.
    await queueScenario({
      vendor: 'openaiCompatible', model: classifierModel, times: 1,
      answer: '{"type":"reasoning","complexity":"complex"}',
    });
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', {
      prompt: 'hello there', attachContext: false,
    });
    assert.ok(summary, 'an answer came back');
    const route = api.lastRoute();
    assert.equal(route?.profile.source, 'model');
    assert.equal(route?.task.type, 'reasoning', 'the heuristics alone would call "hello there" chat');
    assert.equal(route?.task.complexity, 'complex');
    const chats = (await fakeRequests()).filter((r) => r.vendor === 'openaiCompatible' && r.path.endsWith('/chat/completions'));
    assert.ok(chats.length >= 2, 'one request classified, another answered');
  });

  it('falls back to the built-in (learned) classifier when the classifier model answers nonsense', async () => {
    const api = await quorumApi();
    await resetFakes();
    // Default fake answers are prose, not a verdict. (Cache: a different prompt than the test above.)
    await vscode.commands.executeCommand('quorum.askBestModel', { prompt: 'good morning, how are you?', attachContext: false });
    const route = api.lastRoute();
    assert.equal(route?.profile.source, 'learned');
    assert.equal(route?.task.type, 'chat');
  });
});

// Routing that sees attachments and learns from the user, in the real extension host against the fakes: an image
// attached in Ask needs a vision model and reaches the vendor as an image part; "Ask Again With" a stronger model
// (twice: one click is not a pattern) raises the next similar route in this workspace, and Reset forgets it;
// @quorum sends #file references and the conversation's earlier turns.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, quorumApi, useFakeProviders } from './helpers';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const STANDARD_MODEL = 'anthropic/claude-sonnet-5-5';

function ask(args: Record<string, unknown>): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { attachContext: false, ...args });
}

/** The body of the last model call the fakes served. */
async function lastModelCall(): Promise<string> {
  const posted = (await fakeRequests()).filter((r) => r.method === 'POST');
  return JSON.stringify(posted.at(-1)?.body ?? null);
}

const hasImagePart = (body: string): boolean => body.includes(`data:image/png;base64,${PNG}`) || body.includes(`"type":"image","source":{"type":"base64","media_type":"image/png","data":"${PNG}"}`);

describe('Routing feedback and attachments', function () {
  this.timeout(90_000);
  const set = useFakeProviders({ openai: 'sk-test-feedback-openai-0001', anthropic: 'sk-ant-test-feedback-0001' }, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'quorum-attach-'));
  const image = join(dir, 'chart.png');
  writeFileSync(image, Buffer.from(PNG, 'base64'));

  before(async () => {
    await vscode.commands.executeCommand('quorum.resetRoutingFeedback', { confirm: false });
  });
  after(async () => {
    await vscode.commands.executeCommand('quorum.resetRoutingFeedback', { confirm: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an image attached in Ask routes to a vision model, and the vendor receives an image part', async () => {
    const api = await quorumApi();
    const plain = await ask({ prompt: 'What does this chart show?' });
    const textOnly = plain?.answeredBy ?? assert.fail(plain?.error ?? 'no answer');
    const [provider, id] = [textOnly.slice(0, textOnly.indexOf('/')), textOnly.slice(textOnly.indexOf('/') + 1)];
    // The model a text question goes to cannot read images now: the image must move the route elsewhere.
    await set('quorum.models', [{ provider, id, capabilities: { vision: false } }]);
    const summary = await ask({ prompt: 'What does this chart show?', images: [image] });
    assert.equal(summary?.phase, 'done', summary?.error);
    const decision = api.lastRoute();
    assert.equal(decision?.task.needs.vision, true, 'vision is required by the attached image');
    assert.notEqual(summary?.answeredBy, textOnly, 'the model without image input was not chosen');
    assert.ok(hasImagePart(await lastModelCall()), 'the fake saw the image as an image part');
    assert.match(summary?.snapshot.header.context ?? '', /image chart\.png/);
  });

  it('"Ask Again With" a stronger model, twice, raises the next similar route here; Reset forgets it', async () => {
    const api = await quorumApi();
    // Greetings the learned classifier calls chat/Q&A every time (feedback is per task type).
    for (const time of ['first', 'second']) {
      const routed = await ask({ prompt: `Please say hello to me, ${time} time` });
      assert.equal(routed?.phase, 'done', routed?.error);
      assert.equal(api.lastRoute()?.tier.needed, 'budget', 'a greeting starts at budget');
      const again = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askAgainWith', { model: STANDARD_MODEL, saveRule: false });
      assert.equal(again?.answeredBy, STANDARD_MODEL);
    }
    const learned = await ask({ prompt: 'Please say hello to me once more' });
    assert.equal(learned?.phase, 'done', learned?.error);
    assert.equal(api.lastRoute()?.tier.needed, 'standard', 'two overrides raised this task here');
    assert.equal(api.lastRoute()?.feedback?.note, '2 of your overrides raised chat/Q&A to standard here');
    assert.equal(learned?.snapshot.header.feedback, '2 of your overrides raised chat/Q&A to standard here');
    const explanation = await vscode.commands.executeCommand<string | undefined>('quorum.explainLastRoute');
    assert.match(explanation ?? '', /Tier standard \(from budget\): 2 of your overrides raised chat/, 'Explain Last Route says feedback moved the tier');

    assert.equal(await vscode.commands.executeCommand('quorum.resetRoutingFeedback', { confirm: false }), true);
    await ask({ prompt: 'Please say hello to me after the reset' });
    assert.equal(api.lastRoute()?.tier.needed, 'budget');
    assert.equal(api.lastRoute()?.feedback, undefined);
  });

  it('@quorum sends #file references (text and image) and the earlier turns of the conversation', async () => {
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, 'The launch code word is PELICAN.');
    let handler: vscode.ChatRequestHandler | undefined;
    const chatApi = { createChatParticipant: (_id: string, h: vscode.ChatRequestHandler) => ((handler = h), { dispose: () => undefined } as unknown as vscode.ChatParticipant) };
    const registration = (await quorumApi()).registerChatParticipant(chatApi);
    try {
      const references = [
        { id: 'file', name: 'notes.md', value: vscode.Uri.file(notes) },
        { id: 'file', name: 'chart.png', value: vscode.Uri.file(image) },
      ];
      const history = [
        { participant: 'quorum.quorum', prompt: 'Remember the colour teal.', command: undefined, references: [], toolReferences: [] },
        { participant: 'quorum.quorum', response: [{ value: new vscode.MarkdownString('Teal noted.') }], result: {}, command: undefined },
      ];
      const request = { prompt: 'What is the code word, and what is in the chart?', command: undefined, references, toolReferences: [], toolInvocationToken: undefined, model: undefined } as unknown as vscode.ChatRequest;
      const stream = { markdown: () => undefined, button: () => undefined, progress: () => undefined, anchor: () => undefined, reference: () => undefined, push: () => undefined } as unknown as vscode.ChatResponseStream;
      assert.ok(handler, 'the participant registered its handler');
      const result = await handler(request, { history } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
      assert.equal((result as { metadata?: { outcome?: string } }).metadata?.outcome, 'done');
      const body = await lastModelCall();
      assert.ok(body.includes('PELICAN'), 'the text reference was sent');
      assert.ok(hasImagePart(body), 'the image reference was sent as an image part');
      assert.ok(body.includes('Remember the colour teal.') && body.includes('Teal noted.'), 'the earlier turns were sent');
      assert.equal((await quorumApi()).lastRoute()?.task.needs.vision, true);
    } finally {
      registration?.dispose();
    }
  });
});

// @quorum and the vscodeLm provider in the real extension host. code-server has neither a chat UI nor
// language models, so the host-side APIs are stood in for: a chat API that hands us the participant's
// handler, and a LanguageModelChat that streams real vscode.LanguageModelTextPart chunks.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ProviderError } from '../../src/core/errors';
import type { StreamEvent } from '../../src/core/types';
import { createVscodeLmProvider, type LmApi } from '../../src/vscode/vscodeLmProvider';
import { quorumApi, useFakeProviders } from './helpers';

type Handler = vscode.ChatRequestHandler;

/** A chat API that registers nothing with VS Code and gives the test the handler. */
function standInChat(): { api: Pick<typeof vscode.chat, 'createChatParticipant'>; handler(): Handler } {
  let handler: Handler | undefined;
  const api = {
    createChatParticipant: (_id: string, h: Handler) => {
      handler = h;
      return { dispose: () => undefined, iconPath: undefined, followupProvider: undefined } as unknown as vscode.ChatParticipant;
    },
  };
  return { api, handler: () => { assert.ok(handler, 'the participant registered its handler'); return handler; } };
}

/** What the handler wrote to the chat: markdown and buttons. */
function responseStream(): { stream: vscode.ChatResponseStream; markdown: string[]; buttons: string[] } {
  const markdown: string[] = [];
  const buttons: string[] = [];
  const stream = {
    markdown: (value: string | vscode.MarkdownString) => void markdown.push(typeof value === 'string' ? value : value.value),
    button: (command: vscode.Command) => void buttons.push(command.command),
    progress: () => undefined,
    anchor: () => undefined,
    reference: () => undefined,
    filetree: () => undefined,
    push: () => undefined,
  } as unknown as vscode.ChatResponseStream;
  return { stream, markdown, buttons };
}

function chatRequest(prompt: string, command?: string): vscode.ChatRequest {
  return { prompt, command, references: [], toolReferences: [], toolInvocationToken: undefined, model: undefined } as unknown as vscode.ChatRequest;
}

describe('@quorum chat and the vscodeLm provider (stand-in host APIs)', function () {
  this.timeout(60_000);
  useFakeProviders({ openai: 'sk-test-chat-openai-0001', anthropic: 'sk-ant-test-chat-0001' }, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
  });

  it('/ask streams the answer with the route line first and tokens and cost at the end', async () => {
    const chat = standInChat();
    const registration = (await quorumApi()).registerChatParticipant(chat.api);
    try {
      const { stream, markdown } = responseStream();
      const result = await chat.handler()(chatRequest('Say hello to the chat test'), { history: [] } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
      const text = markdown.join('');
      assert.match(markdown[0] ?? '', /^\*\*Quorum\*\* → `(openai|anthropic)\//);
      assert.match(text, /You asked: "Say hello to the chat test"/);
      assert.match(text, /Tokens: \d+ in · \d+ out/);
      assert.match(text, /Cost: \$[\d,.]+\n$/, 'the cost the ledger records, not an estimate');
      assert.equal((result as { metadata?: { outcome?: string } }).metadata?.outcome, 'done');
    } finally {
      registration?.dispose();
    }
  });

  it('/compare answers with one section per model and a button to the panel', async () => {
    const chat = standInChat();
    const registration = (await quorumApi()).registerChatParticipant(chat.api);
    try {
      const { stream, markdown, buttons } = responseStream();
      await chat.handler()(chatRequest('Name a sorting algorithm', 'compare'), { history: [] } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
      const text = markdown.join('');
      assert.ok((text.match(/You asked: "Name a sorting algorithm"/g) ?? []).length >= 2, text);
      assert.ok(buttons.includes('quorum.compareModels'), `buttons: ${buttons.join(', ')}`);
    } finally {
      registration?.dispose();
    }
  });

  describe('vscodeLm provider', () => {
    const model = (sendRequest: vscode.LanguageModelChat['sendRequest']): LmApi => ({
      selectChatModels: async () => [{ id: 'copilot-gpt', name: 'Copilot GPT', vendor: 'copilot', family: 'gpt', version: '1', maxInputTokens: 64_000, sendRequest, countTokens: async () => 0 } as unknown as vscode.LanguageModelChat],
    });
    const collect = async (lm: LmApi, signal = new AbortController().signal): Promise<StreamEvent[]> => {
      const events: StreamEvent[] = [];
      for await (const e of createVscodeLmProvider({ lm }).stream({ model: 'copilot-gpt', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }, { signal, timeouts: { firstTokenMs: 5_000, idleMs: 5_000 } })) events.push(e);
      return events;
    };

    it('streams text parts, finishes, and reports no usage (cost unknown, never $0)', async () => {
      let sent: vscode.LanguageModelChatMessage[] = [];
      const events = await collect(model(async (messages) => {
        sent = [...messages] as vscode.LanguageModelChatMessage[];
        return { text: (async function* () { yield 'Hel'; yield 'lo'; })(), stream: (async function* () { yield new vscode.LanguageModelTextPart('Hel'); yield new vscode.LanguageModelTextPart('lo'); })() } as unknown as vscode.LanguageModelChatResponse;
      }));
      assert.deepEqual(events.filter((e) => e.type === 'text-delta').map((e) => (e.type === 'text-delta' ? e.text : '')), ['Hel', 'lo']);
      assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
      assert.equal(events.some((e) => e.type === 'usage'), false);
      assert.equal(sent.length, 1, 'the system text is folded into the user message (the lm API has no system role)');
      assert.equal(sent[0]?.role, vscode.LanguageModelChatMessageRole.User);
    });

    it('maps a refused consent (LanguageModelError.NoPermissions) to reason permission', async () => {
      await assert.rejects(collect(model(async () => { throw vscode.LanguageModelError.NoPermissions('the user said no'); })), (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.reason, 'permission');
        return true;
      });
    });

    it('cancels the request through its CancellationToken when the signal aborts', async () => {
      const controller = new AbortController();
      let token: vscode.CancellationToken | undefined;
      const run = collect(model(async (_messages, _options, t) => {
        token = t;
        // A model that thinks for a long time before its first part.
        const slow = async function* (): AsyncGenerator<vscode.LanguageModelTextPart> {
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          yield new vscode.LanguageModelTextPart('late');
        };
        return { text: (async function* () { yield 'late'; })(), stream: slow() } as unknown as vscode.LanguageModelChatResponse;
      }), controller.signal);
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(run, (error: unknown) => error instanceof ProviderError && error.reason === 'aborted');
      assert.equal(token?.isCancellationRequested, true);
    });
  });
});

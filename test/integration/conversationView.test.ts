// The Quorum view's conversation in the real extension host, against the fakes: a follow-up carries the first turn
// (as messages the provider really receives) and names the conversation and its turn number on the route request.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConversationSnapshot } from '../../src/shared/conversationProtocol';
import type { CompareColumnInfo } from '../../src/shared/panelProtocol';
import type { VoteState } from '../../src/shared/voteProtocol';
import { fakeRequests, quorumApi, useFakeProviders, waitFor } from './helpers';

const KEYS = { openai: 'sk-test-conversation-openai-0001', anthropic: 'sk-ant-test-conversation-0001' } as const;

interface OpenAIBody {
  readonly model?: string;
  readonly messages?: readonly { readonly role: string; readonly content: unknown }[];
}

function lastTurn(view: ConversationSnapshot): ConversationSnapshot['list'][number] | undefined {
  return view.list[0];
}

describe('Quorum view: conversation', function () {
  this.timeout(60_000);
  useFakeProviders(KEYS, { 'quorum.privacy.allowedProviders': ['openai', 'anthropic'], 'quorum.fallback.maxRetriesPerModel': 0 });

  it('sends a 2-turn conversation whose second request carries the first turn, as turn 1', async () => {
    const api = await quorumApi();
    await api.conversationMessage({ type: 'conversation/new' });
    const refsBefore = api.conversationRefs().length;
    const requestsBefore = (await fakeRequests()).length;

    await api.conversationMessage({ type: 'conversation/send', prompt: 'What does a circuit breaker do?', model: 'openai/gpt-6-luna' });
    const first = api.conversationView().conversation?.turns[0];
    assert.equal(first?.phase, 'done', first?.header.why);
    assert.match(first?.text ?? '', /You asked: "What does a circuit breaker do\?"/);
    assert.equal(first?.header.model, 'openai/gpt-6-luna');
    assert.notEqual(first?.header.cost, '…');

    await api.conversationMessage({ type: 'conversation/send', prompt: 'And when does it close again?', model: 'openai/gpt-6-luna' });
    const view = api.conversationView();
    assert.equal(view.conversation?.turns.length, 2);
    assert.equal(view.conversation?.turns[1]?.phase, 'done');
    assert.equal(lastTurn(view)?.turns, 2, 'the list shows the conversation with its two turns');

    const refs = api.conversationRefs().slice(refsBefore);
    assert.deepEqual(refs.map((r) => r?.turn), [0, 1]);
    assert.equal(refs[1]?.id, refs[0]?.id);
    assert.equal(refs[1]?.id, view.conversation?.id);
    assert.deepEqual(refs[1]?.previous?.model, { provider: 'openai', model: 'gpt-6-luna' });

    const chats = (await fakeRequests()).slice(requestsBefore).filter((r) => r.vendor === 'openai' && r.path === '/v1/chat/completions');
    assert.equal(chats.length, 2, chats.map((r) => r.path).join(', '));
    const second = (chats[1]?.body as OpenAIBody).messages ?? [];
    assert.deepEqual(second.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(JSON.stringify(second[0]?.content), /What does a circuit breaker do\?/);
    assert.match(JSON.stringify(second[1]?.content), /You asked: \\"What does a circuit breaker do\?\\"/);
    assert.match(JSON.stringify(second[2]?.content), /And when does it close again\?/);
  });

  it('Ask Best Model without arguments opens the view with the selection attached as a removable chip', async () => {
    const api = await quorumApi();
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'first = 1\nsecond = 2\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 10);
    await vscode.commands.executeCommand('quorum.askBestModel');
    const chip = await waitFor(() => api.conversationView().chips.find((c) => c.kind === 'selection'), 'the selection chip');
    assert.match(chip.label, /:2$/);
    assert.match(chip.tokens, /^\d+ tokens$/);
    await api.conversationMessage({ type: 'chip/remove', id: chip.id });
    assert.equal(api.conversationView().chips.some((c) => c.id === chip.id), false);
    // Reverted first: closing an untitled document with text would ask whether to save it.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses an empty question without sending anything', async () => {
    const api = await quorumApi();
    const before = (await fakeRequests()).length;
    await api.conversationMessage({ type: 'conversation/send', prompt: '   ', model: 'auto' });
    assert.equal((await fakeRequests()).length, before);
  });

  it('continues a Compare column and a Vote winner in a new conversation, pinned to that model', async () => {
    const api = await quorumApi();
    await vscode.commands.executeCommand('quorum.openPanel');
    api.clearPanelMessages();
    await api.panelMessage({ type: 'compare/run', prompt: 'Name a sorting algorithm', models: ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5'], attachFile: false });
    const haiku = await waitFor(() => {
      const columns = api.panelMessages().flatMap((m) => (m.type === 'compare/column' ? [m.column] : [])) as CompareColumnInfo[];
      return columns.find((c) => c.ref === 'anthropic/claude-haiku-5-5' && c.status === 'done');
    }, 'the Haiku column done');
    await api.panelMessage({ type: 'compare/continue', columnId: haiku.id });
    const seeded = await waitFor(() => {
      const turns = api.conversationView().conversation?.turns ?? [];
      return turns.length === 1 && turns[0]?.prompt === 'Name a sorting algorithm' ? api.conversationView() : undefined;
    }, 'a conversation seeded from the column');
    assert.equal(seeded.model, 'anthropic/claude-haiku-5-5', 'pinned to the column\'s model by default');
    assert.match(seeded.conversation?.turns[0]?.text ?? '', /Name a sorting algorithm/);
    assert.match(seeded.conversation?.turns[0]?.header.why ?? '', /Continued from Compare/);
    await api.conversationMessage({ type: 'conversation/send', prompt: 'Why that one?', model: seeded.model });
    const followUp = api.conversationView().conversation?.turns[1];
    assert.equal(followUp?.phase, 'done', followUp?.header.why);
    assert.equal(followUp?.header.model, 'anthropic/claude-haiku-5-5');
    assert.equal(api.conversationRefs().at(-1)?.turn, 1);

    api.clearPanelMessages();
    await api.panelMessage({ type: 'vote/run', prompt: 'Is 7 a prime number? Answer yes or no.', models: ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5', 'openai/gpt-6.2-sol'], strategy: 'majority' });
    await waitFor(() => {
      const last = api.panelMessages().flatMap((m) => (m.type === 'vote/state' ? [m.vote as VoteState] : [])).at(-1);
      return last !== undefined && !last.running && last.result !== undefined;
    }, 'the vote result');
    await api.panelMessage({ type: 'vote/continue' });
    const fromVote = await waitFor(() => {
      const view = api.conversationView();
      return view.conversation?.turns[0]?.prompt === 'Is 7 a prime number? Answer yes or no.' ? view : undefined;
    }, 'a conversation seeded from the vote');
    assert.notEqual(fromVote.model, 'auto', 'pinned to the winner\'s model');
    assert.match(fromVote.conversation?.turns[0]?.header.why ?? '', /Continued from Vote/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

// The Quorum view's conversation in the real extension host, against the fakes: a follow-up carries the first turn
// (as messages the provider really receives) and names the conversation and its turn number on the route request.
import assert from 'node:assert/strict';
import type { ConversationSnapshot } from '../../src/shared/conversationProtocol';
import { fakeRequests, quorumApi, useFakeProviders } from './helpers';

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

  it('refuses an empty question without sending anything', async () => {
    const api = await quorumApi();
    const before = (await fakeRequests()).length;
    await api.conversationMessage({ type: 'conversation/send', prompt: '   ', model: 'auto' });
    assert.equal((await fakeRequests()).length, before);
  });
});

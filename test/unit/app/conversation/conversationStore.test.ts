import assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/app/conversation/conversationStore';
import type { Conversation } from '../../../../src/core/conversation/conversation';
import { MemoryStorage } from './conversationFixtures';

function conversation(id: string, title: string, answer = 'an answer', updatedAt = 1): Conversation {
  return {
    id, title, createdAt: 1, updatedAt,
    turns: [{ id: `${id}-t`, prompt: `question of ${title}`, sent: `question of ${title}`, chips: [], answer: { text: answer, phase: 'done', at: 2, reasons: [] } }],
  };
}

describe('ConversationStore', () => {
  it('saves, restores, lists newest first, renames and deletes', async () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    await store.save(conversation('a', 'Alpha'));
    await store.save(conversation('b', 'Beta'));
    await store.rename('a', '  Renamed alpha ');
    const again = new ConversationStore(storage);
    assert.deepEqual(again.list().map((s) => [s.id, s.title]), [['b', 'Beta'], ['a', 'Renamed alpha']]);
    assert.equal(await again.rename('a', '   '), false, 'a blank title is refused');
    await again.remove('b');
    assert.deepEqual(new ConversationStore(storage).list().map((s) => s.id), ['a']);
    assert.equal(storage.get('quorum.conversation.b'), undefined);
  });

  it('searches titles, questions and answers, in any case', async () => {
    const store = new ConversationStore(new MemoryStorage());
    await store.save(conversation('a', 'Retry policy', 'jittered BACKOFF'));
    await store.save(conversation('b', 'Breakers'));
    assert.deepEqual(store.search('backoff').map((s) => s.id), ['a']);
    assert.deepEqual(store.search('question of breakers').map((s) => s.id), ['b']);
    assert.deepEqual(store.search('  ').map((s) => s.id), ['b', 'a']);
    assert.deepEqual(store.search('nothing like it'), []);
  });

  it('reports and skips a corrupt entry and loses nothing else', async () => {
    const storage = new MemoryStorage();
    const store = new ConversationStore(storage);
    await store.save(conversation('good', 'Good one'));
    await store.save(conversation('bad', 'Bad one'));
    await storage.update('quorum.conversation.bad', { id: 'bad', title: 42, turns: 'not a list' });
    const restored = new ConversationStore(storage);
    assert.deepEqual(restored.list().map((s) => s.id), ['good']);
    assert.equal(restored.problems().length, 1);
    assert.match(restored.problems()[0] ?? '', /Conversation bad could not be read/);
    assert.equal(restored.get('good')?.turns[0]?.answer?.text, 'an answer');
  });

  it('starts empty, saying so, when the list itself is unreadable', () => {
    const storage = new MemoryStorage();
    void storage.update('quorum.conversations', 'garbage');
    const store = new ConversationStore(storage);
    assert.deepEqual(store.list(), []);
    assert.equal(store.problems().length, 1);
  });
});

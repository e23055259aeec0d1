import assert from 'node:assert/strict';
import { ConversationSession } from '../../../../src/app/conversation/conversationSession';
import { ConversationStore } from '../../../../src/app/conversation/conversationStore';
import type { ChatMessage } from '../../../../src/core/types';
import { haiku, luna } from '../../core/ask/askFixtures';
import { chip, conversationHarness } from './conversationFixtures';

function textOf(message: ChatMessage | undefined): string {
  if (message === undefined) return '';
  return typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : `[${p.mediaType}]`)).join('');
}

describe('ConversationSession', () => {
  it('sends a follow-up with the earlier turns as messages and numbers each turn', async () => {
    const { session, routed, sent } = conversationHarness();
    await session.send('What does retry do?');
    await session.send('And backoff?');
    await session.send('Summarise both.');
    assert.deepEqual(routed.map((r) => r.conversation?.turn), [0, 1, 2]);
    const id = session.conversation?.id;
    assert.ok(id !== undefined);
    assert.ok(routed.every((r) => r.conversation?.id === id), 'one conversation id on every request');
    assert.equal(routed[0]?.conversation?.previous, undefined, 'the first question continues nothing');
    assert.deepEqual(routed[1]?.conversation?.previous?.model, luna, 'a follow-up names the model that answered last');
    const third = sent[2]?.messages ?? [];
    assert.deepEqual(third.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user']);
    assert.deepEqual(third.map(textOf), ['What does retry do?', 'answer 1', 'And backoff?', 'answer 2', 'Summarise both.']);
  });

  it('sends only the chips still attached, and keeps their files under the privacy globs on follow-ups', async () => {
    const { session, sent, routed } = conversationHarness();
    session.addChips([chip('kept', 'const KEPT = 1;'), chip('removed', 'const REMOVED_SECRET = 2;')]);
    session.removeChip('removed');
    await session.send('Explain this');
    const first = textOf(sent[0]?.messages.at(-1));
    assert.match(first, /const KEPT = 1;/);
    assert.doesNotMatch(JSON.stringify(sent), /REMOVED_SECRET/);
    assert.deepEqual(routed[0]?.contextFiles, ['src/kept.ts']);
    assert.deepEqual(session.chips, [], 'chips go with the question they were sent with');
    await session.send('And now?');
    assert.deepEqual(routed[1]?.contextFiles, ['src/kept.ts'], 'the file is still in the history, so the glob still applies');
    assert.match(textOf(sent[1]?.messages[0]), /const KEPT = 1;/, 'the earlier message is sent again as it was');
  });

  it('never sends an empty question', async () => {
    const { session, sent } = conversationHarness();
    assert.equal((await session.send('   \n ')).problem, 'Type a question first.');
    assert.equal(sent.length, 0);
    assert.equal(session.conversation, undefined);
  });

  it('reports a failed answer so the words can go back to the input, and Retry sends the same turn again', async () => {
    let failing = true;
    const { session, routed, sent } = conversationHarness({ fail: () => failing });
    await session.send('First');
    failing = false;
    await session.send('Second');
    failing = true;
    const result = await session.send('Third fails');
    assert.match(result.failed ?? '', /Set API Key/);
    assert.equal(session.conversation?.turns.at(-1)?.answer?.phase, 'failed');
    failing = false;
    assert.equal(await session.retry(), undefined);
    const turns = session.conversation?.turns ?? [];
    assert.deepEqual(turns.map((t) => t.prompt), ['First', 'Second', 'Third fails'], 'Retry replaces the failed turn');
    assert.equal(routed.at(-1)?.conversation?.turn, 2);
    // The failed first turn is left out of the history with its question; the answered one is carried.
    assert.deepEqual(sent.at(-1)?.messages.map(textOf), ['Second', 'answer 2', 'Third fails']);
  });

  it('regenerates the last answer afresh with the model picked, as the same turn', async () => {
    const { session, routed, pinnedRuns, asked } = conversationHarness();
    await session.send('One');
    await session.send('Two');
    await session.regenerate(haiku);
    assert.deepEqual(asked.map((a) => a.fresh === true), [false, false, true], 'only Regenerate bypasses the response cache');
    assert.equal(routed.at(-1)?.conversation?.turn, 1);
    assert.deepEqual(pinnedRuns.at(-1), [haiku]);
    assert.deepEqual(session.conversation?.turns.at(-1)?.pinned, haiku);
    assert.equal(session.conversation?.turns.length, 2);
  });

  it('seeds a conversation from Compare pinned to that model, and the first follow-up carries the seed', async () => {
    const { session, sent, routed, pinnedRuns } = conversationHarness();
    await session.startNew({ prompt: 'Compare prompt', answer: 'Column answer', model: haiku, source: 'Compare' });
    assert.deepEqual(session.model, haiku);
    await session.send('Follow up');
    assert.deepEqual(pinnedRuns[0], [haiku]);
    assert.deepEqual(sent[0]?.messages.map(textOf), ['Compare prompt', 'Column answer', 'Follow up']);
    assert.equal(routed[0]?.conversation?.turn, 1);
    assert.deepEqual(routed[0]?.conversation?.previous?.model, haiku);
  });

  it('saves every settled turn, and a new session over the same storage (a reload) shows that conversation again', async () => {
    const { session, storage } = conversationHarness();
    session.model = haiku;
    await session.send('Remember me');
    const store = new ConversationStore(storage);
    const id = session.conversation?.id ?? '';
    assert.equal(store.get(id)?.turns[0]?.answer?.text, 'answer 1');
    assert.equal(store.list()[0]?.title, 'Remember me');
    const reloaded = new ConversationSession({ requests: { ask: () => assert.fail('nothing is sent on restore') }, store, catalog: () => undefined, clock: { now: () => 0 }, newId: () => 'x', onChange: () => undefined });
    assert.equal(reloaded.conversation?.id, id);
    assert.deepEqual(reloaded.model, haiku, 'the model the conversation started with is the choice again');
    await reloaded.startNew();
    assert.equal(new ConversationSession({ requests: { ask: () => assert.fail() }, store: new ConversationStore(storage), catalog: () => undefined, clock: { now: () => 0 }, newId: () => 'y', onChange: () => undefined }).conversation, undefined);
  });
});

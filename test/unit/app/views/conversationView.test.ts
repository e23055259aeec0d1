import assert from 'node:assert/strict';
import { chipView, conversationUpdateMessage, toConversationSnapshot } from '../../../../src/app/views/conversationView';
import { voteSeed } from '../../../../src/app/conversation/voteSeed';
import type { ConversationSnapshot, TurnView } from '../../../../src/shared/conversationProtocol';
import type { VoteState } from '../../../../src/shared/voteProtocol';
import { chip, conversationHarness } from '../conversation/conversationFixtures';

const header = { status: 'Answering…', model: 'openai/gpt-6-luna', why: 'cheap', tokens: '…', cost: '…' };
const turn = (text: string, extra: Partial<TurnView> = {}): TurnView => ({ id: 't1', prompt: 'q', chips: [], phase: 'streaming', header, reasons: [], text, ...extra });
const snapshot = (turns: TurnView[], extra: Partial<ConversationSnapshot> = {}): ConversationSnapshot => ({
  conversation: { id: 'c', title: 'q', turns }, list: [], query: '', chips: [], models: [], model: 'auto', busy: true, ...extra,
});

describe('conversation view presenter', () => {
  it('sends only the appended text while the last answer grows, and a snapshot for anything else', () => {
    assert.deepEqual(conversationUpdateMessage(snapshot([turn('Hel')]), snapshot([turn('Hello')])), { type: 'conversation/append', turnId: 't1', text: 'lo' });
    assert.equal(conversationUpdateMessage(snapshot([turn('Hel')]), snapshot([turn('Hello', { phase: 'done' })])).type, 'conversation/snapshot');
    assert.equal(conversationUpdateMessage(snapshot([turn('Hel')]), snapshot([turn('Hello')], { busy: false })).type, 'conversation/snapshot');
    assert.equal(conversationUpdateMessage(snapshot([turn('Hello')]), snapshot([turn('Help')])).type, 'conversation/snapshot');
    assert.equal(conversationUpdateMessage(undefined, snapshot([turn('Hello')])).type, 'conversation/snapshot');
  });

  it('shows each chip with its token size, and says when a privacy glob keeps it local', () => {
    assert.deepEqual(chipView(chip('a', 'x'.repeat(4_000), { privateGlob: 'secrets/**' })), {
      id: 'a', kind: 'reference', label: 'a.ts', tokens: '1,000 tokens', privacy: 'local models only (quorum.privacy.localOnlyGlobs: secrets/**)',
    });
    assert.equal(chipView(chip('b', 'y')).privacy, undefined);
  });

  it('gives every settled turn its route card and cost, pinned turns saying the user chose the model', async () => {
    const { session } = conversationHarness();
    await session.send('Auto question');
    session.model = { provider: 'anthropic', model: 'claude-haiku-5-5' };
    await session.send('Pinned question');
    const view = toConversationSnapshot(session, { models: [], list: session.searchResults(), now: Date.now() });
    const [auto, pinned] = view.conversation?.turns ?? [];
    assert.equal(auto?.header.why, 'Cheapest standard-tier model for code generation.');
    assert.equal(auto?.reasons.length, 2);
    assert.equal(auto?.header.tokens, '10 in · 2 out');
    assert.equal(auto?.header.cost, 'unknown', 'an unpriced model costs "unknown", never $0');
    assert.equal(pinned?.header.why, 'You chose anthropic/claude-haiku-5-5 in the model picker.');
    assert.equal(view.model, 'anthropic/claude-haiku-5-5');
    assert.equal(view.busy, false);
  });
});

describe('voteSeed', () => {
  const base: VoteState = { strategy: 'majority', selected: [], prompt: 'Is it prime?', running: false, members: [
    { ref: 'openai/gpt-6-luna', label: 'Luna', status: 'done', answer: 'No', cluster: 1 },
    { ref: 'anthropic/claude-haiku-5-5', label: 'Haiku', status: 'done', answer: 'Yes', cluster: 0, costUsd: 0.002 },
  ] };
  it('continues with the winning answer, pinned to the model that gave it', () => {
    const seed = voteSeed({ ...base, result: { winner: 'Yes', winnerCluster: 0, agreement: 0.5, why: 'w', unpricedCalls: 0, totalMs: 1 } });
    assert.deepEqual(seed, { prompt: 'Is it prime?', answer: 'Yes', model: { provider: 'anthropic', model: 'claude-haiku-5-5' }, source: 'Vote', costUsd: 0.002 });
  });
  it('offers nothing while running or without a winner', () => {
    assert.equal(voteSeed({ ...base, running: true, result: { winner: 'Yes', winnerCluster: 0, agreement: 1, why: '', unpricedCalls: 0, totalMs: 1 } }), undefined);
    assert.equal(voteSeed(base), undefined);
  });
});

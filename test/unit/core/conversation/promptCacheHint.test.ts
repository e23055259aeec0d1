import assert from 'node:assert/strict';
import { FIRST_TURN_MIN_PREFIX_TOKENS, promptCacheHintFor } from '../../../../src/core/conversation/promptCacheHint';
import type { ChatMessage } from '../../../../src/core/types';

const big = 'x'.repeat(FIRST_TURN_MIN_PREFIX_TOKENS * 4);
const followUp: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'First question' },
  { role: 'assistant', content: 'First answer' },
  { role: 'user', content: 'Follow-up' },
];

describe('promptCacheHintFor', () => {
  it('a follow-up: keyed by the conversation id, everything but the newest user message is stable', () => {
    assert.deepEqual(promptCacheHintFor(followUp, { id: 'conv-1', turn: 1 }), { key: 'conv-1', stablePrefixMessages: 3 });
  });

  it('no conversation: no hint (nothing would read the cache again)', () => {
    assert.equal(promptCacheHintFor(followUp, undefined), undefined);
  });

  it('a first turn with a large attachment in its own message: hinted, so the follow-up reads it', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: big }, { role: 'user', content: 'What does this do?' }];
    assert.deepEqual(promptCacheHintFor(messages, { id: 'c', turn: 0 }), { key: 'c', stablePrefixMessages: 1 });
  });

  it('a first turn with a small prefix: no hint (no vendor caches under 1,024 tokens, and a write would cost extra)', () => {
    const messages: ChatMessage[] = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }];
    assert.equal(promptCacheHintFor(messages, { id: 'c', turn: 0 }), undefined);
  });

  it('a single message, or one not ending with a user turn: nothing stable to cache', () => {
    assert.equal(promptCacheHintFor([{ role: 'user', content: big }], { id: 'c', turn: 3 }), undefined);
    assert.equal(promptCacheHintFor([...followUp, { role: 'assistant', content: 'x' }], { id: 'c', turn: 3 }), undefined);
  });
});

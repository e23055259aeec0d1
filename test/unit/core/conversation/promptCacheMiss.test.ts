import assert from 'node:assert/strict';
import { promptCacheOutcome, type CacheOutcomeInput } from '../../../../src/core/conversation/promptCacheMiss';
import type { ChatMessage } from '../../../../src/core/types';

const NOW = Date.parse('2026-12-06T02:00:00Z');
const HAIKU = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const bigFollowUp: ChatMessage[] = [{ role: 'user', content: 'f'.repeat(40_000) }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'q' }];
const smallFollowUp: ChatMessage[] = [{ role: 'user', content: 'small' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'q' }];

function outcome(over: Partial<CacheOutcomeInput> & { ago?: number; previousModel?: typeof HAIKU; turn?: number; read?: number }) {
  return promptCacheOutcome({
    conversation: { id: 'c1', turn: over.turn ?? 1, ...(over.turn === 0 ? {} : { previous: { model: over.previousModel ?? HAIKU, at: NOW - (over.ago ?? 60_000) } }) },
    messages: over.messages ?? bigFollowUp,
    model: over.model ?? HAIKU,
    usage: { inputTokens: 10_000, outputTokens: 10, cachedInputTokens: over.read ?? 0 },
    sentAt: NOW,
  });
}

describe('promptCacheOutcome (why a request missed the prompt cache)', () => {
  const rows: [string, ReturnType<typeof outcome>, string | undefined][] = [
    ['hit: cache read > 0', outcome({ read: 8_000 }), undefined],
    ['first turn: nothing cached yet', outcome({ turn: 0 }), 'firstTurn'],
    ['model switched: another model answered', outcome({ previousModel: { provider: 'openai', model: 'gpt-6-luna' } }), 'modelSwitched'],
    ['expired: the previous turn is past the TTL', outcome({ ago: 6 * 60_000 }), 'expired'],
    ['below minimum size: the stable prefix is too short to cache', outcome({ messages: smallFollowUp }), 'belowMinimum'],
    ['no known prompt cache (compatible endpoint)', outcome({ model: { provider: 'compat:ollama', model: 'llama' }, previousModel: { provider: 'compat:ollama', model: 'llama' } }), 'notSupported'],
    ['prefix changed: same model, warm, large enough, yet no read', outcome({}), 'prefixChanged'],
  ];
  for (const [name, result, miss] of rows) {
    it(name, () => {
      assert.equal(result?.hit, miss === undefined);
      assert.equal(result?.miss, miss);
      assert.equal(result?.conversation, 'c1');
    });
  }

  it('outside a conversation there is no outcome', () => {
    assert.equal(promptCacheOutcome({ messages: bigFollowUp, model: HAIKU, usage: { inputTokens: 1 }, sentAt: NOW }), undefined);
  });
});

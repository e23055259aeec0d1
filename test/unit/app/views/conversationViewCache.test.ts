import assert from 'node:assert/strict';
import { ConversationSession } from '../../../../src/app/conversation/conversationSession';
import { ConversationStore } from '../../../../src/app/conversation/conversationStore';
import { toConversationSnapshot } from '../../../../src/app/views/conversationView';
import type { AnswerState } from '../../../../src/core/ask/answerState';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import { FakeClock } from '../../core/resilience/fakeClock';
import { MemoryStorage } from '../conversation/conversationFixtures';

const model = { provider: 'anthropic', model: 'claude-haiku-5-5' };

/** A session whose request path answers each turn with the next of `finals` (settled states). */
function sessionAnswering(finals: Partial<AnswerState>[]) {
  const storage = new MemoryStorage();
  let ids = 0;
  const deps = {
    requests: {
      ask: async function* (input: { readonly prompt: string }): AsyncGenerator<AnswerState> {
        const final = finals.shift() ?? {};
        yield { id: 'a', prompt: input.prompt, phase: 'done', hops: [], segments: [{ by: model, text: 'answer' }], answeredBy: model, ...final };
      },
    },
    catalog: () => buildCatalog({ builtin: [], userEntries: [], discovered: [] }),
    clock: new FakeClock(),
    newId: () => `id-${++ids}`,
    onChange: () => undefined,
  };
  const session = () => new ConversationSession({ ...deps, store: new ConversationStore(storage) });
  return { session: session(), reopened: session };
}

describe('conversation view presenter: prompt cache and exact cache on the route card', () => {
  it('a settled turn keeps its prompt-cache line and "cached" badge, also after a reload', async () => {
    const { session, reopened } = sessionAnswering([
      { usage: { inputTokens: 20, outputTokens: 5, cacheWriteTokens: 6_000 } },
      { usage: { inputTokens: 30, outputTokens: 5, cachedInputTokens: 6_000 } },
      { usage: { inputTokens: 0, outputTokens: 0 }, cached: { savedUsd: 0.0123, storedAt: 1 } },
    ]);
    await session.send('first');
    await session.send('follow-up');
    await session.send('repeated');
    for (const shown of [session, reopened()]) {
      const turns = toConversationSnapshot(shown, { models: [], list: [], now: 0 }).conversation?.turns ?? [];
      assert.match(turns[0]?.header.cache ?? '', /^read 0 tokens, wrote 6,000 · /);
      assert.match(turns[1]?.header.cache ?? '', /^read 6,000 tokens, wrote 0 · /);
      assert.equal(turns[1]?.header.cached, undefined);
      assert.equal(turns[2]?.header.cached, 'cached · saved $0.0123');
      assert.equal(turns[2]?.header.cache, undefined, 'a hit sent nothing, so no prompt-cache line');
    }
  });
});

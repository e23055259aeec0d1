// A follow-up in a conversation reuses the provider's prompt cache: the request path turns
// `RouteRequest.conversation` into Anthropic cache_control breakpoints (via the real SDK, against the fake),
// the second turn reads what the first wrote, and it is priced lower than the same turn sent without the cache.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../src/core/types';
import * as vscode from 'vscode';
import { quorumApi, useFakeProviders, waitFor } from './helpers';

/** An attached file of ~6,000 tokens: above every Claude model's minimum cacheable prefix (4,096 at most). */
const FILE = `The attached file src/orders.ts:\n${'export function total(orders: Order[]): number { return orders.reduce((s, o) => s + o.price, 0); }\n'.repeat(240)}`;

describe('Prompt caching: a follow-up reads the Anthropic cache', function () {
  this.timeout(60_000);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  useFakeProviders({ anthropic: 'sk-ant-test-cache-0001' }, {
    'quorum.privacy.allowedProviders': ['anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
  });

  it('turn 2 reports cache read > 0 and costs less than the same turn without the cache', async () => {
    const api = await quorumApi();
    const id = `conv-${Date.now().toString(36)}`;
    const turn1: ChatMessage[] = [{ role: 'user', content: FILE }, { role: 'user', content: 'What does total() do?' }];
    const first = await api.askThroughPath({ messages: turn1, conversation: { id, turn: 0 } });
    assert.equal(first.phase, 'done', first.error);
    assert.ok((first.usage?.cacheWriteTokens ?? 0) > 0, `turn 1 writes the cache: ${JSON.stringify(first.usage)}`);

    const turn2: ChatMessage[] = [...turn1, { role: 'assistant', content: 'It sums the prices.' }, { role: 'user', content: 'Does it handle an empty list?' }];
    const previous = first.model === undefined ? undefined : { model: first.model, at: Date.now() };
    const second = await api.askThroughPath({ messages: turn2, conversation: { id, turn: 1, ...(previous === undefined ? {} : { previous }) } });
    assert.equal(second.phase, 'done', second.error);
    assert.deepEqual(second.model, first.model, 'the follow-up stays on the model holding the cache');
    const read = second.usage?.cachedInputTokens ?? 0;
    assert.ok(read > 0, `turn 2 reads the cache: ${JSON.stringify(second.usage)}`);

    // The same turn, outside the conversation (no hint, so no cache), on the same model.
    const uncached = await api.askThroughPath({ messages: turn2, ...(first.model === undefined ? {} : { pinned: first.model }) });
    assert.equal(uncached.usage?.cachedInputTokens ?? 0, 0);
    assert.ok(second.costUsd !== undefined && uncached.costUsd !== undefined, 'both priced');
    assert.ok(second.costUsd < uncached.costUsd, `cached ${second.costUsd} < uncached ${uncached.costUsd}`);
    // The Spend tab: this conversation's follow-up read the cache (the first turn is not a follow-up).
    await vscode.commands.executeCommand('quorum.showSpend');
    const row = await waitFor(() => api.lastSpendSnapshot()?.promptCache?.byConversation.find((r) => r.key === id && r.followUps >= 1), 'the conversation in the Spend tab\'s prompt-cache table');
    assert.deepEqual({ followUps: row.followUps, hits: row.hits, misses: row.misses }, { followUps: 1, hits: 1, misses: '' });
    // The figures for the closing note.
    console.log(`[prompt-cache figures] model=${first.model?.provider}/${first.model?.model} turn1: write=${first.usage?.cacheWriteTokens} in=${first.usage?.inputTokens} cost=$${first.costUsd?.toFixed(6)}; `
      + `turn2: read=${read} write=${second.usage?.cacheWriteTokens} in=${second.usage?.inputTokens} cost=$${second.costUsd.toFixed(6)}; `
      + `turn2 without cache: cost=$${uncached.costUsd.toFixed(6)}`);
  });
});

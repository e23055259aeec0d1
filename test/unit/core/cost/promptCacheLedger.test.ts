import assert from 'node:assert/strict';
import { parseLedgerLine, serializeLedgerRecord, type LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { missesText, promptCacheStats } from '../../../../src/core/cost/promptCacheStats';

const base: LedgerRecord = {
  id: 'r1', ts: 1_000, workspace: 'w', feature: 'ask', provider: 'anthropic', model: 'claude-haiku-5-5',
  usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 80 }, costUsd: 0.001, latencyMs: 5, outcome: 'success',
  attempts: [], cacheHit: false, routeReason: 'cheapest',
};

describe('ledger: prompt-cache outcome', () => {
  it('an old record without the field still loads', () => {
    const old = JSON.stringify(base);
    assert.deepEqual(parseLedgerLine(old)?.promptCache, undefined);
    assert.equal(parseLedgerLine(old)?.id, 'r1');
  });

  it('a new record round-trips its outcome; a bad miss reason makes the line invalid rather than wrong', () => {
    const record: LedgerRecord = { ...base, promptCache: { conversation: 'c1', turn: 2, hit: false, miss: 'expired' } };
    assert.deepEqual(parseLedgerLine(serializeLedgerRecord(record).trimEnd())?.promptCache, record.promptCache);
    const bad = JSON.stringify({ ...base, promptCache: { conversation: 'c1', turn: 2, hit: false, miss: 'bogus' } });
    assert.equal(parseLedgerLine(bad), undefined);
  });

  it('hit rate per model and per conversation counts follow-ups only, with the misses by reason', () => {
    const records: LedgerRecord[] = [
      { ...base, id: 'a', ts: 10, promptCache: { conversation: 'c1', turn: 0, hit: false, miss: 'firstTurn' } },
      { ...base, id: 'b', ts: 20, promptCache: { conversation: 'c1', turn: 1, hit: true } },
      { ...base, id: 'c', ts: 30, promptCache: { conversation: 'c1', turn: 2, hit: false, miss: 'expired' } },
      { ...base, id: 'd', ts: 40, model: 'other', promptCache: { conversation: 'c2', turn: 1, hit: false, miss: 'modelSwitched' } },
      { ...base, id: 'e', ts: 50 },
      { ...base, id: 'f', ts: 1, promptCache: { conversation: 'old', turn: 1, hit: true } },
    ];
    const stats = promptCacheStats(records, 5, 10);
    assert.deepEqual(stats.byModel.map((g) => [g.key, g.followUps, g.hits, missesText(g.misses)]), [
      ['anthropic/claude-haiku-5-5', 2, 1, '1 expired'],
      ['anthropic/other', 1, 0, '1 model switched'],
    ]);
    assert.deepEqual(stats.byConversation.map((g) => g.key), ['c2', 'c1'], 'newest first; before fromTs left out');
  });
});

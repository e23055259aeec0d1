import assert from 'node:assert/strict';
import type { ColumnSummary } from '../../../../src/core/ensemble/compare/columnSummary';
import { columnInfo, voteMembers, voteResultView } from '../../../../src/app/views/panelState';
import { columnLedgerDraft } from '../../../../src/core/cost/columnRecord';
import { majorityVote } from '../../../../src/core/ensemble/vote/voting';

const luna = { provider: 'openai', model: 'gpt-6-luna' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const label = (ref: { provider: string; model: string }) => `${ref.model}!`;

function summary(fields: Partial<ColumnSummary> = {}): ColumnSummary {
  return { id: 'c1', ref: luna, run: 0, status: 'done', text: 'hello', startedAt: 1_000, ttftMs: 120.4, totalMs: 480.6,
    usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.0002, finishReason: 'stop', retries: 0, ...fields };
}

describe('panelState', () => {
  const statusRows: readonly { name: string; fields: Partial<ColumnSummary>; status: string }[] = [
    { name: 'streaming before the first token is waiting', fields: { status: 'streaming', ttftMs: undefined, totalMs: undefined }, status: 'waiting' },
    { name: 'streaming after it is streaming', fields: { status: 'streaming', totalMs: undefined }, status: 'streaming' },
    { name: 'done', fields: {}, status: 'done' },
    { name: 'stopped', fields: { status: 'stopped', stopCause: 'user' }, status: 'stopped' },
  ];
  for (const row of statusRows) {
    it(`column status: ${row.name}`, () => assert.equal(columnInfo(summary(row.fields), label).status, row.status));
  }

  it('a column shows rounded times, tokens, cost and finish reason; unknown cost stays absent', () => {
    assert.deepEqual(columnInfo(summary(), label), {
      id: 'c1', ref: 'openai/gpt-6-luna', label: 'gpt-6-luna!', provider: 'openai', status: 'done', ttftMs: 120, totalMs: 481,
      inputTokens: 10, outputTokens: 5, costUsd: 0.0002, finishReason: 'stop',
    });
    assert.equal('costUsd' in columnInfo(summary({ costUsd: undefined }), label), false);
  });

  it('a failed column says why, with the status when the message lacks it', () => {
    const info = columnInfo(summary({ status: 'failed', error: { reason: 'serverError', status: 500, message: 'OpenAI server error' } }), label);
    assert.equal(info.error, 'OpenAI server error (500)');
  });

  it('every settled column is one ledger call; a streaming one is not', () => {
    assert.equal(columnLedgerDraft(summary({ status: 'streaming' }), 'compare', 'r'), undefined);
    const failed = columnLedgerDraft(summary({ status: 'failed', usage: undefined, costUsd: undefined, error: { reason: 'serverError', status: 500, message: 'x' } }), 'compare', 'r');
    assert.equal(failed?.outcome, 'failed');
    assert.deepEqual(failed?.attempts, [{ provider: 'openai', model: 'gpt-6-luna', outcome: 'failed', reason: 'serverError', status: 500, latencyMs: 481 }]);
    assert.equal('costUsd' in (failed ?? {}), false);
    assert.equal(columnLedgerDraft(summary({ status: 'stopped', stopCause: 'user' }), 'vote', 'r')?.outcome, 'cancelled');
    assert.equal(columnLedgerDraft(summary(), 'compare', 'r')?.costUsd, 0.0002);
  });

  it('vote members and result: clusters, failures and cost', () => {
    const result = majorityVote([
      { id: 'answer-0', ref: luna, outcome: 'valid', answer: 'Yes.', costUsd: 0.001, finishedAfterMs: 300 },
      { id: 'answer-1', ref: haiku, outcome: 'failed', problem: 'server error (500)', costUsd: 0 },
      { id: 'answer-2', ref: { provider: 'gemini', model: 'flash' }, outcome: 'valid', answer: 'yes', finishedAfterMs: 200 },
    ], 350);
    const members = voteMembers(result, label);
    assert.deepEqual(members.map((m) => [m.ref, m.status, m.cluster]), [['openai/gpt-6-luna', 'done', 0], ['anthropic/claude-haiku-5-5', 'failed', undefined], ['gemini/flash', 'done', 0]]);
    assert.equal(members[1]?.error, 'server error (500)');
    const view = voteResultView(result, label);
    assert.equal(view?.agreement, 1);
    assert.equal(view?.winnerCluster, 0);
    assert.match(view?.winner ?? '', /^yes\.?$/i);
    assert.equal(view?.unpricedCalls, 1);
    assert.equal(view?.totalCostUsd, 0.001);
  });

  it('no result view when every model failed', () => {
    const result = majorityVote([{ id: 'answer-0', ref: luna, outcome: 'failed', problem: 'x' }], 10);
    assert.equal(voteResultView(result, label), undefined);
  });
});

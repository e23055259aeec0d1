import assert from 'node:assert/strict';
import type { AnswerState } from '../../../../src/core/ask/answerState';
import { answerLedgerDraft } from '../../../../src/core/cost/answerRecord';
import type { ModelPricing } from '../../../../src/core/catalog/modelInfo';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';
import { decision, haiku, luna } from '../ask/askFixtures';

const PRICES: Record<string, ModelPricing> = { 'gpt-6-luna': { inputPerMTok: 0.1, outputPerMTok: 0.5 }, 'claude-haiku-5-5': { inputPerMTok: 1, outputPerMTok: 5 } };
const pricingOf = (ref: { model: string }): ModelPricing | undefined => PRICES[ref.model];
const TIMING = { startedAt: 1_000, endedAt: 1_900, firstTokenAt: 1_200 };

function attempt(ref = luna, outcome: AttemptRecord['outcome'] = 'success', extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return { ref, retry: 0, startedAt: 1_000, endedAt: 1_500, outcome, textChars: outcome === 'success' ? 12 : 0, ...extra };
}

const DONE: AnswerState = {
  id: 'a', prompt: 'hi', phase: 'done', decision, hops: [], segments: [{ by: luna, text: 'hello there!' }],
  usage: { inputTokens: 1_000, outputTokens: 200 }, answeredBy: luna, attempts: [attempt()],
};

describe('answerLedgerDraft', () => {
  it('records a successful answer priced from its reported usage', () => {
    const draft = answerLedgerDraft(DONE, 'ask', TIMING, pricingOf);
    assert.deepEqual(draft, {
      feature: 'ask', provider: 'openai', model: 'gpt-6-luna', usage: { inputTokens: 1_000, outputTokens: 200 },
      costUsd: (1_000 * 0.1 + 200 * 0.5) / 1e6, latencyMs: 900, ttftMs: 200, outcome: 'success',
      attempts: [{ provider: 'openai', model: 'gpt-6-luna', outcome: 'success', latencyMs: 500 }],
      cacheHit: false, routeReason: decision.reasons[0],
    });
  });

  const rows: readonly { name: string; state: AnswerState; outcome?: string; costUsd?: number | 'absent'; model?: string }[] = [
    { name: 'failover: the answering model is recorded', state: { ...DONE, answeredBy: haiku, attempts: [attempt(luna, 'failed', { status: 503, reason: 'serverError' }), attempt(haiku)] }, outcome: 'success', model: 'claude-haiku-5-5', costUsd: (1_000 * 1 + 200 * 5) / 1e6 },
    { name: 'unpriced model: cost unknown, not $0', state: { ...DONE, answeredBy: { provider: 'compat:local', model: 'llama' } }, costUsd: 'absent', model: 'llama' },
    { name: 'every model refused with HTTP errors: a known $0', state: { ...DONE, phase: 'failed', usage: undefined, answeredBy: undefined, segments: [], attempts: [attempt(luna, 'failed', { status: 503 }), attempt(haiku, 'failed', { status: 429 })] }, outcome: 'failed', costUsd: 0, model: 'claude-haiku-5-5' },
    { name: 'a timeout after text: cost unknown', state: { ...DONE, phase: 'failed', usage: undefined, answeredBy: undefined, attempts: [attempt(luna, 'failed', { reason: 'timeout', textChars: 5 })] }, outcome: 'failed', costUsd: 'absent' },
    { name: 'stopped by the user: cancelled, usage unknown', state: { ...DONE, phase: 'stopped', usage: undefined, answeredBy: undefined, current: luna }, outcome: 'cancelled', costUsd: 'absent' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const draft = answerLedgerDraft(row.state, 'ask', TIMING, pricingOf);
      assert.ok(draft);
      if (row.outcome !== undefined) assert.equal(draft.outcome, row.outcome);
      if (row.model !== undefined) assert.equal(draft.model, row.model);
      if (row.costUsd === 'absent') assert.equal('costUsd' in draft, false);
      else if (row.costUsd !== undefined) assert.ok(Math.abs((draft.costUsd ?? NaN) - row.costUsd) < 1e-12, String(draft.costUsd));
    });
  }

  it('records nothing when no request reached a model', () => {
    const noRoute: AnswerState = { id: 'b', prompt: 'hi', phase: 'failed', hops: [], segments: [], error: 'No model', noRoute: true };
    assert.equal(answerLedgerDraft(noRoute, 'ask', TIMING, pricingOf), undefined);
    const refused: AnswerState = { ...noRoute, decision, error: 'Not sent: budget' };
    assert.equal(answerLedgerDraft(refused, 'ask', TIMING, pricingOf), undefined);
    assert.equal(answerLedgerDraft({ ...DONE, phase: 'streaming' }, 'ask', TIMING, pricingOf), undefined);
  });

  it('says when the user chose the model', () => {
    assert.equal(answerLedgerDraft({ ...DONE, pinned: luna }, 'ask', TIMING, pricingOf)?.routeReason, 'chosen by the user');
  });
});

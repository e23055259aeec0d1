import assert from 'node:assert/strict';
import { answerHeader, formatHops } from '../../../../src/app/views/answerHeader';
import { answerText, applyRunEvent, completeAnswer, initialAnswerState, withDecision, type AnswerState } from '../../../../src/core/ask/answerState';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { RunEvent } from '../../../../src/core/resilience/runEvents';
import { decision, flash, haiku, luna, providerError } from './askFixtures';

function fold(events: RunEvent[]): AnswerState {
  return events.reduce(applyRunEvent, withDecision(initialAnswerState('a1', 'q'), decision));
}

const catalog = buildCatalog({
  builtin: [{ provider: 'anthropic', id: 'claude-haiku-5-5', displayName: 'Haiku', pricing: { inputPerMTok: 1, outputPerMTok: 5 }, capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier: 'budget', source: 'builtin' }],
  userEntries: [],
  discovered: [],
});

describe('answer state', () => {
  it('attributes text to the model that answered after an invisible failover', () => {
    const s = fold([
      { type: 'attempt-start', ref: luna, retry: 0 },
      { type: 'attempt-failed', ref: luna, error: providerError(luna, 'serverError', 503), next: 'failover' },
      { type: 'attempt-start', ref: haiku, retry: 0 },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
    ]);
    assert.equal(answerText(s), 'Hello');
    assert.deepEqual(s.segments, [{ by: haiku, text: 'Hello' }]);
    assert.equal(s.hops.length, 1);
  });

  it('marks a mid-stream continuation as its own segment and keeps the text shown', () => {
    const s = fold([
      { type: 'attempt-start', ref: luna, retry: 0 },
      { type: 'text-delta', text: 'Part one. ' },
      { type: 'attempt-failed', ref: luna, error: providerError(luna, 'network'), next: 'failover' },
      { type: 'continued-by', from: luna, to: haiku },
      { type: 'text-delta', text: 'Part two.' },
    ]);
    assert.equal(answerText(s), 'Part one. Part two.');
    assert.deepEqual(s.segments, [{ by: luna, text: 'Part one. ' }, { by: haiku, continuedFrom: luna, text: 'Part two.' }]);
  });

  it('is done with the runner result, and stopped when aborted', () => {
    const s = fold([{ type: 'attempt-start', ref: haiku, retry: 0 }, { type: 'text-delta', text: 'x' }]);
    const done = completeAnswer(s, { answeredBy: haiku, attempts: [], usage: { inputTokens: 1000, outputTokens: 200 }, text: 'x' }, false);
    assert.equal(done.phase, 'done');
    assert.deepEqual(done.answeredBy, haiku);
    assert.equal(completeAnswer(s, undefined, true).phase, 'stopped');
    assert.equal(completeAnswer(s, { attempts: [], text: '' }, false).phase, 'failed');
  });
});

describe('answer header', () => {
  it('shows model, first reason, hops, tokens and the cost the ledger records', () => {
    const s = completeAnswer(fold([
      { type: 'attempt-start', ref: luna, retry: 0 },
      { type: 'attempt-failed', ref: luna, error: providerError(luna, 'serverError', 503), next: 'failover' },
      { type: 'attempt-start', ref: haiku, retry: 0 },
      { type: 'text-delta', text: 'x' },
    ]), { answeredBy: haiku, attempts: [], usage: { inputTokens: 1000, outputTokens: 200 }, text: 'x' }, false);
    assert.deepEqual(answerHeader(s, catalog), {
      status: 'Done',
      model: 'anthropic/claude-haiku-5-5',
      why: 'Cheapest standard-tier model for code generation.',
      hops: 'openai/gpt-6-luna failed (503) → anthropic/claude-haiku-5-5',
      tokens: '1,000 in · 200 out',
      cost: '$0.0020',
      context: undefined,
    });
  });

  it('says "unknown" for an unpriced model or missing usage once finished, never $0', () => {
    const s = completeAnswer(fold([{ type: 'attempt-start', ref: flash, retry: 0 }]), { answeredBy: flash, attempts: [], usage: { inputTokens: 5, outputTokens: 5 }, text: '' }, false);
    assert.equal(answerHeader(s, catalog).cost, 'unknown');
    const noUsage = completeAnswer(fold([{ type: 'attempt-start', ref: haiku, retry: 0 }]), { answeredBy: haiku, attempts: [], text: '' }, false);
    assert.equal(answerHeader(noUsage, catalog).tokens, 'unknown');
    assert.equal(answerHeader(noUsage, catalog).cost, 'unknown');
  });

  it('says an eval-routed answer was chosen by its suite, until a failover', () => {
    const byEval = { ...decision, ruleEval: { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004 } };
    const s = [{ type: 'attempt-start', ref: luna, retry: 0 } as const].reduce(applyRunEvent, withDecision(initialAnswerState('a1', 'q'), byEval));
    assert.equal(answerHeader(s).why, 'Chosen by eval suite invoices, 96 % pass, $0.00040/case.');
    const failedOver = applyRunEvent(s, { type: 'attempt-failed', ref: luna, error: providerError(luna, 'serverError', 503), next: 'failover' });
    assert.equal(answerHeader(failedOver).why, decision.reasons[0]);
  });

  it('shows the error as the why line when the answer failed', () => {
    const s = { ...fold([]), phase: 'failed' as const, error: 'Every model failed.' };
    assert.equal(answerHeader(s).why, 'Every model failed.');
    assert.equal(answerHeader(s).status, 'Failed');
  });

  it('folds retries of one model and names every status', () => {
    const hops = [
      { ref: luna, reason: 'serverError' as const, status: 503, next: 'retry' as const },
      { ref: luna, reason: 'timeout' as const, next: 'failover' as const },
      { ref: haiku, reason: 'overloaded' as const, status: 529, next: 'failover' as const },
    ];
    assert.equal(formatHops(hops, flash), 'openai/gpt-6-luna failed 2× (503, timeout) → anthropic/claude-haiku-5-5 failed (529) → gemini/gemini-3.1-flash');
    assert.equal(formatHops([], flash), undefined);
    assert.equal(formatHops(hops.slice(0, 1), undefined), 'openai/gpt-6-luna failed (503)');
  });
});

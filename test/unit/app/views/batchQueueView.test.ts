import assert from 'node:assert/strict';
import type { BatchJob } from '../../../../src/app/evals/batchJob';
import { batchJobRows, batchStatusView } from '../../../../src/app/views/batchQueueView';

const ref = { provider: 'openai', model: 'gpt-6-luna' };
const job = (id: string, change: Partial<BatchJob>): BatchJob => ({
  id, provider: 'openai', batchId: id, runId: 'r', suiteId: 'greetings', feature: 'eval', routeReason: 'r', submittedAt: 1, nextPollAt: 2, polls: 0,
  items: [{ customId: 'a', ref, caseId: 'a' }, { customId: 'b', ref, caseId: 'b' }], state: 'submitted', counts: { total: 2 }, ...change,
});

describe('batchQueueView', () => {
  it('hides the status bar item without jobs', () => assert.equal(batchStatusView([]), undefined));

  it('counts jobs by state (submitted, in progress, partially done, expired…), spinning while any runs, warning when one needs a look', () => {
    assert.equal(batchStatusView([job('1', { state: 'inProgress' }), job('2', { state: 'expired' }), job('3', { state: 'submitted' }), job('4', { state: 'inProgress' })])?.text,
      '$(sync~spin) Batch: 1 submitted · 2 in progress · 1 expired');
    assert.equal(batchStatusView([job('1', { state: 'done' }), job('2', { state: 'partiallyDone' })])?.text, '$(warning) Batch: 1 partially done · 1 done');
    assert.equal(batchStatusView([job('1', { state: 'done' })])?.text, '$(check) Batch: 1 done');
    assert.match(batchStatusView([job('1', { state: 'inProgress', counts: { total: 2, done: 1 } })])?.tooltip ?? '', /greetings · openai\/gpt-6-luna: in progress, 1\/2/);
  });

  it('names each job by suite and model, with its state and progress (submitted, in progress, partially done, expired)', () => {
    const rows = batchJobRows([
      job('1', { state: 'submitted' }),
      job('2', { state: 'inProgress', counts: { total: 2, done: 1 }, submittedAt: 5 }),
      job('3', { state: 'partiallyDone', outcomes: [{ customId: 'a', ok: true, text: 'x' }, { customId: 'b', ok: false, error: 'e' }], submittedAt: 4 }),
      job('4', { state: 'expired', outcomes: [], problem: 'The batch expired.', submittedAt: 3 }),
    ]);
    assert.deepEqual(rows.map((r) => [r.label, r.description, r.active]), [
      ['greetings · openai/gpt-6-luna', 'in progress, 1/2', true],
      ['greetings · openai/gpt-6-luna', 'partially done, 1/2 answered', false],
      ['greetings · openai/gpt-6-luna', 'expired, 0/2 answered', false],
      ['greetings · openai/gpt-6-luna', 'submitted', true],
    ]);
    assert.equal(rows[2]?.detail, 'openai batch 4 — The batch expired.');
  });
});

import assert from 'node:assert/strict';
import type { BatchJob } from '../../../../src/app/evals/batchJob';
import { batchJobRows, batchStatusView, evalsBatchJobs } from '../../../../src/app/views/batchQueueView';
import { evalsStateSchema, type EvalsState } from '../../../../src/shared/evalsProtocol';
import * as z from 'zod/mini';

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

  it('lists the jobs for the Evals tab, newest first: state, progress, submitted time, Cancel while running, Remove once finished', () => {
    const jobs = evalsBatchJobs([
      job('openai:b1', { state: 'done', outcomes: [{ customId: 'a', ok: true, text: 'x' }, { customId: 'b', ok: true, text: 'y' }], submittedAt: 1 }),
      job('openai:b2', { state: 'inProgress', counts: { total: 2, done: 1 }, submittedAt: 3, problem: 'The vendor timed out: Quorum tries again.' }),
      job('openai:b3', { state: 'cancelled', outcomes: [], submittedAt: 2 }),
      job('openai:b4', { state: 'submitted', submittedAt: 4 }),
    ], (ms) => `t${ms}`);
    assert.deepEqual(jobs.map((j) => [j.id, j.state, j.progress, j.submitted, j.active]), [
      ['openai:b4', 'submitted', '—', 't4', true],
      ['openai:b2', 'in progress', '1/2', 't3', true],
      ['openai:b3', 'cancelled', '0/2 answered', 't2', false],
      ['openai:b1', 'done', '2/2 answered', 't1', false],
    ]);
    assert.equal(jobs[1]?.problem, 'The vendor timed out: Quorum tries again.');
    assert.equal(jobs[0]?.title, 'greetings · openai/gpt-6-luna');
  });

  it('keeps the tab\'s list within the protocol: at most 50 jobs, each validated', () => {
    const many = evalsBatchJobs(Array.from({ length: 60 }, (_, i) => job(`openai:b${i}`, { submittedAt: i })), String);
    assert.equal(many.length, 50);
    assert.equal(many[0]?.id, 'openai:b59');
    const state: EvalsState = { suites: [], invalid: [], resultProblems: [], selectedSuites: [], selectedModels: [], running: false, changes: [], batchJobs: many, notice: 'Back from batch.' };
    assert.equal(z.safeParse(evalsStateSchema, state).success, true);
    assert.equal(z.safeParse(evalsStateSchema, { ...state, batchJobs: [...many, ...many] }).success, false, 'over 50 jobs is refused');
    assert.equal(z.safeParse(evalsStateSchema, { ...state, batchJobs: [{ ...many[0], active: 'yes' }] }).success, false, 'a malformed job is refused');
  });
});

import assert from 'node:assert/strict';
import { gradeBatchJobs, runCasesInBatch } from '../../../../src/app/evals/batchEvalRun';
import { EvalSetupError } from '../../../../src/app/evals/evalRunner';
import { aggregateMatrix } from '../../../../src/core/evals/evalMatrix';
import { priceCall } from '../../../../src/core/cost/pricing';
import type { EvalSuite } from '../../../../src/core/evals/suiteSchema';
import { anthropicFake } from '../../../fakes/anthropicFake';
import { BATCH_SCENARIO_MODEL } from '../../../fakes/batchJobs';
import { geminiFake } from '../../../fakes/geminiFake';
import { openaiFake } from '../../../fakes/openaiFake';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { batchWorld, catalog, driveToEnd } from './batchHarness';

const luna = { provider: 'openai', model: 'gpt-6-luna' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const lite = { provider: 'gemini', model: 'gemini-3.5-flash-lite' };
const models = [luna, haiku, lite];

function suiteOf(cases: number): EvalSuite {
  return {
    id: 'greetings', feature: 'ask', threshold: 0.9, maxOutputTokens: 64,
    cases: Array.from({ length: cases }, (_, i) => ({ id: `case-${i}`, prompt: `Say hello, case ${i}.`, files: [], images: [], checks: [{ type: 'contains' as const, value: 'Hello from' }] })),
  };
}

const read = () => Promise.resolve(new Uint8Array());

describe('runCasesInBatch (against the three vendors\' fake batch APIs)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), anthropicFake(), geminiFake()], {
    answers: [{ model: 'claude-haiku-5-5', promptIncludes: 'case 7.', text: 'Goodbye.' }],
  });

  it('a 200-case run submits one batch per vendor, survives a reload mid-run, and records every result at batch prices', async function () {
    this.timeout(30_000); // 600 requests through screening, three uploads and 600 ledger records: ~1.5 s alone, more on a busy machine
    const world = batchWorld(fake);
    const suite = suiteOf(200);
    const queue = await world.openQueue();
    let submitted: readonly string[] = [];
    const firstWindow = runCasesInBatch(suite, models, { requests: world.requests, queue, read, clock: world.clock }, { onSubmitted: (ids) => { submitted = ids; } });
    while (submitted.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const creates = fake.requests.filter((r) => r.model === BATCH_SCENARIO_MODEL || r.path === '/v1/batches');
    assert.deepEqual(creates.map((r) => r.vendor).sort(), ['anthropic', 'gemini', 'openai'], 'one batch per vendor');
    assert.equal(world.estimates.length, 1, 'the whole run is admitted once');
    assert.equal(world.sent.length, 600, 'every request is in the data-sent log');

    // One poll in the first window, then the window reloads: its queue and the run's promise are gone.
    world.clock.advance((queue.nextDueAt() ?? 0) - world.clock.now());
    await queue.tick();
    assert.ok(queue.jobs().every((j) => j.state === 'inProgress'));
    assert.equal(world.records.length, 0);
    void firstWindow;

    const reloaded = await world.openQueue();
    assert.deepEqual(reloaded.jobs().map((j) => j.id), submitted);
    await driveToEnd(reloaded, world.clock);
    assert.deepEqual(reloaded.jobs().map((j) => j.state), ['done', 'done', 'done']);

    assert.equal(world.records.length, 600, '200 cases × 3 models');
    for (const record of world.records) {
      assert.equal(record.batch, true);
      assert.equal(record.feature, 'eval');
      const standard = priceCall(record.usage, catalog.get(record)?.pricing);
      assert.ok(standard !== undefined && record.costUsd !== undefined);
      assert.ok(Math.abs(record.costUsd - standard / 2) < 1e-12, `${record.model}: ${record.costUsd} is half of ${standard}`);
    }
    const matrix = aggregateMatrix(suite.id, suite.threshold, models, gradeBatchJobs(suite, reloaded.jobs()));
    assert.deepEqual(matrix.rows.map((r) => [r.ref.model, r.cases, r.passed]), [['gpt-6-luna', 200, 200], ['claude-haiku-5-5', 200, 199], ['gemini-3.5-flash-lite', 200, 200]]);
    assert.ok(matrix.rows.every((r) => r.costPerCaseUsd !== undefined && r.p50Ms === undefined));
  });

  it('in one window: resolves with the graded matrix once every job ends, failures and expiries explained', async () => {
    fake.enqueue({ vendor: 'openai', model: BATCH_SCENARIO_MODEL, batch: { pollsToEnd: 1, failIds: ['c1-m0'] } });
    fake.enqueue({ vendor: 'anthropic', model: BATCH_SCENARIO_MODEL, batch: { pollsToEnd: 1, expire: true } });
    const world = batchWorld(fake);
    const suite = suiteOf(4);
    const queue = await world.openQueue();
    let submitted = false;
    const run = runCasesInBatch(suite, [luna, haiku], { requests: world.requests, queue, read, clock: world.clock }, { onSubmitted: () => { submitted = true; } });
    while (!submitted) await new Promise((resolve) => setImmediate(resolve));
    await driveToEnd(queue, world.clock);
    const { matrix, stopped } = await run;
    assert.equal(stopped, undefined);
    assert.deepEqual(queue.jobs().map((j) => j.state), ['partiallyDone', 'expired']);
    assert.deepEqual(matrix.rows.map((r) => r.passed), [3, 2]);
    assert.match(matrix.results.find((r) => r.ref.model === 'gpt-6-luna' && r.caseId === 'case-1')?.error ?? '', /^failed: OpenAI answered this batch request with HTTP 500/);
    assert.match(matrix.results.find((r) => r.ref.model === 'claude-haiku-5-5' && r.caseId === 'case-3')?.error ?? '', /expired/);
    const expired = world.records.filter((r) => r.outcome === 'cancelled');
    assert.equal(expired.length, 2);
    assert.ok(expired.every((r) => r.costUsd === 0 && r.batch === true));
  });

  it('sends nothing when the budget refuses the batch estimate (at batch prices)', async () => {
    const world = batchWorld(fake, { admit: false });
    const { stopped, matrix } = await runCasesInBatch(suiteOf(60), [luna], { requests: world.requests, queue: await world.openQueue(), read, clock: world.clock });
    assert.equal(stopped, 'Not sent: over the daily cap');
    assert.equal(matrix.results.length, 0);
    assert.equal(fake.requests.length, 0);
    const estimate = world.estimates[0];
    assert.ok(estimate !== undefined && estimate > 0);
  });

  it('refuses a suite with judge checks before sending anything', async () => {
    const world = batchWorld(fake);
    const suite: EvalSuite = { ...suiteOf(1), cases: [{ id: 'j', prompt: 'p', files: [], images: [], checks: [{ type: 'judge', value: 'polite' }] }] };
    await assert.rejects(runCasesInBatch(suite, [luna], { requests: world.requests, queue: await world.openQueue(), read, clock: world.clock }), EvalSetupError);
    assert.equal(fake.requests.length, 0);
  });

  it('a secret in a case is blocked before the budget or any vendor sees it (quorum.privacy.secrets block)', async () => {
    const world = batchWorld(fake, { secrets: 'block' });
    const suite: EvalSuite = { ...suiteOf(1), cases: [{ id: 's', prompt: 'key: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', files: [], images: [], checks: [{ type: 'contains', value: 'x' }] }] };
    const { stopped } = await runCasesInBatch(suite, [luna], { requests: world.requests, queue: await world.openQueue(), read, clock: world.clock });
    assert.match(stopped ?? '', /did not send this request/);
    assert.equal(world.estimates.length, 0);
    assert.equal(fake.requests.length, 0);
  });
});

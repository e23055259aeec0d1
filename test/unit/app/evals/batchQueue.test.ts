import assert from 'node:assert/strict';
import type { BatchRecordInput } from '../../../../src/app/batchRequests';
import { BATCH_POLL_BACKOFF, BatchQueue, pollDelayMs, type NewBatchJob } from '../../../../src/app/evals/batchQueue';
import { ProviderError } from '../../../../src/core/errors';
import type { BatchClient, BatchResult, BatchStatus } from '../../../../src/core/providers/batchClient';
import { FakeClock } from '../../core/resilience/fakeClock';
import { MemoryStore } from './batchHarness';

/** A batch client (our port, not an SDK) that answers each poll with the next scripted status. */
class ScriptedClient implements BatchClient {
  readonly provider = 'openai';
  readonly oneModelPerBatch = true;
  readonly maxRequests = 10;
  polls = 0;
  cancels = 0;
  constructor(private readonly statuses: (BatchStatus | Error)[], private readonly answers: BatchResult[] = []) {}
  submit(): Promise<string> {
    return Promise.resolve('b1');
  }
  poll(): Promise<BatchStatus> {
    this.polls += 1;
    const next = this.statuses.shift() ?? { state: 'inProgress', counts: {} };
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
  results(): Promise<BatchResult[]> {
    return Promise.resolve(this.answers);
  }
  cancel(): Promise<BatchStatus> {
    this.cancels += 1;
    return Promise.resolve({ state: 'cancelling', counts: {} });
  }
}

const ref = { provider: 'openai', model: 'gpt-6-luna' };
const job: NewBatchJob = {
  provider: 'openai', batchId: 'b1', runId: 'r1', suiteId: 's', feature: 'eval', routeReason: 'eval s (batch)', submittedAt: 1_700_000_000_000,
  items: [{ customId: 'a', ref, caseId: 'c-a' }, { customId: 'b', ref, caseId: 'c-b' }],
};
const answer = (customId: string): BatchResult => ({ customId, ok: true, text: `answer ${customId}`, usage: { inputTokens: 10, outputTokens: 2 }, finish: 'stop' });

function queueWith(client: ScriptedClient | undefined, store = new MemoryStore(), clock = new FakeClock()) {
  const recorded: BatchRecordInput[] = [];
  const open = () => BatchQueue.open({
    store, clock, clientFor: () => Promise.resolve(client),
    record: (input) => (recorded.push(input), new Map(input.results.map((r) => [r.result.customId, r.result.ok ? 0.001 : 0]))),
  });
  return { open, recorded, clock, store };
}

/** Moves the clock to the next due read and ticks once. */
async function step(queue: BatchQueue, clock: FakeClock): Promise<void> {
  clock.advance((queue.nextDueAt() ?? clock.now()) - clock.now());
  await queue.tick();
}

describe('BatchQueue', () => {
  it('backs off 30 s, 1 min, 2 min … up to 10 min between status reads', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => pollDelayMs(n)), [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    assert.equal(BATCH_POLL_BACKOFF.maxMs, 600_000);
  });

  it('reads nothing before the job is due, then reads on the backoff schedule until it ends', async () => {
    const client = new ScriptedClient([{ state: 'submitted', counts: {} }, { state: 'inProgress', counts: { total: 2, done: 1 } }, { state: 'ended', counts: {} }], [answer('a'), answer('b')]);
    const { open, clock, recorded } = queueWith(client);
    const queue = await open();
    const added = await queue.add(job);
    assert.equal(added.nextPollAt, clock.now() + 30_000);
    await queue.tick();
    assert.equal(client.polls, 0, 'not due yet');
    await step(queue, clock);
    assert.equal(queue.jobs()[0]?.state, 'submitted');
    assert.equal(queue.nextDueAt(), clock.now() + 60_000);
    await step(queue, clock);
    assert.deepEqual([queue.jobs()[0]?.state, queue.jobs()[0]?.counts.done], ['inProgress', 1]);
    assert.equal(queue.nextDueAt(), clock.now() + 120_000);
    await step(queue, clock);
    const done = queue.jobs()[0];
    assert.equal(done?.state, 'done');
    assert.equal(queue.nextDueAt(), undefined);
    assert.equal(recorded.length, 1, 'the ledger step runs once per finished job');
    assert.deepEqual(done?.outcomes, [{ customId: 'a', ok: true, text: 'answer a', costUsd: 0.001 }, { customId: 'b', ok: true, text: 'answer b', costUsd: 0.001 }]);
  });

  it('a failed read keeps the job, says why, and backs off; the next good read clears the problem', async () => {
    const client = new ScriptedClient([new ProviderError({ reason: 'network', provider: 'openai', message: 'Could not connect to OpenAI.' }), { state: 'inProgress', counts: {} }]);
    const { open, clock } = queueWith(client);
    const queue = await open();
    await queue.add(job);
    await step(queue, clock);
    assert.equal(queue.jobs()[0]?.problem, 'Could not connect to OpenAI.');
    assert.equal(queue.jobs()[0]?.polls, 1);
    await step(queue, clock);
    assert.equal(queue.jobs()[0]?.problem, undefined);
    assert.equal(queue.jobs()[0]?.state, 'inProgress');
  });

  it('ends partially done when some requests failed, expired with the missing ones marked, failed without recording', async () => {
    const partial = queueWith(new ScriptedClient([{ state: 'ended', counts: {} }], [answer('a'), { customId: 'b', ok: false, kind: 'error', reason: 'serverError', message: 'boom' }]));
    const q1 = await partial.open();
    await q1.add(job);
    await step(q1, partial.clock);
    assert.equal(q1.jobs()[0]?.state, 'partiallyDone');
    assert.deepEqual(q1.jobs()[0]?.counts, { total: 2, done: 2, failed: 1 });

    const expired = queueWith(new ScriptedClient([{ state: 'expired', counts: {} }], [answer('a')]));
    const q2 = await expired.open();
    await q2.add(job);
    await step(q2, expired.clock);
    assert.equal(q2.jobs()[0]?.state, 'expired');
    assert.deepEqual(expired.recorded[0]?.results.map((r) => r.result.ok ? 'ok' : r.result.kind), ['ok', 'expired']);

    const failed = queueWith(new ScriptedClient([{ state: 'failed', counts: {}, problem: 'OpenAI refused the batch.' }]));
    const q3 = await failed.open();
    await q3.add(job);
    await step(q3, failed.clock);
    assert.equal(q3.jobs()[0]?.state, 'failed');
    assert.equal(failed.recorded.length, 0, 'nothing ran, nothing is billed');
    assert.ok(q3.jobs()[0]?.outcomes?.every((o) => !o.ok && o.error === 'OpenAI refused the batch.'));
  });

  it('cancels a running job (cancelling, then cancelled on a later read); finished jobs can be removed, running ones not', async () => {
    const client = new ScriptedClient([{ state: 'cancelled', counts: {} }], [answer('a')]);
    const { open, clock } = queueWith(client);
    const queue = await open();
    await queue.add(job);
    await queue.forget('openai:b1');
    assert.equal(queue.jobs().length, 1, 'a running job stays');
    await queue.cancel('openai:b1');
    assert.equal(client.cancels, 1);
    assert.equal(queue.jobs()[0]?.state, 'cancelling');
    await step(queue, clock);
    assert.equal(queue.jobs()[0]?.state, 'cancelled');
    await queue.forget('openai:b1');
    assert.equal(queue.jobs().length, 0);
  });

  it('persists every change; a queue opened on the same store (a reloaded window) resumes the job where it was', async () => {
    const client = new ScriptedClient([{ state: 'inProgress', counts: {} }, { state: 'ended', counts: {} }], [answer('a'), answer('b')]);
    const world = queueWith(client);
    const first = await world.open();
    await first.add(job);
    await step(first, world.clock);
    const reloaded = await world.open();
    assert.deepEqual(reloaded.jobs(), first.jobs());
    const finished = reloaded.whenFinished(['openai:b1']);
    await step(reloaded, world.clock);
    assert.deepEqual((await finished).map((j) => j.state), ['done']);
  });

  it('drops persisted entries that are not jobs (hand-edited state) and keeps the rest', async () => {
    const store = new MemoryStore();
    const world = queueWith(new ScriptedClient([]), store);
    const queue = await world.open();
    await queue.add(job);
    store.saved = [{ id: 'nonsense' }, ...(store.saved as unknown[]), 42];
    assert.deepEqual((await world.open()).jobs().map((j) => j.id), ['openai:b1']);
  });

  it('without a client (no key) the job waits, saying what to do', async () => {
    const { open, clock } = queueWith(undefined);
    const queue = await open();
    await queue.add(job);
    await step(queue, clock);
    assert.match(queue.jobs()[0]?.problem ?? '', /set its API key/);
    assert.equal(queue.jobs()[0]?.state, 'submitted');
  });
});

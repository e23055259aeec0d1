import assert from 'node:assert/strict';
import { BATCH_SCENARIO_MODEL } from '../../../fakes/batchJobs';
import type { FakeServer } from '../../../fakes/fakeServer';
import type { VendorId } from '../../../fakes/scenario';
import { answerFor, usageFor } from '../../../fakes/script';
import { ProviderError } from '../../../../src/core/errors';
import type { BatchClient, BatchItem, BatchResult, BatchStatus } from '../../../../src/core/providers/batchClient';

/**
 * The same behaviour, checked for each vendor's batch client through its SDK against the fake's batch endpoints:
 * submit, status over polls, results with partial failures, cancel, expiry, refusal, errors classified.
 */
export interface BatchContract {
  readonly vendor: VendorId;
  readonly model: string;
  readonly client: (fake: FakeServer, key?: string) => BatchClient;
}

export function items(model: string, count: number): BatchItem[] {
  return Array.from({ length: count }, (_, i) => ({
    customId: `case-${i}`, request: { model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `Question number ${i}?` }], maxOutputTokens: 64 },
  }));
}

async function pollUntilFinal(client: BatchClient, id: string): Promise<BatchStatus[]> {
  const seen: BatchStatus[] = [];
  for (let i = 0; i < 10; i += 1) {
    const status = await client.poll(id);
    seen.push(status);
    if (['ended', 'expired', 'cancelled', 'failed'].includes(status.state)) return seen;
  }
  throw new Error('the job never ended');
}

function answered(results: readonly BatchResult[]): string[] {
  return results.filter((r) => r.ok).map((r) => r.customId);
}

export function batchContract(fake: FakeServer, contract: BatchContract): void {
  const { vendor, model } = contract;
  const plan = (batch: NonNullable<Parameters<FakeServer['enqueue']>[0]['batch']>) => fake.enqueue({ vendor, model: BATCH_SCENARIO_MODEL, batch });

  it('submits, moves submitted → in progress → ended over polls, and returns every answer with its usage', async () => {
    plan({ pollsToEnd: 3 });
    const client = contract.client(fake);
    const id = await client.submit(items(model, 4));
    const states = (await pollUntilFinal(client, id)).map((s) => s.state);
    assert.deepEqual(states, ['inProgress', 'inProgress', 'ended']);
    const results = await client.results(id);
    assert.deepEqual(results.map((r) => r.customId), ['case-0', 'case-1', 'case-2', 'case-3']);
    const first = results[0];
    assert.ok(first?.ok === true);
    const text = answerFor(model, 'Question number 0?');
    assert.equal(first.text, text);
    const usage = usageFor(['Be brief.', 'Question number 0?'], text);
    assert.equal(first.usage.inputTokens, usage.input);
    assert.equal(first.usage.outputTokens, usage.output);
    assert.equal(first.finish, 'stop');
  });

  it('reports partial failures per request, classified', async () => {
    plan({ pollsToEnd: 1, failIds: ['case-1'] });
    const client = contract.client(fake);
    const id = await client.submit(items(model, 3));
    await pollUntilFinal(client, id);
    const results = await client.results(id);
    assert.deepEqual(answered(results), ['case-0', 'case-2']);
    const failed = results.find((r) => r.customId === 'case-1');
    assert.ok(failed !== undefined && !failed.ok);
    assert.equal(failed.kind, 'error');
    assert.equal(failed.reason, 'serverError');
  });

  it('expires: the finished half answers, the rest comes back expired (or missing, for the caller to mark)', async () => {
    plan({ pollsToEnd: 1, expire: true });
    const client = contract.client(fake);
    const id = await client.submit(items(model, 4));
    const [status] = await pollUntilFinal(client, id);
    assert.equal(status?.state, 'expired');
    const results = await client.results(id);
    assert.deepEqual(answered(results), ['case-0', 'case-1']);
    assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.kind === 'expired'));
  });

  it('cancels a running job: cancelling, then cancelled, with what finished before', async () => {
    plan({ pollsToEnd: 4 });
    const client = contract.client(fake);
    const id = await client.submit(items(model, 4));
    assert.equal((await client.poll(id)).state, 'inProgress');
    const cancelling = await client.cancel(id);
    // Gemini's cancel answers nothing; its client reads the job again, which may already show it cancelled.
    assert.ok(['cancelling', 'inProgress', 'cancelled'].includes(cancelling.state), cancelling.state);
    const final = await pollUntilFinal(client, id);
    assert.equal(final.at(-1)?.state, 'cancelled');
    const results = await client.results(id);
    assert.deepEqual(answered(results), ['case-0']);
  });

  it('a refused batch is failed, with our words for why', async () => {
    plan({ refuse: true });
    const client = contract.client(fake);
    const id = await client.submit(items(model, 2));
    const status = await client.poll(id);
    if (vendor === 'anthropic') return; // Anthropic refuses at create time only (a 400); its jobs never fail whole.
    assert.equal(status.state, 'failed');
    assert.ok(status.problem !== undefined);
  });

  it('a rejected key is a ProviderError with reason auth, and no key never reaches the wire', async () => {
    await assert.rejects(contract.client(fake, 'sk-invalid-key').submit(items(model, 1)), (error: unknown) => error instanceof ProviderError && error.reason === 'auth');
    const sent = fake.requests.length;
    await assert.rejects(contract.client(fake, '').poll('batch-x'), (error: unknown) => error instanceof ProviderError && error.reason === 'auth');
    assert.equal(fake.requests.length, sent);
  });

  it('a server error on create is classified like the streaming adapter does (serverError)', async () => {
    fake.enqueue({ vendor, model: BATCH_SCENARIO_MODEL, fault: { kind: 'server-error' } });
    await assert.rejects(contract.client(fake).submit(items(model, 1)), (error: unknown) => error instanceof ProviderError && error.reason === 'serverError');
  });
}

import assert from 'node:assert/strict';
import { batchEstimateUsd, createBatchRequests, type BatchRequestItem } from '../../../src/app/batchRequests';
import type { LedgerDraft } from '../../../src/core/cost/ledger';
import { priceCall } from '../../../src/core/cost/pricing';
import { ProviderError } from '../../../src/core/errors';
import { countMessageTokens } from '../../../src/core/routing/tokenEstimate';
import type { BatchClient, BatchItem } from '../../../src/core/providers/batchClient';
import { catalog } from './evals/batchHarness';

const luna = { provider: 'openai', model: 'gpt-6-luna' };
const sol = { provider: 'openai', model: 'gpt-6.2-sol' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const item = (customId: string, ref = luna): BatchRequestItem => ({ customId, ref, messages: [{ role: 'user', content: `question ${customId}` }], maxOutputTokens: 100 });

/** Our port, recording what each job carried (the SDK clients are tested against the fakes). */
function client(provider: string, oneModelPerBatch: boolean, maxRequests = 100, fail = false): BatchClient & { jobs: BatchItem[][] } {
  const jobs: BatchItem[][] = [];
  return {
    provider, oneModelPerBatch, maxRequests, jobs,
    submit: (items) => {
      if (fail) return Promise.reject(new ProviderError({ reason: 'serverError', provider, message: `${provider} is down.` }));
      jobs.push([...items]);
      return Promise.resolve(`b${jobs.length}`);
    },
    poll: () => Promise.reject(new Error('unused')),
    results: () => Promise.reject(new Error('unused')),
    cancel: () => Promise.reject(new Error('unused')),
  };
}

describe('createBatchRequests (the request path of batch jobs)', () => {
  const pricingOf = (ref: { provider: string; model: string }) => catalog.get(ref)?.pricing;

  it('groups jobs per model where the vendor wants one model a job, per provider otherwise, split at the size limit', async () => {
    const openai = client('openai', true, 2);
    const anthropic = client('anthropic', false);
    const requests = createBatchRequests({ clientFor: (p) => Promise.resolve(p === 'openai' ? openai : anthropic), pricingOf, record: () => undefined });
    const result = await requests.submit({ feature: 'eval', routeReason: 'r', items: [item('a'), item('b'), item('c'), item('d', sol), item('e', haiku), item('f', { provider: 'anthropic', model: 'claude-sonnet-5-5' })] });
    assert.ok(!('refused' in result));
    assert.deepEqual(openai.jobs.map((j) => j.map((i) => i.customId)), [['a', 'b'], ['c'], ['d']]);
    assert.deepEqual(anthropic.jobs.map((j) => j.map((i) => i.customId)), [['e', 'f']]);
    assert.equal(result.jobs.length, 4);
  });

  it('a provider without a batch client, or one that refuses the job, is reported per request; the rest go', async () => {
    const anthropic = client('anthropic', false, 100, true);
    const requests = createBatchRequests({ clientFor: (p) => Promise.resolve(p === 'anthropic' ? anthropic : undefined), pricingOf, record: () => undefined });
    const result = await requests.submit({ feature: 'eval', routeReason: 'r', items: [item('a'), item('e', haiku)] });
    assert.ok(!('refused' in result));
    assert.deepEqual(result.rejected.map((r) => [r.provider, r.customIds, r.problem]), [
      ['openai', ['a'], 'openai has no batch API Quorum can use (or no API key is set).'],
      ['anthropic', ['e'], 'anthropic is down.'],
    ]);
  });

  it('refuses before anything is sent when a model is not eligible', async () => {
    const openai = client('openai', true);
    const requests = createBatchRequests({ clientFor: () => Promise.resolve(openai), pricingOf, record: () => undefined, eligibility: () => Promise.resolve('openai/gpt-6-luna: not allowed.') });
    assert.deepEqual(await requests.submit({ feature: 'eval', routeReason: 'r', items: [item('a')] }), { refused: true, reason: 'openai/gpt-6-luna: not allowed.' });
    assert.equal(openai.jobs.length, 0);
  });

  it('estimates at batch prices: half the standard estimate of the same requests', () => {
    const items = [item('a'), item('b', haiku)];
    const estimate = batchEstimateUsd(items, pricingOf);
    const standard = items.reduce((sum, i) => sum + (priceCall({ inputTokens: countMessageTokens(i.messages).tokens, outputTokens: 100 }, pricingOf(i.ref)) ?? 0), 0);
    assert.ok(estimate !== undefined && standard > 0 && Math.abs(estimate - standard / 2) < 1e-12, `${estimate} is half of ${standard}`);
    assert.equal(batchEstimateUsd([item('x', { provider: 'compat:ollama', model: 'llama' })], pricingOf), undefined);
  });

  it('records each result once under an id of its job and request: batch, priced at the batch rate; a request that never ran is a known $0', () => {
    const drafts: LedgerDraft[] = [];
    const requests = createBatchRequests({ clientFor: () => Promise.resolve(undefined), pricingOf, record: (d) => void drafts.push(d) });
    const usage = { inputTokens: 1000, outputTokens: 200 };
    const costs = requests.record({
      provider: 'gemini', batchId: 'batches/abc', feature: 'eval', routeReason: 'eval s (batch)', submittedAt: 1000, endedAt: 61_000,
      results: [
        { ref: luna, result: { customId: 'c0-m0', ok: true, text: 'x', usage, finish: 'stop' } },
        { ref: luna, result: { customId: 'c1-m0', ok: false, kind: 'expired', message: 'The batch expired before this request ran.' } },
      ],
    });
    assert.deepEqual(drafts.map((d) => [d.id, d.batch, d.outcome, d.latencyMs]), [
      ['batch-gemini-batches_abc-c0-m0', true, 'success', 60_000],
      ['batch-gemini-batches_abc-c1-m0', true, 'cancelled', 60_000],
    ]);
    assert.equal(costs.get('c0-m0'), priceCall(usage, pricingOf(luna), { batch: true }));
    assert.equal(drafts[1]?.costUsd, 0);
  });
});

import assert from 'node:assert/strict';
import type { AskEngine, AskRunRequest } from '../../../src/app/askFlow';
import { createRequestService } from '../../../src/app/requestService';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { LedgerDraft } from '../../../src/core/cost/ledger';
import type { RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import type { ChatMessage } from '../../../src/core/types';
import { FakeClock } from '../core/resilience/fakeClock';
import { fakeEngine } from '../core/ensemble/fakeEngine';
import { decision, luna, profile } from '../core/ask/askFixtures';

function service(cachedInputTokens: number) {
  const sent: AskRunRequest[] = [];
  const records: LedgerDraft[] = [];
  const engine: AskEngine = {
    classify: () => profile,
    route: () => decision,
    run: async function* (_chain, request): AsyncGenerator<RunEvent, RunResult> {
      sent.push(request);
      yield { type: 'text-delta', text: 'ok' };
      return { answeredBy: luna, attempts: [], text: 'ok', usage: { inputTokens: 9_000, outputTokens: 1, cachedInputTokens } };
    },
  };
  const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
  const requests = createRequestService({
    engine,
    fanOut: { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => undefined },
    catalog: () => catalog,
    record: (draft) => void records.push(draft),
  });
  return { requests, sent, records };
}

const messages: ChatMessage[] = [{ role: 'user', content: 'file '.repeat(8_000) }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'q' }];

async function drain(gen: AsyncGenerator<unknown, unknown>): Promise<void> {
  for await (const _state of gen) { /* run to the end */ }
}

describe('requestService: prompt caching on the one path', () => {
  it('a follow-up carries the cache hint to the runner, and its ledger record says it hit', async () => {
    const { requests, sent, records } = service(8_000);
    const conversation = { id: 'conv-9', turn: 1, previous: { model: luna, at: Date.now() } };
    await drain(requests.ask({ prompt: 'q', request: { messages, feature: 'ask', conversation } }, new AbortController().signal));
    assert.deepEqual(sent[0]?.cache, { key: 'conv-9', stablePrefixMessages: 2 });
    assert.deepEqual(records[0]?.promptCache, { conversation: 'conv-9', turn: 1, hit: true });
  });

  it('a miss is recorded with its reason; a request outside a conversation has neither hint nor outcome', async () => {
    const missed = service(0);
    const conversation = { id: 'conv-9', turn: 1, previous: { model: { provider: 'anthropic', model: 'other' }, at: Date.now() } };
    await drain(missed.requests.ask({ prompt: 'q', request: { messages, feature: 'ask', conversation } }, new AbortController().signal));
    assert.equal(missed.records[0]?.promptCache?.miss, 'modelSwitched');
    const plain = service(0);
    await drain(plain.requests.ask({ prompt: 'q', request: { messages, feature: 'ask' } }, new AbortController().signal));
    assert.equal(plain.sent[0]?.cache, undefined);
    assert.equal(plain.records[0]?.promptCache, undefined);
  });
});

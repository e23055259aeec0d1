import type { BudgetGate } from '../../../../src/app/budgetGate';
import type { BatchJob } from '../../../../src/app/evals/batchJob';
import { BatchQueue, type BatchQueueStore } from '../../../../src/app/evals/batchQueue';
import { createRequestService, type RequestService } from '../../../../src/app/requestService';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import type { DataSentDraft } from '../../../../src/core/privacy/dataSent';
import type { BatchClient } from '../../../../src/core/providers/batchClient';
import { createAnthropicBatchClient } from '../../../../src/core/providers/anthropic/batch';
import { createGeminiBatchClient } from '../../../../src/core/providers/gemini/batch';
import { createOpenAIBatchClient } from '../../../../src/core/providers/openai/batch';
import type { FakeServer } from '../../../fakes/fakeServer';
import { FakeClock } from '../../core/resilience/fakeClock';

export const catalog = buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] });

/** A store that keeps what a window would persist; a new queue opened on it is a reloaded window. */
export class MemoryStore implements BatchQueueStore {
  saved: unknown = [];
  saves = 0;

  load(): Promise<unknown> {
    return Promise.resolve(JSON.parse(JSON.stringify(this.saved)) as unknown);
  }

  save(jobs: readonly BatchJob[]): Promise<void> {
    this.saved = JSON.parse(JSON.stringify(jobs)) as unknown;
    this.saves += 1;
    return Promise.resolve();
  }
}

export function batchClients(fake: FakeServer): (provider: string) => Promise<BatchClient | undefined> {
  return (provider) => Promise.resolve(
    provider === 'openai' ? createOpenAIBatchClient({ id: 'openai', displayName: 'OpenAI', apiKey: 'sk-test', baseUrl: fake.baseUrls.openai })
      : provider === 'anthropic' ? createAnthropicBatchClient({ id: 'anthropic', displayName: 'Anthropic', apiKey: 'sk-ant-test', baseUrl: fake.baseUrls.anthropic })
        : provider === 'gemini' ? createGeminiBatchClient({ id: 'gemini', displayName: 'Google Gemini', apiKey: 'AIza-test', baseUrl: fake.baseUrls.gemini })
          : undefined,
  );
}

export interface BatchWorld {
  readonly requests: RequestService;
  readonly records: LedgerDraft[];
  readonly sent: DataSentDraft[];
  readonly estimates: (number | undefined)[];
  readonly clock: FakeClock;
  readonly store: MemoryStore;
  readonly clientFor: (provider: string) => Promise<BatchClient | undefined>;
  /** A queue over the world's store: call again for a "reloaded window". */
  openQueue(): Promise<BatchQueue>;
}

/** The request path (real parts, fake-server batch clients), a ledger, a data-sent log, a budget that says go. */
export function batchWorld(fake: FakeServer, options: { admit?: boolean; secrets?: 'redact' | 'block' } = {}): BatchWorld {
  const records: LedgerDraft[] = [];
  const sent: DataSentDraft[] = [];
  const estimates: (number | undefined)[] = [];
  const budget: BudgetGate = {
    admit: (estimate) => {
      estimates.push(estimate);
      return Promise.resolve(options.admit === false ? { go: false, reason: 'Not sent: over the daily cap' } : { go: true });
    },
    liveCheck: () => undefined,
  };
  const clientFor = batchClients(fake);
  const requests = createRequestService({
    engine: { classify: () => { throw new Error('no ask here'); }, route: () => { throw new Error('no ask here'); }, run: () => { throw new Error('no ask here'); } },
    fanOut: { engine: { run: () => { throw new Error('no live call here'); } }, clock: new FakeClock(), pricingOf: (ref) => catalog.get(ref)?.pricing },
    catalog: () => catalog,
    record: (draft) => void records.push(draft),
    budget,
    privacy: { secretsMode: () => options.secrets ?? 'redact', record: (draft) => void sent.push(draft), originOf: () => 'http://127.0.0.1' },
    batchClients: clientFor,
  });
  const clock = new FakeClock();
  const store = new MemoryStore();
  return {
    requests, records, sent, estimates, clock, store, clientFor,
    openQueue: () => BatchQueue.open({ store, clock, clientFor, record: (input) => requests.batch.record(input) }),
  };
}

/** Moves the clock to the next due poll and polls, until every job is final; returns the polls it took. */
export async function driveToEnd(queue: BatchQueue, clock: FakeClock, limit = 20): Promise<number> {
  for (let rounds = 0; rounds < limit; rounds += 1) {
    const due = queue.nextDueAt();
    if (due === undefined) return rounds;
    clock.advance(Math.max(0, due - clock.now()));
    await queue.tick();
  }
  throw new Error('the queue never finished');
}

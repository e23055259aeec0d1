import { isProviderError } from '../../core/errors';
import { completeResults, STATES_WITH_RESULTS, type BatchClient, type BatchResult, type BatchState, type BatchStatus } from '../../core/providers/batchClient';
import type { Clock } from '../../core/ports';
import type { BatchRecordInput } from '../batchRequests';
import { isFinal, parseBatchJobs, type BatchItemOutcome, type BatchJob, type BatchJobState } from './batchJob';

/**
 * The visible, persistent queue of batch jobs: polls each job with exponential backoff (by the injected clock; the
 * host's timer only says when to `tick`), saves every change through the storage port so a window reload loses
 * nothing (`open` resumes every unfinished job), and when a job ends fetches its results, records them in the
 * ledger through the request path (`record`) and keeps each request's outcome for the eval run to grade.
 */

/** Where the queue persists its jobs (the extension: workspace state; tests: memory). */
export interface BatchQueueStore {
  load(): Promise<unknown>;
  save(jobs: readonly BatchJob[]): Promise<void>;
}

export interface BatchBackoff {
  /** Wait before the first status read, ms. */
  readonly firstMs: number;
  /** Longest wait between two reads, ms. */
  readonly maxMs: number;
  readonly factor: number;
}

/** 30 s, 1 min, 2 min … capped at 10 min: jobs take minutes to hours, and each read is a request. */
export const BATCH_POLL_BACKOFF: BatchBackoff = { firstMs: 30_000, maxMs: 600_000, factor: 2 };

/** The wait before the next status read, after `polls` reads, ms. */
export function pollDelayMs(polls: number, backoff: BatchBackoff = BATCH_POLL_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * backoff.factor ** polls);
}

export interface BatchQueueDeps {
  readonly store: BatchQueueStore;
  readonly clock: Clock;
  readonly clientFor: (provider: string) => Promise<BatchClient | undefined>;
  /** The request path's ledger step for finished jobs (`RequestService.batch.record`). */
  readonly record: (input: BatchRecordInput) => ReadonlyMap<string, number | undefined>;
  readonly backoff?: BatchBackoff;
}

/** A job as submitted, before the queue schedules it. */
export type NewBatchJob = Omit<BatchJob, 'id' | 'state' | 'counts' | 'nextPollAt' | 'polls'>;

export class BatchQueue {
  private readonly listeners = new Set<() => void>();
  private ticking: Promise<void> | undefined;

  private constructor(private readonly deps: BatchQueueDeps, private list: BatchJob[]) {}

  /** The queue with every persisted job; unfinished ones resume polling on the next `tick`. */
  static async open(deps: BatchQueueDeps): Promise<BatchQueue> {
    return new BatchQueue(deps, parseBatchJobs(await deps.store.load()));
  }

  jobs(): readonly BatchJob[] {
    return this.list;
  }

  /** Called after every change (a job added, polled, finished, cancelled or forgotten); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async add(job: NewBatchJob): Promise<BatchJob> {
    const added: BatchJob = {
      ...job, id: `${job.provider}:${job.batchId}`, state: 'submitted', counts: { total: job.items.length }, polls: 0,
      nextPollAt: this.deps.clock.now() + pollDelayMs(0, this.deps.backoff),
    };
    await this.commit([...this.list.filter((j) => j.id !== added.id), added]);
    return added;
  }

  /** When the next status read is due (ms since the epoch), or `undefined` when every job is final. */
  nextDueAt(): number | undefined {
    const due = this.list.filter((j) => !isFinal(j)).map((j) => j.nextPollAt);
    return due.length === 0 ? undefined : Math.min(...due);
  }

  /**
   * Reads the status of every job that is due (every unfinished job with `now`: "Check Now"), once; a job that
   * ended gets its results recorded. A tick asked for while one runs joins it.
   */
  tick(now = false): Promise<void> {
    this.ticking ??= this.pollDue(now).finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /** Asks the vendor to cancel; the job ends `cancelled` on a later read, keeping what finished before. */
  async cancel(id: string): Promise<void> {
    const job = this.list.find((j) => j.id === id);
    if (job === undefined || isFinal(job)) return;
    const client = await this.deps.clientFor(job.provider);
    if (client === undefined) return this.update(job, { problem: `No ${job.provider} client: set its API key to cancel.` });
    try {
      const status = await client.cancel(job.batchId);
      await this.update(job, { state: 'cancelling', counts: status.counts, nextPollAt: this.deps.clock.now() + pollDelayMs(0, this.deps.backoff) });
    } catch (error) {
      await this.update(job, { problem: problemOf(error) });
    }
  }

  /** Drops a finished job from the queue (its ledger records stay). */
  async forget(id: string): Promise<void> {
    const job = this.list.find((j) => j.id === id);
    if (job !== undefined && isFinal(job)) await this.commit(this.list.filter((j) => j.id !== id));
  }

  /** Resolves with the jobs once every one of `ids` is final (at once when they already are). */
  whenFinished(ids: readonly string[]): Promise<BatchJob[]> {
    const done = (): BatchJob[] | undefined => {
      const jobs = ids.map((id) => this.list.find((j) => j.id === id));
      return jobs.every((j): j is BatchJob => j === undefined || isFinal(j)) ? jobs.filter((j): j is BatchJob => j !== undefined) : undefined;
    };
    return new Promise((resolve) => {
      const now = done();
      if (now !== undefined) return resolve(now);
      const stop = this.onChange(() => {
        const finished = done();
        if (finished === undefined) return;
        stop();
        resolve(finished);
      });
    });
  }

  private async pollDue(all: boolean): Promise<void> {
    const now = this.deps.clock.now();
    for (const job of this.list.filter((j) => !isFinal(j) && (all || j.nextPollAt <= now))) await this.pollOne(job);
  }

  private async pollOne(job: BatchJob): Promise<void> {
    const next = (polls: number) => ({ polls, nextPollAt: this.deps.clock.now() + pollDelayMs(polls, this.deps.backoff) });
    const client = await this.deps.clientFor(job.provider);
    if (client === undefined) return this.update(job, { ...next(job.polls + 1), problem: `No ${job.provider} client: set its API key to resume this job.` });
    let status: BatchStatus;
    try {
      status = await client.poll(job.batchId);
    } catch (error) {
      return this.update(job, { ...next(job.polls + 1), problem: problemOf(error) });
    }
    if (status.state === 'failed') {
      const problem = status.problem ?? 'The vendor refused the batch.';
      return this.update(job, { state: 'failed', counts: status.counts, endedAt: this.deps.clock.now(), problem, outcomes: job.items.map((i) => ({ customId: i.customId, ok: false, error: problem })) });
    }
    if (!STATES_WITH_RESULTS.has(status.state)) {
      return this.update(job, { ...next(job.polls + 1), state: status.state === 'submitted' ? 'submitted' : status.state === 'cancelling' ? 'cancelling' : 'inProgress', counts: status.counts });
    }
    let results: BatchResult[];
    try {
      results = completeResults(job.items.map((i) => i.customId), await client.results(job.batchId), status.state);
    } catch (error) {
      return this.update(job, { ...next(job.polls + 1), problem: problemOf(error) });
    }
    await this.finish(job, status.state, results);
  }

  private async finish(job: BatchJob, state: BatchState, results: readonly BatchResult[]): Promise<void> {
    const endedAt = this.deps.clock.now();
    const refOf = new Map(job.items.map((i) => [i.customId, i.ref]));
    const costs = this.deps.record({
      provider: job.provider, batchId: job.batchId, feature: job.feature, routeReason: job.routeReason, submittedAt: job.submittedAt, endedAt,
      results: results.flatMap((result) => {
        const ref = refOf.get(result.customId);
        return ref === undefined ? [] : [{ ref, result }];
      }),
    });
    const outcomes = results.map((r): BatchItemOutcome => {
      const costUsd = costs.get(r.customId);
      return { customId: r.customId, ok: r.ok, ...(r.ok ? { text: r.text } : { error: r.message }), ...(costUsd !== undefined ? { costUsd } : {}) };
    });
    const failed = outcomes.filter((o) => !o.ok).length;
    const final: BatchJobState = state === 'expired' ? 'expired' : state === 'cancelled' ? 'cancelled' : failed > 0 ? 'partiallyDone' : 'done';
    await this.update(job, { state: final, counts: { total: job.items.length, done: outcomes.length, failed }, endedAt, outcomes });
  }

  private async update(job: BatchJob, change: Partial<BatchJob>): Promise<void> {
    const { problem: _old, ...rest } = this.list.find((j) => j.id === job.id) ?? job;
    // A successful read clears the last problem; a change that carries one sets it.
    const updated: BatchJob = { ...rest, ...change };
    await this.commit(this.list.map((j) => (j.id === job.id ? updated : j)));
  }

  private async commit(list: BatchJob[]): Promise<void> {
    this.list = list;
    await this.deps.store.save(list);
    for (const listener of [...this.listeners]) listener();
  }
}

function problemOf(error: unknown): string {
  return isProviderError(error) ? error.message : 'The batch call failed unexpectedly.';
}

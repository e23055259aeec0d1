import { z } from 'zod';
import type { BatchCounts } from '../../core/providers/batchClient';
import type { ModelRef } from '../../core/types';

/**
 * One batch job in the queue, as persisted (workspace state): everything needed to resume polling after a window
 * reload, record its results in the ledger, and map them back to eval cases. Plain JSON.
 */

/**
 * Where a job is, as the queue shows it: `submitted`, `inProgress`, `cancelling`; then, final: `done` (every request
 * answered), `partiallyDone` (ended, some requests failed), `expired` (the vendor's 24 h window closed; what
 * finished is kept), `cancelled` (by the user; what finished is kept), `failed` (the vendor refused the job).
 */
export type BatchJobState = 'submitted' | 'inProgress' | 'cancelling' | 'done' | 'partiallyDone' | 'expired' | 'cancelled' | 'failed';

export const FINAL_JOB_STATES: ReadonlySet<BatchJobState> = new Set(['done', 'partiallyDone', 'expired', 'cancelled', 'failed']);

/** One request of the job and the eval case it answers. */
export interface BatchJobItem {
  readonly customId: string;
  readonly ref: ModelRef;
  readonly caseId: string;
}

/** What one request of a finished job produced. */
export interface BatchItemOutcome {
  readonly customId: string;
  readonly ok: boolean;
  /** The answer, when `ok`. */
  readonly text?: string;
  /** Why there is no answer, when not `ok`. */
  readonly error?: string;
  /** USD at the batch rate; absent when unknown. */
  readonly costUsd?: number;
}

export interface BatchJob {
  /** `<provider>:<vendor batch id>`, unique in the queue. */
  readonly id: string;
  readonly provider: string;
  readonly batchId: string;
  /** The eval run the job belongs to (a run of several vendors has several jobs). */
  readonly runId: string;
  readonly suiteId: string;
  readonly feature: string;
  readonly routeReason: string;
  readonly items: readonly BatchJobItem[];
  readonly state: BatchJobState;
  readonly counts: BatchCounts;
  /** ms since the epoch. */
  readonly submittedAt: number;
  readonly nextPollAt: number;
  /** Status reads so far (the backoff's exponent). */
  readonly polls: number;
  readonly endedAt?: number;
  /** The last poll's failure, or why the vendor refused the job (our words). */
  readonly problem?: string;
  /** Per-request outcomes, once final. */
  readonly outcomes?: readonly BatchItemOutcome[];
}

export function isFinal(job: Pick<BatchJob, 'state'>): boolean {
  return FINAL_JOB_STATES.has(job.state);
}

const ref = z.object({ provider: z.string(), model: z.string() });
const count = z.number().int().nonnegative().optional();

const jobSchema = z.object({
  id: z.string().min(1),
  provider: z.string().min(1),
  batchId: z.string().min(1),
  runId: z.string(),
  suiteId: z.string(),
  feature: z.string().min(1),
  routeReason: z.string(),
  items: z.array(z.object({ customId: z.string(), ref, caseId: z.string() })),
  state: z.enum(['submitted', 'inProgress', 'cancelling', 'done', 'partiallyDone', 'expired', 'cancelled', 'failed']),
  counts: z.object({ total: count, done: count, failed: count }),
  submittedAt: z.number(),
  nextPollAt: z.number(),
  polls: z.number().int().nonnegative(),
  endedAt: z.number().optional(),
  problem: z.string().optional(),
  outcomes: z.array(z.object({ customId: z.string(), ok: z.boolean(), text: z.string().optional(), error: z.string().optional(), costUsd: z.number().optional() })).optional(),
});

/** The jobs of persisted state; a job that does not validate (hand-edited, from a newer Quorum) is dropped. */
export function parseBatchJobs(raw: unknown): BatchJob[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = jobSchema.safeParse(entry);
    return parsed.success ? [parsed.data as BatchJob] : [];
  });
}

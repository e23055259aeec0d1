import type { ProviderErrorReason } from '../errors';
import type { ChatRequest, FinishReason, Usage } from '../types';

/**
 * The vendor-neutral port over the providers' batch APIs (OpenAI Batch, Anthropic Message Batches, Gemini batch
 * mode): submit many requests at once, poll the job, fetch its per-request results, cancel it. A batch costs half
 * the standard rate and finishes within the vendor's window (24 h), so it suits eval runs, never an answer someone
 * waits for. Adapters live in `core/providers/<vendor>/batch.ts` over the official SDKs (`maxRetries: 0`, explicit
 * timeouts) and throw only `ProviderError`, classified like the streaming adapters.
 */

/** One request of a batch; `customId` comes back with its result (unique within the batch, ≤ 64 chars). */
export interface BatchItem {
  readonly customId: string;
  readonly request: ChatRequest;
}

/**
 * Where a batch job is, in one vocabulary for every vendor:
 * - `submitted`: accepted, not started (OpenAI `validating`, Gemini `PENDING`);
 * - `inProgress`: running (OpenAI `in_progress`/`finalizing`, Anthropic `in_progress`, Gemini `RUNNING`);
 * - `ended`: results are ready (some may be errors);
 * - `expired`: the vendor's window closed first; results hold what finished, the rest are `expired`;
 * - `cancelling` / `cancelled`: cancelled by us; results hold what finished before;
 * - `failed`: the vendor refused the whole batch (e.g. OpenAI validation failed); no results.
 */
export type BatchState = 'submitted' | 'inProgress' | 'ended' | 'expired' | 'cancelling' | 'cancelled' | 'failed';

/** States after which the job never changes again. */
export const FINAL_BATCH_STATES: ReadonlySet<BatchState> = new Set(['ended', 'expired', 'cancelled', 'failed']);

/** States whose job has results to fetch (possibly none of them successes). */
export const STATES_WITH_RESULTS: ReadonlySet<BatchState> = new Set(['ended', 'expired', 'cancelled']);

export interface BatchCounts {
  readonly total?: number;
  /** Requests that finished (successfully or not) so far. */
  readonly done?: number;
  /** Of `done`, those that failed, expired or were cancelled. */
  readonly failed?: number;
}

export interface BatchStatus {
  readonly state: BatchState;
  readonly counts: BatchCounts;
  /** Why the whole batch failed, when it did (our words, never provider text). */
  readonly problem?: string;
}

/** The answer to one request of a batch. */
export interface BatchAnswer {
  readonly customId: string;
  readonly ok: true;
  readonly text: string;
  /** Provider-reported usage; a field is absent when unknown. */
  readonly usage: Usage;
  readonly finish: FinishReason;
}

/** A request of a batch that produced no answer. */
export interface BatchFailure {
  readonly customId: string;
  readonly ok: false;
  /** `error`: the request failed; `expired`/`cancelled`: the job ended before it ran. */
  readonly kind: 'error' | 'expired' | 'cancelled';
  readonly reason?: ProviderErrorReason;
  readonly message: string;
}

export type BatchResult = BatchAnswer | BatchFailure;

export interface BatchCallOptions {
  readonly signal?: AbortSignal;
  /** Deadline of each HTTP call, in ms (default `BATCH_CALL_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
}

/** Each batch HTTP call (upload, create, poll, results, cancel) must answer within this, in ms. */
export const BATCH_CALL_TIMEOUT_MS = 60_000;

export interface BatchClient {
  /** Provider instance id (`openai`, `anthropic`, `gemini`). */
  readonly provider: string;
  /** OpenAI and Gemini take one model per batch; Anthropic mixes models. */
  readonly oneModelPerBatch: boolean;
  /** Most requests one batch may carry (the vendor's limit); larger runs are split. */
  readonly maxRequests: number;
  /** Submits the items as one batch; returns the vendor's batch id. */
  submit(items: readonly BatchItem[], options?: BatchCallOptions): Promise<string>;
  poll(batchId: string, options?: BatchCallOptions): Promise<BatchStatus>;
  /** Every result the job has; call once it is in `STATES_WITH_RESULTS`. */
  results(batchId: string, options?: BatchCallOptions): Promise<BatchResult[]>;
  cancel(batchId: string, options?: BatchCallOptions): Promise<BatchStatus>;
}

/** A reason for a per-request HTTP status inside a batch result (no SDK error class exists for those). */
export function reasonForBatchStatus(status: number | undefined): ProviderErrorReason {
  if (status === undefined) return 'serverError';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 413) return 'requestTooLarge';
  if (status === 429) return 'rateLimited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'serverError';
  return 'invalidRequest';
}

/**
 * Every submitted id with a result: the vendor's own, and for each id it left out a failure saying the job
 * ended before the request ran (`expired` or `cancelled` by the job's state, else a missing result).
 */
export function completeResults(customIds: readonly string[], results: readonly BatchResult[], state: BatchState): BatchResult[] {
  const byId = new Map(results.map((r) => [r.customId, r]));
  return customIds.map((customId): BatchResult => byId.get(customId) ?? (state === 'expired' || state === 'cancelled'
    ? { customId, ok: false, kind: state, message: state === 'expired' ? 'The batch expired before this request ran.' : 'The batch was cancelled before this request ran.' }
    : { customId, ok: false, kind: 'error', reason: 'malformedResponse', message: 'The batch ended without a result for this request.' }));
}
